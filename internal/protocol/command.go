package protocol

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// writeCommand starts a command: it claims the connection, ties it to ctx and
// writes one packet made by build (which appends the payload, command byte
// first). When it succeeds, endCommand must be called when the exchange ends.
func (c *Conn) writeCommand(ctx context.Context, op string, build func([]byte) ([]byte, error)) error {
	if err := c.begin(); err != nil {
		return err
	}
	if n := c.wc.Buffered(); n > 0 {
		// The server sent something nobody asked for: whatever the next reply
		// is, it could not be told apart from it. It may be a farewell ERR.
		if serverErr := c.farewell(); serverErr != nil {
			return c.fail(fmt.Errorf("%w: %s: the server closed the connection: %w", c.lostError(), op, serverErr))
		}
		return c.fail(protocolError("%d unsolicited bytes from the server before %s", n, op))
	}
	c.op = op
	c.bind(ctx)
	c.wc.ResetSequence()
	buf, err := build(c.wc.StartPacket())
	if err == nil && len(buf)-4 >= maxPacket(c.opts) {
		// The server accepts a command only if it is smaller than its
		// max_allowed_packet.
		err = fmt.Errorf("%w: %s of %d bytes, which must be below %d (max_allowed_packet); nothing was sent",
			ErrPacketTooLarge, op, len(buf)-4, maxPacket(c.opts))
	}
	if err != nil {
		c.unbind()
		c.finish()
		return err
	}
	if err := c.wc.WritePacket(buf); err != nil {
		c.unbind()
		// The server may have said why before closing (MySQL 8's ERR 4031).
		if serverErr := c.farewell(); serverErr != nil {
			return c.fail(fmt.Errorf("%w: %s: the server closed the connection: %w", c.lostError(), op, serverErr))
		}
		return c.ioError(ctx, op, err)
	}
	return nil
}

// endCommand ends the exchange writeCommand started and returns err, or the
// context's error when the context ended meanwhile: the reply was then read
// to its end anyway (the server answered the kill), so the stream is intact
// and the connection reusable, and the caller learns of the cancellation.
func (c *Conn) endCommand(err error) error {
	if c.unbind() {
		if err == nil {
			err = fmt.Errorf("aiomysql: %s: %w", c.op, c.boundCtx.Err())
		} else if !errors.Is(err, c.boundCtx.Err()) {
			err = fmt.Errorf("aiomysql: %s: %w (%w)", c.op, c.boundCtx.Err(), err)
		}
	}
	c.boundCtx = nil
	if c.State() == StateCommand {
		c.finish()
	}
	return err
}

// simple runs a command whose reply is OK or ERR.
func (c *Conn) simple(ctx context.Context, op string, build func([]byte) ([]byte, error)) (*wire.OK, error) {
	if err := c.writeCommand(ctx, op, build); err != nil {
		return nil, err
	}
	ok, err := c.readOK(ctx, op)
	return ok, c.endCommand(err)
}

// readOK reads a reply that must be OK or ERR.
func (c *Conn) readOK(ctx context.Context, op string) (*wire.OK, error) {
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return nil, c.ioError(ctx, op, err)
	}
	if len(pkt) == 0 {
		return nil, c.fail(protocolError("%s: empty reply", op))
	}
	switch pkt[0] {
	case 0x00:
		ok := new(wire.OK)
		if err := ok.Decode(pkt, c.caps); err != nil {
			return nil, c.ioError(ctx, op, err)
		}
		c.applyOK(ok)
		return ok, nil
	case 0xFF:
		return nil, c.readErr(ctx, pkt)
	}
	return nil, c.fail(protocolError("%s: unexpected reply 0x%02x where OK or ERR was due", op, pkt[0]))
}

// readErr decodes an ERR packet into the caller's error. A malformed one
// breaks the connection.
func (c *Conn) readErr(ctx context.Context, pkt []byte) error {
	var e wire.ErrPacket
	if err := e.Decode(pkt, c.caps); err != nil {
		return c.ioError(ctx, "reading an error", err)
	}
	return c.serverError(&e)
}

// applyOK keeps the status flags and the tracked session state current.
func (c *Conn) applyOK(ok *wire.OK) {
	c.status = ok.StatusFlags
	for _, ch := range ok.SessionChanges {
		switch ch.Type {
		case wire.SessionTrackSchema:
			c.session.Schema = ch.Name
		case wire.SessionTrackSystemVariables:
			switch ch.Name {
			case "character_set_client":
				c.session.CharacterSetClient = ch.Value
			case "time_zone":
				c.session.TimeZone = ch.Value
			case "autocommit":
				c.session.Autocommit = ch.Value
			}
		}
	}
}

// Ping checks that the server answers (COM_PING).
func (c *Conn) Ping(ctx context.Context) error {
	_, err := c.simple(ctx, "ping", func(b []byte) ([]byte, error) { return append(b, byte(wire.CommandPing)), nil })
	return err
}

// InitDB makes schema the default database (COM_INIT_DB).
func (c *Conn) InitDB(ctx context.Context, schema string) error {
	_, err := c.simple(ctx, "select database", func(b []byte) ([]byte, error) {
		return wire.ComInitDB{Schema: schema}.Encode(b, c.caps)
	})
	if err == nil {
		c.session.Schema = schema
	}
	return err
}

// ResetConnection resets the session (COM_RESET_CONNECTION): user variables,
// temporary tables, prepared statements and session variables go back to
// their defaults, and an open transaction is rolled back.
//
// The server gives the session back the handshake's character set and the
// global time zone and autocommit without reporting them, so the tracked
// state is forgotten (the default database stays, as on the server).
func (c *Conn) ResetConnection(ctx context.Context) error {
	schema := c.session.Schema
	_, err := c.simple(ctx, "reset connection", func(b []byte) ([]byte, error) {
		return append(b, byte(wire.CommandResetConnection)), nil
	})
	if err == nil {
		c.session = Session{Schema: schema}
	}
	return err
}

// Exec runs a statement through COM_QUERY and returns the OK packet that
// ends its reply. Result sets, if the statement returns any, are read and
// discarded.
func (c *Conn) Exec(ctx context.Context, query string) (*wire.OK, error) {
	r, err := c.Query(ctx, query)
	if err != nil {
		return nil, err
	}
	if err := r.Close(); err != nil {
		return nil, err
	}
	ok := r.ok
	return &ok, nil
}
