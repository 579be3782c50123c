package mysqltest

import (
	"context"
	"fmt"
	"strings"
)

// createUsers creates the test database and one user per authentication path.
func (s *Server) createUsers(ctx context.Context) error {
	s.Native = User{Name: "native", Password: "native-pw", Plugin: "mysql_native_password"}
	s.Ed25519 = User{Name: "ed25519", Password: "ed25519-pw", Plugin: "client_ed25519"}
	s.OldPassword = User{Name: "oldpw", Password: "oldpw-pw", Plugin: "mysql_old_password"}
	s.TLSOnly = User{Name: "tlsonly", Password: "tlsonly-pw", Plugin: "mysql_native_password"}
	s.X509 = User{Name: "x509", Password: "x509-pw", Plugin: "mysql_native_password"}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE DATABASE IF NOT EXISTS `%s`;", s.Database)
	fmt.Fprintf(&b, "CREATE USER '%s'@'%%' IDENTIFIED VIA mysql_native_password USING PASSWORD('%s');", s.Native.Name, s.Native.Password)
	fmt.Fprintf(&b, "CREATE USER '%s'@'%%' IDENTIFIED VIA ed25519 USING PASSWORD('%s');", s.Ed25519.Name, s.Ed25519.Password)
	fmt.Fprintf(&b, "CREATE USER '%s'@'%%' IDENTIFIED VIA mysql_old_password USING '%s';", s.OldPassword.Name, oldPasswordHash(s.OldPassword.Password))
	fmt.Fprintf(&b, "CREATE USER '%s'@'%%' IDENTIFIED BY '%s' REQUIRE SSL;", s.TLSOnly.Name, s.TLSOnly.Password)
	fmt.Fprintf(&b, "CREATE USER '%s'@'%%' IDENTIFIED BY '%s' REQUIRE X509;", s.X509.Name, s.X509.Password)
	for _, u := range []User{s.Native, s.Ed25519, s.OldPassword, s.TLSOnly, s.X509} {
		fmt.Fprintf(&b, "GRANT ALL ON `%s`.* TO '%s'@'%%';", s.Database, u.Name)
	}
	if err := s.Exec(ctx, b.String()); err != nil {
		return fmt.Errorf("mysqltest: creating users: %w", err)
	}
	return nil
}

// oldPasswordHash is MySQL's pre-4.1 password hash (what OLD_PASSWORD() returns),
// computed here because the server may refuse OLD_PASSWORD() in some modes.
func oldPasswordHash(pw string) string {
	nr, add, nr2 := uint32(1345345333), uint32(7), uint32(0x12345671)
	for i := 0; i < len(pw); i++ {
		c := uint32(pw[i])
		if c == ' ' || c == '\t' {
			continue
		}
		nr ^= (((nr & 63) + add) * c) + (nr << 8)
		nr2 += (nr2 << 8) ^ nr
		add += c
	}
	return fmt.Sprintf("%08x%08x", nr&0x7fffffff, nr2&0x7fffffff)
}
