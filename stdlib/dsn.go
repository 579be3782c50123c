package stdlib

import (
	"context"
	"net"
	"net/url"
	"strings"

	"github.com/aiomysql-go/aiomysql"
)

// ParseDSN reads a go-sql-driver/mysql DSN (or a mysql:// URL) as
// sql.Open("aiomysql", dsn) does: aiomysql.ParseDSN, with the names given
// to this package's registries resolved first: tls=<name>
// (RegisterTLSConfig), serverPubKey=<name> (RegisterServerPubKey) and a
// network registered with RegisterDialContext in net(addr). Every other
// parameter means what it means to aiomysql.ParseDSN, which documents each
// one and the few deliberate differences from go-sql-driver/mysql
// (allowAllFiles=true and charset=gbk&interpolateParams=true, unsafe there,
// are errors here). An error is an *aiomysql.DSNError and never contains
// the password.
func ParseDSN(dsn string) (*aiomysql.Config, error) {
	rest, query := splitParams(dsn)
	var tlsName, keyName string
	if query != "" {
		var kept []string
		for _, kv := range strings.Split(query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			uv, err := url.QueryUnescape(v)
			if err != nil {
				uv = v
			}
			switch {
			case k == "tls" && !reservedTLS(uv):
				tlsName = uv
				continue
			case k == "serverPubKey":
				keyName = uv
				continue
			}
			kept = append(kept, kv)
		}
		query = strings.Join(kept, "&")
	}
	rest, netName, dial := registeredNet(rest)
	text := rest
	if query != "" {
		text += "?" + query
	}
	cfg, err := aiomysql.ParseDSN(text)
	if err != nil {
		return nil, err
	}
	if tlsName != "" {
		tc, ok := registeredTLS(tlsName)
		if !ok {
			return nil, &aiomysql.DSNError{Param: "tls", Reason: "no TLS config registered as " + quote(tlsName) + " (RegisterTLSConfig; or set Config.TLSConfig)"}
		}
		cfg.TLSConfig = tc
		cfg.TLSMode = aiomysql.TLSVerifyIdentity
		if tc.InsecureSkipVerify {
			cfg.TLSMode = aiomysql.TLSRequired
		}
	}
	if keyName != "" {
		k, ok := registeredKey(keyName)
		if !ok {
			return nil, &aiomysql.DSNError{Param: "serverPubKey", Reason: "no server key registered as " + quote(keyName) + " (RegisterServerPubKey; or set Config.ServerPublicKey)"}
		}
		cfg.ServerPublicKey = k
	}
	if dial != nil {
		cfg.Net = netName
		cfg.Dialer = func(ctx context.Context, _, addr string) (net.Conn, error) { return dial(ctx, addr) }
	}
	if cfg.InterpolateParams && unsafeCharset(cfg) {
		return nil, &aiomysql.DSNError{Param: "interpolateParams", Reason: "interpolateParams=true with charset or collation " +
			quote(cfg.Charset+cfg.Collation) + " is refused: in that character set byte 0x5c can end a multibyte character, " +
			"so no escaping is safe (go-sql-driver/mysql accepts the charset form and is open to SQL injection); leave interpolateParams off"}
	}
	return cfg, nil
}

// unsafeCharset reports a character set (or collation) in which a
// backslash can hide inside a multibyte character.
func unsafeCharset(cfg *aiomysql.Config) bool {
	for _, s := range []string{cfg.Charset, cfg.Collation} {
		s = strings.ToLower(s)
		for _, bad := range []string{"big5", "cp932", "gbk", "gb2312", "sjis", "gb18030"} {
			if s == bad || strings.HasPrefix(s, bad+"_") {
				return true
			}
		}
	}
	return false
}

// splitParams splits dsn at the start of its parameters: as
// go-sql-driver/mysql reads it, the first '?' after the last '/'; in a URL,
// the first '?'.
func splitParams(dsn string) (rest, query string) {
	lower := strings.ToLower(dsn)
	if strings.HasPrefix(lower, "mysql://") || strings.HasPrefix(lower, "mariadb://") {
		rest, query, _ = strings.Cut(dsn, "?")
		return rest, query
	}
	slash := strings.LastIndexByte(dsn, '/')
	if slash < 0 {
		return dsn, ""
	}
	if q := strings.IndexByte(dsn[slash:], '?'); q >= 0 {
		return dsn[:slash+q], dsn[slash+q+1:]
	}
	return dsn, ""
}

// registeredNet finds net(addr) in a go-sql-driver DSN's address part and,
// when net has a registered dialer, rewrites it to tcp(addr) for parsing.
func registeredNet(rest string) (string, string, DialContextFunc) {
	slash := strings.LastIndexByte(rest, '/')
	if slash < 0 || strings.Contains(strings.ToLower(rest), "://") {
		return rest, "", nil
	}
	head := rest[:slash]
	at := strings.LastIndexByte(head, '@')
	open := strings.IndexByte(head[at+1:], '(')
	if open < 0 {
		return rest, "", nil
	}
	name := head[at+1 : at+1+open]
	dial, ok := registeredDialer(name)
	if !ok {
		return rest, "", nil
	}
	if name == "unix" {
		return rest, name, dial
	}
	return head[:at+1] + "tcp" + head[at+1+open:] + rest[slash:], name, dial
}

func quote(s string) string {
	if len(s) > 64 {
		s = s[:64]
	}
	return `"` + s + `"`
}
