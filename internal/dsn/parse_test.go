package dsn_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

func ptr[T any](v T) *T { return &v }

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// TestParseDSNForms covers the two DSN forms: go-sql-driver/mysql's
// documented examples, URLs, IPv6, unix sockets and passwords with the
// characters that delimit the other parts.
func TestParseDSNForms(t *testing.T) {
	tests := []struct {
		name string
		dsn  string
		want func(c *dsn.Settings)
	}{
		{"empty", "", nil},
		{"slash only", "/", nil},
		{"gsd unix", "user@unix(/path/to/socket)/dbname", func(c *dsn.Settings) {
			c.User, c.UnixSocket, c.Database = "user", "/path/to/socket", "dbname"
		}},
		{"gsd unix loc", "root:pw@unix(/tmp/mysql.sock)/myDatabase?loc=Local", func(c *dsn.Settings) {
			c.User, c.Password, c.UnixSocket, c.Database, c.Location = "root", "pw", "/tmp/mysql.sock", "myDatabase", time.Local
		}},
		{"gsd tcp skip-verify", "user:password@tcp(localhost:5555)/dbname?tls=skip-verify&autocommit=true", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Port, c.Database = "user", "password", "localhost", 5555, "dbname"
			c.TLSMode, c.Autocommit = dsn.TLSRequired, ptr(true)
		}},
		{"gsd sysvar", "user:password@/dbname?sql_notes=false", func(c *dsn.Settings) {
			c.User, c.Password, c.Database = "user", "password", "dbname"
			c.Params = map[string]string{"sql_notes": "false"}
		}},
		{"gsd ipv6", "user:password@tcp([de:ad:be:ef::ca:fe]:80)/dbname?timeout=90s&collation=utf8mb4_unicode_ci", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Port, c.Database = "user", "password", "de:ad:be:ef::ca:fe", 80, "dbname"
			c.ConnectTimeout, c.Collation = 90*time.Second, "utf8mb4_unicode_ci"
		}},
		{"gsd remote", "id:password@tcp(your-amazonaws-uri.com:3306)/dbname", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Database = "id", "password", "your-amazonaws-uri.com", "dbname"
		}},
		{"gsd tcp without address", "user:password@tcp/dbname?charset=utf8mb4,utf8&sys_var=esc%40ped", func(c *dsn.Settings) {
			c.User, c.Password, c.Database = "user", "password", "dbname"
			c.CharsetFallbacks = []string{"utf8"}
			c.Params = map[string]string{"sys_var": "esc@ped"}
		}},
		{"host list", "u@tcp(db1:3307,db2,[::1]:3308)/d?targetRole=primary", func(c *dsn.Settings) {
			c.User, c.Database, c.Host, c.Port = "u", "d", "db1", 3307
			c.Hosts = []string{"db1:3307", "db2:3306", "[::1]:3308"}
			c.TargetRole = dsn.RolePrimary
		}},
		{"URL host list", "mysql://u@db1,db2:3307/d?hostOrder=random", func(c *dsn.Settings) {
			c.User, c.Database, c.Host, c.Port = "u", "d", "db1", 3306
			c.Hosts = []string{"db1:3306", "db2:3307"}
			c.HostOrder = dsn.HostsRandom
		}},
		{"gsd defaults", "user:password@/dbname", func(c *dsn.Settings) {
			c.User, c.Password, c.Database = "user", "password", "dbname"
		}},
		{"gsd no database", "user:password@/", func(c *dsn.Settings) { c.User, c.Password = "user", "password" }},
		{"unix without path", "u@unix/db", func(c *dsn.Settings) {
			c.User, c.UnixSocket, c.Database = "u", dsn.DefaultSocket, "db"
		}},
		{"host without port", "tcp(db.example)/", func(c *dsn.Settings) { c.Host = "db.example" }},
		{"port without host", "tcp(:3307)/", func(c *dsn.Settings) { c.Port = 3307 }},
		{"bare ipv6", "tcp(::1)/", func(c *dsn.Settings) { c.Host = "::1" }},
		{"ipv6 zone", "tcp([fe80::1%eth0]:3306)/", func(c *dsn.Settings) { c.Host = "fe80::1%eth0" }},
		{"tcp6", "tcp6([::1]:3306)/", func(c *dsn.Settings) { c.Net, c.Host = "tcp6", "::1" }},
		{"tcp4", "u@tcp4(10.0.0.1)/", func(c *dsn.Settings) { c.User, c.Net, c.Host = "u", "tcp4", "10.0.0.1" }},
		{"user only", "u@/", func(c *dsn.Settings) { c.User = "u" }},
		{"password only", ":p@/", func(c *dsn.Settings) { c.Password = "p" }},
		{"password with delimiters", "u:p:a@s/s?w&x=1)@tcp(h:1)/db?timeout=1s", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Port, c.Database = "u", "p:a@s/s?w&x=1)", "h", 1, "db"
			c.ConnectTimeout = time.Second
		}},
		{"password looks like an address", "u:x@tcp(evil:1)@tcp(good:2)/db", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Port, c.Database = "u", "x@tcp(evil:1)", "good", 2, "db"
		}},
		{"user with at sign", "a@b:pw@/", func(c *dsn.Settings) { c.User, c.Password = "a@b", "pw" }},
		{"slash in parameter value", "u:p@tcp(h)/db?loc=America/New_York", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Database = "u", "p", "h", "db"
			c.Location = mustLoad(t, "America/New_York")
		}},
		{"percent-encoded database", "/my%2Fdb%20x", func(c *dsn.Settings) { c.Database = "my/db x" }},
		{"socket parameter", "u@/db?socket=/run/mysqld/mysqld.sock", func(c *dsn.Settings) {
			c.User, c.Database, c.UnixSocket = "u", "db", "/run/mysqld/mysqld.sock"
		}},
		{"socket with parenthesis", "unix(/tmp/a)b)/db", func(c *dsn.Settings) { c.UnixSocket, c.Database = "/tmp/a)b", "db" }},
		{"url", "mysql://user:p%40ss%2F%3A@db.example.com:3307/shop?ssl-mode=VERIFY_CA&ssl-ca=/etc/ca.pem", func(c *dsn.Settings) {
			c.User, c.Password, c.Host, c.Port, c.Database = "user", "p@ss/:", "db.example.com", 3307, "shop"
			c.TLSMode, c.SSLCA = dsn.TLSVerifyCA, "/etc/ca.pem"
		}},
		{"url mariadb ipv6", "MariaDB://user@[::1]/shop", func(c *dsn.Settings) { c.User, c.Host, c.Database = "user", "::1", "shop" }},
		{"url ipv6 zone", "mysql://[fe80::1%25eth0]:3307/", func(c *dsn.Settings) { c.Host, c.Port = "fe80::1%eth0", 3307 }},
		{"url socket", "mysql://user@/shop?socket=%2Frun%2Fmysqld%2Fmysqld.sock", func(c *dsn.Settings) {
			c.User, c.Database, c.UnixSocket = "user", "shop", "/run/mysqld/mysqld.sock"
		}},
		{"url bare", "mysql://", nil},
		{"url host only", "mysql://localhost", func(c *dsn.Settings) { c.Host = "localhost" }},
		{"url query without path", "mysql://h?timeout=5", func(c *dsn.Settings) { c.Host, c.ConnectTimeout = "h", 5*time.Second }},
		{"url user with colon", "mysql://a%3Ab:c:d@h/", func(c *dsn.Settings) { c.User, c.Password, c.Host = "a:b", "c:d", "h" }},
		{"url network", "mysql://h/?network=tcp6", func(c *dsn.Settings) { c.Host, c.Net = "h", "tcp6" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dsn.Parse(tt.dsn)
			if err != nil {
				t.Fatalf("ParseDSN: %v", err)
			}
			requireSameConfig(t, "parsed vs want", got, config(tt.want))
			checkRoundTrip(t, got)
		})
	}
}

