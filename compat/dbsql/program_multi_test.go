package dbsql_test

import (
	"slices"
	"testing"
)

// TestProgramMultiStatements runs several statements in one call with
// multiStatements=true: an Exec of two INSERTs, then a query of three
// SELECTs read with rows.NextResultSet, each set with its own columns.
func TestProgramMultiStatements(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) [][]string {
		ctx := testContext(t)
		db := open(t, d, "multiStatements=true")
		exec(t, db, "DROP TABLE IF EXISTS program_multi", "CREATE TABLE program_multi (id INT PRIMARY KEY, name VARCHAR(10))")
		if _, err := db.ExecContext(ctx, "INSERT INTO program_multi VALUES (1, 'a'); INSERT INTO program_multi VALUES (2, 'b')"); err != nil {
			t.Fatalf("Exec of two INSERTs: %v", err)
		}
		rows, err := db.QueryContext(ctx, "SELECT name FROM program_multi ORDER BY id; SELECT COUNT(*) AS n, MAX(id) AS top FROM program_multi; SELECT 'last' AS word")
		if err != nil {
			t.Fatalf("Query of three SELECTs: %v", err)
		}
		defer rows.Close()
		var sets [][]string
		for {
			cols, err := rows.Columns()
			if err != nil {
				t.Fatalf("Columns of set %d: %v", len(sets), err)
			}
			set := append([]string{}, cols...)
			for rows.Next() {
				vals := make([]string, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatalf("Scan in set %d: %v", len(sets), err)
				}
				set = append(set, vals...)
			}
			sets = append(sets, set)
			if !rows.NextResultSet() {
				break
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("rows.Err: %v", err)
		}
		want := [][]string{{"name", "a", "b"}, {"n", "top", "2", "2"}, {"word", "last"}}
		if len(sets) != len(want) {
			t.Fatalf("read %d result sets %q, want %q", len(sets), sets, want)
		}
		for i := range want {
			if !slices.Equal(sets[i], want[i]) {
				t.Errorf("result set %d = %q, want %q", i, sets[i], want[i])
			}
		}
		return sets
	})
}
