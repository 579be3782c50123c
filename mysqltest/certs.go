package mysqltest

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aiomysql-go/aiomysql/internal/testcert"
)

// TLSFiles is the TLS material a server is started with: a private CA, a
// server certificate for localhost, 127.0.0.1 and ::1, and a client
// certificate for the X509 user, all signed by that CA. The files live in the
// server's temporary directory; the PEM fields hold the same bytes.
type TLSFiles struct {
	CAFile, ServerCertFile, ServerKeyFile, ClientCertFile, ClientKeyFile string

	CAPEM, ClientCertPEM, ClientKeyPEM []byte
}

// ClientConfig returns a *tls.Config that trusts the server's CA and checks
// its name against serverName ("localhost" or "127.0.0.1"; empty means the
// certificate name is not checked). With clientCert, it presents the client
// certificate (what the X509 user needs).
func (f *TLSFiles) ClientConfig(serverName string, clientCert bool) (*tls.Config, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(f.CAPEM) {
		return nil, fmt.Errorf("mysqltest: CA PEM holds no certificate")
	}
	cfg := &tls.Config{RootCAs: pool, ServerName: serverName, MinVersion: tls.VersionTLS12}
	if serverName == "" {
		// Verify the chain but not the name.
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			opts := x509.VerifyOptions{Roots: pool, Intermediates: x509.NewCertPool()}
			for _, c := range cs.PeerCertificates[1:] {
				opts.Intermediates.AddCert(c)
			}
			_, err := cs.PeerCertificates[0].Verify(opts)
			return err
		}
	}
	if clientCert {
		pair, err := tls.X509KeyPair(f.ClientCertPEM, f.ClientKeyPEM)
		if err != nil {
			return nil, fmt.Errorf("mysqltest: client key pair: %w", err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

// makeTLSFiles writes a CA, a server and a client certificate into dir.
func makeTLSFiles(dir string) (*TLSFiles, error) {
	ca, err := testcert.NewCA("mysqltest CA")
	if err != nil {
		return nil, err
	}
	server, err := ca.Server("localhost", "127.0.0.1", "::1")
	if err != nil {
		return nil, err
	}
	serverCert, serverKey, err := testcert.PEM(server)
	if err != nil {
		return nil, err
	}
	client, err := ca.Client("mysqltest client")
	if err != nil {
		return nil, err
	}
	clientCert, clientKey, err := testcert.PEM(client)
	if err != nil {
		return nil, err
	}
	f := &TLSFiles{
		CAFile:         filepath.Join(dir, "ca.pem"),
		ServerCertFile: filepath.Join(dir, "server-cert.pem"),
		ServerKeyFile:  filepath.Join(dir, "server-key.pem"),
		ClientCertFile: filepath.Join(dir, "client-cert.pem"),
		ClientKeyFile:  filepath.Join(dir, "client-key.pem"),
		CAPEM:          ca.PEM(),
		ClientCertPEM:  clientCert,
		ClientKeyPEM:   clientKey,
	}
	for path, data := range map[string][]byte{
		f.CAFile: f.CAPEM, f.ServerCertFile: serverCert, f.ServerKeyFile: serverKey,
		f.ClientCertFile: clientCert, f.ClientKeyFile: clientKey,
	} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, err
		}
	}
	return f, nil
}
