package protocol

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Result is the reply to a command: a sequence of results, each either an
// OK (no rows) or a result set (columns, rows, and the packet that ends it).
// While a Result is open the connection is in StateResult and refuses other
// commands; Close ends it in bounded time (see Close).
//
// Each row is read in a call of its own, governed by the context given to
// SetContext (the command's context until then): the context is watched
// only while a row has to be waited for. The row returned by NextRow aliases
// the connection's read buffer and is valid until the next call on the
// Result. The connection reuses one Result: it is valid until the next
// command.
type Result struct {
	c     *Conn
	ctx   context.Context
	req   Request
	codec types.RowCodec

	defs []wire.ColumnDefinition
	cols []types.Column
	// raws[i] holds the bytes defs[i] was decoded from, while defs' backing
	// array still holds that decode: a result whose column definitions are
	// those of the previous one (a query run again) reuses them undecoded.
	raws   []string
	ok     wire.OK // the OK (or EOF) that ended the current result
	inSet  bool    // rows of the current result set remain
	more   bool    // another result follows the current one
	closed bool
	err    error
	// metadataSent: the current result set's column definitions came with
	// it (not skipped in favour of the request's cached ones).
	metadataSent bool
	ahead        lookahead // rows of a CALL's set read with its head (outparams.go)
}

// Query sends query with COM_QUERY and reads up to the first result's rows.
// build appends the query text to the packet (so arguments can be
// interpolated straight into the write buffer).
func (c *Conn) Query(ctx context.Context, req Request, build func([]byte) ([]byte, error)) (*Result, error) {
	if err := c.begin(ctx, req.Op); err != nil {
		return nil, err
	}
	c.changes.queried = true
	err := c.queueCmd(req, func(b []byte) ([]byte, error) {
		return build(append(b, byte(wire.CommandQuery)))
	})
	if err != nil {
		c.unclaim()
		return nil, c.endCall(err)
	}
	if err := c.flush(req.Op); err != nil {
		return nil, c.endCall(err)
	}
	return c.readResult()
}

// QueryText is Query of a fixed text.
func (c *Conn) QueryText(ctx context.Context, req Request, query string) (*Result, error) {
	return c.Query(ctx, req, func(b []byte) ([]byte, error) { return append(b, query...), nil })
}

// ReadResult reads the head of the reply to the oldest command whose reply
// is due (one that Queue queued and Flush wrote), under ctx.
func (c *Conn) ReadResult(ctx context.Context) (*Result, error) {
	if err := c.startRead(ctx, "read result"); err != nil {
		return nil, err
	}
	return c.readResult()
}

