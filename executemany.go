package aiomysql

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// ExecuteMany runs query once for each element of argsList, as aiomysql's
// executemany. An INSERT or REPLACE with one VALUES tuple (with or without
// ON DUPLICATE KEY UPDATE and a row alias) is rewritten into multi-row
// statements, each as large as the connection's packet limit
// (Config.MaxAllowedPacket) allows, so 10,000 rows take a handful of round
// trips instead of 10,000. Other statements run one by one. Each element of
// argsList is a []any (for %s), a NamedArgs, map[string]any or struct (for
// %(name)s), or a single value for a query with one %s. It returns the total
// of affected rows, which RowCount then reports too; LastRowID is the last
// statement's.
//
// The packet limit is the client's: when the server's max_allowed_packet is
// smaller, set Config.MaxAllowedPacket to it (0 reads it from the server), or
// large batches are refused by the server.
func (cur *Cursor[R]) ExecuteMany(ctx context.Context, query string, argsList []any) (int64, error) {
	if err := cur.reset(ctx); err != nil {
		return 0, err
	}
	if len(argsList) == 0 {
		return 0, nil
	}
	if n, done, err := cur.executeBulk(ctx, query, argsList); done {
		return n, err
	}
	o := cur.conn.sqlOptions(manyStyle(argsList))
	if prefix, row, suffix, ok := sqltext.SplitInsert(query, o); ok {
		return cur.executeMulti(ctx, query, multiInsert{prefix: prefix, row: row, suffix: suffix, o: o}, argsList)
	}
	var total int64
	for _, args := range argsList {
		n, err := cur.Execute(ctx, query, argArgs(args)...)
		if err != nil {
			cur.rowcount = total
			return total, err
		}
		total += n
	}
	cur.rowcount = total
	return total, nil
}

// argArgs turns one element of ExecuteMany's list into Execute's arguments.
func argArgs(args any) []any {
	switch a := args.(type) {
	case []any:
		return a
	case nil:
		return nil
	}
	return []any{args}
}

// multiInsert is an INSERT split by sqltext.SplitInsert.
type multiInsert struct {
	prefix, row, suffix string
	o                   sqltext.Options
}

// executeMulti sends the rows as multi-row statements under the packet limit.
func (cur *Cursor[R]) executeMulti(ctx context.Context, query string, m multiInsert, argsList []any) (int64, error) {
	if err := cur.conn.ensureCharset(ctx); err != nil {
		return 0, err
	}
	if err := cur.conn.learnServerMaxPacket(ctx); err != nil {
		return 0, err
	}
	var total int64
	err := cur.pack(m, argsList, func(stmt []byte, nargs int) error {
		res, err := cur.conn.execInterpolated(ctx, query, nargs, stmt)
		if err != nil {
			return err
		}
		total += int64(res.affected)
		cur.lastID = int64(res.insertID)
		cur.warnings += res.Warnings()
		return nil
	})
	cur.rowcount = total
	if err != nil {
		return total, err
	}
	cur.executed = query
	return total, nil
}

// pack interpolates each element of argsList into the tuple and calls send
// with each multi-row statement (valid until send returns) and its number of
// arguments, every statement as long as the packet limit allows. A row
// longer than the limit goes alone into a statement, which the connection
// then refuses with ErrPacketTooLarge.
func (cur *Cursor[R]) pack(m multiInsert, argsList []any, send func(stmt []byte, nargs int) error) error {
	return cur.conn.packInsert(m, argsList, send)
}

