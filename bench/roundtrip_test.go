package bench_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
)

// stmtStatus is what the server counted for the session: prepared and
// closed statements.
type stmtStatus struct{ prepares, closes int64 }

// stmtStatusQuery reads the session's counters; it has no arguments, so it
// goes as text in every mode and prepares nothing itself.
const stmtStatusQuery = "SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_close')"

// scanStatus reads stmtStatusQuery's rows through next and scan.
func scanStatus(next func() bool, scan func(...any) error) (stmtStatus, error) {
	var st stmtStatus
	for next() {
		var name, v string
		if err := scan(&name, &v); err != nil {
			return st, err
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return st, err
		}
		if name == "Com_stmt_prepare" {
			st.prepares = n
		} else {
			st.closes = n
		}
	}
	return st, nil
}

// adhocClient is one connection that runs AdhocParam's query one way.
type adhocClient struct {
	query  func(ctx context.Context, id int) error
	status func(ctx context.Context) (stmtStatus, error)
	// pipelines says the server takes a prepare and an execute in one
	// round trip (MariaDB); unset for go-sql-driver/mysql, which never does.
	pipelines bool
}

func nativeClient(c *aiomysql.Conn, mode aiomysql.QueryExecMode) adhocClient {
	return adhocClient{
		pipelines: c.IsMariaDB(),
		query:     func(ctx context.Context, id int) error { return adhocNative(ctx, c, mode, id) },
		status: func(ctx context.Context) (stmtStatus, error) {
			rows, err := c.Query(ctx, stmtStatusQuery)
			if err != nil {
				return stmtStatus{}, err
			}
			defer rows.Close()
			st, err := scanStatus(rows.Next, rows.Scan)
			if err == nil {
				err = rows.Err()
			}
			return st, err
		},
	}
}

func gsdClient(db *sql.DB) adhocClient {
	return adhocClient{
		query: func(ctx context.Context, id int) error { return adhocGSD(ctx, db, id) },
		status: func(ctx context.Context) (stmtStatus, error) {
			rows, err := db.QueryContext(ctx, stmtStatusQuery)
			if err != nil {
				return stmtStatus{}, err
			}
			defer rows.Close()
			st, err := scanStatus(rows.Next, rows.Scan)
			if err == nil {
				err = rows.Err()
			}
			return st, err
		},
	}
}

// TestAdhocParamRoundTrips counts, per query after a warm-up query, the
// writes and round trips each way of running AdhocParam's query costs and
// the statements the server prepared and closed for it. It is the case for
// the default mode: cache_statement is one round trip and prepares nothing
// after the first query, where go-sql-driver/mysql's default prepares,
// executes and closes every time (two round trips, three writes).
func TestAdhocParamRoundTrips(t *testing.T) {
	const n = 5 // measured queries
	tg := server(t)
	createFoo(t, tg.connect(t, nil))
	// firstPrepares is what the warm-up query prepares; the rest is per
	// measured query.
	type cost struct{ firstPrepares, writes, roundTrips, prepares, closes int64 }
	type roundTripCase struct {
		name string
		open func(t *testing.T, w *wireCount) adhocClient
		want cost
	}
	var cases []roundTripCase
	for _, tc := range []struct {
		mode aiomysql.QueryExecMode
		want cost
	}{
		// The warm-up prepares the statement into the cache; every query
		// after it is one COM_STMT_EXECUTE.
		{aiomysql.QueryExecModeCacheStatement, cost{1, 1, 1, 0, 0}},
		// Prepare, then execute once the prepare's reply has given the
		// statement id: two round trips. The close is queued and leaves
		// with the next command. (Only direct pipelines the prepare.)
		{aiomysql.QueryExecModePrepareExecute, cost{1, 2, 2, 1, 1}},
		// MariaDB: COM_STMT_PREPARE and COM_STMT_EXECUTE of statement
		// 0xFFFFFFFF in one write; the queued close leaves with the next.
		// (MySQL: as prepare_execute; see below.)
		{aiomysql.QueryExecModeDirect, cost{1, 1, 1, 1, 1}},
		// One COM_QUERY with the argument interpolated.
		{aiomysql.QueryExecModeText, cost{0, 1, 1, 0, 0}},
	} {
		cases = append(cases, roundTripCase{"impl=native/mode=" + tc.mode.String(), func(t *testing.T, w *wireCount) adhocClient {
			return nativeClient(tg.connect(t, func(cfg *aiomysql.Config) { cfg.Dialer = w.dial }), tc.mode)
		}, tc.want})
	}
	for _, tc := range []struct {
		interpolate bool
		want        cost
	}{
		// database/sql prepares (a round trip), executes (a round trip)
		// and closes (a write without a reply), every time.
		{false, cost{1, 3, 2, 1, 1}},
		{true, cost{0, 1, 1, 0, 0}},
	} {
		cases = append(cases, roundTripCase{"impl=gsd/interpolate=" + strconv.FormatBool(tc.interpolate), func(t *testing.T, w *wireCount) adhocClient {
			return gsdClient(tg.openGSD(t, func(cfg *mysql.Config) {
				cfg.DialFunc = w.dial
				cfg.InterpolateParams = tc.interpolate
			}))
		}, tc.want})
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := testCtx(t)
			var w wireCount
			cl := tc.open(t, &w)
			status := func() stmtStatus {
				t.Helper()
				st, err := cl.status(ctx) // also sends a queued close
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			st0 := status()
			if err := cl.query(ctx, adhocIDs[0]); err != nil { // warm up
				t.Fatal(err)
			}
			st1 := status()
			w0, rt0 := w.snapshot()
			for i := range n {
				if err := cl.query(ctx, adhocIDs[i%len(adhocIDs)]); err != nil {
					t.Fatal(err)
				}
			}
			w1, rt1 := w.snapshot()
			st2 := status()
			total := cost{st1.prepares - st0.prepares, w1 - w0, rt1 - rt0, st2.prepares - st1.prepares, st2.closes - st1.closes}
			want := tc.want
			if tc.name == "impl=native/mode=direct" && !cl.pipelines {
				want.writes, want.roundTrips = 2, 2 // MySQL (AIOMYSQL_DSN): prepare, then execute
			}
			want.writes, want.roundTrips, want.prepares, want.closes = n*want.writes, n*want.roundTrips, n*want.prepares, n*want.closes
			t.Logf("first query: %d prepares; over %d queries after it: %d writes, %d round trips, %d prepares, %d closes",
				total.firstPrepares, n, total.writes, total.roundTrips, total.prepares, total.closes)
			if total != want {
				t.Errorf("got %+v, want %+v", total, want)
			}
		})
	}
}
