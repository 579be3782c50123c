package aiomysql_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

func ptr[T any](v T) *T { return &v }

// nopTracer is a QueryTracer that does nothing, to see a Tracer kept.
type nopTracer struct{ _ int }

func (*nopTracer) TraceQueryStart(ctx context.Context, _ *aiomysql.Conn, _ aiomysql.TraceQueryStartData) context.Context {
	return ctx
}

func (*nopTracer) TraceQueryEnd(context.Context, *aiomysql.Conn, aiomysql.TraceQueryEndData) {}

// TestParseDSN checks the public wrapper over internal/dsn: both forms give
// a Config with the fields set, including those whose types are the root's
// own (TLSMode, DefaultCursor) or that a DSN only implies (Logger,
// Location), and the Config survives FormatDSN and ParseDSN again.
func TestParseDSN(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dsn  string
		want func(c *aiomysql.Config)
	}{
		{"empty", "", nil},
		{"driver form", "app:p@ss/w:rd@tcp(db.example:3307)/shop?tls=verify-ca&cursorclass=SSDictCursor&echo=1&loc=Europe%2FParis",
			func(c *aiomysql.Config) {
				c.User, c.Password, c.Host, c.Port, c.Database = "app", "p@ss/w:rd", "db.example", 3307, "shop"
				c.TLSMode, c.DefaultCursor, c.Logger, c.Location = aiomysql.TLSVerifyCA, aiomysql.CursorStreamingDict, slog.Default(), paris
			}},
		{"url form", "mariadb://app:p%40ss@/shop?socket=/run/mysqld/mysqld.sock&autocommit=0&init_command=SET+@a%3D1",
			func(c *aiomysql.Config) {
				c.User, c.Password, c.UnixSocket, c.Database = "app", "p@ss", "/run/mysqld/mysqld.sock", "shop"
				c.Autocommit, c.InitCommands = ptr(false), []string{"SET @a=1"}
			}},
		{"go-sql-driver parameters", "/?tls=skip-verify&parseTime=true&wait_timeout=60",
			func(c *aiomysql.Config) {
				c.TLSMode, c.ParseTime, c.Params = aiomysql.TLSRequired, true, map[string]string{"wait_timeout": "60"}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := aiomysql.ParseDSN(tt.dsn)
			if err != nil {
				t.Fatalf("ParseDSN: %v", err)
			}
			requireSameConfig(t, "parsed vs want", got, config(tt.want))
			checkRoundTrip(t, got)
		})
	}
}

// TestParseDSNErrorTypes checks that ParseDSN's errors are the root's types,
// a *DSNError with a *ConfigError inside for a field set badly, with the
// texts users see.
func TestParseDSNErrorTypes(t *testing.T) {
	tests := []struct {
		dsn   string
		param string // DSNError.Param
		field string // the Field of a *ConfigError inside, "" for none
		text  string // the start of the message
	}{
		{"/?ssl-key=/k.pem", "", "SSLCert", "aiomysql: invalid DSN: SSLCert: SSLCert and SSLKey go together"},
		{"/?maxAllowedPacket=100", "", "MaxAllowedPacket", "aiomysql: invalid DSN: MaxAllowedPacket: out of range"},
		{"/?tls=custom", "tls", "", `aiomysql: invalid DSN parameter "tls": unknown TLS mode "custom"`},
		{"/?default_cursor=fancy", "default_cursor", "", `aiomysql: invalid DSN parameter "default_cursor": unknown cursor kind "fancy"`},
		{"u:pw@tcp(h:99999)/", "", "", "aiomysql: invalid DSN: address: port out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.dsn, func(t *testing.T) {
			cfg, err := aiomysql.ParseDSN(tt.dsn)
			var de *aiomysql.DSNError
			if cfg != nil || !errors.As(err, &de) {
				t.Fatalf("ParseDSN = %v, %v; want a *DSNError", cfg, err)
			}
			if de.Param != tt.param {
				t.Errorf("Param = %q, want %q", de.Param, tt.param)
			}
			var ce *aiomysql.ConfigError
			switch {
			case tt.field == "" && errors.As(err, &ce):
				t.Errorf("a *ConfigError for %s inside, want none", ce.Field)
			case tt.field != "" && (!errors.As(err, &ce) || ce.Field != tt.field):
				t.Errorf("no *ConfigError for %s inside: %#v", tt.field, err)
			}
			if !strings.HasPrefix(err.Error(), tt.text) {
				t.Errorf("message %q does not start with %q", err, tt.text)
			}
		})
	}
}

