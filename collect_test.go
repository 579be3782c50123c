package aiomysql_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

func collectTable(t *testing.T, c *aiomysql.Conn) {
	t.Helper()
	mustExecAll(t, c, "DROP TABLE IF EXISTS col_u",
		`CREATE TABLE col_u (id INT PRIMARY KEY, user_name VARCHAR(20) NOT NULL, email VARCHAR(40) NULL,
			created_at DATETIME NOT NULL, score INT NOT NULL)`,
		`INSERT INTO col_u VALUES (1, 'ann', 'ann@example.com', '2024-01-02 03:04:05', 10),
			(2, 'bob', NULL, '2024-02-03 04:05:06', 20), (3, 'cy', 'cy@example.com', '2024-03-04 05:06:07', 30)`)
}

// queryT runs a query that must succeed.
func queryT(t *testing.T, c *aiomysql.Conn, q string, args ...any) *aiomysql.Rows {
	t.Helper()
	rows, err := c.Query(testCtx(t), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}

// free checks that the connection answers, so that the rows were closed.
func free(t *testing.T, c *aiomysql.Conn) {
	t.Helper()
	if v := queryScalar[int](t, c, "SELECT 11"); v != 11 {
		t.Fatalf("SELECT 11 = %d", v)
	}
}

type colBase struct {
	ID int64 `db:"id"`
}

// ColKey is exported so that a pointer to it can be embedded and allocated.
type ColKey struct {
	ID int64 `db:"id"`
}

type colUser struct {
	colBase
	UserName  string  // matches user_name
	Email     *string `db:"EMAIL"`
	CreatedAt time.Time
	Score     int    `db:"score"`
	Ignored   string `db:"-"`
	private   int
}

func TestCollectRowsAndOne(t *testing.T) {
	c := rootConn(t)
	collectTable(t, c)
	ids, err := aiomysql.CollectRows(queryT(t, c, "SELECT id FROM col_u ORDER BY id"), aiomysql.RowTo[int64])
	if err != nil || fmt.Sprint(ids) != "[1 2 3]" {
		t.Errorf("CollectRows RowTo = %v, %v", ids, err)
	}
	none, err := aiomysql.CollectRows(queryT(t, c, "SELECT id FROM col_u WHERE id > 99"), aiomysql.RowTo[int64])
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("CollectRows of nothing = %#v, %v; want an empty slice", none, err)
	}
	ptrs, err := aiomysql.CollectRows(queryT(t, c, "SELECT email FROM col_u ORDER BY id"), aiomysql.RowToAddrOf[*string])
	if err != nil || len(ptrs) != 3 || *ptrs[1] != nil || **ptrs[0] != "ann@example.com" {
		t.Errorf("CollectRows RowToAddrOf = %v, %v", ptrs, err)
	}
	more, err := aiomysql.AppendRows([]string{"zero"}, queryT(t, c, "SELECT user_name FROM col_u ORDER BY id"), aiomysql.RowTo[string])
	if err != nil || fmt.Sprint(more) != "[zero ann bob cy]" {
		t.Errorf("AppendRows = %v, %v", more, err)
	}

	name, err := aiomysql.CollectOneRow(queryT(t, c, "SELECT user_name FROM col_u ORDER BY id"), aiomysql.RowTo[string])
	if err != nil || name != "ann" {
		t.Errorf("CollectOneRow = %q, %v", name, err)
	}
	free(t, c)
	_, err = aiomysql.CollectOneRow(queryT(t, c, "SELECT user_name FROM col_u WHERE id = 0"), aiomysql.RowTo[string])
	if !errors.Is(err, aiomysql.ErrNoRows) {
		t.Errorf("CollectOneRow of nothing: %v, want ErrNoRows", err)
	}
	free(t, c)
	one, err := aiomysql.CollectExactlyOneRow(queryT(t, c, "SELECT score FROM col_u WHERE id = 2"), aiomysql.RowTo[int])
	if err != nil || one != 20 {
		t.Errorf("CollectExactlyOneRow = %d, %v", one, err)
	}
	_, err = aiomysql.CollectExactlyOneRow(queryT(t, c, "SELECT score FROM col_u"), aiomysql.RowTo[int])
	if !errors.Is(err, aiomysql.ErrTooManyRows) {
		t.Errorf("CollectExactlyOneRow of three rows: %v, want ErrTooManyRows", err)
	}
	free(t, c)
	_, err = aiomysql.CollectExactlyOneRow(queryT(t, c, "SELECT score FROM col_u WHERE id = 0"), aiomysql.RowTo[int])
	if !errors.Is(err, aiomysql.ErrNoRows) {
		t.Errorf("CollectExactlyOneRow of nothing: %v, want ErrNoRows", err)
	}

	// A RowToFunc error stops the collection and closes the rows.
	boom := errors.New("boom")
	_, err = aiomysql.CollectRows(queryT(t, c, bigSeqQuery(bigSeqRows)), func(row aiomysql.CollectableRow) (int, error) {
		return 0, boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("CollectRows with a failing func: %v", err)
	}
	free(t, c)
	// NULL into an int: the ScanError comes back.
	_, err = aiomysql.CollectRows(queryT(t, c, "SELECT NULL"), aiomysql.RowTo[int])
	if !errors.Is(err, aiomysql.ErrScanNull) {
		t.Errorf("NULL into int: %v", err)
	}
	// Two columns for RowTo.
	if _, err := aiomysql.CollectOneRow(queryT(t, c, "SELECT 1, 2"), aiomysql.RowTo[int]); err == nil {
		t.Error("RowTo of two columns succeeded")
	}
	free(t, c)
	// A mid-stream server error is CollectRows's error.
	_, err = aiomysql.CollectRows(queryT(t, c, "SELECT IF(n = 2, (SELECT 1 UNION SELECT 2), n) FROM ("+seqQuery(3)+") s"),
		aiomysql.RowTo[int])
	var se *aiomysql.Error
	if !errors.As(err, &se) {
		t.Errorf("CollectRows over a failing query: %v", err)
	}
	free(t, c)
}

func TestCollectRowToStructByName(t *testing.T) {
	c := rootConn(t)
	collectTable(t, c)
	users, err := aiomysql.CollectRows(queryT(t, c, "SELECT * FROM col_u ORDER BY id"), aiomysql.RowToStructByName[colUser])
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 3 {
		t.Fatalf("%d users", len(users))
	}
	u := users[0]
	if u.ID != 1 || u.UserName != "ann" || u.Email == nil || *u.Email != "ann@example.com" || u.Score != 10 ||
		!u.CreatedAt.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) || u.Ignored != "" || u.private != 0 {
		t.Errorf("user 1 = %+v", u)
	}
	if users[1].Email != nil || users[2].UserName != "cy" {
		t.Errorf("users 2 and 3 = %+v %+v", users[1], users[2])
	}

	type withPtr struct {
		*ColKey
		Name string `db:"user_name"`
	}
	wp, err := aiomysql.CollectOneRow(queryT(t, c, "SELECT id, user_name FROM col_u WHERE id = 3"), aiomysql.RowToStructByName[withPtr])
	if err != nil || wp.ColKey == nil || wp.ID != 3 || wp.Name != "cy" {
		t.Errorf("embedded pointer: %+v, %v", wp, err)
	}
	// A pointer to an unexported type cannot be allocated: its fields are
	// not there to match.
	type withHiddenPtr struct {
		*colBase
		Name string `db:"user_name"`
	}
	_, err = aiomysql.CollectOneRow(queryT(t, c, "SELECT id, user_name FROM col_u WHERE id = 3"), aiomysql.RowToStructByName[withHiddenPtr])
	if !errors.Is(err, aiomysql.ErrStructMismatch) {
		t.Errorf("embedded pointer to an unexported type: %v", err)
	}
	free(t, c)

	type partial struct {
		ID    int
		Score int
		Extra string
	}
	cases := []struct {
		name    string
		query   string
		fn      func(aiomysql.CollectableRow) (partial, error)
		want    string
		wantErr string // a column named in a ScanError, or "field" for a missing column
	}{
		{"lax leaves the extra field", "SELECT score, id FROM col_u WHERE id = 2", aiomysql.RowToStructByNameLax[partial], "{2 20 }", ""},
		{"strict wants every field", "SELECT score, id FROM col_u WHERE id = 2", aiomysql.RowToStructByName[partial], "", "field"},
		{"a column without a field", "SELECT id, score, 'x' AS extra, 1 AS nope FROM col_u WHERE id = 2", aiomysql.RowToStructByNameLax[partial], "", "nope"},
		{"two columns for one field", "SELECT id, score, 'a' AS extra, 'b' AS EXTRA FROM col_u WHERE id = 2", aiomysql.RowToStructByName[partial], "", "EXTRA"},
		{"case-insensitive", "SELECT ID, SCORE, 'e' AS eXtRa FROM col_u WHERE id = 2", aiomysql.RowToStructByName[partial], "{2 20 e}", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := aiomysql.CollectOneRow(queryT(t, c, tc.query), tc.fn)
			if tc.wantErr == "" {
				if err != nil || fmt.Sprint(got) != tc.want {
					t.Errorf("= %v, %v; want %s", got, err, tc.want)
				}
				return
			}
			if !errors.Is(err, aiomysql.ErrStructMismatch) {
				t.Fatalf("error %v, want ErrStructMismatch", err)
			}
			var se *aiomysql.ScanError
			if tc.wantErr == "field" {
				if errors.As(err, &se) {
					t.Errorf("a missing column gave a ScanError: %v", err)
				}
			} else if !errors.As(err, &se) || se.Name != tc.wantErr {
				t.Errorf("error %v does not name column %s", err, tc.wantErr)
			}
			free(t, c)
		})
	}
	if _, err := aiomysql.CollectOneRow(queryT(t, c, "SELECT 1"), aiomysql.RowToStructByName[int]); !errors.Is(err, aiomysql.ErrStructMismatch) {
		t.Errorf("a non-struct T: %v", err)
	}
}

