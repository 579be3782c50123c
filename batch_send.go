package aiomysql

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// batchWindow bounds the bytes of a batch's commands that are written and
// not yet answered. The server answers commands in order and stops reading
// while a reply it writes is not read; a client that wrote on regardless
// would block too, both waiting on full socket buffers. Commands are
// written while the unanswered ones stay within the window, which fits in
// the two socket buffers between client and server (the server's receive
// buffer alone is 128 KiB or more by default), so a write never waits for
// the server to read; more go out as replies are read. A batch of a
// thousand small statements is one write.
const batchWindow = 64 << 10

// batchItem is a statement of a batch as it is sent.
type batchItem struct {
	q        *QueuedQuery
	internal bool // the batch's own (a transaction's start)
	text     bool // sent as COM_QUERY, arguments interpolated
	query    string
	style    sqltext.Style
	args     []any // text: to interpolate; prepared: one per ?
	mode     QueryExecMode
	st       *Stmt
	err      error // refused before it was sent
	queued   bool
	size     int // bytes its command took
}

// SendBatch sends the statements of b back to back and returns their
// results, to be read in order with the BatchResults' Exec, Query and
// QueryRow, or all at once with Close (which runs the statements'
// callbacks). The BatchResults must be closed before the connection runs
// anything else.
//
// Each statement travels in its execution mode, as with Conn.Query: text
// statements (without arguments, or in text mode) as COM_QUERY, the others
// as prepared statements, from the statement cache or prepared first, all
// the batch's new ones in one round trip (MariaDB's prepare-and-execute
// in one write is not used in a batch: after a prepare the server refuses,
// its execute would run another statement). A batch whose statements are
// cached or text costs one round trip; one with new statements, two.
//
// The server runs every statement sent, whether or not an earlier one
// failed: each result reports its own error. SendBatchTx is the
// all-or-nothing form. When the context ends while results are due, the
// statement being read is interrupted as a call's would be and the
// connection is closed: each later statement's error says whether it had
// been sent (ErrConnLost: it may have run) or not (ErrNotSent).
//
// A text statement with arguments that follows, in the same batch, a
// statement that may change the character set (SET NAMES, ...) is refused
// with ErrUnsafeInterpolation: its arguments would be escaped for a
// character set the server may no longer use. Run it in a prepared mode.
func (c *Conn) SendBatch(ctx context.Context, b *Batch) *BatchResults {
	return c.sendBatch(ctx, b, false)
}

// SendBatchTx is SendBatch inside a transaction: the batch runs with
// autocommit off, and Close commits it when every statement succeeded (and
// every callback returned nil), else rolls it back, so that the batch takes
// effect whole or not at all. (Autocommit is off, not just a transaction
// begun, so that statements after an error that rolls a transaction back
// by itself, such as a deadlock, still run inside one.) Statements that
// commit implicitly (DDL) cannot be undone. It refuses to start inside an
// open transaction; there, use SendBatch, which runs in it.
func (c *Conn) SendBatchTx(ctx context.Context, b *Batch) *BatchResults {
	return c.sendBatch(ctx, b, true)
}

func (c *Conn) sendBatch(ctx context.Context, b *Batch, tx bool) *BatchResults {
	br := &BatchResults{c: c, ctx: ctx}
	br.trace = c.startBatch(ctx, b)
	if tx {
		if c.ServerStatus()&statusInTrans != 0 {
			br.err = errors.New("aiomysql: SendBatchTx: a transaction is open; use SendBatch, which runs in it")
			return br
		}
		br.tx = &batchTx{restoreAutocommit: c.Autocommit()}
		if br.tx.restoreAutocommit {
			br.items = append(br.items, batchItem{internal: true, text: true, query: "SET autocommit = 0"})
		}
		br.items = append(br.items, batchItem{internal: true, text: true, query: "START TRANSACTION"})
	}
	for _, q := range b.items {
		br.items = append(br.items, c.planBatchItem(q))
	}
	if err := ctx.Err(); err != nil {
		br.err = fmt.Errorf("%w: batch: %w", ErrNotSent, err)
		return br
	}
	if br.err = br.prepare(); br.err == nil {
		br.err = br.fill()
	}
	if br.err != nil {
		// Commands may be due (queued, or written and not answered): the
		// connection cannot be trusted with another.
		br.abandon(br.err)
	}
	return br
}

// planBatchItem decides how a statement travels.
func (c *Conn) planBatchItem(q *QueuedQuery) batchItem {
	o, args := splitOptions(q.Args)
	it := batchItem{q: q, query: q.SQL, style: sqltext.Question, args: args, mode: c.execMode(o)}
	if o.fetchSize > 0 {
		it.err = errors.New("aiomysql: FetchSize has no meaning in a batch")
		return it
	}
	if len(args) == 0 || it.mode == QueryExecModeText {
		it.text, it.mode = true, QueryExecModeText
		return it
	}
	text, vals, err := c.bindText(q.SQL, args)
	if err != nil {
		it.err = err
		return it
	}
	if c.unpreparable[text] {
		it.text, it.mode = true, QueryExecModeText
		return it
	}
	it.query, it.args = text, vals
	return it
}