// startRead begins a call that reads a reply due: the connection must have
// one (StateCommand) and ctx must not have ended.
func (c *Conn) startRead(ctx context.Context, op string) error {
	if s := c.State(); s != StateCommand {
		if isClosed(s) {
			return c.dueError()
		}
		return ErrBusy
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	c.setCall(ctx, op)
	return nil
}

// readResult reads the head of the head command's reply.
func (c *Conn) readResult() (*Result, error) {
	if err := c.skipInternal(); err != nil {
		if isClosed(c.State()) {
			c.abandonReplies() // the deferred command's
			if c.queue.len() > 0 {
				c.queue.pop() // the one this call reads: its caller gets err
			}
		}
		return nil, c.endCall(err)
	}
	head := c.queue.head()
	if head == nil {
		return nil, c.endCall(errors.New("aiomysql: no reply is due"))
	}
	if head.err != nil {
		err := head.err
		c.exchangeDone()
		return nil, c.endCall(err)
	}
	r := &c.res
	r.start(c, head.req, c.call.ctx)
	c.startReply()
	if err := r.readHead(); err != nil {
		r.end() // an ERR reply ends the exchange
		return nil, c.endCall(err)
	}
	if st := r.req.stmt; st != nil {
		st.noteColumns(r)
	}
	if !r.inSet && !r.more {
		r.end()
		if err := c.endCall(nil); err != nil {
			return nil, err
		}
		return r, nil
	}
	c.state.CompareAndSwap(int32(StateCommand), int32(StateResult))
	if c.interrupted() {
		// The context ended before the head was in hand: the server is
		// answering the kill. Read that answer and report the context.
		r.drain()
		return nil, c.endCall(r.err)
	}
	if err := c.endCall(nil); err != nil {
		return nil, err
	}
	return r, nil
}

// start readies the reused Result for a new reply.
func (r *Result) start(c *Conn, req Request, ctx context.Context) {
	r.c, r.req, r.ctx = c, req, ctx
	r.codec = types.TextCodec{}
	if req.Binary {
		r.codec = types.BinaryCodec{}
	}
	r.ok = wire.OK{}
	r.inSet, r.more, r.closed, r.err = false, false, false, nil
	r.metadataSent = false
	r.ahead.start()
}

// readHead reads the first packet of a result: OK, ERR, a LOCAL INFILE
// request (then the reply to the file), or a column count followed by the
// column definitions.
func (r *Result) readHead() error {
	c := r.c
	served := false
	var refusal error
	for {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return c.ioError(r.req.Op, err)
		}
		if len(pkt) == 0 {
			return c.fail(protocolError("%s: empty reply", r.req.Op))
		}
		r.defs, r.cols = r.defs[:0], r.cols[:0]
		r.ahead.reset()
		switch pkt[0] {
		case 0x00:
			if err := r.ok.Decode(pkt, c.caps); err != nil {
				return c.ioError(r.req.Op, err)
			}
			c.applyOK(&r.ok)
			r.inSet = false
			r.more = r.ok.StatusFlags&wire.ServerMoreResultsExists != 0
			c.phase = phaseRows
			return r.afterRefusal(refusal)
		case 0xFF:
			r.more = false
			return r.withRefusal(refusal, c.readErr(r.req.Op, pkt))
		case 0xFB:
			if served {
				// A request in reply to the file: a server looping the client.
				return c.fail(protocolError("%s: a second LOCAL INFILE request in reply to the file", r.req.Op))
			}
			served = true
			if refusal, err = c.serveLocalInfile(r.req.Op, pkt[1:]); err != nil {
				return err
			}
			continue
		}
		var cc wire.ColumnCount
		if err := cc.Decode(pkt); err != nil {
			return c.ioError(r.req.Op, err)
		}
		if cc.Count == 0 {
			return c.fail(protocolError("%s: a result set with no columns", r.req.Op))
		}
		if err := r.readColumns(cc); err != nil {
			return err
		}
		r.ok = wire.OK{}
		r.inSet = true
		c.phase = phaseRows
		if err := r.readAhead(); err != nil {
			return err
		}
		return r.afterRefusal(refusal)
	}
}

// readColumns reads the column definitions a column count announced, or
// takes the cached ones when the server skipped them.
func (r *Result) readColumns(cc wire.ColumnCount) error {
	c := r.c
	r.metadataSent = cc.MetadataFollows
	if !cc.MetadataFollows {
		cached := r.req.cachedColumns()
		if uint64(len(cached)) != cc.Count {
			return c.fail(protocolError("%s: the server skipped the metadata of %d columns, and %d are cached", r.req.Op, cc.Count, len(cached)))
		}
		r.raws = r.raws[:0] // defs' slots now hold other decodes
		r.cols = append(r.cols, cached...)
		for i := range r.cols {
			r.defs = append(r.defs, wire.ColumnDefinition{Name: r.cols[i].Name, Type: r.cols[i].Type,
				Flags: r.cols[i].Flags, CharacterSet: r.cols[i].Charset, Decimals: r.cols[i].Decimals,
				ColumnLength: r.cols[i].Length, DataTypeName: r.cols[i].DataTypeName, FormatName: r.cols[i].FormatName})
		}
	} else {
		for range cc.Count {
			pkt, err := c.wc.ReadPacket()
			if err != nil {
				return c.ioError(r.req.Op, err)
			}
			if err := r.decodeColumn(pkt); err != nil {
				return c.ioError(r.req.Op, err)
			}
			r.cols = append(r.cols, types.ColumnFrom(&r.defs[len(r.defs)-1]))
		}
	}
	if c.caps&wire.ClientDeprecateEOF == 0 {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return c.ioError(r.req.Op, err)
		}
		var eof wire.EOF
		if err := eof.Decode(pkt); err != nil {
			return c.ioError(r.req.Op, err)
		}
		r.ahead.headFlags = eof.StatusFlags
	}
	return nil
}