// TestCollectRowToStructByNameResultSets checks that the column mapping follows the
// result set: the second set has the same names in another order.
func TestCollectRowToStructByNameResultSets(t *testing.T) {
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MultiStatements = true
	c := connectT(t, cfg)
	type pair struct {
		A int
		B string
	}
	rows := queryT(t, c, "SELECT 1 AS a, 'x' AS b; SELECT 'y' AS b, 2 AS a")
	defer rows.Close()
	var got []pair
	for {
		for rows.Next() {
			p, err := aiomysql.RowToStructByName[pair](rows)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, p)
		}
		if !rows.NextResultSet() {
			break
		}
	}
	if rows.Err() != nil || fmt.Sprint(got) != "[{1 x} {2 y}]" {
		t.Errorf("got %v, %v", got, rows.Err())
	}
}

func TestCollectRowToMap(t *testing.T) {
	c := rootConn(t)
	collectTable(t, c)
	maps, err := aiomysql.CollectRows(queryT(t, c, "SELECT id, user_name, email FROM col_u ORDER BY id"), aiomysql.RowToMap)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%v", maps); got != "[map[email:ann@example.com id:1 user_name:ann] map[email:<nil> id:2 user_name:bob] map[email:cy@example.com id:3 user_name:cy]]" {
		t.Errorf("maps %s", got)
	}
	if _, ok := maps[0]["id"].(int64); !ok {
		t.Errorf("id is a %T, want int64", maps[0]["id"])
	}
	m, err := aiomysql.CollectOneRow(queryT(t, c, "SELECT a.id, b.id, a.score FROM col_u a JOIN col_u b ON b.id = a.id + 1 WHERE a.id = 1"),
		aiomysql.RowToMap)
	if err != nil || fmt.Sprint(m) != "map[b.id:2 id:1 score:10]" {
		t.Errorf("duplicate names: %v, %v", m, err)
	}
}

