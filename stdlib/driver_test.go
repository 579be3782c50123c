package stdlib_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// TestMultiStatementResults: a multi-statement Exec keeps each result,
// reached through sql.Conn.Raw as with go-sql-driver's AllRowsAffected.
func TestMultiStatementResults(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.multi (id INT AUTO_INCREMENT PRIMARY KEY, v INT)", "DELETE FROM test.multi")
	db := openDB(t, "multiStatements=true")
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var affected, ids []int64
	err = c.Raw(func(dc any) error {
		res, err := dc.(driver.ExecerContext).ExecContext(ctx,
			"INSERT INTO test.multi (v) VALUES (1), (2); UPDATE test.multi SET v = 3 WHERE v = 1; INSERT INTO test.multi (v) VALUES (4)", nil)
		if err != nil {
			return err
		}
		r := res.(*stdlib.Result)
		affected, ids = r.AllRowsAffected(), r.AllLastInsertIds()
		if stdlib.NativeConn(dc) == nil {
			t.Error("NativeConn = nil")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(affected, []int64{2, 1, 1}) || len(ids) != 3 || ids[0] == 0 || ids[2] <= ids[0] {
		t.Errorf("AllRowsAffected = %v, AllLastInsertIds = %v", affected, ids)
	}
	rows, err := db.QueryContext(ctx, "SELECT 1; SELECT 2, 3")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var sets [][]string
	for {
		cols, _ := rows.Columns()
		sets = append(sets, cols)
		for rows.Next() {
		}
		if !rows.NextResultSet() {
			break
		}
	}
	if err := rows.Err(); err != nil || len(sets) != 2 || len(sets[1]) != 2 {
		t.Errorf("result sets %v, %v", sets, err)
	}
}

// TestValuesAsGoSQLDriver: scanning into any gives go-sql-driver's types.
func TestValuesAsGoSQLDriver(t *testing.T) {
	ctx := testCtx(t)
	q := "SELECT CAST(7 AS SIGNED), 'txt', CAST(1.50 AS DECIMAL(5,2)), DATE '2024-02-03', TIMESTAMP '2024-02-03 04:05:06.789', " +
		"CAST('-26:01:02' AS TIME), NULL"
	for _, mode := range []string{"", "interpolateParams=true"} {
		db := openDB(t, mode)
		for _, args := range [][]any{nil, {1}} { // text protocol, and binary (arguments) unless interpolated
			query := q
			if args != nil {
				query += ", ?"
			}
			vals := make([]any, 7+len(args))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := db.QueryRowContext(ctx, query, args...).Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			want := []any{int64(7), []byte("txt"), []byte("1.50"), []byte("2024-02-03"), []byte("2024-02-03 04:05:06.789"), []byte("-26:01:02"), nil}
			if !reflect.DeepEqual(vals[:7], want) {
				t.Errorf("%s args %v: values %q, want %q", mode, args, vals[:7], want)
			}
		}
	}
	db := openDB(t, "parseTime=true")
	var d, ts time.Time
	if err := db.QueryRowContext(ctx, "SELECT DATE '2024-02-03', TIMESTAMP '2024-02-03 04:05:06'").Scan(&d, &ts); err != nil {
		t.Fatal(err)
	}
	if !d.Equal(time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)) || ts.Second() != 6 {
		t.Errorf("parseTime: %v %v", d, ts)
	}
}

// TestColumnTypes: names, nullability, precision and scan types as
// go-sql-driver/mysql reports them.
func TestColumnTypes(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.coltypes (i INT NOT NULL, u BIGINT UNSIGNED, v VARCHAR(20), b VARBINARY(8), "+
		"d DECIMAL(10,3) NOT NULL, t TEXT, f DOUBLE NOT NULL, dt DATETIME(3), flag TINYINT(1) NOT NULL)")
	db := openDB(t, "")
	rows, err := db.QueryContext(ctx, "SELECT * FROM test.coltypes")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name     string
		nullable bool
		scan     reflect.Type
	}{
		{"INT", false, reflect.TypeFor[int32]()},
		{"UNSIGNED BIGINT", true, reflect.TypeFor[sql.Null[uint64]]()},
		{"VARCHAR", true, reflect.TypeFor[sql.NullString]()},
		{"VARBINARY", true, reflect.TypeFor[[]byte]()},
		{"DECIMAL", false, reflect.TypeFor[string]()},
		{"TEXT", true, reflect.TypeFor[sql.NullString]()},
		{"DOUBLE", false, reflect.TypeFor[float64]()},
		{"DATETIME", true, reflect.TypeFor[sql.NullTime]()},
		{"TINYINT", false, reflect.TypeFor[int8]()}, // bool with tinyInt1IsBool=true
	}
	for i, w := range want {
		ct := cts[i]
		n, ok := ct.Nullable()
		if ct.DatabaseTypeName() != w.name || !ok || n != w.nullable || ct.ScanType() != w.scan {
			t.Errorf("column %s: %s nullable %v scan %v; want %s %v %v", ct.Name(), ct.DatabaseTypeName(), n, ct.ScanType(), w.name, w.nullable, w.scan)
		}
	}
	if p, s, ok := cts[4].DecimalSize(); !ok || p != 10 || s != 3 {
		t.Errorf("DECIMAL(10,3) size = %d,%d,%v", p, s, ok)
	}
	if l, ok := cts[2].Length(); !ok || l != 20 {
		t.Errorf("VARCHAR(20) length = %d,%v", l, ok)
	}
}

// TestErrorsPort: a server error is *stdlib.Error (= *aiomysql.Error) with
// go-sql-driver's field names, and the sentinels match.
func TestErrorsPort(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	_, err := db.ExecContext(ctx, "SELECT * FROM test.no_such_table")
	var me *stdlib.Error
	if !errors.As(err, &me) || me.Number != errcode.NoSuchTable || me.SQLState != "42S02" || me.Message == "" {
		t.Fatalf("error %v (%T)", err, err)
	}
	if !errors.Is(aiomysql.ErrConnLost, stdlib.ErrInvalidConn) || !errors.Is(aiomysql.ErrPacketTooLarge, stdlib.ErrPktTooLarge) {
		t.Error("sentinels do not match the native errors")
	}
	_, err = db.ExecContext(ctx, "SELECT ?", make([]byte, 64<<20))
	if !errors.Is(err, stdlib.ErrPktTooLarge) {
		t.Errorf("oversized argument: %v, want ErrPktTooLarge", err)
	}
}

// TestTxOptions: isolation levels and read-only transactions.
func TestTxOptions(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.txo (id INT PRIMARY KEY)")
	db := openDB(t, "")
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO test.txo VALUES (1)")
	var me *stdlib.Error
	if !errors.As(err, &me) || me.Number != 1792 {
		t.Errorf("INSERT in a read-only transaction: %v, want error 1792", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSnapshot}); err == nil {
		t.Error("LevelSnapshot accepted")
	}
}

// TestSessionReset: a session changed by one user of a connection is
// reset before the next; an unchanged one is reused as it is.
func TestSessionReset(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	db.SetMaxOpenConns(1)
	var id1, id2 int64
	if err := db.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "SET @leak = 'x'"); err != nil {
		t.Fatal(err)
	}
	var v sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT @leak, CONNECTION_ID()").Scan(&v, &id2); err != nil {
		t.Fatal(err)
	}
	if v.Valid || id1 != id2 {
		t.Errorf("@leak = %v on connection %d (first %d): want NULL on the same connection", v, id2, id1)
	}
}

