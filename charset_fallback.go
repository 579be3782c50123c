package aiomysql

import (
	"context"
	"strings"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
)

// fallbackCollations resolves Config.CharsetFallbacks to the default
// collations of those character sets, which this client must know.
func fallbackCollations(cfg *Config) ([]charset.Collation, error) {
	var out []charset.Collation
	for _, cs := range cfg.CharsetFallbacks {
		coll, ok := charset.DefaultCollation(strings.ToLower(cs))
		if !ok {
			return nil, &ConfigError{Field: "CharsetFallbacks", Reason: "unknown character set " + quoteShort(cs)}
		}
		out = append(out, coll)
	}
	return out, nil
}

// negotiateCharset runs SET NAMES for the configured character set and,
// while the server answers ER_UNKNOWN_CHARACTER_SET, for each fallback in
// turn (go-sql-driver/mysql's charset=a,b list). The one the server takes
// becomes the connection's.
func (c *Conn) negotiateCharset(ctx context.Context, fallbacks []charset.Collation) error {
	candidates := append([]charset.Collation{c.collation}, fallbacks...)
	var err error
	for i, coll := range candidates {
		q := "SET NAMES " + coll.Charset
		if i == 0 && c.cfg.Collation != "" {
			q += " COLLATE " + coll.Name
		}
		c.noteSent(q)
		if _, err = c.pc.ExecText(ctx, protocol.Request{Op: "session set-up"}, q); err == nil {
			c.collation = coll
			return nil
		}
		if !isServerError(err, errcode.UnknownCharacterSet) {
			return err
		}
	}
	return err
}