func TestCollectForEachRow(t *testing.T) {
	c := rootConn(t)
	collectTable(t, c)
	var (
		id    int
		score int
		sum   int
		seen  []int
	)
	res, err := aiomysql.ForEachRow(queryT(t, c, "SELECT id, score FROM col_u ORDER BY id"), []any{&id, &score}, func() error {
		seen = append(seen, id)
		sum += score
		return nil
	})
	if err != nil || sum != 60 || fmt.Sprint(seen) != "[1 2 3]" || res.Warnings() != 0 {
		t.Errorf("ForEachRow: sum %d, ids %v, %v", sum, seen, err)
	}
	// Warnings of the set come back in the Result.
	mustExecAll(t, c, "SET SESSION sql_mode = 'ERROR_FOR_DIVISION_BY_ZERO'")
	res, err = aiomysql.ForEachRow(queryT(t, c, "SELECT id / 0 FROM col_u"), []any{new(any)}, func() error { return nil })
	if err != nil || res.Warnings() != 3 {
		t.Errorf("ForEachRow over divisions by zero: %d warnings, %v", res.Warnings(), err)
	}

	stop := errors.New("stop")
	n := 0
	_, err = aiomysql.ForEachRow(queryT(t, c, bigSeqQuery(bigSeqRows)), []any{&id, new(string)}, func() error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("ForEachRow stopped by fn: %v after %d rows", err, n)
	}
	free(t, c)
	var s string
	_, err = aiomysql.ForEachRow(queryT(t, c, "SELECT email FROM col_u ORDER BY id"), []any{&s}, func() error { return nil })
	if !errors.Is(err, aiomysql.ErrScanNull) {
		t.Errorf("ForEachRow scanning NULL into a string: %v", err)
	}
	free(t, c)
}
