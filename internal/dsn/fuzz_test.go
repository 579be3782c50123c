package dsn_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// FuzzParseDSN checks that ParseDSN never panics, that its errors are
// *Error, and that any DSN it accepts survives format → parse → format
// with an equal Config and the same text.
func FuzzParseDSN(f *testing.F) {
	for _, seed := range []string{
		"",
		"/",
		"user:password@tcp(localhost:5555)/dbname?tls=skip-verify&autocommit=true",
		"root:pw@unix(/tmp/mysql.sock)/myDatabase?loc=Local",
		"user:password@tcp([de:ad:be:ef::ca:fe]:80)/dbname?timeout=90s&collation=utf8mb4_unicode_ci",
		"user:password@tcp/dbname?charset=utf8mb4,utf8&sys_var=esc%40ped",
		"u:p:a@s/s?w@tcp(h:1)/db?loc=America/New_York&sql_mode='ANSI'",
		"u:x@tcp(evil:1)@tcp(good:2)/db",
		"mysql://us%3Aer:p%40ss@[fe80::1%25eth0]:3307/a%2Fb?ssl-mode=VERIFY_CA&ssl-ca=/ca.pem",
		"mariadb://u@/db?socket=/run/@x.sock&network=unix",
		"mysql://mysql:%2F%2Fx@/",
		"/?init_command=SET+@a%3D1&init_command=SET+@b%3D2&local_infile=1&local_infile_allow=/d",
		"/?connectionAttributes=a:b,c:d%3Ae&auth_plugins=client_ed25519&auth_plugin=client_ed25519",
		"/?time_zone=%27%27%27x%27%27%27&echo=1&cursorclass=SSCursor&client_flag=0x10",
		"tcp6([::1])/?allowFallbackToPlaintext=true&tls=required&kill_delay=1.5",
		"u@tcp(db1:3307,db2,[::1]:3308)/d?targetRole=prefer-replica&hostOrder=random",
		"mysql://u@db1,db2:3307,[fe80::1%25eth0]/d?target_session_attrs=read-write",
		"tcp4(a,b)/",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := dsn.Parse(text)
		if err != nil {
			var de *dsn.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *Error: %v", err, err)
			}
			return
		}
		checkRoundTrip(t, cfg)
	})
}
