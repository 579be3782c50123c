package protocol

import (
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Request describes a command: its name in errors, and what a lost reply
// means for it.
type Request struct {
	// Op names the operation in errors: "query", "exec", "commit", ...
	Op string
	// Commit marks COMMIT and XA COMMIT: a reply lost after it was written
	// is ErrCommitUnknown.
	Commit bool
	// Binary says the command's result sets come in the binary protocol
	// (COM_STMT_EXECUTE).
	Binary bool
	// Columns are the column definitions the client has cached for the
	// command's result (a prepared statement's), used when the server skips
	// sending them (MetadataFollows false).
	Columns []types.Column
	// Call marks a CALL run with COM_STMT_EXECUTE: each result set's first
	// rows are read with its head, so that the set holding the procedure's
	// OUT parameters is known as such before its row is read (see
	// Result.IsOutParams).
	Call bool

	// Cursor asks COM_STMT_EXECUTE for a read-only cursor (see OpenCursor).
	Cursor bool

	// stmt is the prepared statement an execute runs: when the server skips
	// the metadata, its columns as they are when the reply is read (an
	// earlier reply of a pipeline may have changed them) are the ones used,
	// and a reply that sends metadata updates them.
	stmt *Stmt

	internal  bool // the connection's own: its reply is read and dropped
	dropReply bool // an internal command whose reply means nothing to the session
}

// cursorFlags are the execute flags the request asks for.
func (r *Request) cursorFlags() wire.CursorFlags {
	if r.Cursor {
		return wire.CursorReadOnly
	}
	return wire.CursorNone
}

// pending is a command whose reply is due.
type pending struct {
	req Request
	off int64 // the stream offset of its first byte: written once flushed > off
	seq uint8 // the sequence id its reply starts with (the command's packets come first)
	err error // set when the connection failed before its reply was read
}

// cmdQueue is the FIFO of commands written (or queued to be) whose replies
// have not been read yet, oldest first. Its storage is reused.
type cmdQueue struct {
	items []pending
	first int
}

func (q *cmdQueue) len() int { return len(q.items) - q.first }

func (q *cmdQueue) push(p pending) { q.items = append(q.items, p) }

// dropLast takes back the command queued last.
func (q *cmdQueue) dropLast() { q.items = q.items[:len(q.items)-1] }

func (q *cmdQueue) head() *pending {
	if q.len() == 0 {
		return nil
	}
	return &q.items[q.first]
}

func (q *cmdQueue) pop() {
	q.items[q.first] = pending{}
	q.first++
	if q.first == len(q.items) {
		q.items, q.first = q.items[:0], 0
	}
}

// failAll gives every command whose reply is still due the error its caller
// will get: err for the head, and for the others what their being written
// or not means.
func (c *Conn) failAll(err error) {
	q := &c.queue
	for i := q.first; i < len(q.items); i++ {
		p := &q.items[i]
		if p.err != nil {
			continue
		}
		switch {
		case i == q.first:
			p.err = err
		case c.flushed > p.off:
			p.err = wrapKind(ErrConnLost, p.req, err)
			if p.req.Commit {
				p.err = wrapKind(ErrCommitUnknown, p.req, err)
			}
		default:
			p.err = wrapKind(ErrNotSent, p.req, err)
		}
	}
}

// abandonReplies is for a connection that failed while the head command's
// reply was read: it drops that command (its caller has the error) and
// gives each command behind it the error ReadResult returns for it.
func (c *Conn) abandonReplies() {
	if c.queue.len() == 0 {
		return
	}
	cause := c.brokenErr
	if cause == nil {
		cause = ErrClosed // closed by Close
	}
	c.failAll(cause)
	c.queue.pop()
}

// dueError is what ReadResult returns on a closed connection: the outcome
// of the oldest command whose reply is still due (ErrConnLost when it was
// written, ErrNotSent when not), or ErrClosed when none is.
func (c *Conn) dueError() error {
	for head := c.queue.head(); head != nil; head = c.queue.head() {
		err, internal := head.err, head.req.internal
		c.queue.pop()
		if internal {
			continue
		}
		if err == nil {
			err = c.closedError()
		}
		return err
	}
	return c.closedError()
}

// wrapKind is the error of a command queued behind one whose reply was lost.
func wrapKind(kind error, req Request, err error) error {
	return fmt.Errorf("%w: %s: the connection failed before its reply: %w", kind, req.Op, err)
}

// cachedColumns are the column definitions the client holds for the
// command's result.
func (r *Request) cachedColumns() []types.Column {
	if r.stmt != nil {
		return r.stmt.Columns
	}
	return r.Columns
}
