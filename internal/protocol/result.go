package protocol

import (
	"context"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Result is the reply to a query: a sequence of results, each either an OK
// (no rows) or a result set (columns, rows, and the packet that ends it).
// While a Result is open the connection is in StateResult and refuses other
// commands; Close reads what is left.
//
// The row returned by NextRow aliases the connection's read buffer and is
// valid until the next call on the Result.
type Result struct {
	c   *Conn
	ctx context.Context
	op  string

	columns []wire.ColumnDefinition
	ok      wire.OK // the OK (or EOF) that ended the current result
	inSet   bool    // rows of the current result set remain
	more    bool    // another result follows the current one
	closed  bool
	err     error
}

// Query sends query with COM_QUERY and reads up to the first result's rows.
func (c *Conn) Query(ctx context.Context, query string) (*Result, error) {
	err := c.writeCommand(ctx, "query", func(b []byte) ([]byte, error) {
		return wire.AppendComQuery(b, query), nil
	})
	if err != nil {
		return nil, err
	}
	r := &Result{c: c, ctx: ctx, op: "query"}
	if err := r.readHead(); err != nil {
		r.closed = true
		return nil, c.endCommand(err)
	}
	if err := r.settle(); err != nil {
		return nil, err
	}
	return r, nil
}

// readHead reads the first packet of a result: OK, ERR, a LOCAL INFILE
// request, or a column count followed by the column definitions.
func (r *Result) readHead() error {
	c := r.c
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return c.ioError(r.ctx, r.op, err)
	}
	if len(pkt) == 0 {
		return c.fail(protocolError("%s: empty reply", r.op))
	}
	r.columns = r.columns[:0]
	switch pkt[0] {
	case 0x00:
		if err := r.ok.Decode(pkt, c.caps); err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
		c.applyOK(&r.ok)
		r.inSet = false
		r.more = r.ok.StatusFlags&wire.ServerMoreResultsExists != 0
		return nil
	case 0xFF:
		r.more = false
		return c.readErr(r.ctx, pkt)
	case 0xFB:
		refusal, err := c.serveLocalInfile(r.ctx, pkt[1:])
		if err != nil {
			return err
		}
		if err := r.readHead(); err != nil {
			if refusal != nil {
				return fmt.Errorf("%w (the server then answered: %w)", refusal, err)
			}
			return err
		}
		if refusal != nil {
			// The server has answered the empty file; the stream is clean.
			_ = r.settle()
			if err := r.Close(); err != nil {
				return err
			}
			return refusal
		}
		return nil
	}
	var cc wire.ColumnCount
	if err := cc.Decode(pkt); err != nil {
		return c.ioError(r.ctx, r.op, err)
	}
	if cc.Count == 0 {
		return c.fail(protocolError("%s: a result set with no columns", r.op))
	}
	for range cc.Count {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
		var def wire.ColumnDefinition
		if err := def.Decode(pkt, c.caps); err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
		r.columns = append(r.columns, def)
	}
	if c.caps&wire.ClientDeprecateEOF == 0 {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
		var eof wire.EOF
		if err := eof.Decode(pkt); err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
	}
	r.ok = wire.OK{}
	r.inSet = true
	return nil
}

// settle moves the connection to the state the Result leaves it in.
// When nothing is left to read, it ends the exchange and returns what that
// reports (the context's error if it ended meanwhile).
func (r *Result) settle() error {
	if r.inSet || r.more {
		r.c.state.CompareAndSwap(int32(StateCommand), int32(StateResult))
		return nil
	}
	return r.finish(nil)
}

// finish ends the exchange once nothing is left to read.
func (r *Result) finish(err error) error {
	if r.closed {
		return err
	}
	r.closed = true
	r.c.state.CompareAndSwap(int32(StateResult), int32(StateCommand))
	return r.c.endCommand(err)
}