// TestSessionResetWithPreparedStatement: with a statement prepared through
// database/sql open on the connection, a changed session is still reset
// (no user variable reaches the next user), and the statement, which the
// reset deallocated, runs again, prepared anew.
func TestSessionResetWithPreparedStatement(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	db.SetMaxOpenConns(1)
	st, err := db.PrepareContext(ctx, "SELECT ? + 1, @leak")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	var v sql.NullString
	if err := st.QueryRowContext(ctx, 1).Scan(&n, &v); err != nil || n != 2 {
		t.Fatalf("first run: %d, %v", n, err)
	}
	if _, err := db.ExecContext(ctx, "SET @leak = 'x'"); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := st.QueryRowContext(ctx, 41).Scan(&n, &v); err != nil {
			t.Fatalf("run %d after the reset: %v", i, err)
		}
		if n != 42 || v.Valid {
			t.Fatalf("run %d after the reset: %d, @leak = %v; want 42 and NULL", i, n, v)
		}
	}
}

// TestOpenDBFromPool: database/sql over a native pool; closing the DB
// gives the connections back.
func TestOpenDBFromPool(t *testing.T) {
	ctx := testCtx(t)
	pc := aiomysql.NewPoolConfig(serverConfig(t, shared.Get(t)))
	pc.MaxSize = 2
	pool, err := aiomysql.CreatePool(ctx, pc)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Terminate()
	db := stdlib.OpenDBFromPool(pool)
	var n int
	if err := db.QueryRowContext(ctx, "SELECT ? * 6", 7).Scan(&n); err != nil || n != 42 {
		t.Fatalf("SELECT = %d, %v", n, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if pool.FreeSize() != pool.Size() {
		t.Errorf("pool: %d free of %d after db.Close", pool.FreeSize(), pool.Size())
	}
	if err := pool.AcquireFunc(ctx, func(c aiomysql.PoolConn) error { return c.Ping(ctx) }); err != nil {
		t.Error(err)
	}
}

// TestUnchangedSessionNoRoundTrip: reusing a connection whose session did
// not change sends nothing but the caller's command.
func TestUnchangedSessionNoRoundTrip(t *testing.T) {
	ctx := testCtx(t)
	db, proxy := proxiedDB(t)
	db.SetMaxOpenConns(1)
	var n int
	if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
	link, err := proxy.WaitLink(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	// What the proxy read from the client is counted before it goes on to
	// the server, so before the reply: exact once a call has returned.
	before := len(link.Recorded(faultproxy.Upstream))
	if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
	const want = 4 + 1 + len("SELECT 1") // header, COM_QUERY, text
	if got := len(link.Recorded(faultproxy.Upstream)) - before; got != want {
		t.Errorf("second checkout sent %d bytes, want %d (the query alone)", got, want)
	}
}

// TestColumnsWithAlias names columns table.column.
func TestColumnsWithAlias(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.cwa (id INT)")
	db := openDB(t, "columnsWithAlias=true")
	rows, err := db.QueryContext(ctx, "SELECT c.id, 1 AS one FROM test.cwa c")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if !reflect.DeepEqual(cols, []string{"c.id", "one"}) {
		t.Errorf("columns %q, want [c.id one]", cols)
	}
}

// TestCallResultSets: a CALL's result sets are read one after another, and
// the Rows closes itself after the last (the connection is free again).
func TestCallResultSets(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	if _, err := db.ExecContext(ctx, "CREATE OR REPLACE PROCEDURE test.two_sets(IN n INT) BEGIN SELECT n; SELECT n * 2, 'x'; END"); err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, args := range [][]any{nil, {21}} {
		q := "CALL test.two_sets(21)"
		if args != nil {
			q = "CALL test.two_sets(?)"
		}
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for {
			for rows.Next() {
				cols, _ := rows.Columns()
				dest := make([]any, len(cols))
				var v int
				dest[0] = &v
				for i := 1; i < len(dest); i++ {
					dest[i] = new(any)
				}
				if err := rows.Scan(dest...); err != nil {
					t.Fatal(err)
				}
				got = append(got, v)
			}
			if !rows.NextResultSet() {
				break
			}
		}
		if err := rows.Err(); err != nil || !reflect.DeepEqual(got, []int{21, 42}) {
			t.Errorf("args %v: sets %v, %v", args, got, err)
		}
		var n int
		if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil { // the only connection is free
			t.Fatal(err)
		}
	}
}