// decodeColumn appends the column definition pkt holds to r.defs: the
// previous result's definition in that slot when its bytes are the same,
// else a new decode (one allocation for its names).
func (r *Result) decodeColumn(pkt []byte) error {
	i := len(r.defs)
	if i < len(r.raws) && i < cap(r.defs) && r.raws[i] == string(pkt) {
		r.defs = r.defs[:i+1]
		return nil
	}
	raw := string(pkt)
	r.defs = append(r.defs, wire.ColumnDefinition{})
	if err := r.defs[i].DecodeShared(pkt, raw, r.c.caps); err != nil {
		r.raws = r.raws[:min(i, len(r.raws))]
		return err
	}
	switch {
	case i < len(r.raws):
		r.raws[i] = raw
	case i == len(r.raws):
		r.raws = append(r.raws, raw)
	}
	return nil
}

// afterRefusal: when a LOCAL INFILE request was refused and the server has
// answered the empty file, the stream is clean; the refusal is the error.
func (r *Result) afterRefusal(refusal error) error {
	if refusal == nil {
		return nil
	}
	r.drain()
	return refusal
}

func (r *Result) withRefusal(refusal, err error) error {
	if refusal != nil {
		return fmt.Errorf("%w (the server then answered: %w)", refusal, err)
	}
	return err
}

// exchangeDone ends the head command's exchange: its reply is read in full.
func (c *Conn) exchangeDone() {
	c.queue.pop()
	c.intr.mu.Lock()
	c.cmdGen++
	c.intr.mu.Unlock()
	c.phase = phaseReply
	if c.queue.len() > 0 && !c.onlyDeferred() {
		c.state.CompareAndSwap(int32(StateResult), int32(StateCommand))
		return
	}
	if c.state.CompareAndSwap(int32(StateResult), int32(StateIdle)) || c.state.CompareAndSwap(int32(StateCommand), int32(StateIdle)) {
		c.wc.Idle()
	}
}

// Columns returns the current result set's column definitions (none for an
// OK). The slice is reused by the next result.
func (r *Result) Columns() []wire.ColumnDefinition { return r.defs }

// DecodeColumns returns what decoding needs of the current result set's
// columns. The slice is reused by the next result.
func (r *Result) DecodeColumns() []types.Column { return r.cols }

// Codec returns the codec of the result's rows.
func (r *Result) Codec() types.RowCodec { return r.codec }

// HasRows reports whether the current result is a result set.
func (r *Result) HasRows() bool { return len(r.defs) > 0 }

// OK returns the packet that ended the current result: affected rows, last
// insert id, status flags, warnings, info. For a result set it is valid once
// NextRow has returned no row.
func (r *Result) OK() *wire.OK { return &r.ok }

// More reports whether another result follows the current one.
func (r *Result) More() bool { return r.more }

// Err returns the error that ended the Result, if any.
func (r *Result) Err() error { return r.err }

// SetContext makes ctx govern the reads that follow (each fetch of a
// streaming cursor has its own context). It does nothing after the end.
func (r *Result) SetContext(ctx context.Context) {
	if !r.closed {
		r.ctx = ctx
	}
}

