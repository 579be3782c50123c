package protocol

// rowStore holds copies of rows back to back, to hand them out in order
// later: the rows a CALL's result set is read ahead by, and the batch a
// cursor fetched. Its buffers are reused.
type rowStore struct {
	buf  []byte // the rows' bytes
	ends []int  // where each row ends in buf
	pos  int    // rows handed out
}

// reset empties the store, keeping its buffers.
func (s *rowStore) reset() { s.buf, s.ends, s.pos = s.buf[:0], s.ends[:0], 0 }

// add keeps a copy of row.
func (s *rowStore) add(row []byte) {
	s.buf = append(s.buf, row...)
	s.ends = append(s.ends, len(s.buf))
}

// len returns the number of rows held, handed out or not.
func (s *rowStore) len() int { return len(s.ends) }

// left reports whether rows remain to hand out.
func (s *rowStore) left() bool { return s.pos < len(s.ends) }

// next returns the next row, or nil when none is left. It stays valid until
// the store is reset.
func (s *rowStore) next() []byte {
	if s.pos == len(s.ends) {
		return nil
	}
	start := 0
	if s.pos > 0 {
		start = s.ends[s.pos-1]
	}
	end := s.ends[s.pos]
	s.pos++
	return s.buf[start:end:end]
}
