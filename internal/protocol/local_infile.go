package protocol

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// localInfileChunk is the payload size of the packets a local file is sent
// in: small enough for any server's max_allowed_packet (MariaDB's default is
// 16 MiB, its minimum 1 KiB, and few are set below 64 KiB), large enough that
// the per-packet cost is negligible.
const localInfileChunk = 64 << 10

// LocalInfileHandler opens the data for a LOAD DATA LOCAL INFILE request
// naming name. It returns an error (wrapping ErrLocalInfileRefused when it
// is a refusal) to refuse; nothing is then opened or sent.
type LocalInfileHandler func(name string) (io.ReadCloser, error)

// SetLocalInfile sets the handler for the server's LOCAL INFILE requests and
// returns the previous one. Without a handler every request is refused.
func (c *Conn) SetLocalInfile(h LocalInfileHandler) LocalInfileHandler {
	prev := c.localInfile
	c.localInfile = h
	return prev
}

// serveLocalInfile answers a LOCAL INFILE request (0xFB + file name). When
// the request is refused, or the data cannot be read before any of it was
// sent, only the empty terminator goes out and the reason comes back as
// callerErr, with the stream still in step: the caller reads the server's
// reply, then reports callerErr. err is an error that broke the connection.
//
// The handler is asked only when LOCAL INFILE was negotiated: a server that
// sends the request without the client having offered CLIENT_LOCAL_FILES
// gets the terminator and nothing else, whatever handler is set.
func (c *Conn) serveLocalInfile(op string, name []byte) (callerErr, err error) {
	if c.localInfile == nil || c.caps&wire.ClientLocalFiles == 0 {
		callerErr = fmt.Errorf("%w: the server asked for local file %s, but LOCAL INFILE is not enabled",
			ErrLocalInfileRefused, QuoteName(name))
		return callerErr, c.writeFilePacket(nil)
	}
	f, openErr := c.localInfile(string(name))
	if openErr != nil {
		if !errors.Is(openErr, ErrLocalInfileRefused) {
			openErr = fmt.Errorf("%w: %w", ErrLocalInfileRefused, openErr)
		}
		return openErr, c.writeFilePacket(nil)
	}
	defer f.Close()
	// The server takes packets smaller than its max_allowed_packet.
	chunk := max(min(localInfileChunk, maxPacket(c.opts)-1), 1)
	sent := false
	for {
		buf := c.wc.StartPacket()
		buf = slices.Grow(buf, chunk)[:len(buf)+chunk]
		n, readErr := io.ReadFull(f, buf[len(buf)-chunk:])
		if failed := readErr != nil && readErr != io.EOF && readErr != io.ErrUnexpectedEOF; failed && !sent {
			// Nothing went out, not even what was read before the error:
			// the empty file ends the request cleanly.
			return fmt.Errorf("%s: reading local file %s: %w", op, QuoteName(name), readErr), c.writeFilePacket(nil)
		}
		if n > 0 {
			if err := c.writeFilePacket(buf[:len(buf)-chunk+n]); err != nil {
				return nil, err
			}
			sent = true
		}
		switch {
		case readErr == io.EOF || readErr == io.ErrUnexpectedEOF:
			return nil, c.writeFilePacket(nil)
		case readErr != nil:
			// Part of the file went out: only closing the connection stops the
			// server from loading a truncated file.
			return nil, c.fail(fmt.Errorf("%w: %s: reading local file %s: %w", ErrConnLost, op, QuoteName(name), readErr))
		}
	}
}

// writeFilePacket sends one packet of a local file, continuing the
// sequence: packet is a buffer from StartPacket with the data appended, or
// nil for the empty terminator.
func (c *Conn) writeFilePacket(packet []byte) error {
	if packet == nil {
		packet = c.wc.StartPacket()
	}
	if err := c.wc.QueuePacket(packet); err != nil {
		return err
	}
	n, err := c.wc.Flush()
	c.flushed += n
	if err != nil {
		return c.ioError("sending a local file", err)
	}
	return nil
}

// QuoteName quotes a file name for an error message, cut short: a hostile
// server chooses it.
func QuoteName(name []byte) string {
	const shown = 256
	if len(name) > shown {
		return fmt.Sprintf("%q...", name[:shown])
	}
	return fmt.Sprintf("%q", name)
}
