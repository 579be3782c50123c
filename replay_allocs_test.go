package aiomysql_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/replay"
)

// The replayed scripts of testdata/replay, recorded by
// TestRecordReplayScripts (replay_record_test.go, build tag record) from a
// MariaDB 10.11 (root, no password, no TLS):
// the connect, a warm-up query, then the query the replay repeats.
const (
	replayPointFile  = "testdata/replay/point.replay" // replayPointQuery, id 3
	replayMixedFile  = "testdata/replay/mixed.replay" // replayMixedQuery
	replayPointQuery = "SELECT id, name FROM replay_foo WHERE id = ?"
	replayMixedQuery = "SELECT id, a, f, d, name, created, flag, note FROM replay_mixed ORDER BY id"
	replayMixedRows  = 100
)

// Allocation budgets of the replayed paths: what they were when the budgets
// were set (Go 1.26), so that a regression cannot pass silently; lower them
// as the paths improve. A point select was 7 allocations, then 5, now 4:
// the *Row, the two Scan destinations and the name string of the caller's
// own (the variadic argument slice no longer escapes; performance.md's
// target of 2 counts the driver's: the *Row and the string); the mixed result 265 for 100 rows, 2.65 a row, of which 2.5
// are the strings asked for (d, name, and note on every other row).
const (
	pointReplayBudget    = 4.0 // per QueryRow + Scan of two columns
	mixedRowReplayBudget = 2.7 // per row of 8 columns, Next + Scan, the strings and the query's own included
)

// replayRow is a row of replay_mixed, scanned.
type replayRow struct {
	id      int32
	a       int64
	f       float64
	d, name string
	created time.Time
	flag    int8
	note    sql.NullString
}

// replayReadMixed runs replayMixedQuery on c and scans every row into r; it
// returns the number of rows.
func replayReadMixed(ctx context.Context, c *aiomysql.Conn, r *replayRow) (int, error) {
	rows, err := c.Query(ctx, replayMixedQuery)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(&r.id, &r.a, &r.f, &r.d, &r.name, &r.created, &r.flag, &r.note); err != nil {
			rows.Close()
			return n, err
		}
		n++
	}
	return n, rows.Close()
}

// replayPointSelect runs replayPointQuery for id 3 on c and checks the row.
func replayPointSelect(ctx context.Context, c *aiomysql.Conn) error {
	var id int
	var name string
	if err := c.QueryRow(ctx, replayPointQuery, 3).Scan(&id, &name); err != nil {
		return err
	}
	if id != 3 || name != "name-3" {
		return fmt.Errorf("point select: %d %q", id, name)
	}
	return nil
}

// replayConn connects to the script of file, replayed (no server), and
// runs the warm-up query with warm.
func replayConn(t *testing.T, file string, warm func(*aiomysql.Conn) error) *aiomysql.Conn {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var s replay.Script
	if err := s.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	cfg := aiomysql.NewConfig()
	cfg.Host, cfg.User, cfg.Database = "127.0.0.1", "root", "test"
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.Dialer = s.Dial
	c := connectT(t, cfg)
	if err := warm(c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestReplayPointSelectAllocations: a point select (cache_statement: one
// COM_STMT_EXECUTE) replayed from recorded bytes, QueryRow + Scan of an
// int and a string, stays within pointReplayBudget allocations.
func TestReplayPointSelectAllocations(t *testing.T) {
	ctx := context.Background()
	c := replayConn(t, replayPointFile, func(c *aiomysql.Conn) error { return replayPointSelect(ctx, c) })
	allocs := testing.AllocsPerRun(500, func() {
		if err := replayPointSelect(ctx, c); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("replayed point select: %.2f allocations (budget %.1f)", allocs, pointReplayBudget)
	if allocs > pointReplayBudget {
		t.Errorf("a replayed point select allocates %.2f times, budget %.1f", allocs, pointReplayBudget)
	}
}

// TestReplayMixedRowAllocations: the 100 rows of replay_mixed (text
// protocol, 8 columns, Scan into typed destinations, two strings and a
// NullString among them) replayed from recorded bytes stay within
// mixedRowReplayBudget allocations a row, the query's own included.
func TestReplayMixedRowAllocations(t *testing.T) {
	ctx := context.Background()
	var r replayRow
	read := func(c *aiomysql.Conn) error {
		n, err := replayReadMixed(ctx, c, &r)
		if err == nil && n != replayMixedRows {
			err = fmt.Errorf("%d rows, want %d", n, replayMixedRows)
		}
		return err
	}
	c := replayConn(t, replayMixedFile, read)
	if r.id != replayMixedRows || r.name != "name-000100" || r.note.Valid || r.created.Year() != 2024 {
		t.Fatalf("last row %+v", r)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := read(c); err != nil {
			t.Fatal(err)
		}
	})
	perRow := allocs / replayMixedRows
	t.Logf("replayed mixed result: %.2f allocations a query of %d rows, %.3f a row (budget %.2f)", allocs, replayMixedRows, perRow, mixedRowReplayBudget)
	if perRow > mixedRowReplayBudget {
		t.Errorf("a replayed mixed row allocates %.3f times, budget %.2f", perRow, mixedRowReplayBudget)
	}
}
