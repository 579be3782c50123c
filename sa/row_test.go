package sa_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/sa"
)

// joined returns the one row of a self-join of tbl with two columns named
// id and two named val.
func joined(t *testing.T, c *sa.Conn, tbl string) *sa.Row {
	t.Helper()
	fill(t, c, tbl, "a")
	row, err := mustRun(t, c, "SELECT a.id, a.val, b.id, b.val, 'k' AS kind FROM "+tbl+" a JOIN "+tbl+" b ON a.id = b.id").First()
	if err != nil || row == nil {
		t.Fatalf("join: %v %v", row, err)
	}
	return row
}

func TestRowAccess(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	row := joined(t, c, tbl)
	if row.Len() != 5 {
		t.Fatalf("Len %d, want 5", row.Len())
	}
	if k := row.Keys(); len(k) != 5 || k[0] != "id" || k[4] != "kind" {
		t.Fatalf("Keys %q", k)
	}
	if v, err := row.At(1); v != "a" || err != nil {
		t.Fatalf("At(1) %v %v, want a", v, err)
	}
	if _, err := row.At(5); !errors.Is(err, sa.ErrNoSuchColumn) {
		t.Fatalf("At(5): %v, want ErrNoSuchColumn", err)
	}
	if _, err := row.At(-1); !errors.Is(err, sa.ErrNoSuchColumn) {
		t.Fatalf("At(-1): %v, want ErrNoSuchColumn", err)
	}
	if v, err := row.Get("kind"); v != "k" || err != nil {
		t.Fatalf("Get(kind) %v %v", v, err)
	}
	if v, err := row.Get("KIND"); v != "k" || err != nil {
		t.Fatalf("Get(KIND) %v %v: names match in any case", v, err)
	}
	if _, err := row.Get("nope"); !errors.Is(err, sa.ErrNoSuchColumn) {
		t.Fatalf("Get(nope): %v, want ErrNoSuchColumn", err)
	}
	if !row.Has("kind") || row.Has("nope") || !row.Has("id") {
		t.Fatal("Has is wrong")
	}
	if v := row.Values(); len(v) != 5 || v[4] != "k" {
		t.Fatalf("Values %v", v)
	}
}

func TestRowAmbiguousName(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	row := joined(t, c, tbl)
	for _, name := range []string{"id", "val", "ID"} {
		if _, err := row.Get(name); !errors.Is(err, sa.ErrInvalidRequest) {
			t.Fatalf("Get(%q) of a join: %v, want ErrInvalidRequest (ambiguous)", name, err)
		}
	}
	// The table's alias tells them apart.
	if v, err := row.Get("b.val"); v != "a" || err != nil {
		t.Fatalf("Get(b.val) %v %v", v, err)
	}
	if v, err := row.Get("a.id"); v != int64(1) || err != nil {
		t.Fatalf("Get(a.id) %v %v", v, err)
	}
	if _, err := row.AsMap(); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("AsMap of a join: %v, want ErrInvalidRequest", err)
	}
	var s struct {
		ID int `db:"id"`
	}
	if err := row.ScanStruct(&s); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("ScanStruct by an ambiguous name: %v, want ErrInvalidRequest", err)
	}
}

func TestRowAsMapAndScan(t *testing.T) {
	e := testEngine(t, nil)
	c := acquire(t, e)
	row, err := mustRun(t, c, "SELECT 7 AS n, 'x' AS s, NULL AS z, 2.5 AS d, CAST(300 AS UNSIGNED) AS u, DATE '2024-05-06' AS day").First()
	if err != nil {
		t.Fatal(err)
	}
	m, err := row.AsMap()
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 6 || m["n"] != int64(7) || m["s"] != "x" || m["z"] != nil {
		t.Fatalf("AsMap %v", m)
	}
	var (
		n    int16
		s    []byte
		z    sql.NullString
		d    float64
		u    uint16
		day  time.Time
		zp   *int
		anyv any
	)
	if err := row.Scan(&n, &s, &z, &d, &u, &day); err != nil {
		t.Fatal(err)
	}
	if n != 7 || string(s) != "x" || z.Valid || d != 2.5 || u != 300 || day.Day() != 6 {
		t.Fatalf("Scan: %v %q %v %v %v %v", n, s, z, d, u, day)
	}
	if err := row.Scan(&anyv, &s, &zp, &d, &u, &day); err != nil || anyv != int64(7) || zp != nil {
		t.Fatalf("Scan into *any and a nil pointer: %v %v %v", err, anyv, zp)
	}
	var small int8
	var str string
	if err := row.Scan(&n, &s, &str, &d, &small, &day); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("NULL into a string: %v, want ErrArgument", err)
	}
	if err := row.Scan(&n, &s, &z, &d, &small, &day); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("300 into an int8: %v, want ErrArgument", err)
	}
	if err := row.Scan(&n); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("Scan of the wrong count: %v, want ErrArgument", err)
	}
}

// Base is embedded in Item for TestRowScanStruct.
type Base struct {
	ID int64 `db:"id"`
}

func TestRowScanStruct(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	fill(t, c, tbl, "abc")
	type Item struct {
		Base
		Value   string  `db:"val"`
		Note    *string `db:"note"`
		Ignored string  `db:"-"`
		Extra   int     // no column: left as it is
	}
	row, err := mustRun(t, c, "SELECT id, val, NULL AS note, 'x' AS unused FROM "+tbl).First()
	if err != nil {
		t.Fatal(err)
	}
	it := Item{Ignored: "keep", Extra: 9}
	if err := row.ScanStruct(&it); err != nil {
		t.Fatal(err)
	}
	if it.ID != 1 || it.Value != "abc" || it.Note != nil || it.Ignored != "keep" || it.Extra != 9 {
		t.Fatalf("ScanStruct: %+v", it)
	}
	var missing struct {
		Gone string `db:"gone"`
	}
	if err := row.ScanStruct(&missing); !errors.Is(err, sa.ErrNoSuchColumn) {
		t.Fatalf("a tagged field without a column: %v, want ErrNoSuchColumn", err)
	}
	if err := row.ScanStruct(it); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("ScanStruct into a non-pointer: %v, want ErrArgument", err)
	}
}
