package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Rows is the result of Query: a stream of rows read from the socket as Next
// is called. The connection serves nothing else until Rows is read to the end
// or closed. Rows is not safe for concurrent use.
//
// The context given to Query governs the reading of its rows: when it ends
// while Next waits for rows from the server, the statement is killed, what
// the server still sends is discarded, and Err wraps ctx.Err() and
// ErrResultIncomplete (rows already in hand are still returned). Close
// ends the rows in bounded time whatever is left unread.
type Rows struct {
	conn     *Conn
	res      rowSource
	codec    types.RowCodec
	trace    *queryTrace
	cols     []types.Column
	names    []string
	vals     [][]byte // the current row's values, nil for NULL; alias the read buffer
	onRow    bool
	nrows    int64  // rows read, for the tracer
	affected uint64 // rows affected by results without rows, for the tracer
	final    Result // what the server reported when the current result ended
	err      error
	closed   bool
	plan     *structPlan // RowToStructByName's mapping for the current set
	out      *OutParams  // a CALL's OUT parameters, once met (call.go)
	use      uint64      // advances each time the Rows is reused (QueryRow's)
	pool     PoolConn    // the Pool's Query: released when the Rows ends
}

// rowSource is where a Rows reads: a command's reply (*protocol.Result)
// or a server-side cursor (*protocol.Cursor).
type rowSource interface {
	Codec() types.RowCodec
	SetContext(ctx context.Context)
	HasRows() bool
	More() bool
	Columns() []wire.ColumnDefinition
	DecodeColumns() []types.Column
	OK() *wire.OK
	NextRow() ([]byte, error)
	NextResult() (bool, error)
	Corrupt(format string, args ...any) error
	Close() error
	IsOutParams() bool
	OutParams() (defs []wire.ColumnDefinition, cols []types.Column, row []byte, ok bool)
}

var (
	_ rowSource = (*protocol.Result)(nil)
	_ rowSource = (*protocol.Cursor)(nil)
)

// errRowsOpen: QueryInto was given Rows still being read.
var errRowsOpen = errors.New("aiomysql: QueryInto: the Rows are still open (close them first)")

// reusable says whether r may take a new result (QueryInto).
func (r *Rows) reusable() error {
	if r == nil {
		return errors.New("aiomysql: QueryInto: nil Rows")
	}
	if r.res != nil && !r.closed {
		return errRowsOpen
	}
	return nil
}

// start readies r for the reply res, keeping the capacity of its slices.
func (r *Rows) start(c *Conn, res rowSource, ctx context.Context, trace *queryTrace) {
	cols, vals := r.cols[:0], r.vals[:0]
	if cap(cols) == 0 {
		cols, vals = c.takeSpare()
	}
	*r = Rows{conn: c, res: res, codec: res.Codec(), trace: trace, cols: cols, vals: vals, names: r.names, use: r.use + 1}
	res.SetContext(ctx)
	r.setColumns()
	if !r.stepOverOutParams() {
		return
	}
	if !res.HasRows() && !res.More() {
		r.finish(nil)
	}
}

func (r *Rows) setColumns() {
	defs := r.res.Columns()
	// Copies: the connection reuses its column slices for the next result.
	r.cols = append(r.cols[:0], r.res.DecodeColumns()...)
	// A new slice, unless the names are those of the previous set: the
	// caller may keep that slice, which is never modified (a reused Rows, as
	// QueryRow's, running the same query again costs no allocation).
	if !sameNames(r.names, defs) {
		r.names = r.conn.namesFor(defs)
	}
	r.onRow = false
	r.plan = nil
	if len(defs) == 0 {
		r.final = resultFrom(r.res.OK())
		r.affected += r.res.OK().AffectedRows
	}
}

// Next advances to the next row of the current result set. It returns false
// at the end of the set or on an error (see Err).
func (r *Rows) Next() bool {
	if r.closed || r.err != nil {
		return false
	}
	row, err := r.res.NextRow()
	if err != nil {
		r.finish(err)
		return false
	}
	if row == nil {
		r.onRow = false
		r.final = resultFrom(r.res.OK())
		if !r.res.More() {
			r.finish(nil)
		}
		return false
	}
	vals, err := r.codec.Split(r.vals, row, r.cols)
	r.vals = vals
	if err != nil {
		r.finish(r.res.Corrupt("%v", err))
		return false
	}
	r.onRow = true
	r.nrows++
	return true
}

// Scan copies the current row's values into dest, one pointer per column.
// See the package documentation for the destinations it accepts.
func (r *Rows) Scan(dest ...any) error {
	if !r.onRow {
		if r.err != nil {
			return r.err
		}
		return errNoRow
	}
	if len(dest) != len(r.cols) {
		return &ScanError{Column: -1, Err: errColumnCount(len(dest), len(r.cols))}
	}
	opt := r.conn.decodeOptions()
	for i, d := range dest {
		if err := r.codec.Scan(&r.cols[i], r.vals[i], d, opt); err != nil {
			return &ScanError{Column: i, Name: r.names[i], Err: err}
		}
	}
	return nil
}

