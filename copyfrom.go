package aiomysql

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// CopyFromResult is what a CopyFrom did. It is a value; copy it freely.
type CopyFromResult struct {
	// Rows is the number of rows the server inserted.
	Rows int64
	// Sent is the number of rows read from the source and sent. It exceeds
	// Rows by the rows the server skipped (a duplicate key).
	Sent int64
	// Warnings is the number of warnings the server raised (for the
	// fallback's INSERTs, their sum); SHOW WARNINGS lists the last
	// statement's.
	Warnings int
	// LocalInfile reports whether the rows went as LOAD DATA LOCAL INFILE;
	// false when they went as multi-row INSERTs.
	LocalInfile bool
}

// CopyFrom inserts the rows of src into table's columns, as pgx's CopyFrom:
// each row gives one value per column, in order. table is a table name or
// "database.table"; names are quoted here, so give them unquoted (a name
// holding a dot cannot be given). The values are written as the text
// protocol writes arguments: NULL for nil, strings and bytes exactly,
// time.Time in Config.Location, and so on.
//
// With Config.LocalInfile on, the rows go as one LOAD DATA LOCAL INFILE
// statement whose file is encoded as the copy reads src, a chunk at a time
// (memory stays bounded whatever the number of rows; nothing touches the
// file system). The statement names a file made up for this call
// ("aiomysql-copyfrom-" and random hex), and for the call's duration the
// connection answers the server's request for that name alone, once; every
// other request is refused as always. Fields are sent in the connection's
// character set, so text columns get what an INSERT would give them, and
// bytes into binary columns land exactly. As for interpolation, a
// character set in which 0x5c can end a character (sjis, big5, gbk, ...)
// is refused with ErrUnsafeInterpolation.
//
// Without LOCAL INFILE (Config.LocalInfile off, where the client does not
// even offer the capability, or a server with local_infile=0, which refuses
// the statement before reading any row) the same rows go as multi-row
// INSERT IGNORE statements, each as large as the packet limit allows,
// inside a transaction CopyFrom opens and commits when none is open (inside
// the caller's transaction, they are part of it).
// CopyFromResult.LocalInfile tells which way they went.
//
// Either way the copy is all or nothing on a transactional table (LOAD
// DATA is one statement), and rows the server cannot take are handled as
// LOAD DATA LOCAL handles them, which is as IGNORE: a row with a duplicate
// key is skipped (Rows is then less than Sent), a value that does not fit
// is adjusted, each with a warning, where a strict sql_mode would make an
// INSERT fail.
//
// An error from src, a row with the wrong number of values or a value with
// no SQL form (a *CopyFromError) ends the copy with no row inserted: before
// any data went out, an empty file is sent and the connection stays usable;
// after, the connection is closed (the only way to keep the server from
// loading a truncated file) and the error wraps ErrConnLost too. ctx
// governs the whole copy; a copy it ends leaves the connection usable or
// closed, never out of step, and inserts all of the rows or none.
func (c *Conn) CopyFrom(ctx context.Context, table string, columns []string, src CopyFromSource) (CopyFromResult, error) {
	if cl, ok := src.(sourceCloser); ok {
		defer cl.close()
	}
	trace := c.startCopy(ctx, table, columns)
	if trace != nil {
		ctx = trace.ctx
	}
	res, err := c.copyFrom(ctx, table, columns, src)
	trace.end(c, res, err)
	return res, err
}

func (c *Conn) copyFrom(ctx context.Context, table string, columns []string, src CopyFromSource) (CopyFromResult, error) {
	target, err := copyTarget(table, columns)
	if err != nil {
		return CopyFromResult{}, err
	}
	if err := c.ensureCharset(ctx); err != nil {
		return CopyFromResult{}, err
	}
	cs := c.clientCharset()
	if charset.UnsafeForEscaping(cs) {
		return CopyFromResult{}, fmt.Errorf("%w: the connection's character set is %s", ErrUnsafeInterpolation, cs)
	}
	if c.pc.Capabilities()&wire.ClientLocalFiles != 0 { // Config.LocalInfile, and the server offers it
		res, refused, err := c.copyLocal(ctx, target, columns, cs, src)
		if !refused {
			return res, err
		}
	}
	return c.copyInsert(ctx, target, columns, cs, src)
}

