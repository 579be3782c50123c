package fakeserver

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"syscall"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Conn is the server side of one client connection. Its methods are called
// from the handler's goroutine; Received may be called from any goroutine.
type Conn struct {
	nc   net.Conn // current stream (TLS after StartTLS)
	rc   net.Conn // raw, recording what it reads
	raw  net.Conn
	rec  *recorder
	wc   *wire.Conn
	caps wire.Capability
	done chan struct{}
}

func newConn(nc net.Conn) *Conn {
	rec := &recorder{}
	rc := &recordingConn{Conn: nc, rec: rec}
	c := &Conn{nc: rc, rc: rc, raw: nc, rec: rec, done: make(chan struct{})}
	c.wc = wire.NewConn(&packetReader{r: rc}, rc, 1<<30)
	return c
}

// recordingConn is the socket with every byte read from it recorded, so
// that after StartTLS the record holds the TLS records as they came.
type recordingConn struct {
	net.Conn
	rec *recorder
}

func (r *recordingConn) Read(p []byte) (int, error) {
	n, err := r.Conn.Read(p)
	_, _ = r.rec.Write(p[:n])
	return n, err
}

// recorder keeps every byte the client sent (as seen on the socket, so TLS
// bytes are encrypted).
type recorder struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.Write(p)
}

// Received returns a copy of every byte the client has sent so far on the
// socket (encrypted bytes after StartTLS).
func (c *Conn) Received() []byte {
	c.rec.mu.Lock()
	defer c.rec.mu.Unlock()
	return bytes.Clone(c.rec.buf.Bytes())
}

// Done is closed when the handler of this connection has returned.
func (c *Conn) Done() <-chan struct{} { return c.done }

// SetCapabilities sets the flags that shape packet encoding (normally the
// client's flags from its handshake response, set by ReadHandshakeResponse).
func (c *Conn) SetCapabilities(caps wire.Capability) { c.caps = caps }

// Capabilities returns the flags in use for encoding.
func (c *Conn) Capabilities() wire.Capability { return c.caps }

// Greet sends the initial handshake.
func (c *Conn) Greet(h wire.Handshake) error {
	c.wc.ResetSequence()
	c.caps = h.Capabilities
	buf, err := h.Encode(c.wc.StartPacket(), h.Capabilities)
	if err != nil {
		return err
	}
	return c.wc.WritePacket(buf)
}

// ReadPacket reads one packet from the client.
func (c *Conn) ReadPacket() ([]byte, error) { return c.wc.ReadPacket() }

// ReadHandshakeResponse reads the client's handshake response. When the
// client sends an SSL request first and tlsConfig is not nil, it upgrades
// the connection and reads the response over TLS. It returns the response
// and whether TLS is in use.
func (c *Conn) ReadHandshakeResponse(tlsConfig *tls.Config) (*wire.HandshakeResponse, bool, error) {
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return nil, false, err
	}
	usedTLS := false
	if len(pkt) == 32 {
		var req wire.SSLRequest
		if err := req.Decode(pkt, 0); err != nil {
			return nil, false, err
		}
		if tlsConfig == nil {
			return nil, false, errors.New("fakeserver: the client asked for TLS but the script has no TLS config")
		}
		if err := c.StartTLS(tlsConfig); err != nil {
			return nil, false, err
		}
		usedTLS = true
		if pkt, err = c.wc.ReadPacket(); err != nil {
			return nil, true, err
		}
	}
	var hr wire.HandshakeResponse
	if err := hr.Decode(pkt, 0); err != nil {
		return nil, usedTLS, err
	}
	c.caps = hr.Capabilities
	return &hr, usedTLS, nil
}

// StartTLS runs the server side of the TLS handshake on the connection.
func (c *Conn) StartTLS(cfg *tls.Config) error {
	tc := tls.Server(c.rc, cfg)
	if err := tc.Handshake(); err != nil {
		return fmt.Errorf("fakeserver: TLS handshake: %w", err)
	}
	seq := c.wc.Sequence()
	c.nc = tc
	c.wc = wire.NewConn(tc, tc, 1<<30)
	c.wc.SetSequence(seq)
	return nil
}

