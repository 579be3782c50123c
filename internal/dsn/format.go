package dsn

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// FormatDSN returns c as a DSN that Parse reads back into an equal Settings,
// for a Settings that passes Validate, except for what a DSN cannot hold:
// Dialer (and a network other than tcp, tcp4, tcp6 and unix), TLSConfig,
// ServerPublicKey, and Logger beyond "set" (echo=true). Net "tcp" and "unix"
// read back as "", which means the same. It is the one method whose result
// contains the password. It writes go-sql-driver/mysql's form,
// user:password@tcp(host:port)/dbname?params, with only the parameters that
// differ from their defaults, in a fixed order; when that form cannot hold
// the Settings (a user name with ':', a socket path with '@'), it writes a
// mysql:// URL instead.
func (c *Settings) FormatDSN() string { return c.formatDSN(c.Password) }

// formatDSN writes the DSN with password in place of c.Password.
func (c *Settings) formatDSN(password string) string {
	params := c.formatParams()
	if s, ok := c.formatDriverForm(password, params); ok {
		return s
	}
	return c.formatURLForm(password, params)
}

// dsnPair is one name=value of the query.
type dsnPair struct{ name, value string }

// formatParams lists the parameters to write, in order: the table's, then
// Params sorted by name.
func (c *Settings) formatParams() []dsnPair {
	var out []dsnPair
	for _, p := range dsnParams() {
		for _, v := range p.format(c) {
			out = append(out, dsnPair{p.name, v})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Params)) {
		out = append(out, dsnPair{name, c.Params[name]})
	}
	return out
}

// formatDriverForm writes go-sql-driver/mysql's form, or reports that it
// cannot hold c.
func (c *Settings) formatDriverForm(password string, params []dsnPair) (string, bool) {
	network := c.Network()
	if strings.Contains(c.User, ":") || network == "unix" && strings.Contains(c.Addr(), "@") {
		return "", false
	}
	var b strings.Builder
	if c.User != "" || password != "" {
		b.WriteString(c.User)
		if password != "" {
			b.WriteString(":" + password)
		}
		b.WriteByte('@')
	}
	switch {
	case network == "unix":
		b.WriteString("unix(" + c.Addr() + ")")
	case len(c.Hosts) > 0 && (c.Net == "" || c.Net == "tcp"):
		b.WriteString("tcp(" + c.hostListText() + ")")
	case c.Net == "" || c.Net == "tcp":
		if c.host() != DefaultHost || c.port() != DefaultPort {
			b.WriteString("tcp(" + c.Addr() + ")")
		}
	case len(c.Hosts) > 0:
		b.WriteString(c.Net + "(" + c.hostListText() + ")")
	default:
		b.WriteString(c.Net + "(" + c.Addr() + ")")
	}
	b.WriteString("/" + url.PathEscape(c.Database))
	writeQuery(&b, params, func(name string) bool { return name != "socket" && name != "network" })
	s := b.String()
	if _, isURL := cutScheme(s); isURL {
		return "", false // a user "mysql" whose password starts with "//"
	}
	return s, true
}

// formatURLForm writes a mysql:// URL.
func (c *Settings) formatURLForm(password string, params []dsnPair) string {
	var b strings.Builder
	b.WriteString("mysql://")
	if c.User != "" || password != "" {
		b.WriteString(escapeURLPart(c.User))
		if password != "" {
			b.WriteString(":" + escapeURLPart(password))
		}
		b.WriteByte('@')
	}
	if c.Network() != "unix" && len(c.Hosts) > 0 {
		b.WriteString(strings.ReplaceAll(c.hostListText(), "%", "%25"))
	} else if c.Network() != "unix" && (c.host() != DefaultHost || c.port() != DefaultPort || c.Net != "") {
		host := strings.ReplaceAll(c.host(), "%", "%25") // host characters are otherwise plain
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		b.WriteString(host + ":" + strconv.Itoa(c.port()))
	}
	b.WriteString("/" + url.PathEscape(c.Database))
	writeQuery(&b, params, func(string) bool { return true })
	return b.String()
}

// writeQuery writes ?name=value&... for the pairs keep accepts.
func writeQuery(b *strings.Builder, params []dsnPair, keep func(string) bool) {
	sep := byte('?')
	for _, p := range params {
		if !keep(p.name) {
			continue
		}
		b.WriteByte(sep)
		b.WriteString(p.name + "=" + url.QueryEscape(p.value))
		sep = '&'
	}
}

// escapeURLPart percent-encodes everything but unreserved characters
// (RFC 3986: letters, digits, '-', '.', '_', '~').
func escapeURLPart(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
