package aiomysql_test

import (
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

func TestFormatDSN(t *testing.T) {
	tests := []struct {
		name string
		cfg  *aiomysql.Config
		want string
	}{
		{"defaults", aiomysql.NewConfig(), "/"},
		{"zero Config", &aiomysql.Config{}, "/?allowNativePasswords=false&checkConnLiveness=false&interpolateParams=false" +
			"&kill_on_cancel=false&maxAllowedPacket=0&timeout=0s&tinyInt1IsBool=false&tls=disabled"},
		{"typical", config(func(c *aiomysql.Config) {
			c.User, c.Password, c.Host, c.Port, c.Database = "app", "s3cr:t@/", "db.example", 3307, "shop"
			c.TLSMode, c.SSLCA = aiomysql.TLSVerifyIdentity, "/etc/ca.pem"
			c.ConnectTimeout, c.ParseTime = 5*time.Second, true
			c.Location = mustLoad(t, "Europe/Paris")
			c.Params = map[string]string{"wait_timeout": "60", "innodb_lock_wait_timeout": "5"}
			c.InitCommands = []string{"SET @a = 'x&y'"}
		}), "app:s3cr:t@/@tcp(db.example:3307)/shop?init_command=SET+%40a+%3D+%27x%26y%27&loc=Europe%2FParis" +
			"&parseTime=true&ssl_ca=%2Fetc%2Fca.pem&timeout=5s&tls=verify-identity" +
			"&innodb_lock_wait_timeout=5&wait_timeout=60"},
		{"unix", config(func(c *aiomysql.Config) { c.User, c.UnixSocket = "u", "/run/my sql.sock" }), "u@unix(/run/my sql.sock)/"},
		{"explicit unix network", config(func(c *aiomysql.Config) { c.Net = "unix" }), "unix(/tmp/mysql.sock)/"},
		{"tcp6", config(func(c *aiomysql.Config) { c.Net, c.Host = "tcp6", "::1" }), "tcp6([::1]:3306)/"},
		{"database escaped", config(func(c *aiomysql.Config) { c.Database = "a/b?c d" }), "/a%2Fb%3Fc%20d"},
		{"quoted sql value", config(func(c *aiomysql.Config) { c.TimeZone = "'x'" }), "/?time_zone=%27%27%27x%27%27%27"},
		{"user with colon is a URL", config(func(c *aiomysql.Config) {
			c.User, c.Password, c.Host, c.Net = "a:b", "p w", "h", "tcp4"
		}), "mysql://a%3Ab:p%20w@h:3306/?network=tcp4"},
		{"socket with at sign is a URL", config(func(c *aiomysql.Config) { c.User, c.UnixSocket = "u", "/tmp/@x.sock" }),
			"mysql://u@/?socket=%2Ftmp%2F%40x.sock"},
		{"would read as a URL", config(func(c *aiomysql.Config) { c.User, c.Password = "mysql", "//x" }),
			"mysql://mysql:%2F%2Fx@/"},
		{"url ipv6 with zone", config(func(c *aiomysql.Config) { c.User, c.Host = "a:b", "fe80::1%eth0" }),
			"mysql://a%3Ab@[fe80::1%25eth0]:3306/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cfg.FormatDSN()
			if got != tt.want {
				t.Fatalf("FormatDSN:\n got %s\nwant %s", got, tt.want)
			}
			back, err := aiomysql.ParseDSN(got)
			if err != nil {
				t.Fatalf("ParseDSN(FormatDSN): %v", err)
			}
			want := tt.cfg.Clone()
			if want.Net == "unix" || want.Net == "tcp" {
				want.Net = "" // ParseDSN keeps only tcp4 and tcp6
			}
			if want.Net == "" && want.UnixSocket == "" && strings.Contains(got, "unix") {
				want.UnixSocket = aiomysql.DefaultSocket
			}
			// Empty fields that mean their default read back as the default.
			if want.Host == "" {
				want.Host = aiomysql.DefaultHost
			}
			if want.Port == 0 {
				want.Port = aiomysql.DefaultPort
			}
			if want.Charset == "" {
				want.Charset = aiomysql.DefaultCharset
			}
			requireSameConfig(t, "ParseDSN(FormatDSN(c)) vs c", back, want)
		})
	}
}

