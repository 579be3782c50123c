package bench_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/replay"
)

// replayClient opens a client whose one connection dial opens, and returns
// the operation the replay repeats. It is called twice, with the same
// calls in the same order: once to record, once to replay.
type replayClient func(tb testing.TB, dial replay.DialFunc) func(ctx context.Context) error

// record runs open's operation on the live server twice through a
// Recorder, marking the second, and returns the script.
func record(tb testing.TB, open replayClient) *replay.Script {
	tb.Helper()
	ctx := testCtx(tb)
	rec := replay.NewRecorder(nil)
	op := open(tb, rec.Dial)
	if err := op(ctx); err != nil { // a warm-up: prepares, for the binary protocol
		tb.Fatal(err)
	}
	if err := rec.Mark(); err != nil {
		tb.Fatal(err)
	}
	if err := op(ctx); err != nil {
		tb.Fatal(err)
	}
	s, err := rec.Script()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// benchReplay records open's operation, then replays it b.N times (after
// the recorded warm-up) with no server; rows is the rows an op reads, for
// rows/s (0: none reported).
func benchReplay(b *testing.B, open replayClient, rows int) {
	s := record(b, open)
	// A context that cannot end: no driver hands the query to a watcher
	// goroutine, so that the replay measures decoding, not the scheduler.
	ctx := context.Background()
	op := open(b, s.Dial)
	if err := op(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := op(ctx); err != nil {
			b.Fatal(err)
		}
	}
	if rows > 0 {
		reportRate(b, b.N*rows, "rows/s")
	}
}

// benchRaw is the floor of a replay: the recorded request written and its
// reply read as packets (headers parsed, payloads copied, nothing decoded)
// from the replayed connection of s, which open recorded.
func benchRaw(b *testing.B, open replayClient, rows int) {
	s := record(b, open)
	loop := s.Steps[s.Loop]
	want := s.ServerBytes(s.Loop)
	c := s.Conn("tcp", "raw")
	for i := 0; i < s.Loop; i++ { // the connect and the warm-up, as recorded
		if _, err := c.Write(s.Steps[i].Client); err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadFull(c, make([]byte, len(s.Steps[i].Server))); err != nil {
			b.Fatal(err)
		}
	}
	var hdr [4]byte
	payload := make([]byte, 1<<24)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Write(loop.Client); err != nil {
			b.Fatal(err)
		}
		for got := 0; got < want; {
			if _, err := io.ReadFull(c, hdr[:]); err != nil {
				b.Fatal(err)
			}
			n := int(binary.LittleEndian.Uint32(hdr[:]) & 0xffffff)
			if _, err := io.ReadFull(c, payload[:n]); err != nil {
				b.Fatal(err)
			}
			got += 4 + n
		}
	}
	if rows > 0 {
		reportRate(b, b.N*rows, "rows/s")
	}
}

// nativeReplay opens a native connection over dial (no TLS) and returns
// op run on it.
func (tg target) nativeReplay(op func(ctx context.Context, c *aiomysql.Conn) error) replayClient {
	return func(tb testing.TB, dial replay.DialFunc) func(ctx context.Context) error {
		c := tg.connect(tb, func(cfg *aiomysql.Config) { cfg.Dialer = dial })
		return func(ctx context.Context) error { return op(ctx, c) }
	}
}

// dbReplay opens a database/sql pool of one connection over dial, of the
// stdlib driver or gsd, with parseTime and interpolateParams as given, and
// returns op run on it (with st prepared from prepare, when not "").
func (tg target) dbReplay(impl string, interpolate bool, prepare string, op func(ctx context.Context, db *sql.DB, st *sql.Stmt) error) replayClient {
	return func(tb testing.TB, dial replay.DialFunc) func(ctx context.Context) error {
		var db *sql.DB
		if impl == "stdlib" {
			db = tg.openStdlib(tb, func(cfg *aiomysql.Config) {
				cfg.Dialer, cfg.ParseTime, cfg.InterpolateParams = dial, true, interpolate
			})
		} else {
			db = tg.openGSD(tb, func(cfg *mysql.Config) {
				cfg.DialFunc, cfg.ParseTime, cfg.InterpolateParams = dial, true, interpolate
			})
		}
		var st *sql.Stmt
		if prepare != "" {
			var err error
			if st, err = db.PrepareContext(testCtx(tb), prepare); err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { _ = st.Close() })
		}
		return func(ctx context.Context) error { return op(ctx, db, st) }
	}
}

