package aiomysql_test

import (
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// TestTimeTruncate checks that Config.TimeTruncate cuts time.Time arguments
// before they are written, for Exec and for cursors, as the server stores
// them.
func TestTimeTruncate(t *testing.T) {
	for _, tc := range []struct {
		truncate time.Duration
		want     time.Time
	}{
		{0, time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)}, // microseconds, the column's precision
		{time.Millisecond, time.Date(2024, 5, 6, 7, 8, 9, 123000000, time.UTC)},
		{time.Second, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)},
		{time.Hour, time.Date(2024, 5, 6, 7, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.truncate.String(), func(t *testing.T) {
			c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.TimeTruncate = tc.truncate })
			ctx := testCtx(t)
			mustExecAll(t, c, "DROP TABLE IF EXISTS tt_t", "CREATE TABLE tt_t (id INT PRIMARY KEY, dt DATETIME(6))")
			in := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
			if _, err := c.Exec(ctx, "INSERT INTO tt_t VALUES (1, ?)", in); err != nil {
				t.Fatal(err)
			}
			cur := c.Cursor()
			defer cur.Close()
			if _, err := cur.Execute(ctx, "INSERT INTO tt_t VALUES (2, %s)", in); err != nil {
				t.Fatal(err)
			}
			for id := 1; id <= 2; id++ {
				got := queryScalar[time.Time](t, c, "SELECT dt FROM tt_t WHERE id = ?", id)
				if !got.Equal(tc.want) {
					t.Errorf("row %d: stored %v, want %v", id, got, tc.want)
				}
			}
		})
	}
}
