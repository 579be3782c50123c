package dsn_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

func optionFile(name string) string { return filepath.Join("testdata", "optionfile", name) }

func TestApplyOptionFile(t *testing.T) {
	fromClient := func(c *dsn.Settings) {
		c.User, c.Password, c.Host, c.Port, c.Database = "app", `p#ss w"ord`, "db.example.com", 3307, "shop"
		c.Charset, c.SSLCA, c.TLSMode = "latin1", "/etc/mysql/ca.pem", dsn.TLSVerifyIdentity
		c.ConnectTimeout, c.MaxAllowedPacket, c.LocalInfile = 5*time.Second, 16<<20, true
		c.InitCommands = []string{"SET @from_file = 1"}
	}
	tests := []struct {
		name, file, group string
		start             func(c *dsn.Settings)
		want              func(c *dsn.Settings)
	}{
		{"client group", "client.cnf", "", nil, fromClient},
		{"named group wins", "client.cnf", "myapp", nil, func(c *dsn.Settings) {
			fromClient(c)
			c.User, c.Database = "myapp", "myapp_db"
		}},
		{"client group named explicitly", "client.cnf", "client", nil, fromClient},
		{"set fields are kept", "client.cnf", "", func(c *dsn.Settings) {
			c.User, c.Host, c.Port, c.TLSMode, c.InitCommands = "explicit", "10.0.0.1", 4000, dsn.TLSRequired, []string{"SELECT 1"}
			c.ConnectTimeout, c.Charset = time.Second, "utf8"
		}, func(c *dsn.Settings) {
			fromClient(c)
			c.User, c.Host, c.Port, c.TLSMode, c.InitCommands = "explicit", "10.0.0.1", 4000, dsn.TLSRequired, []string{"SELECT 1"}
			c.ConnectTimeout, c.Charset = time.Second, "utf8"
		}},
		{"zero Config", "client.cnf", "", func(c *dsn.Settings) { *c = dsn.Settings{} }, func(c *dsn.Settings) {
			*c = dsn.Settings{}
			fromClient(c)
			c.TLSMode = dsn.TLSDisabled // a zero Config's TLSMode counts as set
		}},
		{"mariadb groups", "mariadb.cnf", "", nil, func(c *dsn.Settings) {
			c.UnixSocket, c.TLSMode, c.AuthPlugin = "/run/mysqld/mysqld.sock", dsn.TLSVerifyIdentity, "client_ed25519"
			c.AllowPublicKeyRetrieval, c.ServerPublicKeyFile = true, "/etc/mysql/server key.pem"
			c.User, c.Password = "maria", `secret word\x`
		}},
		{"socket not used with an explicit host", "mariadb.cnf", "", func(c *dsn.Settings) { c.Host = "db" }, func(c *dsn.Settings) {
			c.Host, c.TLSMode, c.AuthPlugin = "db", dsn.TLSVerifyIdentity, "client_ed25519"
			c.AllowPublicKeyRetrieval, c.ServerPublicKeyFile = true, "/etc/mysql/server key.pem"
			c.User, c.Password = "maria", `secret word\x`
		}},
		{"includes", "include.cnf", "", nil, func(c *dsn.Settings) {
			fromClient(c)
			c.User, c.Database, c.Port = "from-b", "from-a", 3310
		}},
		{"protocol tcp and skip-ssl", "tcp.cnf", "", nil, func(c *dsn.Settings) {
			c.Host, c.TLSMode = "localhost", dsn.TLSDisabled
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := config(tt.start)
			if err := got.ApplyOptionFile(optionFile(tt.file), tt.group); err != nil {
				t.Fatalf("ApplyOptionFile: %v", err)
			}
			requireSameConfig(t, "applied vs want", got, config(tt.want))
		})
	}
}

func TestApplyOptionFileErrors(t *testing.T) {
	tests := []struct {
		file   string
		line   int
		option string
	}{
		{"bad-port.cnf", 2, "port"},
		{"unterminated.cnf", 2, "password"},
		{"no-group.cnf", 1, ""},
		{"bad-header.cnf", 1, ""},
		{"unknown-directive.cnf", 2, ""},
		{"bad-size.cnf", 2, "max-allowed-packet"},
		{"bad-bool.cnf", 2, "local-infile"},
		{"bad-ssl-mode.cnf", 2, "ssl-mode"},
		{"bad-charset.cnf", 2, "default-character-set"},
		{"self-include.cnf", 0, ""},
		{"missing.cnf", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cfg := dsn.New()
			before := cfg.FormatDSN()
			err := cfg.ApplyOptionFile(optionFile(tt.file), "")
			var oe *dsn.OptionFileError
			if !errors.As(err, &oe) {
				t.Fatalf("ApplyOptionFile = %v, want an *OptionFileError", err)
			}
			if oe.Line != tt.line || oe.Option != tt.option {
				t.Errorf("Line, Option = %d, %q; want %d, %q (%v)", oe.Line, oe.Option, tt.line, tt.option, err)
			}
			if tt.line == 0 && cfg.FormatDSN() != before {
				t.Errorf("a file that could not be read changed the Config")
			}
		})
	}
	var pe *os.PathError
	if err := dsn.New().ApplyOptionFile(optionFile("missing.cnf"), ""); !errors.As(err, &pe) {
		t.Errorf("a missing file: %v, want it to wrap the *os.PathError", err)
	}
}

// FuzzApplyOptionFile checks that no option file makes ApplyOptionFile panic
// and that its errors are *OptionFileError.
func FuzzApplyOptionFile(f *testing.F) {
	for _, name := range []string{"client.cnf", "mariadb.cnf", "tcp.cnf", "unterminated.cnf", "bad-size.cnf"} {
		data, err := os.ReadFile(optionFile(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data), "myapp")
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body, group string) {
		path := filepath.Join(dir, "fuzz.cnf")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		err := dsn.New().ApplyOptionFile(path, group)
		var oe *dsn.OptionFileError
		if err != nil && !errors.As(err, &oe) {
			t.Fatalf("error %T is not an *OptionFileError: %v", err, err)
		}
	})
}
