package aiomysql_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// zonesOnce loads the named zones the time zone tests use into the shared
// server once.
var zonesOnce struct {
	sync.Once
	err error
}

func loadZones(t *testing.T) {
	t.Helper()
	srv := testServer(t)
	zonesOnce.Do(func() {
		zonesOnce.err = srv.LoadTimeZones(testCtx(t), "Europe/Paris", "America/New_York")
	})
	if zonesOnce.err != nil {
		t.Fatal(zonesOnce.err)
	}
}

// tzRow is one row of tz_t: a TIMESTAMP set from an instant, a DATETIME
// set from text, and the server's own reading of the TIMESTAMP's text.
type tzRow struct {
	ts, dt time.Time
	text   string // the TIMESTAMP as the server prints it in the session zone
	unix   int64  // the server's UNIX_TIMESTAMP of that text
}

// readTZ reads tz_t through Scan, Values and every cursor kind, checks they
// agree, and returns the rows.
func readTZ(t *testing.T, c *aiomysql.Conn) []tzRow {
	t.Helper()
	ctx := testCtx(t)
	const q = "SELECT ts, dt, CONCAT(ts), UNIX_TIMESTAMP(CONCAT(ts)) FROM tz_t ORDER BY id"
	rows, err := c.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var out []tzRow
	var values [][]any
	for rows.Next() {
		var r tzRow
		var unix float64
		if err := rows.Scan(&r.ts, &r.dt, &r.text, &unix); err != nil {
			t.Fatal(err)
		}
		r.unix = int64(unix)
		out = append(out, r)
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		values = append(values, vals[:2])
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for i, v := range values {
		if !v[0].(time.Time).Equal(out[i].ts) || v[0].(time.Time).Location() != out[i].ts.Location() ||
			!v[1].(time.Time).Equal(out[i].dt) {
			t.Errorf("row %d: Values %v, Scan %v %v", i, v, out[i].ts, out[i].dt)
		}
	}
	for _, kind := range cursorKinds() {
		cur := kind.open(t, c)
		if _, err := cur.execute(ctx, "SELECT ts, dt FROM tz_t ORDER BY id"); err != nil {
			t.Fatal(err)
		}
		got, err := cur.fetchAll(ctx)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(values) {
			t.Errorf("%s: %v, %v; want %v", kind.name, got, err, values)
		}
		cur.close()
	}
	return out
}

// TestTimestampSessionOffset reads TIMESTAMP values with a session time zone
// (Config.TimeZone) other than Location: they name the instants stored,
// while DATETIME values stay wall-clock times in Location.
func TestTimestampSessionOffset(t *testing.T) {
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.TimeZone = "+05:30" }) // Location stays UTC
	mustExecAll(t, c, "DROP TABLE IF EXISTS tz_t",
		"CREATE TABLE tz_t (id INT PRIMARY KEY, ts TIMESTAMP(6) NULL, dt DATETIME(6))",
		"INSERT INTO tz_t VALUES (1, FROM_UNIXTIME(1704067200.5), '2024-01-01 00:00:00.5'),"+
			" (2, FROM_UNIXTIME(1719792000), '2024-07-01 00:00:00')")
	want := []time.Time{time.Unix(1704067200, 5e8).UTC(), time.Unix(1719792000, 0).UTC()}
	wantDT := []time.Time{time.Date(2024, 1, 1, 0, 0, 0, 5e8, time.UTC), time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)}
	for i, r := range readTZ(t, c) {
		if !r.ts.Equal(want[i]) || r.ts.Location() != time.UTC {
			t.Errorf("row %d: TIMESTAMP %q read as %v, want %v", i, r.text, r.ts, want[i])
		}
		if !r.dt.Equal(wantDT[i]) {
			t.Errorf("row %d: DATETIME read as %v, want %v", i, r.dt, wantDT[i])
		}
	}
	// A runtime SET time_zone is tracked: the same instants come back.
	for _, zone := range []string{"-08:00", "+00:00", "+13:00", "-12:59"} {
		mustExecAll(t, c, "SET time_zone = '"+zone+"'")
		for i, r := range readTZ(t, c) {
			if !r.ts.Equal(want[i]) {
				t.Errorf("time_zone %s, row %d: TIMESTAMP %q read as %v, want %v", zone, i, r.text, r.ts, want[i])
			}
		}
	}
}

