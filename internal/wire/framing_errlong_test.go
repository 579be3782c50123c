package wire_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// errPayload is the payload of an ERR packet with msg as its message.
func errPayload(t *testing.T, code uint16, msg string) []byte {
	t.Helper()
	p, err := wire.ErrPacket{Code: code, SQLState: "23000", Message: msg}.Encode(nil, wire.ClientProtocol41)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadOversizedErrKeepsPrefix: an ERR payload over the bound is returned
// cut to the bound, its rest read and dropped, so the packet after it is
// read in sequence; a payload over the bound that is not an ERR is still a
// *TooLargeError.
func TestReadOversizedErrKeepsPrefix(t *testing.T) {
	const max = 4096
	msg := "Duplicate entry '1' for key 'PRIMARY' " + strings.Repeat("é", 5000) // 10,038 bytes
	errp := errPayload(t, 1062, msg)
	stream := append(header(len(errp), 1), errp...)
	stream = append(append(stream, header(3, 2)...), "ok!"...)
	for _, oneByte := range []bool{false, true} {
		var r io.Reader = bytes.NewReader(stream)
		if oneByte {
			r = iotest.OneByteReader(r)
		}
		c := wire.NewConn(r, nil, max)
		c.SetSequence(1)
		p, err := c.ReadPacket()
		if err != nil {
			t.Fatalf("one byte per Read %v: %v, want the ERR's first %d bytes", oneByte, err, max)
		}
		if len(p) > max || len(p) < max-3 || !bytes.Equal(p, errp[:len(p)]) {
			t.Fatalf("one byte per Read %v: %d bytes, want a prefix of the ERR of %d-%d bytes", oneByte, len(p), max-3, max)
		}
		var e wire.ErrPacket
		if err := e.Decode(p, wire.ClientProtocol41); err != nil || e.Code != 1062 || e.SQLState != "23000" {
			t.Fatalf("decoded %+v, %v", e, err)
		}
		if !strings.HasPrefix(msg, e.Message) || !strings.HasSuffix(e.Message, "é") {
			t.Errorf("message %.40q… (%d bytes) is not the message's prefix cut at a character", e.Message, len(e.Message))
		}
		if p, err := c.ReadPacket(); err != nil || string(p) != "ok!" {
			t.Fatalf("the packet after the ERR: %q, %v", p, err)
		}
		if c.Sequence() != 3 {
			t.Errorf("Sequence() = %d, want 3", c.Sequence())
		}
	}

	// Not an ERR: still refused before the payload is kept.
	other := append([]byte{0x00}, bytes.Repeat([]byte{0xFF}, 9999)...)
	c := wire.NewConn(bytes.NewReader(append(header(len(other), 0), other...)), nil, max)
	var tl *wire.TooLargeError
	if _, err := c.ReadPacket(); !errors.As(err, &tl) || tl.Size != len(other) {
		t.Fatalf("a 10,000-byte non-ERR payload: %v, want TooLargeError", err)
	}
}

// TestReadOversizedJoinedErr: an ERR payload of MaxPayloadLen bytes and more
// (a packet and its continuation) is dropped whole as well.
func TestReadOversizedJoinedErr(t *testing.T) {
	errp := errPayload(t, 1105, strings.Repeat("x", wire.MaxPayloadLen+100))
	stream := append(header(wire.MaxPayloadLen, 0), errp[:wire.MaxPayloadLen]...)
	rest := errp[wire.MaxPayloadLen:]
	stream = append(append(stream, header(len(rest), 1)...), rest...)
	stream = append(append(stream, header(1, 2)...), 0x00)
	c := wire.NewConn(bytes.NewReader(stream), nil, 1024)
	p, err := c.ReadPacket()
	if err != nil || len(p) != 1024 || !bytes.Equal(p, errp[:1024]) {
		t.Fatalf("%d bytes, %v; want the ERR's first 1024", len(p), err)
	}
	if p, err := c.ReadPacket(); err != nil || !bytes.Equal(p, []byte{0}) {
		t.Fatalf("the packet after the joined ERR: %q, %v", p, err)
	}
}
