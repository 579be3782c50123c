package aiomysql

import "iter"

// CopyFromSource gives CopyFrom its rows, one at a time, as pgx's
// CopyFromSource: Next advances to the next row and reports whether there
// is one, Values returns that row's values (one per column, in the order of
// CopyFrom's columns), and Err, after Next has returned false, reports why
// the rows ended (nil at their natural end). An error from Values or Err
// ends the copy with that error. A source is read once, by one CopyFrom.
type CopyFromSource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

// CopyFromRows returns a CopyFromSource over rows, as pgx's CopyFromRows.
// The rows are read, not copied: do not change them during the copy.
func CopyFromRows(rows [][]any) CopyFromSource {
	return CopyFromSlice(len(rows), func(i int) ([]any, error) { return rows[i], nil })
}

// CopyFromSlice returns a CopyFromSource of n rows, row i being what next(i)
// returns, as pgx's CopyFromSlice: next is called once for each i from 0 to
// n-1 in order, and an error it returns ends the copy.
func CopyFromSlice(n int, next func(i int) ([]any, error)) CopyFromSource {
	return &sliceSource{n: n, next: next, i: -1}
}

// sliceSource is CopyFromSlice's source.
type sliceSource struct {
	n    int
	next func(int) ([]any, error)
	i    int
}

func (s *sliceSource) Next() bool {
	if s.i+1 >= s.n {
		return false
	}
	s.i++
	return true
}

func (s *sliceSource) Values() ([]any, error) { return s.next(s.i) }

func (s *sliceSource) Err() error { return nil }

// CopyFromFunc returns a CopyFromSource that calls next for each row, as
// pgx's CopyFromFunc: a nil row (with a nil error) ends the rows, and an
// error ends the copy with that error.
func CopyFromFunc(next func() (row []any, err error)) CopyFromSource {
	return &funcSource{next: next}
}

// funcSource is CopyFromFunc's source.
type funcSource struct {
	next func() ([]any, error)
	row  []any
	err  error
	done bool
}

func (s *funcSource) Next() bool {
	if s.done {
		return false
	}
	s.row, s.err = s.next()
	if s.row == nil || s.err != nil {
		s.done = true
		return false
	}
	return true
}

func (s *funcSource) Values() ([]any, error) { return s.row, nil }

func (s *funcSource) Err() error { return s.err }

// CopyFromSeq returns a CopyFromSource over the rows seq yields. seq is
// pulled (iter.Pull) as the copy goes, and stopped when the copy ends,
// however it ends.
func CopyFromSeq(seq iter.Seq[[]any]) CopyFromSource {
	return CopyFromSeq2(func(yield func([]any, error) bool) {
		for row := range seq {
			if !yield(row, nil) {
				return
			}
		}
	})
}

// CopyFromSeq2 returns a CopyFromSource over the rows seq yields; the first
// non-nil error it yields ends the copy with that error. seq is pulled
// (iter.Pull2) as the copy goes, and stopped when the copy ends, however it
// ends.
func CopyFromSeq2(seq iter.Seq2[[]any, error]) CopyFromSource {
	return &seqSource{seq: seq}
}

// seqSource is CopyFromSeq2's source. It pulls seq only from the first
// Next, so a source that is never read holds nothing to stop.
type seqSource struct {
	seq  iter.Seq2[[]any, error]
	next func() ([]any, error, bool)
	stop func()
	row  []any
	err  error
	done bool
}

func (s *seqSource) Next() bool {
	if s.done {
		return false
	}
	if s.next == nil {
		s.next, s.stop = iter.Pull2(s.seq)
	}
	row, err, ok := s.next()
	if !ok || err != nil {
		s.err = err
		s.close()
		return false
	}
	s.row = row
	return true
}

func (s *seqSource) Values() ([]any, error) { return s.row, nil }

func (s *seqSource) Err() error { return s.err }

// close stops the pull; CopyFrom calls it when the copy ends.
func (s *seqSource) close() {
	s.done = true
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
}

// sourceCloser is a source CopyFrom must release when the copy ends.
type sourceCloser interface{ close() }
