package sa

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// maxXIDPart is the longest gtrid (and bqual) an XA transaction takes,
// in bytes.
const maxXIDPart = 64

// xidLiteral returns the XA statements' xid for gtrid: a hexadecimal
// literal, so that no byte of it (a quote, a backslash, a multibyte
// character) can end the literal or change the statement, whatever the
// session's sql_mode and character set.
func xidLiteral(gtrid string) (string, error) {
	if gtrid == "" {
		return "", errorf(ErrArgument, "an empty xid")
	}
	if len(gtrid) > maxXIDPart {
		return "", errorf(ErrArgument, "xid of %d bytes: at most %d", len(gtrid), maxXIDPart)
	}
	return "X'" + hex.EncodeToString([]byte(gtrid)) + "'", nil
}

// newXID makes an xid for BeginTwoPhase, as aiomysql.sa's _generate_xid.
func newXID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return "sa_" + hex.EncodeToString(b[:])
}

// BeginTwoPhase starts a two-phase (XA) transaction with the global
// transaction id xid (XA START), as aiomysql.sa's
// SAConnection.begin_twophase; an empty xid is made up (Tx.XID gives it).
// The xid is sent as a hexadecimal literal, never as text in the SQL (
// aiomysql formats it into the statement unescaped), so any bytes are
// safe in it; it is at most 64 bytes. Commit prepares and commits it;
// Prepare, then dropping the connection, leaves it prepared on the server
// for RecoverTwoPhase and CommitPrepared on another connection.
func (c *Conn) BeginTwoPhase(ctx context.Context, xid string) (*Tx, error) {
	if c.tx != nil {
		return nil, errorf(ErrInvalidRequest, "a transaction is already active on the connection")
	}
	if xid == "" {
		xid = newXID()
	}
	lit, err := xidLiteral(xid)
	if err != nil {
		return nil, err
	}
	if err := c.exec(ctx, "XA START "+lit); err != nil {
		return nil, err
	}
	return c.push(&Tx{kind: twoPhase, xid: xid}), nil
}

// XID returns a two-phase transaction's xid, "" for the other kinds, as
// aiomysql.sa's TwoPhaseTransaction.xid.
func (tx *Tx) XID() string { return tx.xid }

// Prepare ends and prepares a two-phase transaction (XA END, XA PREPARE),
// as aiomysql.sa's TwoPhaseTransaction.prepare: from now on the server
// keeps it, also past this connection's end, until XA COMMIT or XA
// ROLLBACK. Commit and Rollback then finish it. Other kinds, and a
// transaction prepared already, give ErrInvalidRequest.
func (tx *Tx) Prepare(ctx context.Context) error {
	switch {
	case !tx.active:
		return errorf(ErrInvalidRequest, "this transaction is inactive")
	case tx.kind != twoPhase:
		return errorf(ErrInvalidRequest, "only a two-phase transaction is prepared")
	case tx.prepared:
		return errorf(ErrInvalidRequest, "the transaction is prepared already")
	}
	lit, _ := xidLiteral(tx.xid) // checked at begin
	if err := tx.conn.exec(ctx, "XA END "+lit); err != nil {
		tx.conn.broken = true
		return err
	}
	if err := tx.conn.exec(ctx, "XA PREPARE "+lit); err != nil {
		tx.conn.broken = true
		return err
	}
	tx.prepared = true
	return nil
}

// commitTwoPhase prepares tx unless it was, and commits it.
func (tx *Tx) commitTwoPhase(ctx context.Context) error {
	if !tx.prepared {
		if err := tx.Prepare(ctx); err != nil {
			return err
		}
	}
	lit, _ := xidLiteral(tx.xid)
	return tx.conn.exec(ctx, "XA COMMIT "+lit)
}

// rollbackTwoPhase ends tx unless it was prepared, and rolls it back.
func (tx *Tx) rollbackTwoPhase(ctx context.Context) error {
	lit, _ := xidLiteral(tx.xid)
	if !tx.prepared {
		if err := tx.conn.exec(ctx, "XA END "+lit); err != nil {
			return err
		}
	}
	return tx.conn.exec(ctx, "XA ROLLBACK "+lit)
}

// RecoverTwoPhase lists the xids of the XA transactions prepared on the
// server and not yet committed or rolled back (XA RECOVER), as
// aiomysql.sa's SAConnection.recover_twophase: those of sa's own shape
// (format id 1, the gtrid alone), as BeginTwoPhase makes them.
func (c *Conn) RecoverTwoPhase(ctx context.Context) ([]string, error) {
	res, err := c.Execute(ctx, "XA RECOVER")
	if err != nil {
		return nil, err
	}
	rows, err := res.FetchAll()
	if err != nil {
		return nil, err
	}
	var xids []string
	for _, row := range rows {
		var (
			format, gtridLen, bqualLen int64
			data                       []byte
		)
		if err := row.Scan(&format, &gtridLen, &bqualLen, &data); err != nil {
			return nil, fmt.Errorf("sa: reading XA RECOVER: %w", err)
		}
		if format == 1 && bqualLen == 0 && int(gtridLen) == len(data) {
			xids = append(xids, string(data))
		}
	}
	return xids, nil
}

// CommitPrepared commits the prepared XA transaction xid (XA COMMIT), as
// aiomysql.sa's SAConnection.commit_prepared: one another connection
// prepared, found with RecoverTwoPhase. No transaction may be active on c.
func (c *Conn) CommitPrepared(ctx context.Context, xid string) error {
	return c.endPrepared(ctx, "XA COMMIT ", xid)
}

// RollbackPrepared rolls back the prepared XA transaction xid (XA
// ROLLBACK), as aiomysql.sa's SAConnection.rollback_prepared.
//
// For this and CommitPrepared, the session that prepared xid must have
// ended on the server: until the server has finished closing it (a moment
// after its client closed or it was killed), the transaction is still that
// session's and the server answers XAER_NOTA (1397), unknown XID. The
// process list shows when the session is gone.
func (c *Conn) RollbackPrepared(ctx context.Context, xid string) error {
	return c.endPrepared(ctx, "XA ROLLBACK ", xid)
}

func (c *Conn) endPrepared(ctx context.Context, verb, xid string) error {
	if c.tx != nil {
		return errorf(ErrInvalidRequest, "a transaction is active on the connection")
	}
	lit, err := xidLiteral(xid)
	if err != nil {
		return err
	}
	return c.exec(ctx, verb+lit)
}
