package protocol

import (
	"context"
	"errors"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// QueryValue runs a query through COM_QUERY that returns one row of one
// column and returns that value as text (NULL reads as ""). It serves the
// connection's own set-up; queries for users go through the result reader.
func (c *Conn) QueryValue(ctx context.Context, query string) (string, error) {
	end, err := c.writeCommand(ctx, "query", func(b []byte) ([]byte, error) {
		return wire.AppendComQuery(b, query), nil
	})
	if err != nil {
		return "", err
	}
	v, err := c.readValue(ctx)
	return v, end(err)
}

func (c *Conn) readValue(ctx context.Context) (string, error) {
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return "", c.ioError(ctx, "query", err)
	}
	if len(pkt) > 0 && pkt[0] == 0xFF {
		return "", c.readErr(ctx, pkt)
	}
	var cc wire.ColumnCount
	if err := cc.Decode(pkt); err != nil {
		return "", c.ioError(ctx, "query", err)
	}
	if cc.Count != 1 {
		return "", c.fail(protocolError("query value: %d columns where 1 was due", cc.Count))
	}
	if err := c.skipColumns(ctx, 1); err != nil {
		return "", err
	}
	row, err := c.wc.ReadPacket()
	if err != nil {
		return "", c.ioError(ctx, "query", err)
	}
	if wire.IsResultEnd(row, c.caps) {
		return "", c.fail(protocolError("query value: no row"))
	}
	v, _, err := wire.ReadLenEncString(row)
	if err != nil && !errors.Is(err, wire.ErrNull) {
		return "", c.ioError(ctx, "query", err)
	}
	value := string(v)
	end, err := c.wc.ReadPacket()
	if err != nil {
		return "", c.ioError(ctx, "query", err)
	}
	if !wire.IsResultEnd(end, c.caps) {
		return "", c.fail(protocolError("query value: more than one row"))
	}
	if c.caps&wire.ClientDeprecateEOF != 0 {
		var ok wire.OK
		if err := ok.Decode(end, c.caps); err != nil {
			return "", c.ioError(ctx, "query", err)
		}
		c.applyOK(&ok)
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