// TestTimestampNamedZoneDST reads TIMESTAMP values in a named session zone
// across its daylight-saving changes, with Location another named zone: the
// instants around the spring gap come back exactly; in the repeated autumn
// hour the server prints two instants alike, and both read as the earlier,
// which is what the server itself reads that text as.
func TestTimestampNamedZoneDST(t *testing.T) {
	loadZones(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, zone := range []string{"Europe/Paris", "europe/PARIS"} {
		t.Run(zone, func(t *testing.T) {
			c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Location = ny })
			mustExecAll(t, c, "SET time_zone = '"+zone+"'",
				"DROP TABLE IF EXISTS tz_t",
				"CREATE TABLE tz_t (id INT PRIMARY KEY, ts TIMESTAMP NULL, dt DATETIME)",
				"INSERT INTO tz_t VALUES"+
					" (1, FROM_UNIXTIME(1711846799), '2024-03-31 01:59:59'),"+ // 00:59:59 UTC, just before the gap
					" (2, FROM_UNIXTIME(1711846800), '2024-03-31 03:00:00'),"+ // 01:00 UTC, just after it
					" (3, FROM_UNIXTIME(1729989000), '2024-10-27 02:30:00'),"+ // 00:30 UTC, 02:30 CEST
					" (4, FROM_UNIXTIME(1729992600), '2024-10-27 02:30:00'),"+ // 01:30 UTC, 02:30 CET
					" (5, FROM_UNIXTIME(1729994400), '2024-10-27 03:00:00')") // 02:00 UTC, after it
			stored := []int64{1711846799, 1711846800, 1729989000, 1729992600, 1729994400}
			wall := []time.Time{
				time.Date(2024, 3, 31, 1, 59, 59, 0, ny), time.Date(2024, 3, 31, 3, 0, 0, 0, ny),
				time.Date(2024, 10, 27, 2, 30, 0, 0, ny), time.Date(2024, 10, 27, 2, 30, 0, 0, ny),
				time.Date(2024, 10, 27, 3, 0, 0, 0, ny),
			}
			for i, r := range readTZ(t, c) {
				want := stored[i]
				if i == 3 {
					want = 1729989000 // the repeated hour's text names the earlier instant
				}
				if r.ts.Unix() != want || r.ts.Unix() != r.unix || r.ts.Location() != ny {
					t.Errorf("row %d: TIMESTAMP %q read as %v (%d), want %d, the server reads the text as %d",
						i+1, r.text, r.ts, r.ts.Unix(), want, r.unix)
				}
				if !r.dt.Equal(wall[i]) || r.dt.Location() != ny {
					t.Errorf("row %d: DATETIME read as %v, want %v", i+1, r.dt, wall[i])
				}
			}
		})
	}
}

// TestTimeArgumentsWrittenInLocation pins down what is documented for
// writing: a time.Time argument is the wall-clock text in Location, which a
// DATETIME stores as it is (and reads back as the same time.Time) and the
// server reads in the session's zone for a TIMESTAMP; with the session zone
// equal to Location, both round-trip.
func TestTimeArgumentsWrittenInLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	in := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, tc := range []struct {
		loc       *time.Location
		zone      string
		tsRoundTs bool
	}{
		{ny, "+05:30", false},
		{time.UTC, "+00:00", true},
	} {
		c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Location, cfg.TimeZone = tc.loc, tc.zone })
		ctx := testCtx(t)
		mustExecAll(t, c, "DROP TABLE IF EXISTS tz_w", "CREATE TABLE tz_w (ts TIMESTAMP NULL, dt DATETIME)")
		if _, err := c.Exec(ctx, "INSERT INTO tz_w VALUES (?, ?)", in, in); err != nil {
			t.Fatal(err)
		}
		var ts, dt time.Time
		var tsText string
		if err := c.QueryRow(ctx, "SELECT ts, dt, CONCAT(ts) FROM tz_w").Scan(&ts, &dt, &tsText); err != nil {
			t.Fatal(err)
		}
		if !dt.Equal(in) {
			t.Errorf("%s/%s: DATETIME read back as %v, want %v", tc.loc, tc.zone, dt, in)
		}
		if wall := in.In(tc.loc).Format(time.DateTime); tsText != wall {
			t.Errorf("%s/%s: TIMESTAMP stored as %q in the session zone, want Location's wall clock %q", tc.loc, tc.zone, tsText, wall)
		}
		if ts.Equal(in) != tc.tsRoundTs {
			t.Errorf("%s/%s: TIMESTAMP read back as %v from %v", tc.loc, tc.zone, ts, in)
		}
	}
}
