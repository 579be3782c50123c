package bench_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// preparedSizes are the argument sizes of PreparedRoundTrip, by name.
var preparedSizes = []struct {
	name string
	n    int
}{{"16B", 16}, {"1KiB", 1 << 10}, {"64KiB", 64 << 10}, {"1MiB", 1 << 20}}

// preparedArg returns n bytes of a pattern that is not all one byte.
func preparedArg(n int) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = byte('a' + i%26)
	}
	return p
}

// checkEcho reports whether got is arg (the whole of it: once, outside the
// timed loop; the loop checks the length).
func checkEcho(got, arg []byte) error {
	if !bytes.Equal(got, arg) {
		return fmt.Errorf("SELECT ? gave %d bytes back, not the %d sent", len(got), len(arg))
	}
	return nil
}

// BenchmarkPreparedRoundTrip: a statement prepared once, then executed
// again and again: SELECT ? with a []byte argument of 16 B to 1 MiB, read
// back into a []byte. It measures the binary protocol's parameter writing
// and result reading, one round trip per execution for both drivers.
func BenchmarkPreparedRoundTrip(b *testing.B) {
	tg := server(b)
	for _, size := range preparedSizes {
		arg := preparedArg(size.n)
		b.Run("impl=native/size="+size.name, func(b *testing.B) {
			ctx := testCtx(b)
			c := tg.connect(b, nil)
			st, err := c.Prepare(ctx, "SELECT ?")
			if err != nil {
				b.Fatal(err)
			}
			defer func() { _ = st.Close() }()
			var got []byte
			if err := st.QueryRow(ctx, arg).Scan(&got); err != nil {
				b.Fatal(err)
			}
			if err := checkEcho(got, arg); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(2 * size.n)) // sent and received
			b.ReportAllocs()
			for b.Loop() { // what came before is not timed
				var got []byte
				if err := st.QueryRow(ctx, arg).Scan(&got); err != nil {
					b.Fatal(err)
				}
				if len(got) != len(arg) {
					b.Fatalf("%d bytes back, want %d", len(got), len(arg))
				}
			}
		})
		for _, impl := range []string{"stdlib", "gsd"} {
			b.Run("impl="+impl+"/size="+size.name, func(b *testing.B) {
				ctx := testCtx(b)
				var db *sql.DB
				if impl == "stdlib" {
					db = tg.openStdlib(b, nil)
				} else {
					db = tg.openGSD(b, nil)
				}
				benchPreparedDB(b, ctx, db, arg)
			})
		}
	}
}

// benchPreparedDB is PreparedRoundTrip through database/sql on db.
func benchPreparedDB(b *testing.B, ctx context.Context, db *sql.DB, arg []byte) {
	st, err := db.PrepareContext(ctx, "SELECT ?")
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = st.Close() }()
	var got []byte
	if err := st.QueryRowContext(ctx, arg).Scan(&got); err != nil {
		b.Fatal(err)
	}
	if err := checkEcho(got, arg); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(2 * len(arg)))
	b.ReportAllocs()
	for b.Loop() { // what came before is not timed
		var got []byte
		if err := st.QueryRowContext(ctx, arg).Scan(&got); err != nil {
			b.Fatal(err)
		}
		if len(got) != len(arg) {
			b.Fatalf("%d bytes back, want %d", len(got), len(arg))
		}
	}
}