// NextRow returns the next row's payload, or nil at the end of the result
// set. The wait for a row, if there is one, is a call governed by the
// Result's context: when the context ends during it, the statement is
// killed, the rest of the reply read and discarded, and the error wraps
// the context's error and ErrResultIncomplete.
func (r *Result) NextRow() ([]byte, error) {
	if row := r.ahead.next(); row != nil {
		return row, nil
	}
	if !r.inSet || r.err != nil {
		return nil, r.err
	}
	c := r.c
	c.setCall(r.ctx, r.req.Op)
	if c.call.done != nil && !c.wc.PacketBuffered() {
		if cause := r.ctx.Err(); cause != nil {
			// The context ended between reads, and the next row must be
			// waited for: interrupt the statement instead of waiting.
			c.contextEnded(cause)
			return nil, r.interruptRows()
		}
	}
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		// Classified while the interruption, if any, is still on record.
		err = r.fail(c.ioError(r.req.Op, err))
		c.closeCall()
		return nil, err
	}
	if c.call.armed { // the row was waited for
		if c.interrupted() {
			return nil, r.interruptRows()
		}
		c.closeCall()
	} else {
		c.call = call{}
	}
	if len(pkt) > 0 {
		switch {
		case pkt[0] == 0xFF:
			// An error mid-stream: the result ends here. When the context
			// has ended, it is the server's answer to the kill.
			r.inSet, r.more = false, false
			serverErr := c.readErr(r.req.Op, pkt)
			if cause := r.ctx.Err(); cause != nil && !isClosed(c.State()) {
				serverErr = interruptedError(r.req.Op, cause, errors.Join(ErrResultIncomplete, serverErr))
			}
			return nil, r.fail(serverErr)
		case wire.IsResultEnd(pkt, c.caps):
			if err := r.readEnd(pkt); err != nil {
				return nil, r.fail(err)
			}
			return nil, nil
		}
	}
	return pkt, nil
}

// interruptRows handles a context that ended while a row was awaited: the
// kill is under way; read what the server still sends to its end. The
// Result ends with an error wrapping the context's and ErrResultIncomplete
// (and the server's answer to the kill, if it was an error).
func (r *Result) interruptRows() error {
	c := r.c
	cause := c.interruptCause()
	r.drain()
	c.closeCall()
	if isClosed(c.State()) && r.err != nil {
		return r.err // the lost-connection error already says it all
	}
	r.err = interruptedError(r.req.Op, cause, errors.Join(ErrResultIncomplete, r.err))
	return r.err
}

// readEnd decodes the OK or EOF that ends a result set.
func (r *Result) readEnd(pkt []byte) error {
	c := r.c
	if err := c.decodeEnd(r.req.Op, pkt, &r.ok); err != nil {
		return err
	}
	r.inSet = false
	r.more = r.ok.StatusFlags&wire.ServerMoreResultsExists != 0
	if !r.more {
		r.end()
	}
	return nil
}

// decodeEnd decodes the OK or EOF that ends a result set (or a batch of a
// cursor's rows) into ok, and applies it to the session.
func (c *Conn) decodeEnd(op string, pkt []byte, ok *wire.OK) error {
	if c.caps&wire.ClientDeprecateEOF != 0 {
		if err := ok.Decode(pkt, c.caps); err != nil {
			return c.ioError(op, err)
		}
	} else {
		var eof wire.EOF
		if err := eof.Decode(pkt); err != nil {
			return c.ioError(op, err)
		}
		*ok = wire.OK{StatusFlags: eof.StatusFlags, Warnings: eof.Warnings}
	}
	c.applyOK(ok)
	return nil
}

// end marks the reply read in full.
func (r *Result) end() {
	if r.closed {
		return
	}
	r.closed = true
	if !isClosed(r.c.State()) {
		r.c.exchangeDone()
	} else {
		r.c.abandonReplies()
	}
}

// fail records err, which ends the Result.
func (r *Result) fail(err error) error {
	r.inSet, r.more = false, false
	if r.err == nil {
		r.err = err
	}
	r.end()
	return r.err
}

