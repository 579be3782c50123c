package protocol

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Connect dials the server, upgrades to TLS as the mode says, authenticates,
// and returns an idle connection. ctx bounds all of it.
func Connect(ctx context.Context, opts *Options) (*Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotSent, err)
	}
	nc, err := dial(ctx, opts)
	if err != nil {
		return nil, err
	}
	o := *opts // the connection keeps its own copy; ChangeUser updates it
	c := &Conn{opts: &o, raw: nc, unixSocket: opts.Network == "unix"}
	c.closing = make(chan struct{})
	c.watch.init()
	c.sock = &sock{Conn: nc, c: c}
	c.nc = c.sock
	if opts.Dial == nil && c.opts.Network != "unix" {
		c.resolvedAddr = nc.RemoteAddr()
	}
	if a, ok := nc.LocalAddr().(*net.TCPAddr); ok {
		c.localPort = a.Port
	}
	c.state.Store(int32(StateCommand))
	c.wc = wire.NewConn(c.nc, c.nc, maxPacket(opts))
	c.setCall(ctx, "connect")
	err = c.handshake(ctx)
	if err == nil && c.interruptCause() != nil {
		err = c.fail(fmt.Errorf("connect: %w", ctx.Err()))
	}
	if err == nil && c.caps&wire.ClientCompress != 0 {
		// The compressed protocol starts with the first command.
		if err = c.wc.EnableCompression(); err != nil {
			err = c.fail(protocolError("%d unsolicited bytes from the server after authentication", c.wc.Buffered()))
		}
	}
	c.closeCall()
	if err != nil {
		_ = c.fail(err)
		c.waitWatch()
		return nil, err
	}
	c.killable.Store(true)
	c.state.Store(int32(StateIdle))
	c.requestTracking()
	return c, nil
}

func maxPacket(o *Options) int {
	if o.MaxPacket > 0 {
		return o.MaxPacket
	}
	return 64 << 20
}

func dial(ctx context.Context, o *Options) (net.Conn, error) {
	network := o.Network
	if network == "" {
		network = "tcp"
	}
	var nc net.Conn
	var err error
	if o.Dial != nil {
		nc, err = o.Dial(ctx, network, o.Address)
	} else {
		d := net.Dialer{KeepAlive: 30 * time.Second}
		nc, err = d.DialContext(ctx, network, o.Address)
	}
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			// The caller's error names the address already.
			return nil, &dialError{network: network, op: op}
		}
		return nil, fmt.Errorf("dial %s: %w", network, err)
	}
	if tc, ok := nc.(*net.TCPConn); ok {
		_ = tc.SetNoDelay(true)
	}
	return nc, nil
}

// handshake reads the greeting, negotiates, upgrades to TLS and authenticates.
func (c *Conn) handshake(ctx context.Context) error {
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return c.ioError("reading the server greeting", err)
	}
	if len(pkt) > 0 && pkt[0] == 0xFF {
		var e wire.ErrPacket
		if err := e.Decode(pkt, 0); err != nil {
			return c.ioError("reading the server greeting", err)
		}
		return c.serverError(&e)
	}
	var hs wire.Handshake
	if err := hs.Decode(pkt); err != nil {
		return c.ioError("reading the server greeting", err)
	}
	c.connectionID = hs.ConnectionID
	c.serverCaps = hs.Capabilities
	c.status = hs.StatusFlags
	c.version, c.mariaDB = serverVersion(hs.ServerVersion)
	if c.serverCaps&wire.ClientProtocol41 == 0 {
		return fmt.Errorf("%w: the server does not speak protocol 4.1 (version %q)", ErrProtocol, hs.ServerVersion)
	}
	c.caps = c.clientCapabilities()
	if err := c.startTLS(ctx); err != nil {
		return err
	}
	return c.authenticate(ctx, &hs)
}

// serverVersion strips MariaDB's "5.5.5-" replication prefix.
func serverVersion(v string) (string, bool) {
	v = strings.TrimPrefix(v, "5.5.5-")
	return v, strings.Contains(v, "MariaDB")
}

// clientCapabilities is what the client asks for, limited to what the server offers.
func (c *Conn) clientCapabilities() wire.Capability {
	want := wire.ClientLongPassword | wire.ClientLongFlag | wire.ClientProtocol41 |
		wire.ClientTransactions | wire.ClientSecureConnection | wire.ClientMultiResults |
		wire.ClientPSMultiResults | wire.ClientPluginAuth | wire.ClientPluginAuthLenEncClientData |
		wire.ClientConnectAttrs | wire.ClientSessionTrack | wire.ClientDeprecateEOF
	if c.opts.Database != "" {
		want |= wire.ClientConnectWithDB
	}
	if c.opts.MultiStatements {
		want |= wire.ClientMultiStatements
	}
	if c.opts.LocalFiles {
		want |= wire.ClientLocalFiles
	}
	if c.opts.FoundRows {
		want |= wire.ClientFoundRows
	}
	if c.opts.Compress {
		want |= wire.ClientCompress
	}
	want |= c.opts.ExtraCapabilities & AllowedExtraCapabilities
	if !c.opts.LocalFiles {
		want &^= wire.ClientLocalFiles // never by client_flag alone
	}
	if c.opts.TLSConfig != nil {
		want |= wire.ClientSSL
	}
	// MariaDB's extended flags are meaningful only when the server is MariaDB
	// (it then clears CLIENT_MYSQL, i.e. ClientLongPassword).
	// MariaDB's metadata caching lets an execute of a prepared statement
	// skip the column definitions the client holds from an earlier one;
	// bulk operations give COM_STMT_BULK_EXECUTE (see bulk.go).
	if c.serverCaps&wire.ClientLongPassword == 0 {
		want |= wire.MariaDBClientExtendedMetadata | wire.MariaDBClientCacheMetadata | wire.MariaDBClientStmtBulkOperations
	}
	return want & c.serverCaps
}

// dialError is a failed dial: it reads "dial tcp: connect: connection
// refused", leaving the address to the caller's error, and unwraps to the
// *net.OpError, which has it.
type dialError struct {
	network string
	op      *net.OpError
}

func (e *dialError) Error() string { return "dial " + e.network + ": " + e.op.Err.Error() }

func (e *dialError) Unwrap() error { return e.op }
