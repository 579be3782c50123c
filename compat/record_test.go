package compat_test

import (
	"bytes"
	"net"
	"strings"
	"sync"

	"github.com/go-mysql-org/go-mysql/mysql"
	"github.com/go-mysql-org/go-mysql/server"
)

// authCall is one piece of authentication data the server checked: the
// scramble of the handshake response or of an auth switch response, a key
// request, or the full password (clear or encrypted).
type authCall struct {
	plugin string
	data   []byte
}

// recordingProvider is go-mysql's own authentication wrapped to record every
// call, by the client's address. go-mysql calls it again from inside for the
// later steps of an exchange (the full password after caching_sha2_password's
// 0x04, the encrypted password after sha256_password's key request), so the
// record is the whole exchange as the server checked it.
type recordingProvider struct {
	server.DefaultAuthenticationProvider

	mu    sync.Mutex
	calls map[string][]authCall
}

// Authenticate records the call and lets go-mysql check it.
func (p *recordingProvider) Authenticate(c *server.Conn, plugin string, data []byte) error {
	p.mu.Lock()
	addr := c.RemoteAddr().String()
	p.calls[addr] = append(p.calls[addr], authCall{plugin: plugin, data: bytes.Clone(data)})
	p.mu.Unlock()
	return p.DefaultAuthenticationProvider.Authenticate(c, plugin, data)
}

// take returns and forgets the calls of the client at addr.
func (p *recordingProvider) take(addr string) []authCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.calls[addr]
	delete(p.calls, addr)
	return c
}

// teeConn keeps a copy of every byte the server reads from the client, as it
// crossed the wire (TLS records included, once TLS is on). Only the goroutine
// serving the connection reads, so read needs no lock.
type teeConn struct {
	net.Conn
	read []byte
}

func (c *teeConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read = append(c.read, p[:n]...)
	return n, err
}

// packets splits a plain (not TLS) client byte stream into MySQL packets'
// payloads; ok is false when the stream does not end on a packet boundary.
func packets(stream []byte) (payloads [][]byte, ok bool) {
	for len(stream) > 0 {
		if len(stream) < 4 {
			return payloads, false
		}
		n := int(stream[0]) | int(stream[1])<<8 | int(stream[2])<<16
		if len(stream) < 4+n {
			return payloads, false
		}
		payloads = append(payloads, stream[4:4+n])
		stream = stream[4+n:]
	}
	return payloads, true
}

// queryHandler answers the commands after the login: COM_PING is go-mysql's,
// COM_INIT_DB accepts the database "compat", COM_QUERY answers SET with OK
// and refuses anything else. It records the queries. One handler serves one
// connection, from that connection's goroutine.
type queryHandler struct {
	server.EmptyHandler
	queries []string
}

// UseDB accepts no database or "compat".
func (h *queryHandler) UseDB(db string) error {
	if db == "" || db == "compat" {
		return nil
	}
	return mysql.NewDefaultError(mysql.ER_BAD_DB_ERROR, db)
}

// HandleQuery answers SET statements with OK.
func (h *queryHandler) HandleQuery(q string) (*mysql.Result, error) {
	h.queries = append(h.queries, q)
	if strings.HasPrefix(strings.ToUpper(q), "SET ") {
		return nil, nil
	}
	return nil, mysql.NewError(mysql.ER_NOT_SUPPORTED_YET, "compat test server: query not supported")
}
