package sa

import "iter"

// FetchOne returns the next row, or nil when there is none left, as
// aiomysql.sa's ResultProxy.fetchone.
func (r *Result) FetchOne() (*Row, error) { return r.next() }

// FetchMany returns up to n more rows (fewer at the end, none past it),
// as aiomysql.sa's ResultProxy.fetchmany. n must be positive.
func (r *Result) FetchMany(n int) ([]*Row, error) {
	if n <= 0 {
		return nil, errorf(ErrArgument, "FetchMany of %d rows: give a positive count", n)
	}
	var out []*Row
	for len(out) < n {
		row, err := r.next()
		if err != nil {
			return out, err
		}
		if row == nil {
			break
		}
		out = append(out, row)
	}
	return out, nil
}

// FetchAll returns the rows left, as aiomysql.sa's ResultProxy.fetchall.
func (r *Result) FetchAll() ([]*Row, error) {
	var out []*Row
	for {
		row, err := r.next()
		if err != nil {
			return out, err
		}
		if row == nil {
			return out, nil
		}
		out = append(out, row)
	}
}

// First returns the next row, or nil when there is none, and closes the
// result, as aiomysql.sa's ResultProxy.first.
func (r *Result) First() (*Row, error) {
	row, err := r.next()
	_ = r.Close()
	return row, err
}

// Scalar returns the first column of the next row, or nil when there is
// no row, and closes the result, as aiomysql.sa's ResultProxy.scalar.
func (r *Result) Scalar() (any, error) {
	row, err := r.First()
	if err != nil || row == nil {
		return nil, err
	}
	return row.At(0)
}

// All iterates over the rows left:
//
//	for row := range res.All() {
//		fmt.Println(row.Get("id"))
//	}
//	if err := res.Err(); err != nil {
//		return err
//	}
//
// The loop ends at the last row or at an error, which Err then returns.
// Breaking out of it leaves the rest of the rows to be fetched later.
func (r *Result) All() iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		r.iterErr = nil
		for {
			row, err := r.next()
			if err != nil {
				r.iterErr = err
				return
			}
			if row == nil || !yield(row) {
				return
			}
		}
	}
}

// Err returns the error that ended the last loop over All, nil when it
// ran to the end of the rows or was broken out of.
func (r *Result) Err() error { return r.iterErr }
