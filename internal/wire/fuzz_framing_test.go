package wire_test

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
	"testing/iotest"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func FuzzLenEnc(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		v, n, err := wire.ReadLenEncInt(data)
		switch {
		case errors.Is(err, wire.ErrNull):
			if n != 1 || data[0] != 0xFB {
				t.Fatalf("ErrNull with n=%d for %x", n, data)
			}
		case err != nil:
			checkMalformed(t, err)
		default:
			if n < 1 || n > 9 || n > len(data) {
				t.Fatalf("n=%d for %d bytes", n, len(data))
			}
			b := wire.AppendLenEncInt(nil, v)
			if v2, n2, err := wire.ReadLenEncInt(b); err != nil || v2 != v || n2 != len(b) || n2 > n {
				t.Fatalf("round trip of %d: %d, %d, %v", v, v2, n2, err)
			}
		}
		s, n, err := wire.ReadLenEncString(data)
		switch {
		case errors.Is(err, wire.ErrNull):
		case err != nil:
			checkMalformed(t, err)
		default:
			if n > len(data) || !bytes.Equal(s, data[n-len(s):n]) {
				t.Fatalf("string %x, n=%d from %x", s, n, data)
			}
			if b := wire.AppendLenEncString(nil, s); !bytes.Equal(wire.AppendLenEncStr(nil, string(s)), b) {
				t.Fatal("string variants differ")
			}
		}
	})
}

// FuzzReadPacket frames arbitrary bytes: whole and one byte per Read must
// agree, no payload exceeds the limit, and what was read writes back to a
// stream that reads the same.
func FuzzReadPacket(f *testing.F) {
	f.Fuzz(func(t *testing.T, stream []byte, limit uint16, seq uint8) {
		maxPacket := int(limit) + 1
		conn := func(r io.Reader) *wire.Conn {
			c := wire.NewConn(r, &bytes.Buffer{}, maxPacket)
			c.SetSequence(seq)
			return c
		}
		a := readAll(t, conn(bytes.NewReader(stream)), maxPacket)
		b := readAll(t, conn(iotest.OneByteReader(bytes.NewReader(stream))), maxPacket)
		if !reflect.DeepEqual(a.payloads, b.payloads) || a.kind != b.kind {
			t.Fatalf("whole: %d packets, %s; one byte per Read: %d packets, %s", len(a.payloads), a.kind, len(b.payloads), b.kind)
		}
		var out bytes.Buffer
		w := wire.NewConn(nil, &out, 0)
		w.SetSequence(seq)
		for _, p := range a.payloads {
			if err := w.WritePacket(append(w.StartPacket(), p...)); err != nil {
				t.Fatal(err)
			}
		}
		back := readAll(t, conn(&out), maxPacket)
		if !reflect.DeepEqual(back.payloads, a.payloads) || back.kind != "EOF" {
			t.Fatalf("rewritten stream read back %d packets, %s", len(back.payloads), back.kind)
		}
	})
}

type readResult struct {
	payloads [][]byte
	kind     string // how reading ended
}

func readAll(t *testing.T, c *wire.Conn, maxPacket int) readResult {
	var r readResult
	for {
		p, err := c.ReadPacket()
		if err != nil {
			var se *wire.SequenceError
			switch {
			case err == io.EOF:
				r.kind = "EOF"
			case errors.Is(err, io.ErrUnexpectedEOF):
				r.kind = "unexpected EOF"
			case errors.As(err, &se):
				r.kind = "sequence"
			case errors.Is(err, wire.ErrPacketTooLarge):
				r.kind = "too large"
			default:
				t.Fatalf("unexpected error %v", err)
			}
			return r
		}
		if len(p) > maxPacket {
			t.Fatalf("payload of %d bytes above the limit %d", len(p), maxPacket)
		}
		r.payloads = append(r.payloads, bytes.Clone(p))
	}
}