// TestFormatDSNDeterministic checks that map order does not leak into the DSN.
func TestFormatDSNDeterministic(t *testing.T) {
	c := config(func(c *aiomysql.Config) {
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

// TestEveryFieldInDSN sets each Config field away from its default and
// checks that FormatDSN writes it and ParseDSN reads it back. A new field
// fails here until it has a DSN parameter (or is listed as not in the DSN).
func TestEveryFieldInDSN(t *testing.T) {
	notInDSN := map[string]bool{"Dialer": true, "TLSConfig": true, "ServerPublicKey": true, "Tracer": true}
	setters := map[string]func(c *aiomysql.Config){
		"Net":                     func(c *aiomysql.Config) { c.Net = "tcp6" },
		"Host":                    func(c *aiomysql.Config) { c.Host = "db.example" },
		"Port":                    func(c *aiomysql.Config) { c.Port = 3307 },
		"UnixSocket":              func(c *aiomysql.Config) { c.UnixSocket = "/s.sock" },
		"ConnectTimeout":          func(c *aiomysql.Config) { c.ConnectTimeout = time.Second },
		"ReadTimeout":             func(c *aiomysql.Config) { c.ReadTimeout = time.Second },
		"WriteTimeout":            func(c *aiomysql.Config) { c.WriteTimeout = time.Second },
		"User":                    func(c *aiomysql.Config) { c.User = "u" },
		"Password":                func(c *aiomysql.Config) { c.Password = "p" },
		"Database":                func(c *aiomysql.Config) { c.Database = "d" },
		"Charset":                 func(c *aiomysql.Config) { c.Charset = "latin1" },
		"Collation":               func(c *aiomysql.Config) { c.Collation = "latin1_bin" },
		"SQLMode":                 func(c *aiomysql.Config) { c.SQLMode = "ANSI" },
		"TimeZone":                func(c *aiomysql.Config) { c.TimeZone = "+01:00" },
		"Location":                func(c *aiomysql.Config) { c.Location = time.Local },
		"ParseTime":               func(c *aiomysql.Config) { c.ParseTime = true },
		"TimeTruncate":            func(c *aiomysql.Config) { c.TimeTruncate = time.Second },
		"TinyInt1IsBool":          func(c *aiomysql.Config) { c.TinyInt1IsBool = false },
		"Autocommit":              func(c *aiomysql.Config) { c.Autocommit = ptr(false) },
		"InitCommands":            func(c *aiomysql.Config) { c.InitCommands = []string{"DO 1"} },
		"Params":                  func(c *aiomysql.Config) { c.Params = map[string]string{"wait_timeout": "1"} },
		"ProgramName":             func(c *aiomysql.Config) { c.ProgramName = "p" },
		"ConnectAttributes":       func(c *aiomysql.Config) { c.ConnectAttributes = map[string]string{"k": "v"} },
		"TLSMode":                 func(c *aiomysql.Config) { c.TLSMode = aiomysql.TLSVerifyCA },
		"SSLCA":                   func(c *aiomysql.Config) { c.SSLCA = "/ca.pem" },
		"SSLCert":                 func(c *aiomysql.Config) { c.SSLCert, c.SSLKey = "/c.pem", "/k.pem" },
		"SSLKey":                  func(c *aiomysql.Config) { c.SSLCert, c.SSLKey = "/c.pem", "/k.pem" },
		"TLSServerName":           func(c *aiomysql.Config) { c.TLSServerName = "n" },
		"AuthPlugins":             func(c *aiomysql.Config) { c.AuthPlugins = []string{"client_ed25519"} },
		"AuthPlugin":              func(c *aiomysql.Config) { c.AuthPlugin = "client_ed25519" },
		"AllowCleartextPasswords": func(c *aiomysql.Config) { c.AllowCleartextPasswords = true },
		"AllowNativePasswords":    func(c *aiomysql.Config) { c.AllowNativePasswords = false },
		"AllowOldPasswords":       func(c *aiomysql.Config) { c.AllowOldPasswords = true },
		"AllowPublicKeyRetrieval": func(c *aiomysql.Config) { c.AllowPublicKeyRetrieval = true },
		"ServerPublicKeyFile":     func(c *aiomysql.Config) { c.ServerPublicKeyFile = "/k.pem" },
		"MaxAllowedPacket":        func(c *aiomysql.Config) { c.MaxAllowedPacket = 0 },
		"MultiStatements":         func(c *aiomysql.Config) { c.MultiStatements = true },
		"ClientFoundRows":         func(c *aiomysql.Config) { c.ClientFoundRows = true },
		"ColumnsWithAlias":        func(c *aiomysql.Config) { c.ColumnsWithAlias = true },
		"InterpolateParams":       func(c *aiomysql.Config) { c.InterpolateParams = false },
		"RejectReadOnly":          func(c *aiomysql.Config) { c.RejectReadOnly = true },
		"CheckConnLiveness":       func(c *aiomysql.Config) { c.CheckConnLiveness = false },
		"ClientFlag":              func(c *aiomysql.Config) { c.ClientFlag = 1 << 33 },
		"DefaultCursor":           func(c *aiomysql.Config) { c.DefaultCursor = aiomysql.CursorStreaming },
		"Logger":                  func(c *aiomysql.Config) { c.Logger = slog.Default() },
		"LocalInfile":             func(c *aiomysql.Config) { c.LocalInfile = true },
		"LocalInfileAllow":        func(c *aiomysql.Config) { c.LocalInfileAllow = []string{"/data"} },
		"KillOnCancel":            func(c *aiomysql.Config) { c.KillOnCancel = false },
		"KillDelay":               func(c *aiomysql.Config) { c.KillDelay = time.Second },
		"ReadDefaultFile":         func(c *aiomysql.Config) { c.ReadDefaultFile = "/my.cnf" },
		"ReadDefaultGroup":        func(c *aiomysql.Config) { c.ReadDefaultGroup = "g" },
	}
	fields := reflect.TypeFor[aiomysql.Config]()
	for i := range fields.NumField() {
		name := fields.Field(i).Name
		if notInDSN[name] {
			continue
		}
		set, ok := setters[name]
		if !ok {
			t.Errorf("Config.%s has no DSN test: give it a DSN parameter and add it here", name)
			continue
		}
		cfg := config(set)
		if cfg.FormatDSN() == "/" {
			t.Errorf("Config.%s is not written by FormatDSN", name)
			continue
		}
		back, err := aiomysql.ParseDSN(cfg.FormatDSN())
		if err != nil {
			t.Errorf("Config.%s: ParseDSN(FormatDSN): %v", name, err)
			continue
		}
		requireSameConfig(t, "Config."+name, back, cfg)
	}
}
