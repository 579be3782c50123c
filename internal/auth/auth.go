package auth

import (
	"crypto/rsa"
	"fmt"
)

// Options is what a plugin may use to answer the server. The zero value has
// an empty password and allows nothing optional. A nil *Options passed to
// Start or Continue counts as the zero value.
type Options struct {
	// Password is the account's password; empty means none.
	Password string
	// Secure reports that the channel is TLS or a unix socket, so a
	// clear-text password is acceptable on it. Default false.
	Secure bool
	// ServerPublicKey is the RSA key configured by the user for
	// caching_sha2_password and sha256_password; it wins over any key the
	// server sends. Default nil.
	ServerPublicKey *rsa.PublicKey
	// AllowPublicKeyRetrieval lets caching_sha2_password and sha256_password
	// ask the server for its RSA key when none is configured and the channel
	// is not secure. Default false.
	AllowPublicKeyRetrieval bool
	// AllowCleartext opts in to mysql_clear_password and the dialog (PAM)
	// plugin, which still answer only when Secure. Default false.
	AllowCleartext bool
	// AllowOldPasswords opts in to mysql_old_password. Default false.
	AllowOldPasswords bool
}

// Plugin is one authentication exchange for one connection: a fresh value per
// attempt, used by one goroutine.
type Plugin interface {
	// Name returns the plugin's name as the server spells it.
	Name() string
	// Start answers the server's nonce (the scramble from the handshake, or
	// the data of an auth switch). The response may be empty; it is sent
	// even then.
	Start(nonce []byte, o *Options) ([]byte, error)
	// Continue is called with each further packet payload that is not OK,
	// ERR or an auth switch (for MySQL that is AuthMoreData, starting 0x01;
	// for dialog, a prompt). It returns the bytes to send, or nil with no
	// error to send nothing and wait for the next packet.
	Continue(payload []byte, o *Options) ([]byte, error)
}

// The names of the supported plugins, as the server spells them.
const (
	NativePassword      = "mysql_native_password"
	CachingSHA2Password = "caching_sha2_password"
	SHA256Password      = "sha256_password"
	ClearPassword       = "mysql_clear_password"
	OldPassword         = "mysql_old_password"
	Ed25519             = "client_ed25519"
	Dialog              = "dialog"
)

// New returns a fresh plugin for the exchange named name. An unknown name
// gives an *UnsupportedError.
func New(name string) (Plugin, error) {
	switch name {
	case NativePassword:
		return &nativePassword{}, nil
	case CachingSHA2Password:
		return newCachingSHA2(), nil
	case SHA256Password:
		return newSHA256(), nil
	case ClearPassword:
		return &clearPassword{}, nil
	case OldPassword:
		return &oldPassword{}, nil
	case Ed25519:
		return &ed25519Password{}, nil
	case Dialog:
		return &dialog{}, nil
	}
	return nil, &UnsupportedError{Plugin: name}
}

// Names returns the names New accepts, in a new slice.
func Names() []string {
	return []string{NativePassword, CachingSHA2Password, SHA256Password,
		ClearPassword, OldPassword, Ed25519, Dialog}
}

// scrambleLen is the length of the nonce the MySQL protocol's plugins use.
const scrambleLen = 20

// scramble20 returns the 20-byte scramble at the start of nonce: the greeting
// carries it with a trailing NUL, an auth switch with or without one.
func scramble20(plugin string, nonce []byte) ([]byte, error) {
	if len(nonce) < scrambleLen {
		return nil, unexpected(plugin, "the nonce has %d bytes, want %d", len(nonce), scrambleLen)
	}
	return nonce[:scrambleLen:scrambleLen], nil
}

// options returns o, or the zero Options for nil.
func options(o *Options) *Options {
	if o == nil {
		return &Options{}
	}
	return o
}

// passwordNUL returns the password followed by a NUL, the form in which the
// clear-text exchanges send it.
func passwordNUL(password string) []byte {
	b := make([]byte, len(password)+1)
	copy(b, password)
	return b
}

// unexpected reports server data the plugin cannot accept.
func unexpected(plugin, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrUnexpectedData, plugin, fmt.Sprintf(format, args...))
}
