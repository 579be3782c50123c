package protocol

import (
	"context"
	"crypto/tls"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// startTLS sends the SSL request and upgrades the socket when TLS is
// configured and the server offers it. With TLSRequired and a server that
// does not offer TLS, it fails before anything is written.
func (c *Conn) startTLS(ctx context.Context) error {
	if c.opts.TLSConfig == nil {
		return nil
	}
	if c.serverCaps&wire.ClientSSL == 0 {
		if c.opts.TLSRequired {
			return fmt.Errorf("%w (server %s)", ErrTLSRequired, c.version)
		}
		c.downgraded = true
		return nil
	}
	if n := c.wc.Buffered(); n > 0 {
		// Bytes after the greeting, before the client spoke: a server
		// never sends them; a man in the middle injecting plain text ahead
		// of TLS would. Refuse rather than discard them silently.
		return c.fail(protocolError("%d bytes after the greeting, before the TLS handshake", n))
	}
	req := wire.SSLRequest{
		Capabilities:  c.caps,
		MaxPacketSize: uint32(maxPacket(c.opts)),
		CharacterSet:  byte(c.opts.Collation),
	}
	buf, err := req.Encode(c.wc.StartPacket(), c.caps)
	if err != nil {
		return err
	}
	if err := c.wc.WritePacket(buf); err != nil {
		return c.ioError("sending the TLS request", err)
	}
	tc := tls.Client(c.sock, c.opts.TLSConfig)
	if err := tc.HandshakeContext(ctx); err != nil {
		return c.fail(fmt.Errorf("TLS handshake: %w", err))
	}
	seq := c.wc.Sequence()
	c.nc = tc
	c.wc = wire.NewConn(tc, tc, maxPacket(c.opts))
	c.wc.SetSequence(seq)
	c.tls = true
	return nil
}