// packInsert is Cursor.pack, for ExecMany as well.
func (c *Conn) packInsert(m multiInsert, argsList []any, send func(stmt []byte, nargs int) error) error {
	// prefix and suffix hold no placeholders, but may hold %% for %.
	head, err := sqltext.Interpolate(nil, m.prefix, m.o, nil, nil, nil)
	if err != nil {
		return err
	}
	tail, err := sqltext.Interpolate(nil, m.suffix, m.o, nil, nil, nil)
	if err != nil {
		return err
	}
	// A command must be smaller than max_allowed_packet, command byte included.
	limit := c.packetLimit() - 2
	var (
		stmt  []byte
		rows  int
		nargs int
	)
	flush := func() error {
		stmt = append(stmt, tail...)
		err := send(stmt, nargs)
		stmt, rows, nargs = stmt[:0], 0, 0
		return err
	}
	for i, args := range argsList {
		a := argArgs(args)
		values, err := c.interpolate(m.row, m.o.Style, a)
		if err != nil {
			return fmt.Errorf("aiomysql: executemany row %d: %w", i, err)
		}
		if rows > 0 && len(stmt)+1+len(values)+len(tail) > limit {
			if err := flush(); err != nil {
				return err
			}
		}
		if rows == 0 {
			stmt = append(stmt, head...)
		} else {
			stmt = append(stmt, ',')
		}
		stmt = append(stmt, values...)
		rows++
		nargs += len(a)
	}
	return flush()
}

// execInterpolated runs stmt, already interpolated, as one statement. The
// tracer and the logger see query, the text before interpolation, so that
// argument values never reach them.
func (c *Conn) execInterpolated(ctx context.Context, query string, nargs int, stmt []byte) (Result, error) {
	// No noteSent: SplitInsert accepted query as one INSERT or REPLACE,
	// which cannot change the character set.
	trace := c.startTrace(ctx, query, nargs, QueryExecModeText)
	c.stmt = stmtText{raw: stmt}
	return c.runExec(ctx, protocol.Request{Op: "executemany"}, trace)
}

// MogrifyMany returns the statements ExecuteMany would send for query and
// argsList, as Mogrify does for Execute: for an INSERT or REPLACE that it
// rewrites, one multi-row statement per packet; else one statement per
// element of argsList.
func (cur *Cursor[R]) MogrifyMany(query string, argsList []any) ([]string, error) {
	if len(argsList) == 0 {
		return nil, nil
	}
	style := manyStyle(argsList)
	o := cur.conn.sqlOptions(style)
	var out []string
	if prefix, row, suffix, ok := sqltext.SplitInsert(query, o); ok {
		err := cur.pack(multiInsert{prefix: prefix, row: row, suffix: suffix, o: o}, argsList, func(stmt []byte, _ int) error {
			out = append(out, string(stmt))
			return nil
		})
		return out, err
	}
	for _, args := range argsList {
		s, err := cur.Mogrify(query, argArgs(args)...)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// manyStyle is the placeholder style of ExecuteMany's query: %(name)s when
// the first element of argsList gives values by name, else %s.
func manyStyle(argsList []any) sqltext.Style {
	if isNamed(argsList[0]) {
		return sqltext.Pyformat
	}
	return sqltext.Format
}

// learnServerMaxPacket asks the server for its max_allowed_packet once per
// connection (unless set-up already read it): ExecuteMany packs statements
// up to the smaller of that and Config.MaxAllowedPacket, since a server
// with the common 16 MiB default refuses, and disconnects, larger ones.
func (c *Conn) learnServerMaxPacket(ctx context.Context) error {
	if c.serverMaxPacket > 0 {
		return nil
	}
	n, err := c.serverMaxAllowedPacket(ctx)
	if err != nil {
		return err
	}
	c.serverMaxPacket = n
	return nil
}

// serverMaxAllowedPacket asks the server for its max_allowed_packet.
func (c *Conn) serverMaxAllowedPacket(ctx context.Context) (int, error) {
	v, err := c.pc.QueryValue(ctx, "SELECT @@max_allowed_packet")
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("aiomysql: the server's max_allowed_packet %q is not a positive number", v)
	}
	return n, nil
}

// packetLimit is the largest packet both sides accept, as far as known.
func (c *Conn) packetLimit() int {
	limit := c.pc.MaxPacket()
	if c.serverMaxPacket > 0 && c.serverMaxPacket < limit {
		limit = c.serverMaxPacket
	}
	return limit
}
