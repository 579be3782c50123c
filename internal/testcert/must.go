package testcert

import (
	"crypto/tls"
	"testing"
)

// Must returns a function that returns the certificate it is given, or fails
// t (with Fatal) when the error is not nil:
//
//	server := testcert.Must(t)(ca.Server("127.0.0.1"))
func Must(t testing.TB) func(tls.Certificate, error) tls.Certificate {
	return func(cert tls.Certificate, err error) tls.Certificate {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return cert
	}
}
