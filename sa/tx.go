package sa

import (
	"context"
	"strconv"

	"github.com/aiomysql-go/aiomysql"
)

// txKind is what a Tx is: a transaction, a savepoint in one, or an XA
// transaction.
type txKind int

const (
	root     txKind = iota // START TRANSACTION ... COMMIT
	nested                 // SAVEPOINT ... RELEASE SAVEPOINT
	twoPhase               // XA START ... XA PREPARE ... XA COMMIT
)

// Tx is a transaction of a Conn, as aiomysql.sa's Transaction: a root
// transaction (Begin), a nested one on a savepoint (BeginNested, as
// NestedTransaction) or a two-phase XA transaction (BeginTwoPhase, as
// TwoPhaseTransaction). Commit or Rollback ends it; then IsActive reports
// false. Ending a transaction ends the nested ones inside it. A Tx is
// used on its Conn's goroutine.
type Tx struct {
	conn      *Conn
	parent    *Tx
	kind      txKind
	savepoint string // nested: its savepoint's name
	xid       string // two-phase
	active    bool
	prepared  bool // two-phase: XA PREPARE done
}

// Begin starts a transaction (START TRANSACTION), as aiomysql.sa's
// SAConnection.begin. When one is active on c already it returns
// ErrInvalidRequest (aiomysql.sa would give a marker transaction inside
// the first): use BeginNested for a savepoint.
func (c *Conn) Begin(ctx context.Context) (*Tx, error) {
	if c.tx != nil {
		return nil, errorf(ErrInvalidRequest, "a transaction is already active on the connection: use BeginNested")
	}
	if err := c.exec(ctx, "START TRANSACTION"); err != nil {
		return nil, err
	}
	return c.push(&Tx{kind: root}), nil
}

// BeginNested starts a nested transaction on a savepoint, as aiomysql.sa's
// SAConnection.begin_nested: its Commit releases the savepoint and its
// Rollback rolls back to it, undoing only what ran since it began. The
// savepoint's name is made by sa, unique on the connection. Without an
// active transaction it starts a root one, as aiomysql.sa does.
func (c *Conn) BeginNested(ctx context.Context) (*Tx, error) {
	if c.tx == nil {
		return c.Begin(ctx)
	}
	if c.tx.kind == twoPhase {
		return nil, errorf(ErrInvalidRequest, "a two-phase transaction has no savepoints")
	}
	c.savepoints++
	name := "sa_savepoint_" + strconv.Itoa(c.savepoints)
	if err := c.exec(ctx, "SAVEPOINT "+aiomysql.QuoteIdentifier(name)); err != nil {
		return nil, err
	}
	return c.push(&Tx{kind: nested, savepoint: name}), nil
}

// push makes tx the connection's innermost transaction.
func (c *Conn) push(tx *Tx) *Tx {
	tx.conn, tx.parent, tx.active = c, c.tx, true
	c.tx = tx
	return tx
}

// rootTx returns the outermost active transaction, nil when none is.
func (c *Conn) rootTx() *Tx {
	tx := c.tx
	for tx != nil && tx.parent != nil {
		tx = tx.parent
	}
	return tx
}

// endAll marks every transaction of c ended.
func (c *Conn) endAll() {
	for tx := c.tx; tx != nil; tx = tx.parent {
		tx.active = false
	}
	c.tx = nil
}

// IsActive reports whether the transaction is neither committed nor
// rolled back (nor ended by its parent), as aiomysql.sa's
// Transaction.is_active.
func (tx *Tx) IsActive() bool { return tx.active }

// Conn returns the transaction's connection, as aiomysql.sa's
// Transaction.connection.
func (tx *Tx) Conn() *Conn { return tx.conn }

// end marks tx and the transactions inside it ended.
func (tx *Tx) end() {
	c := tx.conn
	for t := c.tx; t != nil && t != tx.parent; t = t.parent {
		t.active = false
	}
	c.tx = tx.parent
}

// Commit commits the transaction, as aiomysql.sa's Transaction.commit: a
// root one with COMMIT, a nested one by releasing its savepoint (its work
// stays part of the outer transaction), a two-phase one with XA END and
// XA PREPARE (unless Prepare did them) and XA COMMIT. A transaction no
// longer active gives ErrInvalidRequest. When COMMIT fails the
// transaction is ended all the same (its outcome may be unknown: see
// aiomysql.ErrCommitUnknown) and the connection is closed rather than
// given back.
func (tx *Tx) Commit(ctx context.Context) error {
	if !tx.active {
		return errorf(ErrInvalidRequest, "this transaction is inactive")
	}
	var err error
	switch tx.kind {
	case root:
		err = tx.conn.exec(ctx, "COMMIT")
	case nested:
		err = tx.conn.exec(ctx, "RELEASE SAVEPOINT "+aiomysql.QuoteIdentifier(tx.savepoint))
	case twoPhase:
		err = tx.commitTwoPhase(ctx)
	}
	tx.finish(err)
	return err
}

// Rollback rolls the transaction back, as aiomysql.sa's
// Transaction.rollback: a root one with ROLLBACK, a nested one to its
// savepoint (the outer transaction goes on), a two-phase one with XA END
// (unless prepared) and XA ROLLBACK. On a transaction no longer active it
// does nothing, so `defer tx.Rollback(ctx)` is safe after Commit.
func (tx *Tx) Rollback(ctx context.Context) error {
	if !tx.active {
		return nil
	}
	var err error
	switch tx.kind {
	case root:
		err = tx.conn.exec(ctx, "ROLLBACK")
	case nested:
		err = tx.conn.exec(ctx, "ROLLBACK TO SAVEPOINT "+aiomysql.QuoteIdentifier(tx.savepoint))
	case twoPhase:
		err = tx.rollbackTwoPhase(ctx)
	}
	tx.finish(err)
	return err
}

// finish ends tx after its COMMIT or ROLLBACK; a failure of a root or
// two-phase end leaves the session in a state sa does not know, so the
// connection is closed at its release. A failed savepoint statement
// leaves the outer transaction to its owner.
func (tx *Tx) finish(err error) {
	if err != nil && tx.kind != nested {
		tx.conn.broken = true
	}
	tx.end()
}
