package compat_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/server"
)

// handshakeTimeout bounds one server-side handshake, so a client that stalls
// cannot hold a test server's goroutine for ever.
const handshakeTimeout = 30 * time.Second

// account is a user of a test server.
type account struct {
	user, password, plugin string
}

// session is what the server saw of one client connection, recorded when the
// connection ended on the server's side.
type session struct {
	authErr     error      // the handshake's outcome: nil for a login
	user        string     // the logged-in user (only after a login)
	tls         bool       // whether the connection was upgraded to TLS
	calls       []authCall // the auth data the server checked, in order
	clientBytes []byte     // everything the client sent up to the verdict, as on the wire
	queries     []string   // the COM_QUERY texts received after the login
}

// testServer is a go-mysql server on a loopback listener. It owns one
// goroutine that accepts and one per connection; close (registered with
// t.Cleanup) closes the listener and every connection and waits for them all.
type testServer struct {
	t        *testing.T
	pki      *testPKI
	srv      *server.Server
	users    *server.InMemoryAuthenticationHandler
	provider *recordingProvider
	ln       net.Listener
	sessions chan session

	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
}

// startServer starts a server, MySQL 8.0 by its version string, that offers
// TLS, holds pki's RSA key, proposes defaultPlugin in its greeting and knows
// the accounts.
func startServer(t *testing.T, pki *testPKI, defaultPlugin string, accounts ...account) *testServer {
	t.Helper()
	provider := &recordingProvider{calls: make(map[string][]authCall)}
	ts := &testServer{
		t:        t,
		pki:      pki,
		srv:      server.NewServerWithAuth("8.0.36", mysql.DEFAULT_COLLATION_ID, defaultPlugin, pki.rsaKey, pki.serverTLS(), provider),
		users:    server.NewInMemoryAuthenticationHandler(defaultPlugin),
		provider: provider,
		sessions: make(chan session, 64),
		conns:    make(map[net.Conn]struct{}),
	}
	for _, a := range accounts {
		if err := ts.users.AddUser(a.user, a.password, a.plugin); err != nil {
			t.Fatalf("adding user %q: %v", a.user, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on loopback: %v", err)
	}
	ts.ln = ln
	ts.wg.Add(1)
	go ts.accept()
	t.Cleanup(ts.close)
	return ts
}

// addr returns the listener's host and port.
func (ts *testServer) addr() (string, int) {
	a := ts.ln.Addr().(*net.TCPAddr)
	return a.IP.String(), a.Port
}

// invalidateCache empties the server's caching_sha2_password cache for user,
// whose entries go-mysql keys by the server's side of the connection.
func (ts *testServer) invalidateCache(user string) {
	ts.srv.InvalidateCache(user, ts.ln.Addr().String())
}

// next returns the record of the next connection to end.
func (ts *testServer) next(ctx context.Context, t *testing.T) session {
	t.Helper()
	select {
	case s := <-ts.sessions:
		return s
	case <-ctx.Done():
		t.Fatalf("waiting for the server's record of the connection: %v", ctx.Err())
		return session{}
	}
}

func (ts *testServer) accept() {
	defer ts.wg.Done()
	for {
		c, err := ts.ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				ts.t.Errorf("accept: %v", err)
			}
			return
		}
		ts.mu.Lock()
		if ts.closed {
			ts.mu.Unlock()
			_ = c.Close()
			return
		}
		ts.conns[c] = struct{}{}
		ts.wg.Add(1)
		ts.mu.Unlock()
		go ts.serve(c)
	}
}

// serve runs one connection: the handshake, then commands until the client
// quits or the connection ends, then records what happened.
func (ts *testServer) serve(raw net.Conn) {
	defer ts.wg.Done()
	defer func() {
		ts.mu.Lock()
		delete(ts.conns, raw)
		ts.mu.Unlock()
		_ = raw.Close()
	}()
	tee := &teeConn{Conn: raw}
	h := &queryHandler{}
	_ = raw.SetDeadline(time.Now().Add(handshakeTimeout))
	sc, err := ts.srv.NewCustomizedConn(tee, ts.users, h)
	s := session{
		authErr:     err,
		calls:       ts.provider.take(raw.RemoteAddr().String()),
		clientBytes: bytes.Clone(tee.read),
	}
	if err == nil {
		_ = raw.SetDeadline(time.Time{})
		s.user = sc.GetUser()
		_, s.tls = sc.Conn.Conn.(*tls.Conn)
		for sc.HandleCommand() == nil {
		}
		s.queries = h.queries
	}
	select {
	case ts.sessions <- s:
	default:
		ts.t.Errorf("the server's record of a connection was dropped: %d unread", cap(ts.sessions))
	}
}

// close stops the server and waits for all its goroutines.
func (ts *testServer) close() {
	_ = ts.ln.Close()
	ts.mu.Lock()
	ts.closed = true
	for c := range ts.conns {
		_ = c.Close()
	}
	ts.mu.Unlock()
	ts.wg.Wait()
}
