// Package fakeserver is a scripted, in-process MySQL server for tests of what
// no MariaDB can produce: MySQL 8's authentication plugins and RSA key
// exchange, hostile or malformed packets, sequence errors, ERR 4031.
//
// A test starts a Server with a handler; each client connection runs the
// handler in its own goroutine, which scripts the exchange step by step:
//
//	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
//		if err := c.Greet(fakeserver.MySQL8Greeting()); err != nil {
//			return err
//		}
//		if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
//			return err
//		}
//		return c.WriteOK(wire.OK{})
//	})
//
// Every byte the client sent is recorded as it came off the socket
// (Conn.Received; TLS records stay encrypted), so a test can assert that a
// password or a file never went on the wire in clear.
//
// For TLS, NewCA, CA.Issue and SelfSigned make server certificates and
// ServerTLS a configuration for ReadHandshakeResponse or StartTLS; TLSState
// reports what was negotiated. For the RSA exchange of sha256_password and
// caching_sha2_password, NewRSAKey, PublicKeyPEM (what the server sends) and
// DecryptPassword (what the server checks) play the server's part.
//
// The server's goroutines are owned by it: Close (run by t.Cleanup) closes
// every connection and waits for every handler.
package fakeserver
