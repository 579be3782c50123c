package replay_test

import (
	"bytes"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/replay"
)

// FuzzScriptUnmarshal: any input decodes or fails without a panic, and a
// script that decodes survives MarshalBinary and UnmarshalBinary unchanged.
func FuzzScriptUnmarshal(f *testing.F) {
	s := &replay.Script{Loop: 1, Steps: []replay.Step{{Server: []byte("hi")}, {Client: []byte("q"), Server: []byte("a")}}}
	b, _ := s.MarshalBinary()
	f.Add(b)
	f.Add([]byte("aiomysql-replay-1\n\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got replay.Script
		if err := got.UnmarshalBinary(data); err != nil {
			return
		}
		enc, err := got.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var again replay.Script
		if err := again.UnmarshalBinary(enc); err != nil {
			t.Fatalf("re-encoded script does not decode: %v", err)
		}
		if again.Loop != got.Loop || len(again.Steps) != len(got.Steps) {
			t.Fatalf("loop %d, %d steps; want %d, %d", again.Loop, len(again.Steps), got.Loop, len(got.Steps))
		}
		for i := range got.Steps {
			if !bytes.Equal(again.Steps[i].Client, got.Steps[i].Client) || !bytes.Equal(again.Steps[i].Server, got.Steps[i].Server) {
				t.Fatalf("step %d changed", i)
			}
		}
	})
}
