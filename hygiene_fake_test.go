package aiomysql_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
)

// TestS10_ConnectErrors makes Connect fail every way a connection can with
// the canary password: dial, the server's ERR, client-side refusals, TLS. The
// error, printed with every verb, each error it wraps, and slog records of
// it never show the password.
func TestS10_ConnectErrors(t *testing.T) {
	ca := fakeserver.NewCA(t, "test CA")
	caFile := writeTemp(t, "ca.pem", ca.PEM())
	wrongSAN := fakeserver.ServerTLS(ca.Issue(t, "db.elsewhere.test"))
	key := fakeserver.NewRSAKey(t)

	// The check itself sees a password deep in a chain.
	if all := strings.Join(errorRenderings(fmt.Errorf("a: %w", errors.Join(errors.New("b"), errors.New(canary)))), ""); !strings.Contains(all, canary) {
		t.Fatal("errorRenderings misses a wrapped error")
	}
	errs := map[string]error{"dial a closed port": dialClosedPort(t)}
	cases := []fakeCase{{
		name: "access denied",
		script: func(c *fakeserver.Conn) error {
			if _, err := greetAndRead(c, fakeGreeting(pluginSHA2, false), nil); err != nil {
				return err
			}
			return c.WriteErr(1045, "28000", "Access denied for user 'alice'@'localhost' (using password: YES)")
		},
		want: &aiomysql.Error{Number: 1045},
	}, {
		name:   "clear password refused",
		setup:  optIn(aiomysql.TLSDisabled),
		script: refuseSwitch(nil, pluginClear, nil),
		want:   aiomysql.ErrInsecureAuth,
	}, {
		name: "full auth refused",
		script: func(c *fakeserver.Conn) error {
			if _, err := greetAndRead(c, fakeGreeting(pluginSHA2, false), nil); err != nil {
				return err
			}
			if err := c.AuthMoreData([]byte{sha2Full}); err != nil {
				return err
			}
			return expectClose(c, "the request for the full password")
		},
		want: aiomysql.ErrInsecureAuth,
	}, {
		name:  "wrong key, access denied",
		setup: func(cfg *aiomysql.Config) { cfg.ServerPublicKey = &key.PublicKey },
		script: func(c *fakeserver.Conn) error {
			if _, err := greetAndRead(c, fakeGreeting(pluginSHA256, false), nil); err != nil {
				return err
			}
			return c.WriteErr(1045, "28000", "Access denied for user 'alice'@'localhost' (using password: YES)")
		},
		want: &aiomysql.Error{Number: 1045},
	}, {
		name:   "TLS stripped",
		setup:  tlsOnly,
		script: func(c *fakeserver.Conn) error { return c.Greet(fakeGreeting(pluginSHA2, false)) },
		want:   aiomysql.ErrTLSRequired,
	}, {
		name: "TLS name mismatch",
		setup: func(cfg *aiomysql.Config) {
			cfg.TLSMode, cfg.SSLCA = aiomysql.TLSVerifyIdentity, caFile
		},
		script: func(c *fakeserver.Conn) error {
			_, _ = greetAndRead(c, fakeGreeting(pluginSHA2, true), wrongSAN)
			return nil
		},
		fails: true,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs[tc.name] = runFake(t, tc)
		})
	}
	for name, err := range errs {
		t.Run("print "+name, func(t *testing.T) {
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), fakeUser) {
				t.Errorf("the error does not name the user: %v", err)
			}
			for _, text := range errorRenderings(err) {
				requireNoCanary(t, "connect error", text)
			}
		})
	}
}

// dialClosedPort connects to a port nothing listens on.
func dialClosedPort(t *testing.T) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := aiomysql.NewConfig()
	cfg.Host, cfg.User, cfg.Password = host, fakeUser, canary
	cfg.Port, _ = strconv.Atoi(port)
	conn, err := aiomysql.Connect(testCtx(t), cfg)
	if err == nil {
		_ = conn.Close()
	}
	return err
}

// errorRenderings prints err and everything it wraps with each verb, and
// logs it through slog's text and JSON handlers.
func errorRenderings(err error) []string {
	var out []string
	for _, e := range errorTree(err) {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			out = append(out, fmt.Sprintf(verb, e))
		}
		out = append(out, e.Error())
	}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&buf, nil), slog.NewJSONHandler(&buf, nil)} {
		log := slog.New(h)
		log.Error("connect failed", "err", err)
		log.Error("connect failed", slog.Any("error", err), slog.Group("g", "cause", errors.Unwrap(err)))
	}
	return append(out, buf.String())
}

// errorTree returns err and every error it wraps, depth first.
func errorTree(err error) []error {
	if err == nil {
		return nil
	}
	out := []error{err}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		out = append(out, errorTree(u.Unwrap())...)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			out = append(out, errorTree(e)...)
		}
	}
	return out
}
