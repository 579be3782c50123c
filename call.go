package aiomysql

import (
	"context"
	"errors"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/types"
)

// Stored procedures through the binary protocol: a CALL run as a prepared
// statement returns the values of its OUT and INOUT parameters in a result
// set of its own, which Rows does not show as a set but keeps as
// OutParams. Cursor.CallProc is aiomysql's text-protocol way (user
// variables).

// OutParams are the values of a stored procedure's OUT and INOUT
// parameters, in the order the procedure declares them (IN parameters are
// not among them): one row, decoded as a row of a result set. The values
// are copies and stay valid. A nil *OutParams holds no values. It is not
// safe for concurrent use.
type OutParams struct {
	conn  *Conn
	codec types.RowCodec
	cols  []types.Column
	names []string
	vals  [][]byte // nil for NULL; alias raw
	raw   []byte
}

// newOutParams copies the OUT parameters of res's reply, or returns nil
// when it had none.
func newOutParams(c *Conn, res rowSource) (*OutParams, error) {
	defs, cols, row, ok := res.OutParams()
	if !ok {
		return nil, nil
	}
	p := &OutParams{conn: c, codec: res.Codec(), raw: append([]byte(nil), row...),
		cols: append([]types.Column(nil), cols...), names: make([]string, len(defs))}
	for i := range defs {
		p.names[i] = defs[i].Name
	}
	vals, err := p.codec.Split(nil, p.raw, p.cols)
	if err != nil {
		return nil, res.Corrupt("call: OUT parameters: %v", err)
	}
	p.vals = vals
	return p, nil
}

// Len returns the number of OUT and INOUT parameters.
func (p *OutParams) Len() int {
	if p == nil {
		return 0
	}
	return len(p.cols)
}

// Columns returns the parameters' names, as the server names them.
func (p *OutParams) Columns() []string {
	if p == nil {
		return nil
	}
	return p.names
}

// Scan copies the values into dest, one pointer per OUT or INOUT
// parameter, as Rows.Scan does for a row.
func (p *OutParams) Scan(dest ...any) error {
	if len(dest) != p.Len() {
		return &ScanError{Column: -1, Err: errColumnCount(len(dest), p.Len())}
	}
	if p == nil {
		return nil
	}
	opt := p.conn.decodeOptions()
	for i, d := range dest {
		if err := p.codec.Scan(&p.cols[i], p.vals[i], d, opt); err != nil {
			return &ScanError{Column: i, Name: p.names[i], Err: err}
		}
	}
	return nil
}

// Values returns the values as their natural Go types, as Rows.Values does;
// nil for SQL NULL.
func (p *OutParams) Values() ([]any, error) {
	if p == nil {
		return nil, nil
	}
	opt := p.conn.decodeOptions()
	vals := make([]any, len(p.cols))
	for i := range p.cols {
		v, err := p.codec.Decode(&p.cols[i], p.vals[i], opt)
		if err != nil {
			return nil, &ScanError{Column: i, Name: p.names[i], Err: err}
		}
		vals[i] = v
	}
	return vals, nil
}

// OutParams returns the OUT and INOUT parameter values of a CALL run as a
// prepared statement (Stmt.Query, or Conn.Query with arguments in a
// prepared execution mode), or nil when it has none, when the query is no
// CALL, or when it ran as text. The server sends them after the
// procedure's own result sets, in a set of their own that NextResultSet
// steps over: they are there once NextResultSet has passed the procedure's
// last set (it then moves to the CALL's own result, which has no columns),
// and after Close, unless Close had to interrupt the statement.
func (r *Rows) OutParams() *OutParams { return r.out }

// stepOverOutParams: when the current result set holds the OUT parameters,
// it keeps them and moves on to the next result. It reports false when
// the Rows ended.
func (r *Rows) stepOverOutParams() bool {
	if !r.res.IsOutParams() {
		return true
	}
	if r.out == nil {
		out, err := newOutParams(r.conn, r.res)
		if err != nil {
			r.finish(err)
			return false
		}
		r.out = out
	}
	more, err := r.res.NextResult()
	if err != nil || !more {
		r.finish(err)
		return false
	}
	r.setColumns()
	return true
}

// CallResult is what Conn.Call returns: the CALL's own result (affected
// rows, warnings) and the procedure's OUT and INOUT parameter values.
type CallResult struct {
	Result
	// OutParams are the OUT and INOUT values: res.Scan(&a, &b) reads
	// them. It is nil when the procedure has none, and its methods then
	// report no values.
	*OutParams
}

// errCallText is Call's error when the CALL cannot go as a prepared
// statement, which alone brings the OUT parameters back.
var errCallText = errors.New("aiomysql: call: OUT parameters come back only through a prepared statement, not in QueryExecModeText (use Cursor.CallProc for the text protocol)")

// Call runs a CALL statement as a prepared statement and returns the
// values of the procedure's OUT and INOUT parameters; the result sets the
// procedure returns are read and discarded (use Query, or Stmt.Query, to
// read them: Rows.OutParams then gives the values). args fill the
// statement's placeholders as for Exec; pass nil for an OUT parameter:
//
//	res, err := conn.Call(ctx, "CALL order_total(?, ?, ?)", orderID, nil, "EUR")
//	if err != nil {
//		return err
//	}
//	var total string // DECIMAL
//	var currency string
//	if err := res.Scan(&total, &currency); err != nil { // OUT total, INOUT currency
//		return err
//	}
//
// The statement is cached as in QueryExecModeCacheStatement, or run in the
// prepared mode given as a leading argument; QueryExecModeText is refused
// (a Config whose default is text does not apply here). A statement the
// server cannot prepare is an error, not run as text.
func (c *Conn) Call(ctx context.Context, query string, args ...any) (*CallResult, error) {
	o, args := splitOptions(args)
	if o.mode == QueryExecModeText {
		return nil, errCallText
	}
	mode := c.execMode(o)
	if mode == QueryExecModeText {
		mode = QueryExecModeCacheStatement
	}
	trace := c.startTrace(ctx, query, len(args), mode)
	res, err := c.runBinary(ctx, protocol.Request{Op: "call"}, mode, query, args, trace)
	if errors.Is(err, errTextFallback) {
		err = errors.New("aiomysql: call: the server cannot prepare the statement, and OUT parameters come back only through a prepared statement")
	}
	if err == nil {
		err = res.Discard(ctx)
	}
	var out *OutParams
	if err == nil {
		out, err = newOutParams(c, res)
	}
	if err != nil {
		trace.end(c, err, 0)
		return nil, err
	}
	r := resultFrom(res.OK())
	trace.end(c, nil, int64(r.affected))
	return &CallResult{Result: r, OutParams: out}, nil
}

// isCall reports whether query is a CALL statement.
func (c *Conn) isCall(query string) bool {
	return sqltext.IsCall(query, c.sqlOptions(sqltext.Question))
}
