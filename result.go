package aiomysql

import (
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Result is what the server reported for a statement: affected rows, the
// last insert id, warnings and the info message. It is a value; copy it
// freely.
type Result struct {
	affected uint64
	insertID uint64
	warnings uint16
	info     string
	status   uint16
}

func resultFrom(ok *wire.OK) Result {
	return Result{affected: ok.AffectedRows, insertID: ok.LastInsertID, warnings: ok.Warnings,
		info: ok.Info, status: uint16(ok.StatusFlags)}
}

// RowsAffected returns the number of rows changed, deleted or inserted (with
// Config.ClientFoundRows, rows matched). It never fails; the error is there
// to satisfy database/sql's Result.
func (r Result) RowsAffected() (int64, error) { return int64(r.affected), nil }

// LastInsertID returns the AUTO_INCREMENT value of the first row the
// statement inserted, or 0. It never fails; the error is there to satisfy
// database/sql's Result.
func (r Result) LastInsertID() (int64, error) { return int64(r.insertID), nil }

// LastInsertId is LastInsertID under database/sql's name.
func (r Result) LastInsertId() (int64, error) { return r.LastInsertID() } //nolint:revive // database/sql's spelling

// Warnings returns the number of warnings the statement raised (SHOW WARNINGS
// lists them).
func (r Result) Warnings() int { return int(r.warnings) }

// Info returns the server's human-readable information, e.g. "Records: 3
// Duplicates: 0 Warnings: 0" after a multi-row INSERT, or "".
func (r Result) Info() string { return r.info }
