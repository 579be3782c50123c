package testcert_test

import (
	"crypto/tls"
	"crypto/x509"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/testcert"
)

// TestVerify checks each kind of certificate against the roots that must
// and must not accept it, for the names and the use it was made for.
func TestVerify(t *testing.T) {
	ca, err := testcert.NewCA("test CA")
	if err != nil {
		t.Fatal(err)
	}
	stranger, err := testcert.NewCA("stranger CA")
	if err != nil {
		t.Fatal(err)
	}
	server := testcert.Must(t)(ca.Server("db.test", "127.0.0.1", "::1"))
	client := testcert.Must(t)(ca.Client("app"))
	strangerServer := testcert.Must(t)(stranger.Server("db.test"))
	selfSigned := testcert.Must(t)(testcert.SelfSigned("127.0.0.1"))
	tests := []struct {
		name  string
		cert  tls.Certificate
		roots *testcert.CA // nil: the certificate itself is the only root
		host  string       // "" for a client certificate
		ok    bool
	}{
		{"server by DNS name", server, ca, "db.test", true},
		{"server by IPv4", server, ca, "127.0.0.1", true},
		{"server by IPv6", server, ca, "::1", true},
		{"server for another name", server, ca, "db.elsewhere", false},
		{"server of another CA", strangerServer, ca, "db.test", false},
		{"client", client, ca, "", true},
		{"client of another CA", client, stranger, "", false},
		{"self-signed against a CA", selfSigned, ca, "127.0.0.1", false},
		{"self-signed trusted as it is", selfSigned, nil, "127.0.0.1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leaf, err := x509.ParseCertificate(tt.cert.Certificate[0])
			if err != nil {
				t.Fatal(err)
			}
			roots := x509.NewCertPool()
			if tt.roots != nil {
				roots.AddCert(tt.roots.Cert)
			} else {
				roots.AddCert(leaf)
			}
			opts := x509.VerifyOptions{Roots: roots, DNSName: tt.host, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
			if tt.host == "" {
				opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
			}
			if _, err := leaf.Verify(opts); (err == nil) != tt.ok {
				t.Errorf("Verify = %v, want success %v", err, tt.ok)
			}
			if now := time.Now(); now.Before(leaf.NotBefore.Add(time.Hour-time.Minute)) || leaf.NotAfter.Before(now.AddDate(9, 0, 0)) {
				t.Errorf("valid from %v to %v", leaf.NotBefore, leaf.NotAfter)
			}
		})
	}
	if server.Leaf.SerialNumber.Cmp(client.Leaf.SerialNumber) == 0 {
		t.Errorf("two certificates share a serial number")
	}
}

// TestPEM checks that the PEM forms load back as what they were made from.
func TestPEM(t *testing.T) {
	ca, err := testcert.NewCA("test CA")
	if err != nil {
		t.Fatal(err)
	}
	server := testcert.Must(t)(ca.Server("localhost"))
	certPEM, keyPEM, err := testcert.PEM(server)
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatalf("X509KeyPair of the PEM forms: %v", err)
	}
	if !pair.Leaf.Equal(server.Leaf) {
		t.Errorf("the PEM certificate is another one")
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca.PEM()) {
		t.Errorf("the CA's PEM holds no certificate")
	}
	if _, err := pair.Leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "localhost"}); err != nil {
		t.Errorf("the server does not verify against the CA's PEM: %v", err)
	}
	if _, _, err := testcert.PEM(tls.Certificate{}); err == nil {
		t.Errorf("PEM of an empty certificate succeeded")
	}
}
