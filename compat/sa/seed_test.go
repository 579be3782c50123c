package sa_test

import (
	"fmt"
	"strings"
	"testing"

	sq "github.com/Masterminds/squirrel"
)

// TestSeedExampleSquirrel is examples/sa with squirrel itself as the
// builder: insert 'abc' and 'xyz', select them back, print id and val.
func TestSeedExampleSquirrel(t *testing.T) {
	ctx := testCtx(t)
	conn := testConn(t, "tbl")
	// await conn.execute(tbl.insert().values(val='abc'))
	for _, v := range []string{"abc", "xyz"} {
		if _, err := conn.Execute(ctx, sq.Insert("tbl").Columns("val").Values(v)); err != nil {
			t.Fatal(err)
		}
	}
	// async for row in conn.execute(tbl.select()): print(row.id, row.val)
	res, err := conn.Execute(ctx, sq.Select("id", "val").From("tbl").OrderBy("id"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for row := range res.All() {
		id, _ := row.Get("id")
		val, _ := row.Get("val")
		fmt.Fprintln(&out, id, val)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "1 abc\n2 xyz\n"; got != want {
		t.Fatalf("printed %q, want %q", got, want)
	}
}
