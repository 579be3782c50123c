package aiomysql

import "fmt"

// ScanColumn copies column i of the current row into dest, as Scan does
// for that column: for drivers that scan one column at a time (the
// database/sql driver on Go 1.27, driver.RowsColumnScanner).
func (r *Rows) ScanColumn(i int, dest any) error {
	if err := r.checkColumn(i); err != nil {
		return err
	}
	if err := r.codec.Scan(&r.cols[i], r.vals[i], dest, r.conn.decodeOptions()); err != nil {
		return &ScanError{Column: i, Name: r.names[i], Err: err}
	}
	return nil
}

// Value returns column i of the current row as Values does.
func (r *Rows) Value(i int) (any, error) {
	if err := r.checkColumn(i); err != nil {
		return nil, err
	}
	v, err := r.codec.Decode(&r.cols[i], r.vals[i], r.conn.decodeOptions())
	if err != nil {
		return nil, &ScanError{Column: i, Name: r.names[i], Err: err}
	}
	return v, nil
}

// checkColumn checks that there is a current row with a column i.
func (r *Rows) checkColumn(i int) error {
	if !r.onRow {
		if r.err != nil {
			return r.err
		}
		return errNoRow
	}
	if i < 0 || i >= len(r.cols) {
		return &ScanError{Column: i, Err: fmt.Errorf("no column %d of %d", i, len(r.cols))}
	}
	return nil
}

// RawValue returns column i of the current row as the server sent it, nil
// for NULL: the text of a text-protocol value, the content of a string in
// the binary protocol (see RawValues). It does not copy: the bytes alias
// the read buffer and are valid only until the next call to Next,
// NextResultSet or Close.
func (r *Rows) RawValue(i int) ([]byte, error) {
	if err := r.checkColumn(i); err != nil {
		return nil, err
	}
	return r.vals[i], nil
}