// TestParseDSNParams sets every parameter, in its spellings.
func TestParseDSNParams(t *testing.T) {
	tests := []struct {
		query string
		want  func(c *dsn.Settings)
	}{
		{"allowAllFiles=false", nil},
		{"allowCleartextPasswords=true", func(c *dsn.Settings) { c.AllowCleartextPasswords = true }},
		{"allowFallbackToPlaintext=true&tls=skip-verify", func(c *dsn.Settings) { c.TLSMode = dsn.TLSPreferred }},
		{"allowFallbackToPlaintext=false&tls=required", func(c *dsn.Settings) { c.TLSMode = dsn.TLSRequired }},
		{"allowNativePasswords=0", func(c *dsn.Settings) { c.AllowNativePasswords = false }},
		{"allowOldPasswords=TRUE", func(c *dsn.Settings) { c.AllowOldPasswords = true }},
		{"allowPublicKeyRetrieval=1", func(c *dsn.Settings) { c.AllowPublicKeyRetrieval = true }},
		{"get-server-public-key=true", func(c *dsn.Settings) { c.AllowPublicKeyRetrieval = true }},
		{"auth_plugin=client_ed25519", func(c *dsn.Settings) { c.AuthPlugin = "client_ed25519" }},
		{"auth_plugins=client_ed25519,caching_sha2_password", func(c *dsn.Settings) {
			c.AuthPlugins = []string{"client_ed25519", "caching_sha2_password"}
		}},
		{"autocommit=false", func(c *dsn.Settings) { c.Autocommit = ptr(false) }},
		{"autocommit=1", func(c *dsn.Settings) { c.Autocommit = ptr(true) }},
		{"charset=latin1", func(c *dsn.Settings) { c.Charset = "latin1" }},
		{"charset=utf8mb4,utf8", func(c *dsn.Settings) { c.CharsetFallbacks = []string{"utf8"} }},
		{"charset=latin1,utf8mb4,utf8", func(c *dsn.Settings) {
			c.Charset, c.CharsetFallbacks = "latin1", []string{"utf8mb4", "utf8"}
		}},
		{"checkConnLiveness=false", func(c *dsn.Settings) { c.CheckConnLiveness = false }},
		{"client_flag=0x20", func(c *dsn.Settings) { c.ClientFlag = 0x20 }},
		{"clientFlag=1024", func(c *dsn.Settings) { c.ClientFlag = 1024 }},
		{"clientFoundRows=true", func(c *dsn.Settings) { c.ClientFoundRows = true }},
		{"collation=utf8mb4_bin", func(c *dsn.Settings) { c.Collation = "utf8mb4_bin" }},
		{"columnsWithAlias=true", func(c *dsn.Settings) { c.ColumnsWithAlias = true }},
		{"compress=false", nil},
		{"compress=true", func(c *dsn.Settings) { c.Compress = true }},
		{"connectionAttributes=app:shop,env:prod%3Aeu", func(c *dsn.Settings) {
			c.ConnectAttributes = map[string]string{"app": "shop", "env": "prod:eu"}
		}},
		{"cursorclass=SSDictCursor", func(c *dsn.Settings) { c.DefaultCursor = dsn.CursorStreamingDict }},
		{"default_cursor=dict", func(c *dsn.Settings) { c.DefaultCursor = dsn.CursorDict }},
		{"defaultQueryExecMode=text", func(c *dsn.Settings) { c.DefaultQueryExecMode = dsn.ExecModeText }},
		{"defaultQueryExecMode=prepare-execute", func(c *dsn.Settings) { c.DefaultQueryExecMode = dsn.ExecModePrepareExecute }},
		{"statementCacheCapacity=5", func(c *dsn.Settings) { c.StatementCacheCapacity = 5 }},
		{"longDataThreshold=65536", func(c *dsn.Settings) { c.LongDataThreshold = 65536 }},
		{"longDataThreshold=-1", func(c *dsn.Settings) { c.LongDataThreshold = -1 }},
		{"echo=true", func(c *dsn.Settings) { c.Logger = slog.Default() }},
		{"init_command=SET+@a%3D1&init_command=SET+@b%3D2", func(c *dsn.Settings) {
			c.InitCommands = []string{"SET @a=1", "SET @b=2"}
		}},
		{"interpolateParams=true", func(c *dsn.Settings) { c.InterpolateParams = true }},
		{"kill_delay=250ms", func(c *dsn.Settings) { c.KillDelay = 250 * time.Millisecond }},
		{"killOnCancel=false", func(c *dsn.Settings) { c.KillOnCancel = false }},
		{"local_infile=1", func(c *dsn.Settings) { c.LocalInfile = true }},
		{"local-infile-allow=/data/in&local_infile_allow=/tmp/x.csv", func(c *dsn.Settings) {
			c.LocalInfileAllow = []string{"/data/in", "/tmp/x.csv"}
		}},
		{"loc=Europe%2FParis", func(c *dsn.Settings) { c.Location = mustLoad(t, "Europe/Paris") }},
		{"loc=UTC", nil},
		{"maxAllowedPacket=0", func(c *dsn.Settings) { c.MaxAllowedPacket = 0 }},
		{"max_allowed_packet=16777216", func(c *dsn.Settings) { c.MaxAllowedPacket = 16 << 20 }},
		{"multiStatements=true", func(c *dsn.Settings) { c.MultiStatements = true }},
		{"no_delay=true", nil},
		{"parseTime=true", func(c *dsn.Settings) { c.ParseTime = true }},
		{"program_name=billing", func(c *dsn.Settings) { c.ProgramName = "billing" }},
		{"read_default_file=%2Fetc%2Fmy.cnf&read_default_group=app", func(c *dsn.Settings) {
			c.ReadDefaultFile, c.ReadDefaultGroup = "/etc/my.cnf", "app"
		}},
		{"readTimeout=30s&read_timeout=31", func(c *dsn.Settings) { c.ReadTimeout = 31 * time.Second }},
		{"rejectReadOnly=true", func(c *dsn.Settings) { c.RejectReadOnly = true }},
		{"server-public-key-file=/k.pem", func(c *dsn.Settings) { c.ServerPublicKeyFile = "/k.pem" }},
		{"server_public_key_path=/k.pem", func(c *dsn.Settings) { c.ServerPublicKeyFile = "/k.pem" }},
		{"sql_mode='TRADITIONAL,ANSI_QUOTES'", func(c *dsn.Settings) { c.SQLMode = "TRADITIONAL,ANSI_QUOTES" }},
		{"sqlMode=ANSI", func(c *dsn.Settings) { c.SQLMode = "ANSI" }},
		{"ssl-ca=/ca.pem&ssl-cert=/c.pem&ssl_key=/k.pem", func(c *dsn.Settings) {
			c.SSLCA, c.SSLCert, c.SSLKey = "/ca.pem", "/c.pem", "/k.pem"
		}},
		{"ssl-mode=VERIFY_IDENTITY", func(c *dsn.Settings) { c.TLSMode = dsn.TLSVerifyIdentity }},
		{"ssl_mode=disabled", func(c *dsn.Settings) { c.TLSMode = dsn.TLSDisabled }},
		{"time_zone=%27%2B00%3A00%27", func(c *dsn.Settings) { c.TimeZone = "+00:00" }},
		{"time_zone=%27it%27%27s%27", func(c *dsn.Settings) { c.TimeZone = "it's" }},
		{"timeZone=Europe%2FParis", func(c *dsn.Settings) { c.TimeZone = "Europe/Paris" }},
		{"timeout=0", func(c *dsn.Settings) { c.ConnectTimeout = 0 }},
		{"connect_timeout=2.5", func(c *dsn.Settings) { c.ConnectTimeout = 2500 * time.Millisecond }},
		{"timeTruncate=1ms", func(c *dsn.Settings) { c.TimeTruncate = time.Millisecond }},
		{"tinyInt1IsBool=true", func(c *dsn.Settings) { c.TinyInt1IsBool = true }},
		{"tls=true", func(c *dsn.Settings) { c.TLSMode = dsn.TLSVerifyIdentity }},
		{"tls=false", func(c *dsn.Settings) { c.TLSMode = dsn.TLSDisabled }},
		{"tls=preferred", nil},
		{"tls=verify-ca", func(c *dsn.Settings) { c.TLSMode = dsn.TLSVerifyCA }},
		{"tls-server-name=db.internal", func(c *dsn.Settings) { c.TLSServerName = "db.internal" }},
		{"use_unicode=false", nil},
		{"writeTimeout=1m", func(c *dsn.Settings) { c.WriteTimeout = time.Minute }},
		{"@@session.max_statement_time=5&wait_timeout=60", func(c *dsn.Settings) {
			c.Params = map[string]string{"@@session.max_statement_time": "5", "wait_timeout": "60"}
		}},
		{"tx_isolation=%27READ-COMMITTED%27", func(c *dsn.Settings) {
			c.Params = map[string]string{"tx_isolation": "'READ-COMMITTED'"}
		}},
		{"a=1&&b=2&", func(c *dsn.Settings) { c.Params = map[string]string{"a": "1", "b": "2"} }},
		{"a=1&a=2", func(c *dsn.Settings) { c.Params = map[string]string{"a": "2"} }},
		{"network=unix", func(c *dsn.Settings) { c.UnixSocket = dsn.DefaultSocket }},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := dsn.Parse("/?" + tt.query)
			if err != nil {
				t.Fatalf("ParseDSN: %v", err)
			}
			requireSameConfig(t, "parsed vs want", got, config(tt.want))
			checkRoundTrip(t, got)
		})
	}
}