// copyTable is where a copy goes, quoted: "`db`.`table`" and
// "(`col`, ...)".
type copyTable struct{ table, columns string }

// copyTarget quotes table and columns.
func copyTarget(table string, columns []string) (copyTable, error) {
	if len(columns) == 0 {
		return copyTable{}, fmt.Errorf("%w: copy from: no columns", ErrProgramming)
	}
	var b strings.Builder
	for i, part := range strings.Split(table, ".") {
		if part == "" {
			return copyTable{}, fmt.Errorf("%w: copy from: table name %q has an empty part", ErrProgramming, table)
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(QuoteIdentifier(part))
	}
	t := copyTable{table: b.String()}
	b.Reset()
	b.WriteByte('(')
	for i, col := range columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(QuoteIdentifier(col))
	}
	b.WriteByte(')')
	t.columns = b.String()
	return t, nil
}

// copyLocal sends the rows as LOAD DATA LOCAL INFILE. refused reports that
// the server refused LOCAL INFILE before asking for the file, so src is
// untouched and the rows can go another way.
func (c *Conn) copyLocal(ctx context.Context, target copyTable, columns []string, cs string, src CopyFromSource) (res CopyFromResult, refused bool, err error) {
	name, err := copyFileName()
	if err != nil {
		return CopyFromResult{}, false, err
	}
	enc := newCopyEncoder(ctx, src, columns, c.copyLiteralOptions(cs))
	asked := false
	prev := c.pc.SetLocalInfile(func(n string) (io.ReadCloser, error) {
		if n != name || asked {
			return nil, fmt.Errorf("%w: during CopyFrom only %s is sent, once", ErrLocalInfileRefused, protocol.QuoteName([]byte(name)))
		}
		asked = true
		return io.NopCloser(enc), nil
	})
	defer func() { c.pc.SetLocalInfile(prev) }()
	stmt := "LOAD DATA LOCAL INFILE '" + name + "' IGNORE INTO TABLE " + target.table +
		" CHARACTER SET " + QuoteIdentifier(cs) +
		" FIELDS TERMINATED BY X'09' ESCAPED BY X'5C' LINES TERMINATED BY X'0A' " + target.columns
	ok, err := c.execRaw(ctx, []byte(stmt))
	res = CopyFromResult{Sent: enc.rows, LocalInfile: true}
	if err != nil {
		if !asked && isLocalInfileRefusal(err) {
			return CopyFromResult{}, true, nil
		}
		return res, false, err
	}
	res.Rows, res.Warnings = int64(ok.AffectedRows), int(ok.Warnings)
	return res, false, nil
}

// execRaw runs stmt, which needs no interpolation, untraced.
func (c *Conn) execRaw(ctx context.Context, stmt []byte) (*wire.OK, error) {
	c.stmt = stmtText{raw: stmt}
	ok, err := c.pc.Exec(ctx, protocol.Request{Op: "copy from"}, c.appendStmt)
	c.stmt = stmtText{}
	return ok, err
}

// mysqlClientLocalFilesDisabled is MySQL 8's ER_CLIENT_LOCAL_FILES_DISABLED.
const mysqlClientLocalFilesDisabled = 3948

// isLocalInfileRefusal reports whether err is a server's refusal of LOAD
// DATA LOCAL INFILE: MariaDB's 1148 (local_infile=0) or 4166, MySQL's 3948.
func isLocalInfileRefusal(err error) bool {
	var se *Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Number {
	case errcode.NotAllowedCommand, errcode.LoadInfileCapabilityDisabled, mysqlClientLocalFilesDisabled:
		return true
	}
	return false
}

// copyFileName makes the file name one CopyFrom call answers to.
func copyFileName() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("aiomysql: copy from: %w", err)
	}
	return "aiomysql-copyfrom-" + hex.EncodeToString(b[:]), nil
}

// copyLiteralOptions is how a copy writes values in character set cs: as
// the text protocol writes arguments.
func (c *Conn) copyLiteralOptions(cs string) *types.LiteralOptions {
	return &types.LiteralOptions{NoBackslashEscapes: c.sqlOptions(sqltext.Question).NoBackslashEscapes,
		Charset: cs, Location: c.location(), TimeTruncate: c.cfg.TimeTruncate}
}
