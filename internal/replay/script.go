package replay

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Step is one turn of a recorded conversation: what the client wrote, then
// what the server sent before the client wrote again. The first Step of a
// connection usually has no Client bytes (the server speaks first).
type Step struct {
	Client []byte
	Server []byte
}

// Script is one recorded connection: its Steps in order, and Loop, the
// index of the Step a replay returns to after the last (len(Steps) or
// more: none, the replayed connection ends with io.EOF).
type Script struct {
	Steps []Step
	Loop  int
}

// magic starts a marshalled Script; the digit is the format's version.
const magic = "aiomysql-replay-1\n"

// ServerBytes returns how many bytes the server sent in Steps[from:].
func (s *Script) ServerBytes(from int) int {
	n := 0
	for _, st := range s.Steps[min(from, len(s.Steps)):] {
		n += len(st.Server)
	}
	return n
}

// MarshalBinary encodes s: the magic line, then uvarints (Loop, the number
// of Steps, and for each Step the length of its Client and Server bytes,
// each followed by the bytes).
func (s *Script) MarshalBinary() ([]byte, error) {
	b := []byte(magic)
	b = binary.AppendUvarint(b, uint64(s.Loop))
	b = binary.AppendUvarint(b, uint64(len(s.Steps)))
	for _, st := range s.Steps {
		b = binary.AppendUvarint(b, uint64(len(st.Client)))
		b = append(b, st.Client...)
		b = binary.AppendUvarint(b, uint64(len(st.Server)))
		b = append(b, st.Server...)
	}
	return b, nil
}

// errFormat is the error of a Script that does not decode.
var errFormat = errors.New("replay: not a recorded script")

// UnmarshalBinary decodes what MarshalBinary wrote into s.
func (s *Script) UnmarshalBinary(data []byte) error {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return errFormat
	}
	d := decoder{b: rest}
	loop := d.uvarint()
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)) {
		d.err = errFormat
	}
	var steps []Step
	for i := uint64(0); i < n && d.err == nil; i++ {
		c := d.bytes()
		steps = append(steps, Step{Client: c, Server: d.bytes()})
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d bytes after the last step", errFormat, len(d.b))
	}
	if d.err != nil {
		return d.err
	}
	s.Steps, s.Loop = steps, int(min(loop, uint64(len(steps))))
	return nil
}

// decoder reads MarshalBinary's fields; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errFormat
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errFormat
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}
