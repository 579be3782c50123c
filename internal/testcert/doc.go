// Package testcert makes the X.509 certificates the tests need, with
// crypto/x509 and nothing else: a private CA, server certificates for host
// names and IP addresses, client certificates for accounts that REQUIRE
// X509, and self-signed server certificates, each with a fresh P-256 key.
// mysqltest starts MariaDB with them, internal/fakeserver presents them, and
// the TLS tests of internal/dsn verify against them.
//
//	ca, err := testcert.NewCA("test CA")
//	if err != nil {
//		return err
//	}
//	server, err := ca.Server("localhost", "127.0.0.1", "::1")
//	if err != nil {
//		return err
//	}
//	certPEM, keyPEM, err := testcert.PEM(server) // the server's ssl-cert and ssl-key files
//
// In a test, Must turns an error into t.Fatal:
//
//	client := testcert.Must(t)(ca.Client("app"))
//
// Certificates are valid from an hour before they are made (so that a clock
// a little behind accepts them) to ten years after (so that no test run, nor
// a data directory kept between runs, outlives them). Every certificate has
// a random serial number. A CA is safe for concurrent use.
package testcert
