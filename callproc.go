package aiomysql

import (
	"context"
	"strconv"
	"strings"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// CallProc calls a stored procedure, as aiomysql's callproc: each argument is
// first stored in a user variable @_<name>_<i>, then the procedure is called
// with those variables, so that OUT and INOUT parameters land in them. The
// procedure's result sets are the cursor's (use FetchOne and NextSet); once
// they are read, SELECT @_<name>_<i> gives the OUT values. CallProcOut does
// that last step. It returns the arguments as given. Conn.Call, and
// Rows.OutParams of a CALL run with Query, bring OUT values back through
// the binary protocol instead, without user variables.
func (cur *Cursor[R]) CallProc(ctx context.Context, name string, args ...any) ([]any, error) {
	if err := cur.reset(ctx); err != nil {
		return nil, err
	}
	quoted := quoteProcName(name)
	base := "@_" + procVarBase(name) + "_"
	if len(args) > 0 {
		var set strings.Builder
		set.WriteString("SET ")
		for i := range args {
			if i > 0 {
				set.WriteString(",")
			}
			set.WriteString(base + strconv.Itoa(i) + "=%s")
		}
		if _, err := cur.conn.exec(ctx, set.String(), sqltext.Format, args); err != nil {
			cur.failed(err)
			return nil, err
		}
	}
	var call strings.Builder
	call.WriteString("CALL " + quoted + "(")
	for i := range args {
		if i > 0 {
			call.WriteString(",")
		}
		call.WriteString(base + strconv.Itoa(i))
	}
	call.WriteString(")")
	if _, err := cur.Execute(ctx, call.String()); err != nil {
		return nil, err
	}
	cur.executed = call.String()
	return args, nil
}

// CallProcOut reads the OUT and INOUT values of the last CallProc of a
// procedure with n arguments: the values of @_<name>_0 … @_<name>_{n-1}. The
// cursor's remaining results are discarded first.
func (cur *Cursor[R]) CallProcOut(ctx context.Context, name string, n int) ([]any, error) {
	if err := cur.reset(ctx); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	base := "@_" + procVarBase(name) + "_"
	var q strings.Builder
	q.WriteString("SELECT ")
	for i := range n {
		if i > 0 {
			q.WriteString(",")
		}
		q.WriteString(base + strconv.Itoa(i))
	}
	rows, err := cur.conn.Query(ctx, q.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	return rows.Values()
}

// quoteProcName quotes a procedure name, optionally schema-qualified, as
// backquoted identifiers, so that no name can inject SQL.
func quoteProcName(name string) string {
	parts := strings.SplitN(name, ".", 2)
	for i, p := range parts {
		parts[i] = QuoteIdentifier(p)
	}
	return strings.Join(parts, ".")
}

// procVarBase makes a user-variable-safe stem of a procedure name.
func procVarBase(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// QuoteIdentifier quotes name as a MySQL identifier: in backquotes, with
// backquotes inside doubled. It is safe in every sql_mode and character set.
func QuoteIdentifier(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}
