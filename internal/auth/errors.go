package auth

import (
	"errors"
	"fmt"
)

// Errors the plugins return, matched with errors.Is. The returned errors wrap
// them with the plugin's name and details; none contains the password.
var (
	// ErrUnsupportedPlugin is matched by every *UnsupportedError.
	ErrUnsupportedPlugin = errors.New("aiomysql: unsupported authentication plugin")
	// ErrCleartextRefused is returned by mysql_clear_password and dialog
	// when they would send the password in clear and may not: the option
	// AllowCleartext is off, or the channel is not secure (then the error
	// also matches ErrInsecureChannel). Nothing was sent.
	ErrCleartextRefused = errors.New("aiomysql: clear-text password refused")
	// ErrInsecureChannel is wrapped, with ErrCleartextRefused, when a
	// clear-text password was allowed but the channel is neither TLS nor a
	// unix socket.
	ErrInsecureChannel = errors.New("the channel is neither TLS nor a unix socket")
	// ErrOldPasswordRefused is returned by mysql_old_password unless
	// AllowOldPasswords is set. Nothing was sent.
	ErrOldPasswordRefused = errors.New("aiomysql: mysql_old_password refused: the pre-4.1 scheme is weak; AllowOldPasswords is off")
	// ErrPublicKeyNeeded is returned when the server needs the password in
	// full on a channel that is not secure and there is no RSA key to
	// encrypt it: none is configured and retrieving the server's key is not
	// allowed. Nothing was sent.
	ErrPublicKeyNeeded = errors.New("aiomysql: the server needs the full password: use TLS, configure the server's RSA public key, or allow public key retrieval")
	// ErrBadPublicKey is returned for a PEM that does not hold a usable RSA
	// public key, from the server or from the user.
	ErrBadPublicKey = errors.New("aiomysql: bad RSA public key")
	// ErrPasswordTooLong is returned when the password does not fit in one
	// RSA-OAEP block of the server's key.
	ErrPasswordTooLong = errors.New("aiomysql: password too long for the server's RSA key")
	// ErrUnexpectedData is returned for server data a plugin cannot accept:
	// a malformed nonce or AuthMoreData packet, or a packet out of turn.
	ErrUnexpectedData = errors.New("aiomysql: unexpected authentication data from the server")
	// ErrUnansweredPrompt is returned by dialog for a question it cannot
	// answer without a person: an ordinary (echoed) question, or a second
	// password question.
	ErrUnansweredPrompt = errors.New("aiomysql: dialog: cannot answer the server's question")
)

// UnsupportedError reports a plugin name New does not know.
type UnsupportedError struct {
	// Plugin is the name the server or the user asked for.
	Plugin string
}

// Error returns the message, naming the plugin.
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%v %q", ErrUnsupportedPlugin, truncate(e.Plugin))
}

// Is reports whether target is ErrUnsupportedPlugin.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupportedPlugin }

// truncate shortens server-chosen text put into an error message.
func truncate(s string) string {
	const limit = 64
	if len(s) > limit {
		return s[:limit] + "..."
	}
	return s
}
