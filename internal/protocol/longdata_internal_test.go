package protocol

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestLongDataThresholdAndPieces(t *testing.T) {
	blob := func(n int) wire.StmtParam {
		return wire.StmtParam{Type: wire.TypeBlob, Value: wire.AppendLenEncString(nil, make([]byte, n))}
	}
	long := wire.StmtParam{Type: wire.TypeLongLong, Value: make([]byte, 8)}
	tests := []struct {
		threshold, maxPacket int
		params               []wire.StmtParam
		wantLimit, wantPiece int
		wantSends            bool
	}{
		{0, 0, []wire.StmtParam{blob(1 << 20)}, DefaultLongDataThreshold, longDataPiece, false},
		{0, 0, []wire.StmtParam{long, blob(1<<20 + 1)}, DefaultLongDataThreshold, longDataPiece, true},
		{-1, 0, []wire.StmtParam{blob(50 << 20)}, -1, longDataPiece, false},
		{8, 1024, []wire.StmtParam{long, blob(8)}, 8, 1024 - 8, false},
		{8, 1024, []wire.StmtParam{blob(9)}, 8, 1024 - 8, true},
		{8, 1024, []wire.StmtParam{{Type: wire.TypeBlob, Null: true}}, 8, 1024 - 8, false},
		{1, 16 << 20, []wire.StmtParam{{Type: wire.TypeVarString, Value: wire.AppendLenEncStr(nil, "ab")}}, 1, longDataPiece, true},
	}
	for i, tc := range tests {
		c := &Conn{opts: &Options{LongDataThreshold: tc.threshold, MaxPacket: tc.maxPacket}}
		if got := longDataThreshold(c.opts); got != tc.wantLimit {
			t.Errorf("%d: threshold %d, want %d", i, got, tc.wantLimit)
		}
		if got := c.longDataPieceSize(); got != tc.wantPiece {
			t.Errorf("%d: piece %d, want %d", i, got, tc.wantPiece)
		}
		if got := c.SendsLongData(tc.params); got != tc.wantSends {
			t.Errorf("%d: SendsLongData %v, want %v", i, got, tc.wantSends)
		}
	}
}
