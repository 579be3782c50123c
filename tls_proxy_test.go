package aiomysql_test

import (
	"bytes"
	"errors"
	"net"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
	"github.com/aiomysql-go/aiomysql/internal/wire"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// clearSSLBit rewrites a whole greeting packet (header included) so that
// it no longer offers CLIENT_SSL; other packets pass unchanged.
func clearSSLBit(_ faultproxy.Direction, b []byte) []byte {
	const hdr = 4
	if len(b) < hdr+1 || b[3] != 0 || b[hdr] != 10 { // sequence 0, protocol version 10
		return b
	}
	end := bytes.IndexByte(b[hdr+1:], 0) // end of the server version
	if end < 0 {
		return b
	}
	// version, NUL, connection id (4), first 8 nonce bytes, filler (1), then
	// the low 16 bits of the capabilities, little-endian.
	capsAt := hdr + 1 + end + 1 + 4 + 8 + 1
	if len(b) < capsAt+2 {
		return b
	}
	b[capsAt+1] &^= byte(wire.ClientSSL >> 8)
	return b
}

// TestS3_TLSStrippingProxy puts a proxy that clears CLIENT_SSL in the
// greeting between the client and the live MariaDB, which does offer TLS.
func TestS3_TLSStrippingProxy(t *testing.T) {
	srv := testServer(t)
	cases := []struct {
		name string
		mode aiomysql.TLSMode
		user mysqltest.User
		want error // nil: connects in clear and reports the downgrade
		keep bool  // a control: the proxy leaves the greeting alone
	}{
		{"control: nothing stripped", aiomysql.TLSPreferred, srv.Native, nil, true},
		{"required", aiomysql.TLSRequired, srv.TLSOnly, aiomysql.ErrTLSRequired, false},
		{"verify-identity", aiomysql.TLSVerifyIdentity, srv.TLSOnly, aiomysql.ErrTLSRequired, false},
		{"preferred", aiomysql.TLSPreferred, srv.Native, nil, false},
		// The server's own REQUIRE SSL stops the account that needs TLS.
		{"preferred, REQUIRE SSL account", aiomysql.TLSPreferred, srv.TLSOnly, &aiomysql.Error{Number: 1045}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := testCtx(t)
			p, err := faultproxy.New(ctx, faultproxy.Config{Upstream: srv.Addr()})
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = p.Close() }()
			if !tc.keep {
				// Whole packets to the rewrite (never TLS records: the
				// client stays in clear, or leaves).
				forward := func(faultproxy.Direction, byte, []byte) faultproxy.Action { return faultproxy.ForwardPacket() }
				if err := p.SetMode(faultproxy.Downstream, faultproxy.Packets(forward)); err != nil {
					t.Fatal(err)
				}
				if err := p.SetRewrite(faultproxy.Downstream, clearSSLBit); err != nil {
					t.Fatal(err)
				}
			}
			cfg := userConfig(t, tc.user)
			cfg.Compress = false // the rewrite reads the plain framing
			host, port, _ := net.SplitHostPort(p.Addr())
			cfg.Host, cfg.TLSMode = host, tc.mode
			cfg.Port, _ = strconv.Atoi(port)

			conn, err := aiomysql.Connect(ctx, cfg)
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("Connect error %v, want %v", err, tc.want)
				}
			} else {
				if err != nil {
					t.Fatalf("Connect: %v", err)
				}
				if conn.TLSDowngraded() == tc.keep || conn.TLS() != tc.keep {
					t.Errorf("TLSDowngraded() = %v, TLS() = %v", conn.TLSDowngraded(), conn.TLS())
				}
				// The server agrees on whether the session is encrypted.
				cipher, err := aiomysql.QueryValueForTest(ctx, conn,
					"SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_CIPHER'")
				if err != nil || (cipher != "") != tc.keep {
					t.Errorf("server's Ssl_cipher = %q, %v", cipher, err)
				}
				if err := conn.Close(); err != nil {
					t.Error(err)
				}
			}
			l, err := p.WaitLink(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			sent := l.Recorded(faultproxy.Upstream)
			if tc.want == aiomysql.ErrTLSRequired && len(sent) != 0 {
				t.Errorf("the client sent %d bytes to the stripped server, want none", len(sent))
			}
			if bytes.Contains(sent, []byte(tc.user.Password)) {
				t.Error("the password went on the wire in clear")
			}
		})
	}
}