// BenchmarkDecodeReplay: LargeResult's 100k mixed rows at c=1, recorded
// once from the server per implementation, then replayed through a fake
// net.Conn: client CPU only. text is COM_QUERY (native
// QueryExecModeText, database/sql with interpolateParams); bin a prepared
// statement (native's cached one; DB.Prepare). impl=raw is the floor:
// the native recording's packets read with no decoding. It reports rows/s.
func BenchmarkDecodeReplay(b *testing.B) {
	tg := server(b)
	createMixed(b, tg.connect(b, nil))
	for _, proto := range []string{"text", "bin"} {
		mode := aiomysql.QueryExecModeCacheStatement
		prepare := mixedQuery
		if proto == "text" {
			mode, prepare = aiomysql.QueryExecModeText, ""
		}
		native := tg.nativeReplay(func(ctx context.Context, c *aiomysql.Conn) error {
			rows, err := c.Query(ctx, mixedQuery, mode, largeRows)
			if err != nil {
				return err
			}
			return drain(rows, largeRows, nil)
		})
		b.Run("impl=native/"+proto, func(b *testing.B) { benchReplay(b, native, largeRows) })
		for _, impl := range []string{"stdlib", "gsd"} {
			client := tg.dbReplay(impl, proto == "text", prepare, func(ctx context.Context, db *sql.DB, st *sql.Stmt) error {
				var rows *sql.Rows
				var err error
				if st != nil {
					rows, err = st.QueryContext(ctx, largeRows)
				} else {
					rows, err = db.QueryContext(ctx, mixedQuery, largeRows)
				}
				if err != nil {
					return err
				}
				return drain(rows, largeRows, nil)
			})
			b.Run("impl="+impl+"/"+proto, func(b *testing.B) { benchReplay(b, client, largeRows) })
		}
		b.Run("impl=raw/"+proto, func(b *testing.B) { benchRaw(b, native, largeRows) })
	}
}

// BenchmarkPointReplay: PointSelect's prepared point select (native's
// cached statement; DB.Prepare for stdlib and gsd), recorded once and
// replayed: the client's CPU and allocations for one query. impl=raw is
// the framing floor of the native recording.
func BenchmarkPointReplay(b *testing.B) {
	tg := server(b)
	createFoo(b, tg.connect(b, nil))
	pd := newPointDest()
	native := tg.nativeReplay(func(ctx context.Context, c *aiomysql.Conn) error {
		return pd.check(3, c.QueryRow(ctx, pointQuery, 3).Scan(pd.dest...))
	})
	b.Run("impl=native", func(b *testing.B) { benchReplay(b, native, 0) })
	for _, impl := range []string{"stdlib", "gsd"} {
		pd := newPointDest()
		client := tg.dbReplay(impl, false, pointQuery, func(ctx context.Context, _ *sql.DB, st *sql.Stmt) error {
			return pd.check(3, st.QueryRowContext(ctx, 3).Scan(pd.dest...))
		})
		b.Run("impl="+impl, func(b *testing.B) { benchReplay(b, client, 0) })
	}
	b.Run("impl=raw", func(b *testing.B) { benchRaw(b, native, 0) })
}

// TestReplayMatchesServer checks the replay's premise on each driver: a
// replayed point select gives the recorded row, and every recorded step
// is served again in order.
func TestReplayMatchesServer(t *testing.T) {
	tg := server(t)
	createFoo(t, tg.connect(t, nil))
	clients := map[string]replayClient{
		"native": tg.nativeReplay(func(ctx context.Context, c *aiomysql.Conn) error {
			return scanPoint(3, c.QueryRow(ctx, pointQuery, 3).Scan)
		}),
	}
	for _, impl := range []string{"stdlib", "gsd"} {
		clients[impl] = tg.dbReplay(impl, false, pointQuery, func(ctx context.Context, _ *sql.DB, st *sql.Stmt) error {
			return scanPoint(3, st.QueryRowContext(ctx, 3).Scan)
		})
	}
	for name, open := range clients {
		t.Run("impl="+name, func(t *testing.T) {
			s := record(t, open)
			if s.Loop < 2 || s.Loop >= len(s.Steps) {
				t.Fatalf("loop at %d of %d steps", s.Loop, len(s.Steps))
			}
			var conn *replay.Conn
			op := open(t, func(ctx context.Context, network, addr string) (nc net.Conn, err error) {
				conn = s.Conn(network, addr)
				return conn, nil
			})
			for i := range 3 {
				if err := op(testCtx(t)); err != nil {
					t.Fatalf("replayed query %d: %v", i, err)
				}
			}
			if want := int64(s.Loop + 2); conn.Rounds() != want {
				t.Errorf("%d steps served, want %d", conn.Rounds(), want)
			}
		})
	}
}

// pointDest holds a point select's destinations, made once, so that a
// replayed query's allocations are the driver's alone: scanPoint's locals
// escape through its func value (three allocations a call, for every
// implementation alike).
type pointDest struct {
	id   int
	name string
	dest []any
}

func newPointDest() *pointDest {
	p := &pointDest{}
	p.dest = []any{&p.id, &p.name}
	return p
}

// check returns err, or an error when the row read is not id's.
func (p *pointDest) check(id int, err error) error {
	if err != nil {
		return err
	}
	if p.id != id {
		return fmt.Errorf("id %d, want %d", p.id, id)
	}
	return nil
}
