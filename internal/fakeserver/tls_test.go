package fakeserver_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// coalescing holds back its first write and sends it with the second, so
// that the SSL request and the TLS ClientHello reach the server together.
type coalescing struct {
	net.Conn
	writes int
	held   []byte
}

func (c *coalescing) Write(p []byte) (int, error) {
	c.writes++
	switch c.writes {
	case 1:
		c.held = append([]byte(nil), p...)
		return len(p), nil
	case 2:
		_, err := c.Conn.Write(append(c.held, p...))
		return len(p), err
	}
	return c.Conn.Write(p)
}

// TestTLSUpgrade: the server upgrades even when the ClientHello arrives with
// the SSL request, presents a certificate of its CA, records the TLS bytes
// as they came (not the plain text inside), and reports the TLS state.
func TestTLSUpgrade(t *testing.T) {
	ca := fakeserver.NewCA(t, "test CA")
	srvTLS := fakeserver.ServerTLS(ca.Issue(t, "127.0.0.1", "db.test"))
	const user = "marker-user-7f3a"
	type result struct {
		user    string
		usedTLS bool
		version uint16
	}
	got := make(chan result, 1)
	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
		g := fakeserver.MySQL8Greeting()
		g.Capabilities |= wire.ClientSSL
		if err := c.Greet(g); err != nil {
			return err
		}
		hr, usedTLS, err := c.ReadHandshakeResponse(srvTLS)
		if err != nil {
			return err
		}
		st, _ := c.TLSState()
		got <- result{hr.Username, usedTLS, st.Version}
		return c.WriteOK(wire.OK{})
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	cc := &coalescing{Conn: nc}
	wc := wire.NewConn(nc, cc, 1<<20)
	if _, err := wc.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	caps := fakeserver.ServerCapabilities() | wire.ClientSSL
	req, err := wire.SSLRequest{Capabilities: caps, MaxPacketSize: 1 << 24, CharacterSet: 45}.Encode(wc.StartPacket(), caps)
	if err != nil {
		t.Fatal(err)
	}
	if err := wc.WritePacket(req); err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca.Cert)
	tc := tls.Client(cc, &tls.Config{RootCAs: roots, ServerName: "db.test", MinVersion: tls.VersionTLS12})
	if err := tc.HandshakeContext(ctx); err != nil {
		t.Fatalf("TLS handshake with the CA's certificate: %v", err)
	}
	seq := wc.Sequence()
	wc = wire.NewConn(tc, tc, 1<<20)
	wc.SetSequence(seq)
	hr := wire.HandshakeResponse{Capabilities: caps, Username: user, AuthPluginName: "caching_sha2_password"}
	buf, err := hr.Encode(wc.StartPacket(), caps)
	if err != nil {
		t.Fatal(err)
	}
	if err := wc.WritePacket(buf); err != nil {
		t.Fatal(err)
	}
	if pkt, err := wc.ReadPacket(); err != nil || pkt[0] != 0 {
		t.Fatalf("want OK, got %x %v", pkt, err)
	}
	r := <-got
	if r.user != user || !r.usedTLS || r.version < tls.VersionTLS12 {
		t.Errorf("server saw %+v", r)
	}
	sc := srv.Conns()[0]
	<-sc.Done()
	rec := sc.Received()
	if !bytes.HasPrefix(rec, frameOf(1, req[4:])) {
		t.Errorf("the record does not start with the SSL request: %.40x", rec)
	}
	if bytes.Contains(rec, []byte(user)) {
		t.Error("the record holds the plain text sent inside TLS")
	}
}

func frameOf(seq byte, payload []byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

func TestSelfSigned(t *testing.T) {
	cert := fakeserver.SelfSigned(t, "127.0.0.1")
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	other := x509.NewCertPool()
	other.AddCert(fakeserver.NewCA(t, "other").Cert)
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: other}); err == nil {
		t.Error("a self-signed certificate verified against another CA")
	}
	own := x509.NewCertPool()
	own.AddCert(leaf)
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: own}); err != nil {
		t.Errorf("the certificate does not verify against itself: %v", err)
	}
	if len(leaf.IPAddresses) != 1 || !leaf.IPAddresses[0].Equal(net.ParseIP("127.0.0.1")) {
		t.Errorf("IP SANs %v", leaf.IPAddresses)
	}
}

func TestDecryptPassword(t *testing.T) {
	key, other := fakeserver.NewRSAKey(t), fakeserver.NewRSAKey(t)
	block, _ := pem.Decode(fakeserver.PublicKeyPEM(t, key))
	if block == nil || block.Type != "PUBLIC KEY" {
		t.Fatalf("PublicKeyPEM gave %v", block)
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil || !key.PublicKey.Equal(pub) {
		t.Fatalf("PublicKeyPEM does not hold the key: %v", err)
	}
	const want = "a password longer than the twenty-byte nonce"
	nonce := fakeserver.Nonce()
	msg := []byte(want + "\x00")
	for i := range msg {
		msg[i] ^= nonce[i%len(nonce)]
	}
	ct, err := rsa.EncryptOAEP(sha1.New(), rand.Reader, &key.PublicKey, msg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pw, err := fakeserver.DecryptPassword(key, nonce, ct); err != nil || pw != want {
		t.Errorf("DecryptPassword = %q, %v", pw, err)
	}
	if _, err := fakeserver.DecryptPassword(other, nonce, ct); err == nil {
		t.Error("DecryptPassword with another key succeeded")
	}
	if pw, err := fakeserver.DecryptPassword(key, nonce[1:], ct); err == nil && pw == want {
		t.Error("DecryptPassword with another nonce gave the password")
	}
}
