package dsn

import (
	"net/netip"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Validate reports the first field of c that cannot work, as a *FieldError.
// It reads no file: the SSL* and key files are read by BuildTLSConfig and
// LoadServerPublicKey. Parse validates what it returns; aiomysql's Connect
// validates every Config before dialing.
func (c *Settings) Validate() error {
	checks := []func() error{c.validateWhere, c.validateSession, c.validateTLS, c.validateAuth, c.validateProtocol}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Settings) validateWhere() error {
	switch c.Net {
	case "", "tcp", "tcp4", "tcp6", "unix":
	default:
		if c.Dialer == nil {
			return &FieldError{Field: "Net", Reason: "unknown network " + QuoteShort(c.Net) +
				" (want tcp, tcp4, tcp6 or unix; other names need a Dialer)"}
		}
	}
	if c.UnixSocket != "" && strings.HasPrefix(c.Net, "tcp") {
		return &FieldError{Field: "UnixSocket", Reason: "set together with network " + c.Net}
	}
	if c.Host != "" && !validHost(c.Host) {
		return &FieldError{Field: "Host", Reason: "not a host name or IP address"}
	}
	if c.Port < 0 || c.Port > 65535 {
		return &FieldError{Field: "Port", Reason: "out of range: " + strconv.Itoa(c.Port)}
	}
	if len(c.Hosts) > 0 && (c.Network() == "unix" || c.UnixSocket != "") {
		return &FieldError{Field: "Hosts", Reason: "a host list with a unix socket"}
	}
	for _, h := range c.Hosts {
		if _, err := parseHostEntry(h, c.port()); err != nil {
			return &FieldError{Field: "Hosts", Reason: "an entry is not host, host:port or [ipv6]:port"}
		}
	}
	if c.HostOrder != HostsInOrder && c.HostOrder != HostsRandom {
		return &FieldError{Field: "HostOrder", Reason: "unknown value " + c.HostOrder.String()}
	}
	if c.TargetRole < RoleAny || c.TargetRole > RolePreferReplica {
		return &FieldError{Field: "TargetRole", Reason: "unknown value " + c.TargetRole.String()}
	}
	durations := []struct {
		field string
		d     time.Duration
	}{
		{"ConnectTimeout", c.ConnectTimeout}, {"ReadTimeout", c.ReadTimeout},
		{"WriteTimeout", c.WriteTimeout}, {"TimeTruncate", c.TimeTruncate}, {"KillDelay", c.KillDelay},
	}
	for _, d := range durations {
		if d.d < 0 {
			return &FieldError{Field: d.field, Reason: "negative: " + d.d.String()}
		}
	}
	return nil
}

func (c *Settings) validateSession() error {
	if c.Charset != "" && !validName(c.Charset) {
		return &FieldError{Field: "Charset", Reason: "not a character set name: " + QuoteShort(c.Charset)}
	}
	if c.Collation != "" && !validName(c.Collation) {
		return &FieldError{Field: "Collation", Reason: "not a collation name: " + QuoteShort(c.Collation)}
	}
	for _, q := range c.InitCommands {
		if strings.TrimSpace(q) == "" {
			return &FieldError{Field: "InitCommands", Reason: "empty statement"}
		}
	}
	for name := range c.Params {
		if !validSessionVar(name) {
			return &FieldError{Field: "Params", Reason: "not a plain session variable name: " + QuoteShort(name)}
		}
		if p := lookupParam(name); p != nil {
			return &FieldError{Field: "Params", Reason: QuoteShort(name) + " is a Config setting (DSN parameter " +
				p.name + "), not a session variable"}
		}
	}
	for k, v := range c.ConnectAttributes {
		switch {
		case k == "":
			return &FieldError{Field: "ConnectAttributes", Reason: "empty key"}
		case k[0] == '_':
			return &FieldError{Field: "ConnectAttributes", Reason: "key " + QuoteShort(k) + " starts with '_', reserved for the client's own attributes"}
		case strings.ContainsAny(k, ",:"):
			return &FieldError{Field: "ConnectAttributes", Reason: "key " + QuoteShort(k) + " contains ',' or ':'"}
		case strings.Contains(v, ","):
			return &FieldError{Field: "ConnectAttributes", Reason: "value of " + QuoteShort(k) + " contains ','"}
		}
	}
	return nil
}

func (c *Settings) validateTLS() error {
	if !c.TLSMode.Valid() {
		return InvalidTLSMode(c.TLSMode)
	}
	if (c.SSLCert == "") != (c.SSLKey == "") {
		return &FieldError{Field: "SSLCert", Reason: "SSLCert and SSLKey go together"}
	}
	if c.TLSMode == TLSVerifyIdentity && c.TLSConfig != nil && c.TLSConfig.InsecureSkipVerify {
		return &FieldError{Field: "TLSConfig", Reason: "InsecureSkipVerify contradicts TLSMode verify-identity"}
	}
	return nil
}

func (c *Settings) validateAuth() error {
	if c.AuthPlugins != nil && len(c.AuthPlugins) == 0 {
		return &FieldError{Field: "AuthPlugins", Reason: "an empty list allows no plugin (nil means the default set)"}
	}
	for _, p := range c.AuthPlugins {
		if !validName(p) {
			return &FieldError{Field: "AuthPlugins", Reason: "not a plugin name: " + QuoteShort(p)}
		}
	}
	if c.AuthPlugin != "" && !slices.Contains(c.AllowedAuthPlugins(), c.AuthPlugin) {
		return &FieldError{Field: "AuthPlugin", Reason: QuoteShort(c.AuthPlugin) +
			" is not allowed (see AuthPlugins and the Allow* switches)"}
	}
	return nil
}

func (c *Settings) validateProtocol() error {
	if c.MaxAllowedPacket != 0 && (c.MaxAllowedPacket < 1024 || c.MaxAllowedPacket > MaxMaxAllowedPacket) {
		return &FieldError{Field: "MaxAllowedPacket", Reason: "out of range (0, or 1024 to 1 GiB): " + strconv.Itoa(c.MaxAllowedPacket)}
	}
	if !c.DefaultCursor.Valid() {
		return &FieldError{Field: "DefaultCursor", Reason: "invalid cursor kind " + strconv.Itoa(int(c.DefaultCursor))}
	}
	if !c.DefaultQueryExecMode.Valid() {
		return &FieldError{Field: "DefaultQueryExecMode", Reason: "invalid execution mode " + strconv.Itoa(int(c.DefaultQueryExecMode))}
	}
	if c.StatementCacheCapacity < 0 {
		return &FieldError{Field: "StatementCacheCapacity", Reason: "negative: " + strconv.Itoa(c.StatementCacheCapacity)}
	}
	for _, p := range c.LocalInfileAllow {
		if !filepath.IsAbs(p) {
			return &FieldError{Field: "LocalInfileAllow", Reason: "not an absolute path: " + QuoteShort(p)}
		}
	}
	return nil
}

// validHost accepts an IP address (an IPv6 zone made of name characters) or
// a host name made of letters, digits, '.', '-' and '_'.
func validHost(h string) bool {
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Zone() == "" || validHostName(a.Zone())
	}
	return validHostName(h)
}

func validHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if b := h[i]; !isIdentByte(b) && b != '.' && b != '-' {
			return false
		}
	}
	return true
}

// validName accepts a character set, collation or plugin name: 1 to 64
// letters, digits and '_'.
func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// validSessionVar accepts a plain identifier, optionally after "@@session."
// or "@@", that does not start with a digit.
func validSessionVar(name string) bool {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "@@session."), "@@")
	return validName(name) && (name[0] < '0' || name[0] > '9')
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
