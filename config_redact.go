package aiomysql

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// redacted stands for a password wherever a Config is shown.
const redacted = dsn.Redacted

// redactPassword returns redacted for a set password and "" for none.
func redactPassword(p string) string {
	if p == "" {
		return ""
	}
	return redacted
}

// configFields is Config without its methods, for printing its fields.
type configFields Config

// The printing methods have value receivers so that a Config value, not only
// a *Config, is redacted by fmt and slog.

// String returns the DSN with the password replaced by "xxxxx".
func (c Config) String() string {
	s := c.settings()
	s.Password = redactPassword(s.Password)
	return s.FormatDSN()
}

// GoString returns the Go syntax of the Config (as %#v shows it) with the
// password replaced by "xxxxx". Pointer fields appear as addresses.
func (c Config) GoString() string {
	c.Password = redactPassword(c.Password)
	s := fmt.Sprintf("%#v", configFields(c))
	return strings.Replace(s, "aiomysql.configFields", "aiomysql.Config", 1)
}

// Format implements fmt.Formatter so that no verb shows the password: %#v
// gives GoString, %+v the fields with their names, and every other verb
// (%v, %s, %q, %x, ...) formats String.
func (c Config) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, c.GoString())
	case verb == 'v' && f.Flag('+'):
		c.Password = redactPassword(c.Password)
		_, _ = fmt.Fprintf(f, "%+v", configFields(c))
	default:
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), c.String())
	}
}

// LogValue implements slog.LogValuer: the Config logs as a group of user,
// password ("xxxxx", only when set), net, addr, database and tls.
func (c Config) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 6)
	attrs = append(attrs, slog.String("user", c.User))
	if c.Password != "" {
		attrs = append(attrs, slog.String("password", redacted))
	}
	attrs = append(attrs,
		slog.String("net", c.Network()),
		slog.String("addr", c.Addr()),
		slog.String("database", c.Database),
		slog.String("tls", c.TLSMode.String()),
	)
	return slog.GroupValue(attrs...)
}
