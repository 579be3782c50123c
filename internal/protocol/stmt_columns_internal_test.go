package protocol

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestNoteColumnsKeepsEqualDefinitions: a server that sends a statement's
// column definitions with every execute (TiDB, vtgate, MySQL without
// metadata caching) costs no copy while they stay the same, and a change
// is kept.
func TestNoteColumnsKeepsEqualDefinitions(t *testing.T) {
	defs := []wire.ColumnDefinition{
		{Catalog: "def", Name: "id", Type: wire.TypeLongLong, Flags: wire.FlagNotNull},
		{Catalog: "def", Name: "name", Type: wire.TypeVarString, CharacterSet: 45, ColumnLength: 256},
	}
	r := &Result{metadataSent: true, defs: defs}
	for i := range defs {
		r.cols = append(r.cols, types.ColumnFrom(&defs[i]))
	}
	var st Stmt
	st.noteColumns(r)
	if len(st.Defs) != 2 || st.Defs[1].Name != "name" {
		t.Fatalf("kept %+v", st.Defs)
	}
	if n := testing.AllocsPerRun(100, func() { st.noteColumns(r) }); n != 0 {
		t.Errorf("the same definitions again cost %.0f allocations, want 0", n)
	}
	changed := append([]wire.ColumnDefinition(nil), defs...)
	changed[1].Type = wire.TypeBlob
	r2 := &Result{metadataSent: true, defs: changed, cols: append([]types.Column(nil), r.cols...)}
	r2.cols[1] = types.ColumnFrom(&changed[1])
	st.noteColumns(r2)
	if st.Defs[1].Type != wire.TypeBlob || st.Columns[1].Type != wire.TypeBlob {
		t.Errorf("a changed definition was not kept: %+v", st.Defs[1])
	}
}
