package dbsql_test

import (
	"testing"
)

// compressResult is what the compressed program saw.
type compressResult struct {
	Compression string
	Lengths     []int
	Sum         int64
	Prepared    []string
}

// TestProgramCompress: compress=true on both drivers: the server reports
// the session compressed, and a large text result, a streamed result and a
// prepared statement run a few times give the same results.
func TestProgramCompress(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) compressResult {
		db := open(t, d, "compress=true&parseTime=true")
		db.SetMaxOpenConns(1)
		ctx := testContext(t)
		var r compressResult
		var name string
		if err := db.QueryRowContext(ctx, "SHOW SESSION STATUS LIKE 'Compression'").Scan(&name, &r.Compression); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{10, 100000, 3 << 20} {
			var s string
			if err := db.QueryRowContext(ctx, "SELECT REPEAT('ab', ?)", n).Scan(&s); err != nil {
				t.Fatal(err)
			}
			r.Lengths = append(r.Lengths, len(s))
		}
		rows, err := db.QueryContext(ctx, "SELECT seq, REPEAT('x', 30) FROM seq_1_to_50000")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			var pad string
			if err := rows.Scan(&id, &pad); err != nil {
				t.Fatal(err)
			}
			r.Sum += id
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		st, err := db.PrepareContext(ctx, "SELECT CONCAT(?, REPEAT('-', 80))")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, v := range []string{"a", "b", "c"} {
			var s string
			if err := st.QueryRowContext(ctx, v).Scan(&s); err != nil {
				t.Fatal(err)
			}
			r.Prepared = append(r.Prepared, s[:1])
		}
		return r
	})
}
