package dbsql_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// localFileResult is what TestProgramLocalFile saw.
type localFileResult struct {
	Loaded       int64
	Rows         []string
	Unregistered bool // loading an unregistered file failed
}

// TestProgramLocalFile loads a file registered with RegisterLocalFile by
// LOAD DATA LOCAL INFILE '<path>', and is refused a file not registered
// (the connection goes on working).
func TestProgramLocalFile(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) localFileResult {
		dir := t.TempDir()
		path, other := filepath.Join(dir, "data.csv"), filepath.Join(dir, "other.csv")
		for _, p := range []string{path, other} {
			if err := os.WriteFile(p, []byte("1;one\n2;two\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		d.registerLocalFile(path)
		db := open(t, d, "")
		db.SetMaxOpenConns(1)
		exec(t, db, "DROP TABLE IF EXISTS program_localfile", "CREATE TABLE program_localfile (id INT PRIMARY KEY, name VARCHAR(10))")
		const load = "LOAD DATA LOCAL INFILE '%s' INTO TABLE program_localfile FIELDS TERMINATED BY ';' (id, name)"
		res, err := db.ExecContext(testContext(t), strings.Replace(load, "%s", path, 1))
		if err != nil {
			t.Fatalf("LOAD DATA of the registered file: %v", err)
		}
		var r localFileResult
		r.Loaded = affected(t, res)
		_, err = db.ExecContext(testContext(t), strings.Replace(load, "%s", other, 1))
		r.Unregistered = err != nil
		if err == nil {
			t.Errorf("LOAD DATA of a file not registered succeeded")
		}
		// The one connection goes on working after the refusal.
		r.Rows = names(t, db, "SELECT CONCAT(id, name) FROM program_localfile ORDER BY id")
		if r.Loaded != 2 || strings.Join(r.Rows, ",") != "1one,2two" {
			t.Errorf("loaded %d rows %q, want 2 rows 1one,2two", r.Loaded, r.Rows)
		}
		return r
	})
}

// TestProgramTLS connects as a user that must use TLS, with a *tls.Config
// trusting the test CA registered under a name the DSN's tls parameter
// gives, and with tls=skip-verify; the session reports TLS in use.
func TestProgramTLS(t *testing.T) {
	srv := shared.Get(t)
	cfg, err := srv.TLS.ClientConfig("127.0.0.1", false)
	if err != nil {
		t.Fatal(err)
	}
	both(t, func(t *testing.T, d driverCase) []string {
		name := "compat_" + strings.ReplaceAll(d.name, "-", "_")
		if err := d.registerTLSConfig(name, cfg.Clone()); err != nil {
			t.Fatalf("RegisterTLSConfig: %v", err)
		}
		var out []string
		for _, mode := range []string{name, "skip-verify"} {
			db := openAs(t, d, srv.DSN(srv.TLSOnly)+"?tls="+mode)
			var user, version string
			const q = "SELECT CURRENT_USER(), VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'Ssl_version'"
			if err := db.QueryRowContext(testContext(t), q).Scan(&user, &version); err != nil {
				t.Fatalf("tls=%s: %v", mode, err)
			}
			out = append(out, user+" "+version)
		}
		for _, got := range out {
			if !strings.HasPrefix(got, "tlsonly@% TLSv1.") {
				t.Errorf("session %q, want user tlsonly@%% over TLS", got)
			}
		}
		return out
	})
}