// prepare gets every prepared statement of the batch ready: from the cache
// (taken out of it until the batch ends, so that no eviction closes it
// meanwhile), or prepared, all the new ones pipelined in one round trip.
func (br *BatchResults) prepare() error {
	c := br.c
	var want []string // texts to prepare, in order
	byText := make(map[string]*Stmt)
	needCharset := false
	for i := range br.items {
		it := &br.items[i]
		if it.err != nil {
			continue
		}
		if it.text {
			needCharset = needCharset || len(it.args) > 0
			continue
		}
		if _, ok := byText[it.query]; ok {
			continue
		}
		var st *Stmt
		if it.mode == QueryExecModeCacheStatement {
			if st = c.stmts.get(it.query); st != nil {
				c.stmts.remove(st)
				br.cached = append(br.cached, st)
			}
		}
		byText[it.query] = st
		if st == nil {
			want = append(want, it.query)
		}
	}
	if needCharset {
		if err := c.ensureCharset(br.ctx); err != nil {
			return err
		}
	}
	prepErr := make(map[string]error)
	if err := br.prepareAll(want, byText, prepErr); err != nil {
		return err
	}
	for i := range br.items {
		it := &br.items[i]
		if it.err != nil || it.text {
			continue
		}
		if err := prepErr[it.query]; err != nil {
			var pe *prepareError
			if errors.As(err, &pe) && pe.textMayWork() {
				// Nothing ran: the statement goes as text, as Conn.Query
				// would send it.
				it.text, it.mode, it.query, it.args = true, QueryExecModeText, it.q.SQL, splitArgs(it.q.Args)
				continue
			}
			it.err = err
			continue
		}
		it.st = byText[it.query]
		if err := it.st.checkCount(len(it.args)); err != nil {
			it.err = err
		}
	}
	return nil
}

// splitArgs returns a call's arguments without its leading options.
func splitArgs(args []any) []any {
	_, rest := splitOptions(args)
	return rest
}

// prepareAll prepares texts, as many at a time as the window allows,
// recording each statement in byText or its failure in failed. A prepare
// refused with ER 1461 (max_prepared_stmt_count) is tried again once, alone,
// after the least recently used cached statement is closed. It returns an
// error only when the connection failed.
func (br *BatchResults) prepareAll(texts []string, byText map[string]*Stmt, failed map[string]error) error {
	c := br.c
	for len(texts) > 0 {
		n, bytes := 0, 0
		for n < len(texts) && (n == 0 || bytes+len(texts[n]) <= batchWindow) {
			if err := c.pc.QueuePrepare(br.ctx, protocol.Request{Op: "prepare"}, texts[n]); err != nil {
				return err
			}
			bytes += len(texts[n])
			n++
		}
		if err := c.pc.Flush(br.ctx); err != nil {
			return err
		}
		outcomes := make([]error, n)
		stmts := make([]*protocol.Stmt, n)
		for i, text := range texts[:n] {
			pt := c.startPrepare(br.ctx, nil, text)
			stmts[i], outcomes[i] = c.pc.ReadPrepare(br.ctx)
			pt.end(c, outcomes[i])
			if outcomes[i] != nil && c.IsClosed() {
				return outcomes[i]
			}
		}
		// Every reply of the window is in: a prepare the server refused for
		// want of room may now go again, alone.
		for i, text := range texts[:n] {
			ps, err := c.prepareAgainIfFull(br.ctx, text, stmts[i], outcomes[i])
			if err != nil && c.IsClosed() {
				return err
			}
			if err != nil {
				pe := &prepareError{err: err}
				failed[text] = pe
				if pe.textMayWork() {
					c.noteUnpreparable(text)
				}
				continue
			}
			st := &Stmt{conn: c, ps: ps, query: text, call: c.isCall(text)}
			byText[text] = st
			br.prepared = append(br.prepared, st)
		}
		texts = texts[n:]
	}
	return nil
}

// fill queues the statements that fit in the window after those whose
// replies are due, and writes them. A statement refused before it was
// written (its arguments cannot be interpolated, it is too large) gets its
// error and the others go on; a failure of the connection is returned.
func (br *BatchResults) fill() error {
	c := br.c
	wrote := false
	for br.next < len(br.items) {
		it := &br.items[br.next]
		if it.err != nil {
			br.next++
			continue
		}
		if br.inFlight > 0 && br.inFlight+estimateSize(it) > batchWindow {
			break
		}
		before := c.pc.Pending()
		err := br.queue(it)
		if err != nil {
			if c.IsClosed() || errors.Is(err, ErrBusy) || br.ctx.Err() != nil {
				return err
			}
			it.err = err
			br.next++
			continue
		}
		it.queued, it.size = true, c.pc.Pending()-before
		br.inFlight += it.size
		br.next++
		wrote = true
	}
	if !wrote {
		return nil
	}
	return c.pc.Flush(br.ctx)
}

// estimateSize guesses, before it is built, how many bytes a statement's
// command takes: its text and its arguments (escaping may double a
// string).
func estimateSize(it *batchItem) int {
	n := len(it.query) + 16
	for _, a := range it.args {
		switch v := a.(type) {
		case string:
			n += 2*len(v) + 2
		case []byte:
			n += 2*len(v) + 2
		default:
			n += 32
		}
	}
	return n
}

// queue queues one statement's command.
func (br *BatchResults) queue(it *batchItem) error {
	c := br.c
	c.noteSent(it.query)
	if !it.text {
		if err := it.st.bind(it.args); err != nil {
			return err
		}
		return c.pc.QueueExecute(br.ctx, it.st.ps, protocol.Request{Op: "batch", Call: it.st.call}, it.st.params)
	}
	if len(it.args) > 0 && c.charsetStale {
		return fmt.Errorf("%w: an earlier statement of the batch may change the character set; send this one in a prepared mode, or on its own",
			ErrUnsafeInterpolation)
	}
	c.stmt = stmtText{query: it.query, style: it.style, args: it.args}
	err := c.pc.Queue(br.ctx, protocol.Request{Op: "batch"}, func(b []byte) ([]byte, error) {
		return c.appendStmt(append(b, byte(wire.CommandQuery)))
	})
	c.stmt = stmtText{}
	return err
}
