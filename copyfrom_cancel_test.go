package aiomysql_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// TestCopyFromCancellation: copies cancelled at random points 0-20 ms in
// leave the connection either closed or in step (SELECT 1 answers 1, no
// transaction open), with all of the copy's rows or none, and the error
// wrapping context.Canceled; goleak (TestMain) finds no goroutine left.
func TestCopyFromCancellation(t *testing.T) {
	for _, p := range []struct {
		name   string
		local  bool
		rounds int
	}{{"LOAD DATA", true, 200}, {"INSERT", false, 50}} {
		t.Run(p.name, func(t *testing.T) {
			admin := rootConn(t)
			mustExecAll(t, admin, "DROP TABLE IF EXISTS cf_cancel", "CREATE TABLE cf_cancel (id INT PRIMARY KEY, name VARCHAR(40))")
			t.Cleanup(func() { mustExec(t, rootConn(t), "DROP TABLE IF EXISTS cf_cancel") })
			cfg := userConfig(t, testServer(t).Root)
			cfg.TLSMode = aiomysql.TLSDisabled
			cfg.LocalInfile = p.local
			connect := func() *aiomysql.Conn {
				t.Helper()
				c, err := aiomysql.Connect(testCtx(t), cfg)
				if err != nil {
					t.Fatal(err)
				}
				return c
			}
			c := connect()
			defer func() { c.Close() }()
			seed := uint64(time.Now().UnixNano())
			rng := rand.New(rand.NewPCG(seed, 0))
			sizes := []int{2_000, 50_000, 200_000}
			var closed, all, none int
			base := 0
			for round := range p.rounds {
				n := sizes[rng.IntN(len(sizes))]
				delay := time.Duration(rng.Int64N(int64(20 * time.Millisecond)))
				first := base
				base += n
				ctx, cancel := context.WithCancel(context.Background())
				timer := time.AfterFunc(delay, cancel)
				res, err := c.CopyFrom(ctx, "cf_cancel", []string{"id", "name"}, aiomysql.CopyFromSlice(n, func(i int) ([]any, error) { return srcRow(first + i), nil }))
				timer.Stop()
				cancel()
				var got int64
				if err := admin.QueryRow(testCtx(t), "SELECT COUNT(*) FROM cf_cancel WHERE id >= ? AND id < ?", first, first+n).Scan(&got); err != nil {
					t.Fatal(err)
				}
				switch {
				case got != 0 && got != int64(n):
					t.Fatalf("seed %d round %d: %d of %d rows landed (error %v)", seed, round, got, n, err)
				case err == nil && (got != int64(n) || res.Rows != int64(n)):
					t.Fatalf("seed %d round %d: no error, %d rows landed, %d reported, of %d", seed, round, got, res.Rows, n)
				case err != nil && !errors.Is(err, context.Canceled):
					t.Fatalf("seed %d round %d: error %v, want context.Canceled", seed, round, err)
				case got == 0:
					none++
				default:
					all++
				}
				if c.IsClosed() {
					closed++
					c = connect()
					continue
				}
				var one int
				if err := c.QueryRow(testCtx(t), "SELECT 1").Scan(&one); err != nil || one != 1 {
					t.Fatalf("seed %d round %d: after the copy (error %v), SELECT 1 gave %d, %v", seed, round, err, one, err)
				}
				if c.InTransaction() {
					t.Fatalf("seed %d round %d: a transaction is open after the copy (error %v)", seed, round, err)
				}
			}
			t.Logf("seed %d: %d rounds: %d with all rows, %d with none; %d connections closed", seed, p.rounds, all, none, closed)
		})
	}
}
