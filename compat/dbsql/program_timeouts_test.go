package dbsql_test

import (
	"slices"
	"testing"
	"time"
)

// timeoutResult is what TestProgramReadTimeout saw.
type timeoutResult struct {
	Failed     bool // the slow query failed
	Fast       bool // it failed within a second
	PoolUsable bool
}

// TestProgramReadTimeout gives a DSN readTimeout=200ms and runs a query the
// server answers after 3 s: the query fails after about the timeout (the
// connection is dropped), and the *sql.DB goes on with a new connection.
func TestProgramReadTimeout(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) timeoutResult {
		db := open(t, d, "readTimeout=200ms&timeout=5s")
		start := time.Now()
		var v int
		err := db.QueryRowContext(testContext(t), "SELECT SLEEP(3)").Scan(&v)
		var r timeoutResult
		r.Failed = err != nil
		r.Fast = time.Since(start) < time.Second
		if !r.Failed || !r.Fast {
			t.Errorf("SELECT SLEEP(3) with readTimeout=200ms: %v after %v, want an error within 1 s", err, time.Since(start))
		}
		var one int
		qerr := db.QueryRowContext(testContext(t), "SELECT 1").Scan(&one)
		r.PoolUsable = qerr == nil && one == 1
		if !r.PoolUsable {
			t.Errorf("after the timeout, SELECT 1 gave %d, %v", one, qerr)
		}
		return r
	})
}

// TestProgramZeroDates reads zero dates with parseTime=true: a DATETIME or
// DATE of 0000-00-00 scans into the zero time.Time (go-sql-driver's
// behaviour), and into a string without parseTime.
func TestProgramZeroDates(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []string {
		var out []string
		for _, params := range []string{"parseTime=true&sql_mode=%27%27", "sql_mode=%27%27"} {
			db := open(t, d, params)
			exec(t, db, "DROP TABLE IF EXISTS program_zero",
				"CREATE TABLE program_zero (dt DATETIME NOT NULL, d DATE NOT NULL)",
				"INSERT INTO program_zero VALUES ('0000-00-00 00:00:00', '0000-00-00')")
			for _, args := range [][]any{nil, {0}} {
				q := "SELECT dt, d FROM program_zero"
				if args != nil {
					q += " WHERE ? = 0"
				}
				var dt, dd any
				if err := db.QueryRowContext(testContext(t), q, args...).Scan(&dt, &dd); err != nil {
					t.Fatalf("%s with %d args: %v", params, len(args), err)
				}
				out = append(out, fmtAny(dt)+" "+fmtAny(dd))
			}
		}
		want := []string{
			"time.Time(0001-01-01 00:00:00 +0000 UTC) time.Time(0001-01-01 00:00:00 +0000 UTC)",
			"time.Time(0001-01-01 00:00:00 +0000 UTC) time.Time(0001-01-01 00:00:00 +0000 UTC)",
			"[]uint8(0000-00-00 00:00:00) []uint8(0000-00-00)",
			"[]uint8(0000-00-00 00:00:00) []uint8(0000-00-00)",
		}
		if !slices.Equal(out, want) {
			t.Errorf("zero dates read as\n%q\nwant\n%q", out, want)
		}
		return out
	})
}
