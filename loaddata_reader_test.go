package aiomysql_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestLoadDataReaderFails: a reader that fails before a packet's worth of
// data (64 KiB) was read sends nothing of it: the server gets the empty
// file, no row lands, the error wraps the reader's, and the connection
// stays usable. One that fails later closes the connection, so that no
// truncated file is loaded either.
func TestLoadDataReaderFails(t *testing.T) {
	const load = "LOAD DATA LOCAL INFILE 'r' INTO TABLE cf_src FIELDS TERMINATED BY ','"
	for _, tc := range []struct {
		name   string
		before int // bytes of rows before the error
		closed bool
	}{{"early", 1000, false}, {"late", 1 << 20, true}} {
		t.Run(tc.name, func(t *testing.T) {
			c := copyConn(t, true)
			var b strings.Builder
			for j := 0; b.Len() < tc.before; j++ {
				fmt.Fprintf(&b, "%d,x\n", j)
			}
			r := io.MultiReader(strings.NewReader(b.String()), errAfter{})
			_, err := c.LoadData(testCtx(t), r, load)
			if !errors.Is(err, errSource) {
				t.Fatalf("error %v, want the reader's", err)
			}
			if c.IsClosed() != tc.closed {
				t.Errorf("closed %v, want %v", c.IsClosed(), tc.closed)
			}
			checkRows(t, rootConn(t), "SELECT COUNT(*) FROM cf_src", 0)
		})
	}
}

// errAfter is a reader that fails with errSource.
type errAfter struct{}

func (errAfter) Read([]byte) (int, error) { return 0, errSource }
