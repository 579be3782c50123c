package dsn_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// TestParseDSNErrors checks that bad DSNs give a *Error naming the
// parameter at fault and saying why.
func TestParseDSNErrors(t *testing.T) {
	tests := []struct {
		dsn       string
		param     string // Error.Param
		mentioned string // a piece of the message
	}{
		{"user:pw@tcp(h:1)", "", "missing the '/'"},
		{"dbname", "", "missing the '/'"},
		{"u:p@tcp(h:1/db", "", "missing the '/'"},
		{"u@cloudsql(project:instance)/db", "", "unknown network"},
		{"tcp(h:99999)/", "", "port out of range"},
		{"tcp(h:0)/", "", "port out of range"},
		{"tcp(h:x1)/", "", "port is not a number"},
		{"tcp(h:)/", "", "empty port"},
		{"tcp([::1)/", "", "'[' without ']'"},
		{"tcp([::1]x)/", "", "not :port"},
		{"tcp([host]:1)/", "", "not an IPv6"},
		{"tcp(bad host)/", "", "bad host"},
		{"/db%zz", "", "database: bad percent-encoding"},
		{"mysql://u:p%zz@h/", "", "password: bad percent-encoding"},
		{"mysql://u%zz@h/", "", "user: bad percent-encoding"},
		{"mysql://h:70000/", "", "port out of range"},
		{"mysql://h%2Fx/", "", "bad host"},
		{"/?timeout", "timeout", "no value"},
		{"/?timeout=%zz", "timeout", "bad percent-encoding"},
		{"/?timeout=fast", "timeout", "not a duration"},
		{"/?timeout=-1s", "timeout", "negative"},
		{"/?timeout=99999999999999999999", "timeout", "not a number of seconds"},
		{"/?timeout=1e400s", "timeout", "not a duration"},
		{"/?parseTime=yes", "parseTime", "not a boolean"},
		{"/?maxAllowedPacket=big", "maxAllowedPacket", "not an integer"},
		{"/?maxAllowedPacket=100", "", "MaxAllowedPacket"},
		{"/?client_flag=-1", "client_flag", "not an unsigned integer"},
		{"/?tls=custom", "tls", "unknown TLS mode"},
		{"/?ssl-mode=MAYBE", "ssl-mode", "unknown TLS mode"},
		{"/?cursorclass=fancy", "cursorclass", "unknown cursor kind"},
		{"/?loc=Mars%2FOlympus", "loc", "unknown time zone"},
		{"/?charset=utf8mb4;drop", "charset", "not a character set name"},
		{"/?charset=", "charset", "empty item"},
		{"/?collation=a+b", "collation", "not a collation name"},
		{"/?auth_plugins=", "auth_plugins", "empty item"},
		{"/?auth_plugin=x+y", "auth_plugin", "not a plugin name"},
		{"/?auth_plugin=dialog", "", "AuthPlugin"},
		{"/?init_command=+", "init_command", "empty statement"},
		{"/?local_infile_allow=data.csv", "local_infile_allow", "not an absolute path"},
		{"/?connectionAttributes=novalue", "connectionAttributes", "without ':'"},
		{"/?connectionAttributes=_pid:1", "", "reserved"},
		{"/?allowAllFiles=true", "allowAllFiles", "local_infile_allow"},
		{"/?compress=maybe", "compress", "not a boolean"},
		{"/?strict=true", "strict", "sql_mode"},
		{"/?serverPubKey=mykey", "serverPubKey", "server-public-key-file"},
		{"/?allowFallbackToPlaintext=true&tls=true", "allowFallbackToPlaintext", "verifying"},
		{"/?use_unicode=maybe", "use_unicode", "not a boolean"},
		{"/?bad-name=1", "bad-name", "unknown parameter"},
		{"/?1abc=1", "1abc", "unknown parameter"},
		{"/?@@global.x=1", "@@global.x", "unknown parameter"},
		{"tcp(h)/?socket=/s", "socket", "TCP address"},
		{"unix(/a)/?socket=/b", "socket", "different"},
		{"/?socket=", "socket", "empty path"},
		{"tcp(h)/?network=unix", "network", "TCP address"},
		{"unix(/a)/?network=tcp", "network", "unix socket"},
		{"tcp4(h)/?network=tcp6", "network", "differs"},
		{"/?network=udp", "network", "unknown network"},
		{"/?ssl-cert=/c.pem", "", "SSLCert"},
	}
	for _, tt := range tests {
		t.Run(tt.dsn, func(t *testing.T) {
			cfg, err := dsn.Parse(tt.dsn)
			if err == nil {
				t.Fatalf("ParseDSN accepted it: %+v", cfg)
			}
			if cfg != nil {
				t.Errorf("ParseDSN returned a Config with its error")
			}
			var de *dsn.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *Error: %v", err, err)
			}
			if de.Param != tt.param {
				t.Errorf("Param = %q, want %q (%v)", de.Param, tt.param, err)
			}
			if !strings.Contains(err.Error(), tt.mentioned) {
				t.Errorf("error %q does not mention %q", err, tt.mentioned)
			}
		})
	}
}

// TestParseDSNValidationErrorUnwraps checks that a cross-field problem found
// by Validate keeps its *FieldError.
func TestParseDSNValidationErrorUnwraps(t *testing.T) {
	_, err := dsn.Parse("/?ssl-key=/k.pem")
	var ce *dsn.FieldError
	if !errors.As(err, &ce) || ce.Field != "SSLCert" {
		t.Fatalf("err = %v, want a *FieldError for SSLCert inside", err)
	}
}
