package sqltext_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

const benchQuery = "SELECT a, b, c FROM t /* comment ? */ WHERE a = ? AND b IN (?, ?, ?) AND c LIKE 'x?%' -- ?\nORDER BY a LIMIT ?"

func BenchmarkInterpolate(b *testing.B) {
	args := []any{1, 2, 3, 4, 5}
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchQuery)))
	for b.Loop() {
		var err error
		if buf, err = sqltext.Interpolate(buf[:0], benchQuery, sqltext.Options{}, args, nil, appendLiteral); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInterpolateNoPlaceholders(b *testing.B) {
	const q = "SELECT a, b, c FROM t /* comment */ WHERE a = 1 AND c LIKE 'x?%' -- ?\nORDER BY a LIMIT 10"
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	b.SetBytes(int64(len(q)))
	for b.Loop() {
		var err error
		if buf, err = sqltext.Interpolate(buf[:0], q, sqltext.Options{}, nil, nil, appendLiteral); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitInsert(b *testing.B) {
	const q = "INSERT INTO t (a, b, c) VALUES (%s, %s, NOW()) ON DUPLICATE KEY UPDATE b = VALUES(b)"
	o := sqltext.Options{Style: sqltext.Format}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, ok := sqltext.SplitInsert(q, o); !ok {
			b.Fatal("not ok")
		}
	}
}
