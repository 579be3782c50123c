package stdlib

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"errors"
	"io"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
)

// The registries below exist for drop-in use of code written for
// go-sql-driver/mysql. They are the only mutable state of the project: one
// mutex-guarded set of maps in this package, read when a DSN is parsed
// (TLS configurations, server keys, networks) or when a connection is
// opened (local files, reader handlers). The recommended way is the
// Config field each entry names: Config.TLSConfig, Config.ServerPublicKey,
// Config.Dialer, Config.LocalInfile with Config.LocalInfileAllow, and
// aiomysql.Conn.LoadData (reached with sql.Conn.Raw) for readers.
var registry struct {
	mu      sync.Mutex
	tls     map[string]*tls.Config
	keys    map[string]*rsa.PublicKey
	files   map[string]bool
	readers map[string]func() io.Reader
	dialers map[string]DialContextFunc
}

// ErrRegistry is what a registration with a reserved or empty name wraps.
var ErrRegistry = errors.New("aiomysql/stdlib: invalid registration")

// DialContextFunc opens a connection to addr for a network registered with
// RegisterDialContext.
type DialContextFunc func(ctx context.Context, addr string) (net.Conn, error)

// reservedTLS are the tls= values with a meaning of their own.
func reservedTLS(name string) bool {
	switch strings.ToLower(name) {
	case "true", "false", "1", "0", "skip-verify", "preferred", "disabled", "required", "verify-ca",
		"verify-identity", "verify_ca", "verify_identity", "":
		return true
	}
	return false
}

// RegisterTLSConfig registers a TLS configuration under name, for DSNs with
// tls=name (go-sql-driver/mysql's function). The configuration is cloned.
// The names true, false, skip-verify, preferred and the TLS modes are
// reserved. Recommended instead: Config.TLSConfig.
func RegisterTLSConfig(name string, cfg *tls.Config) error {
	if reservedTLS(name) {
		return errors.Join(ErrRegistry, errors.New("TLS config name "+name+" is reserved"))
	}
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.tls == nil {
		registry.tls = map[string]*tls.Config{}
	}
	registry.tls[name] = cfg.Clone()
	return nil
}

// DeregisterTLSConfig removes the TLS configuration registered under name.
func DeregisterTLSConfig(name string) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	delete(registry.tls, name)
}

// RegisterServerPubKey registers the server's RSA key under name, for DSNs
// with serverPubKey=name (caching_sha2_password and sha256_password without
// TLS). Recommended instead: Config.ServerPublicKey.
func RegisterServerPubKey(name string, key *rsa.PublicKey) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.keys == nil {
		registry.keys = map[string]*rsa.PublicKey{}
	}
	registry.keys[name] = key
}

// DeregisterServerPubKey removes the key registered under name.
func DeregisterServerPubKey(name string) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	delete(registry.keys, name)
}

// RegisterLocalFile allows LOAD DATA LOCAL INFILE of filePath (a file, or
// a directory and what is under it) on connections opened afterwards, and
// turns LOCAL INFILE on for them. Paths are cleaned and symlinks resolved
// as for Config.LocalInfileAllow, the recommended way. There is no
// allowAllFiles: a DSN asking for it is an error.
func RegisterLocalFile(filePath string) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.files == nil {
		registry.files = map[string]bool{}
	}
	registry.files[filePath] = true
}

// DeregisterLocalFile removes filePath from the allowed files.
func DeregisterLocalFile(filePath string) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	delete(registry.files, filePath)
}

// RegisterReaderHandler registers a source of data for
// LOAD DATA LOCAL INFILE 'Reader::name': an Exec of such a statement reads
// what handler returns (closed afterwards when it is an io.Closer).
// Recommended instead: aiomysql.Conn.LoadData, reached with sql.Conn.Raw.
func RegisterReaderHandler(name string, handler func() io.Reader) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.readers == nil {
		registry.readers = map[string]func() io.Reader{}
	}
	registry.readers[name] = handler
}

// DeregisterReaderHandler removes the reader handler registered under name.
func DeregisterReaderHandler(name string) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	delete(registry.readers, name)
}

// RegisterDialContext registers a dialer for the network net, for DSNs of
// the form net(addr); registering "tcp" or "unix" replaces the default
// dialer for them. Recommended instead: Config.Dialer.
func RegisterDialContext(net string, dial DialContextFunc) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.dialers == nil {
		registry.dialers = map[string]DialContextFunc{}
	}
	registry.dialers[net] = dial
}

func registeredTLS(name string) (*tls.Config, bool) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	c, ok := registry.tls[name]
	return c.Clone(), ok
}

func registeredKey(name string) (*rsa.PublicKey, bool) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	k, ok := registry.keys[name]
	return k, ok
}

func registeredDialer(net string) (DialContextFunc, bool) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	d, ok := registry.dialers[net]
	return d, ok
}

func registeredFiles() []string {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	return slices.Sorted(maps.Keys(registry.files))
}

func registeredReader(name string) (func() io.Reader, bool) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	h, ok := registry.readers[name]
	return h, ok
}
