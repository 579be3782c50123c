package aiomysql

import "context"

// Warning is one row of SHOW WARNINGS: a note, warning or error that the
// session's last statement raised.
type Warning struct {
	Level   string // "Note", "Warning" or "Error"
	Code    uint16 // the error number, e.g. 1365 (ER_DIVISION_BY_ZERO)
	Message string
}

// ShowWarnings lists the notes, warnings and errors of the last statement
// (SHOW WARNINGS), as aiomysql does when a cursor's warnings are shown. Call
// it right after the statement, once its rows are read: the next statement
// that uses a table (or raises a message) replaces the list.
func (c *Conn) ShowWarnings(ctx context.Context) ([]Warning, error) {
	rows, err := c.Query(ctx, "SHOW WARNINGS")
	if err != nil {
		return nil, err
	}
	var (
		w   Warning
		out []Warning
	)
	if _, err := ForEachRow(rows, []any{&w.Level, &w.Code, &w.Message}, func() error {
		out = append(out, w)
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// ShowWarnings lists the warnings of the cursor's last statement (see
// Conn.ShowWarnings). A streaming cursor must have read its rows first:
// until then the connection is busy and the error is ErrBusy.
func (cur *Cursor[R]) ShowWarnings(ctx context.Context) ([]Warning, error) {
	if cur.closed {
		return nil, ErrCursorClosed
	}
	if err := cur.conn.leaseErr(cur.gen); err != nil {
		return nil, err
	}
	return cur.conn.ShowWarnings(ctx)
}
