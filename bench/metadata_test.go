package bench_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// metadataCols is Metadata1000Cols's column count.
const metadataCols = 1000

// metadataQuery selects one row of metadataCols INT columns, c1 … c1000.
var metadataQuery = func() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i := 1; i <= metadataCols; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d AS c%d", i, i)
	}
	return b.String()
}()

// BenchmarkMetadata1000Cols: one row of 1000 INT columns as text: the cost
// is the 1000 column definitions, decoded per query, and the row read
// into 1000 int64s.
func BenchmarkMetadata1000Cols(b *testing.B) {
	tg := server(b)
	dest := make([]any, metadataCols)
	vals := make([]int64, metadataCols)
	for i := range dest {
		dest[i] = &vals[i]
	}
	check := func(rows rowsLike) error {
		n := 0
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				_ = rows.Close()
				return err
			}
			n++
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if n != 1 || vals[metadataCols-1] != metadataCols {
			return fmt.Errorf("%d rows, last column %d", n, vals[metadataCols-1])
		}
		return nil
	}
	b.Run("impl=native", func(b *testing.B) {
		c := tg.connect(b, nil)
		ctx := testCtx(b)
		b.ReportAllocs()
		for b.Loop() {
			rows, err := c.Query(ctx, metadataQuery)
			if err != nil {
				b.Fatal(err)
			}
			if err := check(rows); err != nil {
				b.Fatal(err)
			}
		}
	})
	bench := func(b *testing.B, db *sql.DB) {
		ctx := testCtx(b)
		b.ReportAllocs()
		for b.Loop() {
			rows, err := db.QueryContext(ctx, metadataQuery)
			if err != nil {
				b.Fatal(err)
			}
			if err := check(rows); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("impl=stdlib", func(b *testing.B) { bench(b, tg.openStdlib(b, nil)) })
	b.Run("impl=gsd", func(b *testing.B) { bench(b, tg.openGSD(b, nil)) })
}