// Values returns the current row's values as their natural Go types (see the
// package documentation); the values are copies and stay valid.
func (r *Rows) Values() ([]any, error) {
	if !r.onRow {
		if r.err != nil {
			return nil, r.err
		}
		return nil, errNoRow
	}
	opt := r.conn.decodeOptions()
	vals := make([]any, len(r.cols))
	for i := range r.cols {
		v, err := r.codec.Decode(&r.cols[i], r.vals[i], opt)
		if err != nil {
			return nil, &ScanError{Column: i, Name: r.names[i], Err: err}
		}
		vals[i] = v
	}
	return vals, nil
}

// RawValues returns the current row's values as the server sent them (text),
// nil for NULL. The slices alias the read buffer and are valid only until
// the next call to Next, NextResultSet or Close.
func (r *Rows) RawValues() [][]byte {
	if !r.onRow {
		return nil
	}
	return append([][]byte(nil), r.vals...)
}

// Columns returns the names of the current result set's columns. The slice
// stays as it is when NextResultSet moves on; it must not be modified (it
// is shared with later Rows of the connection that have the same names).
func (r *Rows) Columns() []string { return r.names }

// ColumnTypes describes the current result set's columns.
func (r *Rows) ColumnTypes() []ColumnType {
	if r.closed {
		return nil
	}
	return r.AppendColumnTypes(make([]ColumnType, 0, len(r.res.Columns())))
}

// AppendColumnTypes appends what ColumnTypes returns to dst and returns the
// extended slice: a caller describing result after result can reuse one.
func (r *Rows) AppendColumnTypes(dst []ColumnType) []ColumnType {
	if r.closed {
		return dst
	}
	defs := r.res.Columns()
	for i := range defs {
		dst = append(dst, newColumnType(&defs[i]))
	}
	return dst
}

// NextResultSet moves to the next result of a multi-statement query or a
// CALL, discarding unread rows of the current one. It returns false when
// there is none or on an error (see Err). A result without rows (an OK) has
// no columns and no rows.
func (r *Rows) NextResultSet() bool {
	if r.closed || r.err != nil {
		return false
	}
	more, err := r.res.NextResult()
	if err != nil {
		r.finish(err)
		return false
	}
	if !more {
		r.finish(nil)
		return false
	}
	r.setColumns()
	return r.stepOverOutParams()
}

// Result returns what the server reported when the current result ended:
// affected rows, last insert id and warnings. For a result set it is known
// once Next has returned false.
func (r *Rows) Result() Result { return r.final }

// Err returns the error that stopped the iteration, if any.
func (r *Rows) Err() error { return r.err }

// Close discards any unread rows and results and frees the connection, in
// bounded time: what is left is read for a moment (20 ms); past that the
// statement is killed (KILL QUERY) and what is in flight drained, or, when
// no kill can be sent, the connection is closed. It returns the error that
// ended the Rows, if any (the one Err returns).
func (r *Rows) Close() error {
	if r.closed {
		return r.err
	}
	err := r.res.Close()
	if err == nil && r.out == nil {
		// Close may have read past the OUT parameters.
		r.out, err = newOutParams(r.conn, r.res)
	}
	r.finish(err)
	return r.err
}

// All iterates over the rows with a range-over-func loop; the *Rows given
// each time is r itself, positioned on the row:
//
//	for row, err := range rows.All() {
//		if err != nil {
//			return err
//		}
//		if err := row.Scan(&id, &name); err != nil {
//			return err
//		}
//	}
//
// Breaking out of the loop closes the Rows.
func (r *Rows) All() iter.Seq2[*Rows, error] {
	return func(yield func(*Rows, error) bool) {
		for r.Next() {
			if !yield(r, nil) {
				r.Close()
				return
			}
		}
		if err := r.Err(); err != nil {
			yield(nil, err)
		}
	}
}

// finish ends the Rows with err (nil at a clean end).
func (r *Rows) finish(err error) {
	if r.closed {
		return
	}
	r.closed = true
	r.onRow = false
	if err != nil && r.err == nil {
		r.err = err
	}
	r.trace.end(r.conn, r.err, r.nrows+int64(r.affected))
	if r.conn != nil {
		// Before a pool's release: the connection may be someone else's after it.
		r.conn.giveSpare(r.cols, r.vals)
		r.cols, r.vals = nil, nil
	}
	if r.pool.p != nil {
		c := r.pool
		r.pool = PoolConn{}
		c.Release()
	}
}

// rebind makes ctx govern the rest of the rows (streaming cursors take a
// context per fetch). A context that has already ended governs nothing: the
// rows stay as they are for the next fetch, and its error is returned.
func (r *Rows) rebind(ctx context.Context) error {
	if r.closed {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("aiomysql: fetch: %w", err)
	}
	r.res.SetContext(ctx)
	return nil
}

// HasNextResultSet reports whether the server announced another result
// after the current one (SERVER_MORE_RESULTS_EXISTS). It is known once Next
// has returned false; the database/sql driver asks it to close a finished
// Rows without a round trip.
func (r *Rows) HasNextResultSet() bool {
	return !r.closed && r.err == nil && r.final.status&uint16(wire.ServerMoreResultsExists) != 0
}

// sameNames reports whether names are the names of defs, in order.
func sameNames(names []string, defs []wire.ColumnDefinition) bool {
	if len(names) != len(defs) || names == nil {
		return false
	}
	for i := range defs {
		if names[i] != defs[i].Name {
			return false
		}
	}
	return true
}