// TestApplyOptionFileWrapper checks what the root adds to internal/dsn's
// option files: the root's error type, and Tracer, which no file sets, kept.
func TestApplyOptionFileWrapper(t *testing.T) {
	tracer := &nopTracer{}
	cfg := aiomysql.NewConfig()
	cfg.Tracer = tracer
	if err := cfg.ApplyOptionFile("testdata/dsn/client.cnf", ""); err != nil {
		t.Fatalf("ApplyOptionFile: %v", err)
	}
	if cfg.User != "app" || cfg.TLSMode != aiomysql.TLSVerifyIdentity || cfg.Tracer != tracer {
		t.Errorf("after ApplyOptionFile: user %q, TLS mode %v, tracer kept %v", cfg.User, cfg.TLSMode, cfg.Tracer == tracer)
	}
	before := cfg.FormatDSN()
	err := cfg.ApplyOptionFile("testdata/dsn/missing.cnf", "")
	var oe *aiomysql.OptionFileError
	var pe *os.PathError
	if !errors.As(err, &oe) || !errors.As(err, &pe) || oe.Path != "testdata/dsn/missing.cnf" {
		t.Errorf("a missing file: %v, want an *OptionFileError wrapping the *os.PathError", err)
	}
	if !strings.HasPrefix(err.Error(), "aiomysql: option file testdata/dsn/missing.cnf: cannot read") {
		t.Errorf("message %q", err)
	}
	if cfg.FormatDSN() != before || cfg.Tracer != tracer {
		t.Errorf("a file that could not be read changed the Config")
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
		"TinyInt1IsBool":          func(c *aiomysql.Config) { c.TinyInt1IsBool = true },
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
		"Compress":                func(c *aiomysql.Config) { c.Compress = true },
		"TrackGTID":               func(c *aiomysql.Config) { c.TrackGTID = true },
		"Hosts":                   func(c *aiomysql.Config) { c.Hosts = []string{"db1:3306", "[::1]:3307", "db3"} },
		"HostOrder":               func(c *aiomysql.Config) { c.HostOrder = aiomysql.HostsRandom },
		"TargetRole":              func(c *aiomysql.Config) { c.TargetRole = aiomysql.RolePreferReplica },
		"CharsetFallbacks":        func(c *aiomysql.Config) { c.CharsetFallbacks = []string{"utf8", "latin1"} },
		"ColumnsWithAlias":        func(c *aiomysql.Config) { c.ColumnsWithAlias = true },
		"InterpolateParams":       func(c *aiomysql.Config) { c.InterpolateParams = true },
		"RejectReadOnly":          func(c *aiomysql.Config) { c.RejectReadOnly = true },
		"CheckConnLiveness":       func(c *aiomysql.Config) { c.CheckConnLiveness = false },
		"ClientFlag":              func(c *aiomysql.Config) { c.ClientFlag = 1 << 33 },
		"DefaultCursor":           func(c *aiomysql.Config) { c.DefaultCursor = aiomysql.CursorStreaming },
		"DefaultQueryExecMode":    func(c *aiomysql.Config) { c.DefaultQueryExecMode = aiomysql.QueryExecModeText },
		"StatementCacheCapacity":  func(c *aiomysql.Config) { c.StatementCacheCapacity = 7 },
		"LongDataThreshold":       func(c *aiomysql.Config) { c.LongDataThreshold = -1 },
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
