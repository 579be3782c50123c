package protocol

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// QueryValue runs a query through COM_QUERY that returns one row of one
// column and returns that value as text (NULL reads as ""). It serves the
// connection's own set-up; queries for users go through the result reader.
func (c *Conn) QueryValue(ctx context.Context, query string) (string, error) {
	r, err := c.QueryText(ctx, Request{Op: "query"}, query)
	if err != nil {
		return "", err
	}
	if n := len(r.Columns()); n != 1 {
		if err := r.Discard(ctx); err != nil {
			return "", err
		}
		return "", fmt.Errorf("aiomysql: %q returned %d columns, want one value", query, n)
	}
	row, err := r.NextRow()
	if err != nil {
		return "", err
	}
	var value string
	if row != nil {
		v, _, err := wire.ReadLenEncString(row)
		if err != nil && !errors.Is(err, wire.ErrNull) {
			return "", r.Corrupt("query value: %v", err)
		}
		value = string(v)
	}
	if err := r.Discard(ctx); err != nil {
		return "", err
	}
	if row == nil {
		return "", fmt.Errorf("aiomysql: %q returned no row", query)
	}
	return value, nil
}

// SetMaxPacket sets the largest packet the connection reads or writes.
func (c *Conn) SetMaxPacket(n int) {
	c.opts.MaxPacket = n
	c.wc.SetMaxPacket(n)
}

// MaxPacket returns the largest packet the connection sends or reads.
func (c *Conn) MaxPacket() int { return maxPacket(c.opts) }
