package dsn_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

func TestFormatDSN(t *testing.T) {
	tests := []struct {
		name string
		cfg  *dsn.Settings
		want string
	}{
		{"defaults", dsn.New(), "/"},
		{"zero Config", &dsn.Settings{}, "/?allowNativePasswords=false&checkConnLiveness=false" +
			"&kill_on_cancel=false&longDataThreshold=0&maxAllowedPacket=0&statementCacheCapacity=0&timeout=0s&tls=disabled"},
		{"typical", config(func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Port, c.Database = "app", "s3cr:t@/", "db.example", 3307, "shop"
			c.TLSMode, c.SSLCA = dsn.TLSVerifyIdentity, "/etc/ca.pem"
			c.ConnectTimeout, c.ParseTime = 5*time.Second, true
			c.Location = mustLoad(t, "Europe/Paris")
			c.Params = map[string]string{"wait_timeout": "60", "innodb_lock_wait_timeout": "5"}
			c.InitCommands = []string{"SET @a = 'x&y'"}
		}), "app:s3cr:t@/@tcp(db.example:3307)/shop?init_command=SET+%40a+%3D+%27x%26y%27&loc=Europe%2FParis" +
			"&parseTime=true&ssl_ca=%2Fetc%2Fca.pem&timeout=5s&tls=verify-identity" +
			"&innodb_lock_wait_timeout=5&wait_timeout=60"},
		{"unix", config(func(c *dsn.Settings) { c.User, c.UnixSocket = "u", "/run/my sql.sock" }), "u@unix(/run/my sql.sock)/"},
		{"explicit unix network", config(func(c *dsn.Settings) { c.Net = "unix" }), "unix(/tmp/mysql.sock)/"},
		{"tcp6", config(func(c *dsn.Settings) { c.Net, c.Host = "tcp6", "::1" }), "tcp6([::1]:3306)/"},
		{"database escaped", config(func(c *dsn.Settings) { c.Database = "a/b?c d" }), "/a%2Fb%3Fc%20d"},
		{"quoted sql value", config(func(c *dsn.Settings) { c.TimeZone = "'x'" }), "/?time_zone=%27%27%27x%27%27%27"},
		{"user with colon is a URL", config(func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Net = "a:b", "p w", "h", "tcp4"
		}), "mysql://a%3Ab:p%20w@h:3306/?network=tcp4"},
		{"socket with at sign is a URL", config(func(c *dsn.Settings) { c.User, c.UnixSocket = "u", "/tmp/@x.sock" }),
			"mysql://u@/?socket=%2Ftmp%2F%40x.sock"},
		{"would read as a URL", config(func(c *dsn.Settings) { c.User, c.Password = "mysql", "//x" }),
			"mysql://mysql:%2F%2Fx@/"},
		{"url ipv6 with zone", config(func(c *dsn.Settings) { c.User, c.Host = "a:b", "fe80::1%eth0" }),
			"mysql://a%3Ab@[fe80::1%25eth0]:3306/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cfg.FormatDSN()
			if got != tt.want {
				t.Fatalf("FormatDSN:\n got %s\nwant %s", got, tt.want)
			}
			back, err := dsn.Parse(got)
			if err != nil {
				t.Fatalf("Parse(FormatDSN): %v", err)
			}
			wantValue := *tt.cfg
			want := &wantValue
			if want.Net == "unix" || want.Net == "tcp" {
				want.Net = "" // Parse keeps only tcp4 and tcp6
			}
			if want.Net == "" && want.UnixSocket == "" && strings.Contains(got, "unix") {
				want.UnixSocket = dsn.DefaultSocket
			}
			// Empty fields that mean their default read back as the default.
			if want.Host == "" {
				want.Host = dsn.DefaultHost
			}
			if want.Port == 0 {
				want.Port = dsn.DefaultPort
			}
			if want.Charset == "" {
				want.Charset = dsn.DefaultCharset
			}
			requireSameConfig(t, "Parse(FormatDSN(c)) vs c", back, want)
		})
	}
}

// TestFormatDSNDeterministic checks that map order does not leak into the DSN.
func TestFormatDSNDeterministic(t *testing.T) {
	c := config(func(c *dsn.Settings) {
		c.Params = map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}
		c.ConnectAttributes = map[string]string{"k1": "v", "k2": "v", "k3": "v", "k4": "v"}
	})
	first := c.FormatDSN()
	for range 50 {
		if got := c.FormatDSN(); got != first {
			t.Fatalf("FormatDSN changed: %s vs %s", got, first)
		}
	}
	const want = "/?connectionAttributes=k1%3Av%2Ck2%3Av%2Ck3%3Av%2Ck4%3Av&a=1&b=2&c=3&d=4&e=5"
	if first != want {
		t.Fatalf("FormatDSN = %s, want %s", first, want)
	}
}
