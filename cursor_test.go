package aiomysql_test

import (
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// cursorTable makes cur_t with five rows: (1, 0.500, 'a'), (2, 1.000, NULL), …
func cursorTable(t *testing.T, c *aiomysql.Conn) [][]any {
	t.Helper()
	mustExecAll(t, c,
		"DROP TABLE IF EXISTS cur_t",
		"CREATE TABLE cur_t (id INT NOT NULL PRIMARY KEY, d DECIMAL(10,3), s VARCHAR(20) NULL)",
		"INSERT INTO cur_t VALUES (1,0.5,'a'),(2,1,NULL),(3,1.5,'c'),(4,2,'d'),(5,2.5,'e')")
	return [][]any{
		{int64(1), "0.500", "a"}, {int64(2), "1.000", nil}, {int64(3), "1.500", "c"},
		{int64(4), "2.000", "d"}, {int64(5), "2.500", "e"},
	}
}

func TestCursorExecuteFetch(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			want := cursorTable(t, c)
			cur := kind.open(t, c)
			defer cur.close()

			n, err := cur.execute(ctx, "SELECT id, d, s FROM cur_t ORDER BY id")
			if err != nil {
				t.Fatal(err)
			}
			wantCount := int64(5)
			if cur.streaming {
				wantCount = -1 // unknown until read
			}
			if n != wantCount || cur.rowCount() != wantCount {
				t.Errorf("Execute = %d, RowCount = %d, want %d", n, cur.rowCount(), wantCount)
			}
			if cur.dict {
				if got := fmt.Sprint(cur.keys()); got != "[id d s]" {
					t.Errorf("dict keys %s", got)
				}
			}
			checkDescription(t, cur.desc())

			row, err := cur.fetchOne(ctx)
			if err != nil || !sameRows([][]any{row}, want[:1]) {
				t.Fatalf("FetchOne = %#v, %v; want %#v", row, err, want[0])
			}
			if cur.rowNumber() != 1 {
				t.Errorf("RowNumber = %d after one row", cur.rowNumber())
			}
			rows, err := cur.fetchMany(ctx, 2)
			if err != nil || !sameRows(rows, want[1:3]) {
				t.Fatalf("FetchMany(2) = %#v, %v", rows, err)
			}
			rows, err = cur.fetchMany(ctx, 0) // ArraySize, default 1
			if err != nil || !sameRows(rows, want[3:4]) {
				t.Fatalf("FetchMany(0) = %#v, %v", rows, err)
			}
			rows, err = cur.fetchAll(ctx)
			if err != nil || !sameRows(rows, want[4:]) {
				t.Fatalf("FetchAll = %#v, %v", rows, err)
			}
			if cur.rowNumber() != 5 || cur.rowCount() != 5 {
				t.Errorf("RowNumber = %d, RowCount = %d at the end, want 5, 5", cur.rowNumber(), cur.rowCount())
			}

			// After exhaustion: nothing, and no error.
			if row, err := cur.fetchOne(ctx); row != nil || err != nil {
				t.Errorf("FetchOne at the end = %#v, %v", row, err)
			}
			if rows, err := cur.fetchMany(ctx, 3); len(rows) != 0 || err != nil {
				t.Errorf("FetchMany at the end = %#v, %v", rows, err)
			}
			if rows, err := cur.fetchAll(ctx); len(rows) != 0 || err != nil {
				t.Errorf("FetchAll at the end = %#v, %v", rows, err)
			}
			// The connection is free again.
			if v := queryScalar[int](t, c, "SELECT 7"); v != 7 {
				t.Errorf("SELECT 7 = %d", v)
			}
		})
	}
}