// Columns returns the current result set's column definitions (none for an OK).
func (r *Result) Columns() []wire.ColumnDefinition { return r.columns }

// HasRows reports whether the current result is a result set.
func (r *Result) HasRows() bool { return len(r.columns) > 0 }

// OK returns the packet that ended the current result: affected rows, last
// insert id, status flags, warnings, info. For a result set it is valid once
// NextRow has returned no row.
func (r *Result) OK() *wire.OK { return &r.ok }

// More reports whether another result follows the current one.
func (r *Result) More() bool { return r.more }

// Err returns the error that ended the Result, if any.
func (r *Result) Err() error { return r.err }

// NextRow returns the next row's payload, or nil at the end of the result set.
func (r *Result) NextRow() ([]byte, error) {
	if !r.inSet || r.err != nil {
		return nil, r.err
	}
	c := r.c
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return nil, r.fail(c.ioError(r.ctx, r.op, err))
	}
	if len(pkt) > 0 {
		switch {
		case pkt[0] == 0xFF:
			// An error mid-stream (e.g. KILL QUERY): the result ends here.
			r.inSet, r.more = false, false
			return nil, r.fail(c.readErr(r.ctx, pkt))
		case wire.IsResultEnd(pkt, c.caps):
			if err := r.readEnd(pkt); err != nil {
				return nil, r.fail(err)
			}
			return nil, nil
		}
	}
	return pkt, nil
}

// readEnd decodes the OK or EOF that ends a result set.
func (r *Result) readEnd(pkt []byte) error {
	c := r.c
	if c.caps&wire.ClientDeprecateEOF != 0 {
		if err := r.ok.Decode(pkt, c.caps); err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
	} else {
		var eof wire.EOF
		if err := eof.Decode(pkt); err != nil {
			return c.ioError(r.ctx, r.op, err)
		}
		r.ok = wire.OK{StatusFlags: eof.StatusFlags, Warnings: eof.Warnings}
	}
	c.applyOK(&r.ok)
	r.inSet = false
	r.more = r.ok.StatusFlags&wire.ServerMoreResultsExists != 0
	if !r.more {
		return r.finish(nil)
	}
	return nil
}

// fail records err, which ends the Result.
func (r *Result) fail(err error) error {
	r.inSet, r.more = false, false
	r.err = r.finish(err)
	if r.err == nil {
		r.err = err
	}
	return r.err
}

// NextResult discards the rest of the current result and reads the head of
// the next one. It returns false when there is none.
func (r *Result) NextResult() (bool, error) {
	if err := r.skipRows(); err != nil {
		return false, err
	}
	if !r.more || r.err != nil {
		return false, r.err
	}
	if err := r.readHead(); err != nil {
		return false, r.fail(err)
	}
	if !r.inSet && !r.more {
		if err := r.finish(nil); err != nil {
			return true, err
		}
	}
	return true, nil
}

func (r *Result) skipRows() error {
	for r.inSet && r.err == nil {
		row, err := r.NextRow()
		if err != nil {
			return err
		}
		if row == nil {
			break
		}
	}
	return r.err
}

// Close reads and discards every remaining row and result, returning the
// connection to idle. It returns the first error met.
func (r *Result) Close() error {
	for {
		more, err := r.NextResult()
		if err != nil {
			return err
		}
		if !more {
			break
		}
	}
	return r.finish(nil)
}

// Rebind ties the rest of the Result to ctx (see Conn.Rebind); errors are
// then reported against it.
func (r *Result) Rebind(ctx context.Context) error {
	if r.closed {
		return nil
	}
	if err := r.c.Rebind(ctx); err != nil {
		return err
	}
	r.ctx = ctx
	return nil
}

// Corrupt reports that a row of the Result could not be decoded: the stream
// can no longer be trusted, so the connection is broken.
func (r *Result) Corrupt(format string, args ...any) error {
	return r.fail(r.c.fail(protocolError(format, args...)))
}
