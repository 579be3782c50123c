package protocol

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

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

// serveLocalInfile answers a LOCAL INFILE request (0xFB + file name). A
// refusal sends only the empty terminator and is returned as refusal, with
// the stream still in step; err is an I/O error that broke the connection.
func (c *Conn) serveLocalInfile(ctx context.Context, name []byte) (refusal, err error) {
	if c.localInfile == nil || c.caps&wire.ClientLocalFiles == 0 {
		refusal = fmt.Errorf("%w: the server asked for local file %q, but LOCAL INFILE is not enabled", ErrLocalInfileRefused, name)
		return refusal, c.writeRaw(ctx, nil)
	}
	f, openErr := c.localInfile(string(name))
	if openErr != nil {
		if !errors.Is(openErr, ErrLocalInfileRefused) {
			openErr = fmt.Errorf("%w: %w", ErrLocalInfileRefused, openErr)
		}
		return openErr, c.writeRaw(ctx, nil)
	}
	defer f.Close()
	data := make([]byte, min(maxPacket(c.opts)-4, 1<<20))
	for {
		n, readErr := io.ReadFull(f, data)
		if n > 0 {
			if err := c.wc.WritePacket(append(c.wc.StartPacket(), data[:n]...)); err != nil {
				return nil, c.ioError(ctx, "sending a local file", err)
			}
		}
		switch {
		case readErr == io.EOF || readErr == io.ErrUnexpectedEOF:
			return nil, c.writeRaw(ctx, nil)
		case readErr != nil:
			// Part of the file went out: only closing the connection stops the
			// server from loading a truncated file.
			return nil, c.fail(fmt.Errorf("aiomysql: reading local file %q: %w", name, readErr))
		}
	}
}
