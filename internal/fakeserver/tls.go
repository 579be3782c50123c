package fakeserver

import (
	"crypto/tls"
	"crypto/x509"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/testcert"
)

// CA is a certificate authority for tests: it issues the certificates a
// fake server presents after StartTLS (made by internal/testcert).
type CA struct {
	// Cert is the CA's self-signed certificate.
	Cert *x509.Certificate
	ca   *testcert.CA
}

// NewCA makes a CA named name; an error fails t.
func NewCA(t testing.TB, name string) *CA {
	t.Helper()
	ca, err := testcert.NewCA(name)
	if err != nil {
		t.Fatalf("fakeserver: %v", err)
	}
	return &CA{Cert: ca.Cert, ca: ca}
}

// PEM returns the CA's certificate as a PEM block (what Config.SSLCA reads).
func (ca *CA) PEM() []byte { return ca.ca.PEM() }

// Issue returns a server certificate, signed by ca, for hosts: each is an IP
// address or a DNS name. An error fails t.
func (ca *CA) Issue(t testing.TB, hosts ...string) tls.Certificate {
	t.Helper()
	return testcert.Must(t)(ca.ca.Server(hosts...))
}

// SelfSigned returns a server certificate for hosts signed by its own key,
// as a server set up without a CA presents. An error fails t.
func SelfSigned(t testing.TB, hosts ...string) tls.Certificate {
	t.Helper()
	return testcert.Must(t)(testcert.SelfSigned(hosts...))
}

// ServerTLS returns a server-side TLS configuration presenting cert.
func ServerTLS(cert tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{cert}}
}

// TLSState returns the state of the TLS connection after StartTLS (or a
// ReadHandshakeResponse that upgraded), and false before.
func (c *Conn) TLSState() (tls.ConnectionState, bool) {
	tc, ok := c.nc.(*tls.Conn)
	if !ok {
		return tls.ConnectionState{}, false
	}
	return tc.ConnectionState(), true
}
