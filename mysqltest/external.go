package mysqltest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// external describes the server that dsn names. dsn has the form
// "user[:password]@tcp(host:port)/db" or "user[:password]@unix(/path)/db".
func external(ctx context.Context, dsn string, o Options) (*Server, error) {
	client, err := findClient()
	if err != nil {
		return nil, err
	}
	s := &Server{External: true, Database: o.Database, opts: o, bins: binaries{client: client}}
	if err := s.parseExternalDSN(dsn); err != nil {
		return nil, err
	}
	if err := s.Exec(ctx, "CREATE DATABASE IF NOT EXISTS `"+s.Database+"`"); err != nil {
		return nil, err
	}
	if s.Version, err = s.QueryValue(ctx, "SELECT VERSION()"); err != nil {
		return nil, err
	}
	return s, nil
}

// parseExternalDSN reads the parts of a go-sql-driver-style DSN that the
// command-line client needs. Its errors never quote the DSN (it holds a password).
func (s *Server) parseExternalDSN(dsn string) error {
	bad := func(why string) error {
		return fmt.Errorf("mysqltest: %s: %s; want user[:password]@tcp(host:port)/db", EnvDSN, why)
	}
	at := strings.LastIndex(dsn, "@")
	if at < 0 {
		return bad("no user@ part")
	}
	cred, rest := dsn[:at], dsn[at+1:]
	name, pw, _ := strings.Cut(cred, ":")
	s.Root = User{Name: name, Password: pw}
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		rest = rest[:q]
	}
	slash := strings.LastIndex(rest, "/")
	if slash < 0 {
		return bad("no /database part")
	}
	addr, db := rest[:slash], rest[slash+1:]
	if db != "" {
		if unesc, err := url.PathUnescape(db); err == nil {
			s.Database = unesc
		}
	}
	switch {
	case strings.HasPrefix(addr, "unix(") && strings.HasSuffix(addr, ")"):
		s.Socket = addr[len("unix(") : len(addr)-1]
		s.Host = "localhost"
	case strings.HasPrefix(addr, "tcp(") && strings.HasSuffix(addr, ")"):
		host, port, err := net.SplitHostPort(addr[len("tcp(") : len(addr)-1])
		if err != nil {
			return bad("the address is not host:port")
		}
		if s.Port, err = strconv.Atoi(port); err != nil {
			return bad("the port is not a number")
		}
		s.Host = host
	case addr == "":
		s.Host, s.Port = "127.0.0.1", 3306
	default:
		return bad("the address is neither tcp(...) nor unix(...)")
	}
	return nil
}
