package aiomysql_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestTimestampZoneWithoutSessionTracking: a server that offers no session
// tracking (TiDB, vtgate) never reports the session's time_zone; the zone
// Config.TimeZone set at connect is then the one TIMESTAMP text is read
// in, so the instant comes back, not a time shifted by the offset.
func TestTimestampZoneWithoutSessionTracking(t *testing.T) {
	const stamp = "2024-01-01 05:30:00" // 2024-01-01 00:00 UTC in +05:30
	cfg := withoutCapsServer(t, wire.ClientDeprecateEOF|wire.ClientSessionTrack, func(c *fakeserver.Conn, q string) error {
		if strings.HasPrefix(q, "SET ") {
			return c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit})
		}
		return writeClassicSet(c, []classicCol{{"ts", wire.TypeTimestamp}}, [][]*string{{strp(stamp)}}, wire.ServerStatusAutocommit, false)
	})
	cfg.TimeZone = "+05:30"
	c := connectT(t, cfg)
	var ts time.Time
	if err := c.QueryRow(testCtx(t), "SELECT ts FROM t").Scan(&ts); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); !ts.Equal(want) {
		t.Errorf("TIMESTAMP %q with time_zone +05:30 read as %v, want %v", stamp, ts, want)
	}
}