// WritePacket sends one payload with the next sequence id.
func (c *Conn) WritePacket(payload []byte) error {
	return c.wc.WritePacket(append(c.wc.StartPacket(), payload...))
}

// WriteRaw sends bytes as they are, with no framing (for hostile packets).
func (c *Conn) WriteRaw(b []byte) error {
	_, err := c.nc.Write(b)
	return err
}

// WriteOK sends an OK packet.
func (c *Conn) WriteOK(ok wire.OK) error {
	buf, err := ok.Encode(c.wc.StartPacket(), c.caps)
	if err != nil {
		return err
	}
	return c.wc.WritePacket(buf)
}

// WriteErr sends an ERR packet.
func (c *Conn) WriteErr(code uint16, sqlState, message string) error {
	e := wire.ErrPacket{Code: code, SQLState: sqlState, Message: message}
	buf, err := e.Encode(c.wc.StartPacket(), c.caps)
	if err != nil {
		return err
	}
	return c.wc.WritePacket(buf)
}

// AuthSwitch sends an auth switch request and returns the client's answer.
func (c *Conn) AuthSwitch(plugin string, data []byte) ([]byte, error) {
	sw := wire.AuthSwitchRequest{PluginName: plugin, PluginData: data}
	buf, err := sw.Encode(c.wc.StartPacket())
	if err != nil {
		return nil, err
	}
	if err := c.wc.WritePacket(buf); err != nil {
		return nil, err
	}
	return c.wc.ReadPacket()
}

// AuthMoreData sends data prefixed with 0x01.
func (c *Conn) AuthMoreData(data []byte) error {
	m := wire.AuthMoreData{Data: data}
	buf, err := m.Encode(c.wc.StartPacket())
	if err != nil {
		return err
	}
	return c.wc.WritePacket(buf)
}

// clientSetup is the statement the client queues after connecting to turn
// on session-change tracking; it goes out with the client's first command.
const clientSetup = "SET session_track_state_change = 1"

// readCommand reads the next command packet. Like a real server, it answers
// the client's own session-tracking SET with OK and reads on, so scripts
// see only the commands the test's client code sends.
func (c *Conn) readCommand() ([]byte, error) {
	for {
		c.wc.ResetSequence()
		pkt, err := c.wc.ReadPacket()
		if err != nil || len(pkt) == 0 || wire.Command(pkt[0]) != wire.CommandQuery || string(pkt[1:]) != clientSetup {
			return pkt, err
		}
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return nil, err
		}
	}
}

// ExpectCommand reads the next command and checks its first byte; it returns
// the payload after the command byte. The sequence restarts as for any
// command. The client's session-tracking SET is answered and skipped.
func (c *Conn) ExpectCommand(cmd wire.Command) ([]byte, error) {
	pkt, err := c.readCommand()
	if err != nil {
		return nil, err
	}
	if len(pkt) == 0 || wire.Command(pkt[0]) != cmd {
		return nil, fmt.Errorf("fakeserver: got command packet %x, want command 0x%02x", head(pkt), byte(cmd))
	}
	return pkt[1:], nil
}

// ReadCommand reads the next command packet (command byte first); the
// client's session-tracking SET is answered and skipped.
func (c *Conn) ReadCommand() ([]byte, error) { return c.readCommand() }

// SetSequence sets the sequence id of the next packet sent or read.
func (c *Conn) SetSequence(seq uint8) { c.wc.SetSequence(seq) }

// Reset closes the connection with an RST (SO_LINGER 0).
func (c *Conn) Reset() error {
	if tc, ok := c.raw.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	return c.raw.Close()
}

// Close closes the connection with a FIN.
func (c *Conn) Close() error { return c.raw.Close() }

// finish closes the socket after the handler returns.
func (c *Conn) finish() { _ = c.raw.Close() }

// clientGone reports whether err only says the client went away or the
// server was closed, which is not a failure of the script.
func (c *Conn) clientGone(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

func head(b []byte) []byte {
	if len(b) > 16 {
		return b[:16]
	}
	return b
}
