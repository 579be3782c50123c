package wire

import (
	"bytes"
	"io"
	"testing"
)

// TestReadBufferShrinks: the buffer a large packet needed is kept while
// large packets keep coming, and dropped once several commands needed none,
// so an idle connection does not keep megabytes.
func TestReadBufferShrinks(t *testing.T) {
	size := 3 << 20
	var stream []byte
	for range 2 {
		stream = append(stream, byte(size), byte(size>>8), byte(size>>16), 0)
		stream = append(stream, make([]byte, size)...)
		stream = append(stream, 2, 0, 0, 0, 'o', 'k')
	}
	c := NewConn(bytes.NewReader(stream), nil, 0)
	read := func(want int) {
		t.Helper()
		c.ResetSequence()
		if p, err := c.ReadPacket(); err != nil || len(p) != want {
			t.Fatalf("%d bytes, %v; want %d", len(p), err, want)
		}
	}
	read(size)
	read(2)
	for range keepBigIdle - 1 {
		c.Idle()
	}
	if len(c.buf) < size {
		t.Fatalf("read buffer dropped after %d idle points, want it kept", keepBigIdle-1)
	}
	grown := &c.buf[0]
	read(size) // a second large packet: no new allocation, and the count restarts
	if &c.buf[0] != grown {
		t.Error("the large buffer was reallocated for the second large packet")
	}
	read(2)
	for range keepBigIdle - 1 {
		c.Idle()
	}
	if len(c.buf) < size {
		t.Fatal("read buffer dropped although a large packet came since")
	}
	c.Idle()
	if len(c.buf) > keepReadBuf {
		t.Errorf("read buffer still %d bytes after %d idle points without a large packet", len(c.buf), keepBigIdle)
	}
}

// TestWriteBufferNotKeptWhenHuge: a huge payload's buffer is not handed out
// again by StartPacket.
func TestWriteBufferNotKeptWhenHuge(t *testing.T) {
	c := NewConn(nil, io.Discard, 0)
	big := append(c.StartPacket(), make([]byte, 2*keepWriteBuf)...)
	if err := c.WritePacket(big); err != nil {
		t.Fatal(err)
	}
	if cap(c.StartPacket()) > keepWriteBuf {
		t.Errorf("StartPacket returns a buffer of capacity %d", cap(c.StartPacket()))
	}
	grown := append(c.StartPacket(), make([]byte, 10000)...)
	if err := c.WritePacket(grown); err != nil {
		t.Fatal(err)
	}
	if p := c.StartPacket(); &p[0] != &grown[0] {
		t.Error("a grown buffer of moderate size is not reused")
	}
}

func TestCursorNeverReadsPastEnd(t *testing.T) {
	c := newCursor("test", []byte{1, 2, 3})
	if c.u32("x") != 0 || c.err == nil {
		t.Fatal("u32 of 3 bytes")
	}
	// The first error sticks.
	first := c.err
	c.u8("y")
	c.lenSpan("z")
	if c.err != first {
		t.Error("the error changed")
	}
}
