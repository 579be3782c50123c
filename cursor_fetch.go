package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// FetchOne returns the next row, or nil when there is none left.
func (cur *Cursor[R]) FetchOne(ctx context.Context) (R, error) {
	var zero R
	if cur.closed {
		return zero, ErrCursorClosed
	}
	if !cur.streaming {
		if cur.pos >= len(cur.buf) {
			return zero, nil
		}
		cur.pos++
		return cur.buf[cur.pos-1], nil
	}
	return cur.streamOne(ctx)
}

// streamOne reads the next row of a streaming cursor from the socket.
func (cur *Cursor[R]) streamOne(ctx context.Context) (R, error) {
	var zero R
	rows := cur.rows
	if rows == nil || len(cur.desc) == 0 {
		return zero, nil
	}
	if err := rows.rebind(ctx); err != nil {
		return zero, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, err
		}
		if cur.rowcount < 0 {
			cur.rowcount = int64(cur.pos)
			cur.takeWarnings(rows.Result())
		}
		return zero, nil
	}
	vals, err := rows.Values()
	if err != nil {
		return zero, err
	}
	cur.pos++
	return cur.build(cur, vals), nil
}

func (cur *Cursor[R]) takeWarnings(res Result) { cur.warnings = res.Warnings() }

// FetchMany returns up to n rows (ArraySize rows when n <= 0); fewer, or
// none, at the end.
func (cur *Cursor[R]) FetchMany(ctx context.Context, n int) ([]R, error) {
	if cur.closed {
		return nil, ErrCursorClosed
	}
	if n <= 0 {
		n = max(cur.ArraySize, 1)
	}
	if !cur.streaming {
		start := min(cur.pos, len(cur.buf))
		end := start + min(n, len(cur.buf)-start)
		cur.pos = end
		return slices.Clone(cur.buf[start:end]), nil
	}
	var out []R
	for range n {
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return out, err
		}
		if row == nil {
			break
		}
		out = append(out, row)
	}
	return out, nil
}

// FetchAll returns all remaining rows.
func (cur *Cursor[R]) FetchAll(ctx context.Context) ([]R, error) {
	if cur.closed {
		return nil, ErrCursorClosed
	}
	if !cur.streaming {
		out := slices.Clone(cur.buf[min(cur.pos, len(cur.buf)):])
		cur.pos = len(cur.buf)
		return out, nil
	}
	var out []R
	for {
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return out, err
		}
		if row == nil {
			return out, nil
		}
		out = append(out, row)
	}
}

// ScrollMode says how Scroll counts.
type ScrollMode int

// The scroll modes.
const (
	// ScrollRelative moves by the value from the current position.
	ScrollRelative ScrollMode = iota
	// ScrollAbsolute moves to the value as a row index.
	ScrollAbsolute
)

// ErrScroll is returned when Scroll would move outside the result set, or
// backwards on a streaming cursor.
var ErrScroll = errors.New("aiomysql: scroll out of range")

// Scroll moves the position in the result set, as aiomysql's scroll. A
// streaming cursor can only move forward (by reading and discarding rows).
func (cur *Cursor[R]) Scroll(ctx context.Context, value int, mode ScrollMode) error {
	if cur.closed {
		return ErrCursorClosed
	}
	target := value
	if mode == ScrollRelative {
		target = cur.pos + value
	} else if mode != ScrollAbsolute {
		return fmt.Errorf("aiomysql: unknown scroll mode %d", mode)
	}
	if !cur.streaming {
		if target < 0 || target >= len(cur.buf) {
			return fmt.Errorf("%w: position %d of %d rows", ErrScroll, target, len(cur.buf))
		}
		cur.pos = target
		return nil
	}
	if target < cur.pos {
		return fmt.Errorf("%w: a streaming cursor cannot move backwards (from %d to %d)", ErrScroll, cur.pos, target)
	}
	for cur.pos < target {
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return err
		}
		if row == nil {
			return fmt.Errorf("%w: the result set ended at row %d before %d", ErrScroll, cur.pos, target)
		}
	}
	return nil
}

// NextSet moves to the next result of a multi-statement query or a CALL,
// discarding unread rows, as aiomysql's nextset. It returns false when there
// is none.
func (cur *Cursor[R]) NextSet(ctx context.Context) (bool, error) {
	if cur.closed {
		return false, ErrCursorClosed
	}
	rows := cur.rows
	if rows == nil {
		return false, nil
	}
	if err := rows.rebind(ctx); err != nil {
		return false, err
	}
	if !rows.NextResultSet() {
		cur.rows = nil
		if err := rows.Err(); err != nil {
			cur.failed(err)
			return false, err
		}
		return false, nil
	}
	if err := cur.loadResult(); err != nil {
		cur.failed(err)
		return false, err
	}
	return true, nil
}
