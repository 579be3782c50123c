package mysqltest

import (
	"strings"
	"testing"
)

func TestParseExternalDSN(t *testing.T) {
	tests := []struct {
		dsn                    string
		user, pw, host, socket string
		port                   int
		db                     string
		wantErr                bool
	}{
		{dsn: "root@tcp(127.0.0.1:3306)/test", user: "root", host: "127.0.0.1", port: 3306, db: "test"},
		{dsn: "u:p@ss:w@tcp([::1]:3307)/other?tls=true", user: "u", pw: "p@ss:w", host: "::1", port: 3307, db: "other"},
		{dsn: "u:secret@unix(/run/mysqld/mysqld.sock)/", user: "u", pw: "secret", host: "localhost", socket: "/run/mysqld/mysqld.sock", db: "test"},
		{dsn: "u@/", user: "u", host: "127.0.0.1", port: 3306, db: "test"},
		{dsn: "u:secret@tcp(nohostport)/db", wantErr: true},
		{dsn: "u:secret@tcp(h:x)/db", wantErr: true},
		{dsn: "u:secret@udp(h:1)/db", wantErr: true},
		{dsn: "u:secret@tcp(h:1)", wantErr: true},
		{dsn: "nouser", wantErr: true},
	}
	for _, tc := range tests {
		s := &Server{Database: "test"}
		err := s.parseExternalDSN(tc.dsn)
		if tc.wantErr {
			if err == nil {
				t.Errorf("%q: no error", tc.dsn)
			} else if strings.Contains(err.Error(), "secret") {
				t.Errorf("%q: error shows the password: %v", tc.dsn, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.dsn, err)
			continue
		}
		if s.Root.Name != tc.user || s.Root.Password != tc.pw || s.Host != tc.host || s.Port != tc.port || s.Socket != tc.socket || s.Database != tc.db {
			t.Errorf("%q: got %+v %s %d %s %s", tc.dsn, s.Root, s.Host, s.Port, s.Socket, s.Database)
		}
	}
}