func checkDescription(t *testing.T, desc []aiomysql.ColumnType) {
	t.Helper()
	want := []struct {
		name                       string
		typeCode                   uint8
		display, internal          int
		precision, scale           int
		nullOK                     bool
		databaseTypeName, orgTable string
	}{
		{"id", 3, 11, 11, 0, 0, false, "INT", "cur_t"},
		{"d", 246, 12, 12, 10, 3, true, "DECIMAL", "cur_t"},
		{"s", 253, 20, 80, 0, 0, true, "VARCHAR", "cur_t"}, // utf8mb4: 4 bytes a character
	}
	if len(desc) != len(want) {
		t.Fatalf("Description has %d columns, want %d", len(desc), len(want))
	}
	for i, w := range want {
		d := desc[i]
		got := []any{d.Name, d.TypeCode, d.DisplaySize(), d.InternalSize(), d.Precision, d.Scale, d.Nullable,
			d.DatabaseTypeName, d.OrgTable}
		exp := []any{w.name, w.typeCode, w.display, w.internal, w.precision, w.scale, w.nullOK, w.databaseTypeName, w.orgTable}
		if fmt.Sprint(got) != fmt.Sprint(exp) {
			t.Errorf("column %d: %v, want %v", i, got, exp)
		}
	}
}

func TestCursorArraySize(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			want := cursorTable(t, c)
			cur := kind.open(t, c)
			defer cur.close()
			cur.setArray(3)
			if _, err := cur.execute(ctx, "SELECT id, d, s FROM cur_t ORDER BY id"); err != nil {
				t.Fatal(err)
			}
			for _, w := range [][][]any{want[:3], want[3:], nil} {
				rows, err := cur.fetchMany(ctx, -1)
				if err != nil || !sameRows(rows, w) {
					t.Fatalf("FetchMany(-1) with ArraySize 3 = %#v, %v; want %#v", rows, err, w)
				}
			}
		})
	}
}

func TestCursorFetchBeforeExecute(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			cur := kind.open(t, c)
			defer cur.close()
			if row, err := cur.fetchOne(ctx); row != nil || err != nil {
				t.Errorf("FetchOne = %v, %v", row, err)
			}
			if rows, err := cur.fetchAll(ctx); len(rows) != 0 || err != nil {
				t.Errorf("FetchAll = %v, %v", rows, err)
			}
			if more, err := cur.nextSet(ctx); more || err != nil {
				t.Errorf("NextSet = %v, %v", more, err)
			}
			if cur.desc() != nil || cur.rowCount() != -1 || cur.rowNumber() != 0 { // -1: no execute yet (PEP 249)
				t.Errorf("Description %v, RowCount %d, RowNumber %d", cur.desc(), cur.rowCount(), cur.rowNumber())
			}
		})
	}
}

func TestCursorDefaultKind(t *testing.T) {
	cases := []struct {
		kind                       aiomysql.CursorKind
		cursorStreams, dictStreams bool
	}{
		{aiomysql.CursorBuffered, false, false},
		{aiomysql.CursorDict, false, false},
		{aiomysql.CursorStreaming, true, true},
		{aiomysql.CursorStreamingDict, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.kind.String(), func(t *testing.T) {
			cfg := userConfig(t, testServer(t).Root)
			cfg.TLSMode = aiomysql.TLSDisabled
			cfg.DefaultCursor = tc.kind
			c := connectT(t, cfg)
			ctx := testCtx(t)
			cur := c.Cursor()
			n, err := cur.Execute(ctx, seqQuery(3))
			if err != nil || (n == -1) != tc.cursorStreams {
				t.Errorf("Cursor().Execute = %d, %v; streaming %v", n, err, tc.cursorStreams)
			}
			if cur.Conn() != c || cur.Executed() != seqQuery(3) {
				t.Errorf("Conn %p (want %p), Executed %q", cur.Conn(), c, cur.Executed())
			}
			cur.Close()
			dict := c.DictCursor()
			n, err = dict.Execute(ctx, seqQuery(3))
			if err != nil || (n == -1) != tc.dictStreams {
				t.Errorf("DictCursor().Execute = %d, %v; streaming %v", n, err, tc.dictStreams)
			}
			dict.Close()
		})
	}
}

func TestCursorMogrifyKinds(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			cur := kind.open(t, rootConn(t))
			defer cur.close()
			got, err := cur.mogrify("SELECT %s, %s", "a'b", 2)
			if err != nil || got != `SELECT 'a''b', 2` {
				t.Errorf("Mogrify = %q, %v", got, err)
			}
		})
	}
}
