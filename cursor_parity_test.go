package aiomysql_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// partlyZeroTable makes pz_t, whose second and third rows hold dates with a
// zero month or day (stored under a permissive sql_mode), and returns the
// rows every cursor must give: the bad values as the server's text, as
// aiomysql does.
func partlyZeroTable(t *testing.T, c *aiomysql.Conn) [][]any {
	t.Helper()
	mustExecAll(t, c,
		"SET sql_mode = ''",
		"DROP TABLE IF EXISTS pz_t",
		"CREATE TABLE pz_t (id INT PRIMARY KEY, d DATE, dt DATETIME)",
		"INSERT INTO pz_t VALUES (1, '2024-01-02', '2024-01-02 03:04:05'),"+
			" (2, '2024-00-00', '2024-00-15 10:00:00'), (3, '2024-02-00', '2024-01-02 03:04:05'),"+
			" (4, '0000-00-00', '0000-00-00 00:00:00')")
	ok := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	okDT := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	return [][]any{
		{int64(1), ok, okDT},
		{int64(2), "2024-00-00", "2024-00-15 10:00:00"},
		{int64(3), "2024-02-00", okDT},
		{int64(4), time.Time{}, time.Time{}}, // ZeroDateZeroTime, the default policy
	}
}

func TestCursorPartlyZeroDate(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			want := partlyZeroTable(t, c)
			cur := kind.open(t, c)
			defer cur.close()
			if _, err := cur.execute(ctx, "SELECT id, d, dt FROM pz_t ORDER BY id"); err != nil {
				t.Fatal(err)
			}
			got, err := cur.fetchAll(ctx)
			if err != nil || !sameRows(got, want) {
				t.Errorf("FetchAll = %#v, %v\nwant %#v", got, err, want)
			}
			if n := cur.rowCount(); n != int64(len(want)) {
				t.Errorf("RowCount = %d, want %d", n, len(want))
			}
		})
	}
}

func TestRowsPartlyZeroDate(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	want := partlyZeroTable(t, c)
	rows, err := c.Query(ctx, "SELECT id, d, dt FROM pz_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]any
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatalf("Values: %v", err)
		}
		got = append(got, vals)
	}
	if err := rows.Err(); err != nil || !sameRows(got, want) {
		t.Errorf("Values = %#v, %v\nwant %#v", got, err, want)
	}

	// Scan: the text into *string and *[]byte, a ScanError into *time.Time.
	var s string
	var b []byte
	if err := c.QueryRow(ctx, "SELECT d, dt FROM pz_t WHERE id = 2").Scan(&s, &b); err != nil ||
		s != "2024-00-00" || string(b) != "2024-00-15 10:00:00" {
		t.Errorf("Scan into *string, *[]byte = %q, %q, %v", s, b, err)
	}
	var tm time.Time
	err = c.QueryRow(ctx, "SELECT d FROM pz_t WHERE id = 2").Scan(&tm)
	var se *aiomysql.ScanError
	if !errors.As(err, &se) || !errors.Is(err, aiomysql.ErrInvalidDate) {
		t.Errorf("Scan into *time.Time = %v, want a ScanError matching ErrInvalidDate", err)
	}
	var a any
	if err := c.QueryRow(ctx, "SELECT dt FROM pz_t WHERE id = 2").Scan(&a); err != nil ||
		fmt.Sprintf("%#v", a) != `"2024-00-15 10:00:00"` {
		t.Errorf("Scan into *any = %#v, %v", a, err)
	}
}
