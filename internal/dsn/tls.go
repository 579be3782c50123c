package dsn

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// BuildTLSConfig returns the TLS configuration the connection uses, or nil
// with TLSDisabled. It starts from a clone of TLSConfig (or an empty one),
// raises MinVersion to TLS 1.2, sets ServerName (TLSServerName, else Host)
// when empty, loads SSLCA into RootCAs and SSLCert/SSLKey into Certificates,
// then applies the mode:
//
//   - TLSPreferred, TLSRequired: no verification (InsecureSkipVerify), unless
//     SSLCA is set, which verifies the chain as TLSVerifyCA does, or TLSConfig
//     is set and verifies (its InsecureSkipVerify is false), which is kept.
//   - TLSVerifyCA: the chain is verified against RootCAs (the system's roots
//     when nil) in VerifyConnection; the host name is not checked.
//   - TLSVerifyIdentity: Go's full verification, chain and ServerName; a
//     TLSConfig with InsecureSkipVerify is an error.
//
// It reads the SSL* files each time; errors are *FieldError.
func (c *Settings) BuildTLSConfig() (*tls.Config, error) {
	if c.TLSMode == TLSDisabled {
		return nil, nil
	}
	if err := c.validateTLS(); err != nil {
		return nil, err
	}
	custom := c.TLSConfig != nil
	cfg := &tls.Config{}
	if custom {
		cfg = c.TLSConfig.Clone()
	}
	if cfg.MinVersion < tls.VersionTLS12 {
		cfg.MinVersion = tls.VersionTLS12
	}
	if cfg.ServerName == "" {
		cfg.ServerName = c.TLSServerName
		if cfg.ServerName == "" {
			cfg.ServerName = c.host()
		}
	}
	if c.SSLCA != "" {
		pool, err := loadCAFile(c.SSLCA)
		if err != nil {
			return nil, err
		}
		cfg.RootCAs = pool
	}
	if c.SSLCert != "" {
		cert, err := tls.LoadX509KeyPair(c.SSLCert, c.SSLKey)
		if err != nil {
			return nil, &FieldError{Field: "SSLCert", Reason: "cannot load the client certificate and key", Err: err}
		}
		cfg.Certificates = append(cfg.Certificates, cert)
	}
	switch c.TLSMode {
	case TLSPreferred, TLSRequired:
		switch {
		case custom && !cfg.InsecureSkipVerify:
			// The custom configuration verifies; keep it.
		case c.SSLCA != "":
			verifyChainOnly(cfg)
		default:
			cfg.InsecureSkipVerify = true
		}
	case TLSVerifyCA:
		verifyChainOnly(cfg)
	case TLSVerifyIdentity:
		// Go's default verification: chain and name. validateTLS refused
		// InsecureSkipVerify.
	}
	return cfg, nil
}

// loadCAFile reads a PEM file of CA certificates.
func loadCAFile(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FieldError{Field: "SSLCA", Reason: "cannot read the CA file", Err: err}
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, &FieldError{Field: "SSLCA", Reason: "no PEM certificate in " + QuoteShort(path)}
	}
	return pool, nil
}

// verifyChainOnly makes cfg verify the server's certificate chain against
// cfg.RootCAs (the system's roots when nil) without checking the host name,
// as MySQL's VERIFY_CA does. Go's own check is turned off, since it always
// checks the name; VerifyConnection does the chain check instead, before any
// VerifyConnection cfg already had.
func verifyChainOnly(cfg *tls.Config) {
	roots, clock, next := cfg.RootCAs, cfg.Time, cfg.VerifyConnection
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("aiomysql: the server sent no certificate")
		}
		opts := x509.VerifyOptions{
			Roots:         roots,
			Intermediates: x509.NewCertPool(),
			KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		}
		if clock != nil {
			opts.CurrentTime = clock()
		}
		for _, ic := range cs.PeerCertificates[1:] {
			opts.Intermediates.AddCert(ic)
		}
		if _, err := cs.PeerCertificates[0].Verify(opts); err != nil {
			return fmt.Errorf("aiomysql: verifying the server certificate chain: %w", err)
		}
		if next != nil {
			return next(cs)
		}
		return nil
	}
}
