package types_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestTimestampSessionLocation checks that TIMESTAMP values, which the server
// writes in the session's time zone, are read in Options.SessionLocation and
// given in Location, while DATETIME values stay wall-clock times in
// Location, in both protocols and for every time destination.
func TestTimestampSessionLocation(t *testing.T) {
	paris := mustLoad(t, "Europe/Paris")
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name      string
		session   *time.Location
		loc       *time.Location
		text      string
		bin       []byte
		timestamp time.Time // what a TIMESTAMP column gives
		datetime  time.Time // what a DATETIME column gives
	}{
		{"paris to utc", paris, time.UTC, "2024-01-02 03:04:05", datetime(7, 2024, 1, 2, 3, 4, 5, 0)[1:],
			time.Date(2024, 1, 2, 2, 4, 5, 0, time.UTC), time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
		{"paris summer to new york", paris, ny, "2024-07-01 12:00:00.5", datetime(11, 2024, 7, 1, 12, 0, 0, 500000)[1:],
			time.Date(2024, 7, 1, 6, 0, 0, 5e8, ny), time.Date(2024, 7, 1, 12, 0, 0, 5e8, ny)},
		{"after the spring gap", paris, time.UTC, "2024-03-31 03:00:00", datetime(7, 2024, 3, 31, 3, 0, 0, 0)[1:],
			time.Date(2024, 3, 31, 1, 0, 0, 0, time.UTC), time.Date(2024, 3, 31, 3, 0, 0, 0, time.UTC)},
		{"before the spring gap", paris, time.UTC, "2024-03-31 01:59:59", datetime(7, 2024, 3, 31, 1, 59, 59, 0)[1:],
			time.Date(2024, 3, 31, 0, 59, 59, 0, time.UTC), time.Date(2024, 3, 31, 1, 59, 59, 0, time.UTC)},
		{"repeated hour, earlier instant", paris, time.UTC, "2024-10-27 02:30:00", datetime(7, 2024, 10, 27, 2, 30, 0, 0)[1:],
			time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC), time.Date(2024, 10, 27, 2, 30, 0, 0, time.UTC)},
		{"after the repeated hour", paris, time.UTC, "2024-10-27 03:00:00", datetime(7, 2024, 10, 27, 3, 0, 0, 0)[1:],
			time.Date(2024, 10, 27, 2, 0, 0, 0, time.UTC), time.Date(2024, 10, 27, 3, 0, 0, 0, time.UTC)},
		{"new york repeated hour", ny, time.UTC, "2024-11-03 01:15:00", datetime(7, 2024, 11, 3, 1, 15, 0, 0)[1:],
			time.Date(2024, 11, 3, 5, 15, 0, 0, time.UTC), time.Date(2024, 11, 3, 1, 15, 0, 0, time.UTC)},
		{"offset zone", time.FixedZone("+05:30", 19800), time.UTC, "2024-01-02 00:00:00", datetime(7, 2024, 1, 2, 0, 0, 0, 0)[1:],
			time.Date(2024, 1, 1, 18, 30, 0, 0, time.UTC), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
		{"no session zone", nil, paris, "2024-01-02 03:04:05", datetime(7, 2024, 1, 2, 3, 4, 5, 0)[1:],
			time.Date(2024, 1, 2, 3, 4, 5, 0, paris), time.Date(2024, 1, 2, 3, 4, 5, 0, paris)},
	}
	ts, dt := withDecimals(col(wire.TypeTimestamp, 0), 6), withDecimals(col(wire.TypeDateTime, 0), 6)
	for _, tc := range tests {
		opt := &types.Options{Location: tc.loc, SessionLocation: tc.session}
		for _, c := range []struct {
			col  *types.Column
			want time.Time
		}{{ts, tc.timestamp}, {dt, tc.datetime}} {
			check := func(proto, how string, got time.Time, err error) {
				t.Helper()
				if err != nil || !got.Equal(c.want) || got.Location() != c.want.Location() {
					t.Errorf("%s: %s %s via %s = %v, %v; want %v", tc.name, c.col.Type, proto, how, got, err, c.want)
				}
			}
			for _, proto := range []string{"text", "binary"} {
				scan := func(dest any) error { return types.ScanText(c.col, []byte(tc.text), false, dest, opt) }
				decode := func() (any, error) { return types.DecodeText(c.col, []byte(tc.text), false, opt) }
				value := func() (types.Value, error) { return types.TextValue(c.col, []byte(tc.text), false) }
				if proto == "binary" {
					scan = func(dest any) error { return types.ScanBinary(c.col, tc.bin, false, dest, opt) }
					decode = func() (any, error) { return types.DecodeBinary(c.col, tc.bin, false, opt) }
					value = func() (types.Value, error) { return types.BinaryValue(c.col, tc.bin, false) }
				}
				var tm time.Time
				err := scan(&tm)
				check(proto, "*time.Time", tm, err)
				var nt sql.NullTime
				err = scan(&nt)
				check(proto, "*sql.NullTime", nt.Time, err)
				var pt *time.Time
				if err = scan(&pt); err == nil && pt == nil {
					t.Fatal("nil **time.Time")
				}
				check(proto, "**time.Time", *pt, err)
				a, err := decode()
				at, _ := a.(time.Time)
				check(proto, "natural value", at, err)
				v, err := value()
				if err != nil {
					t.Fatal(err)
				}
				vt, err := v.Time(opt)
				check(proto, "Value.Time", vt, err)
			}
			var s string // text destinations keep the server's text
			if err := types.ScanText(c.col, []byte(tc.text), false, &s, opt); err != nil || s != tc.text {
				t.Errorf("%s: text = %q, %v", tc.name, s, err)
			}
		}
	}
}