// NextResult discards the rest of the current result and reads the head of
// the next one. It returns false when there is none.
func (r *Result) NextResult() (bool, error) {
	for r.inSet && r.err == nil {
		row, err := r.NextRow()
		if err != nil {
			return false, err
		}
		if row == nil {
			break
		}
	}
	if !r.more || r.err != nil {
		return false, r.err
	}
	c := r.c
	c.setCall(r.ctx, r.req.Op)
	err := r.readHead()
	if err == nil && c.interrupted() {
		return false, r.interruptRows()
	}
	c.closeCall()
	if err != nil {
		return false, r.fail(err)
	}
	if !r.inSet && !r.more {
		r.end()
	}
	return true, nil
}

// drain reads and discards the rest of the reply under the call's current
// deadlines, ending the Result. A failure breaks the connection.
func (r *Result) drain() { r.drainRest(false) }

// drainRest reads and discards the rest of the reply. With abandon, the
// first read that runs out of time (Close's budget) interrupts the
// statement, as an ended context would, and reading goes on; any other
// failure breaks the connection. It reports whether it interrupted.
func (r *Result) drainRest(abandon bool) (interrupted bool) {
	c := r.c
	for !r.closed {
		if !r.inSet {
			if !r.more {
				r.end()
				break
			}
			if err := r.readHead(); err != nil {
				r.fail(err)
				break
			}
			if !r.inSet && !r.more {
				r.end()
			}
			continue
		}
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			if abandon && !interrupted && errors.Is(err, os.ErrDeadlineExceeded) {
				interrupted = true
				c.interruptCall(nil)
				continue
			}
			r.fail(c.ioError(r.req.Op, err))
			break
		}
		r.discard(pkt)
	}
	return interrupted
}

// discard takes in a packet of rows being discarded: an ERR or the end of
// the result set count, a row does not.
func (r *Result) discard(pkt []byte) {
	c := r.c
	switch {
	case len(pkt) > 0 && pkt[0] == 0xFF:
		r.fail(c.readErr(r.req.Op, pkt))
	case wire.IsResultEnd(pkt, c.caps):
		if err := r.readEnd(pkt); err != nil {
			r.fail(err)
		}
	}
}

// Discard reads and discards the rest of the reply under ctx, as the end
// of a call (Exec): it returns the first error met.
func (r *Result) Discard(ctx context.Context) error {
	if r.closed {
		return r.err
	}
	r.ctx = ctx
	for {
		more, err := r.NextResult()
		if err != nil {
			return err
		}
		if !more {
			return r.err
		}
	}
}

// abandonBudget is how long Close reads the rest of a result before it
// interrupts the statement: a result that ends soon is read to its end,
// keeping the statement's work; a longer one is killed (KILL QUERY) and what
// is in flight drained, or the connection closed when no kill can be sent.
const abandonBudget = 20 * time.Millisecond

// Close ends the Result in bounded time and returns the error that ended it,
// if any. What is left is read for a short while (abandonBudget); past
// that, the statement is interrupted as a cancelled context would interrupt
// it (a kill, then reading what is in flight within the cancel grace), or,
// when no kill can be sent, the connection is closed. Abandoning a result
// never costs more than the budget plus the kill and its grace.
func (r *Result) Close() error {
	if r.closed {
		return r.err
	}
	c := r.c
	// What is already buffered (all of a small result, often) is read
	// without touching the socket's deadline.
	for !r.closed && r.inSet && c.wc.PacketBuffered() {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			r.fail(c.ioError(r.req.Op, err))
			break
		}
		r.discard(pkt)
	}
	if r.closed {
		return r.err
	}
	c.setCall(context.Background(), r.req.Op)
	c.intr.mu.Lock()
	c.intr.ownsDeadline = true
	_ = c.raw.SetReadDeadline(time.Now().Add(abandonBudget))
	c.intr.mu.Unlock()
	interrupted := r.drainRest(true)
	c.closeCall()
	if interrupted {
		// The rows the caller did not want ended in an interruption it
		// asked for; it is not the caller's error.
		return nil
	}
	return r.err
}

// Corrupt reports that a row of the Result could not be decoded: the stream
// can no longer be trusted, so the connection is broken.
func (r *Result) Corrupt(format string, args ...any) error {
	return r.fail(r.c.fail(protocolError(format, args...)))
}
