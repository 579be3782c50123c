package stdlib_test

import (
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/stdlib"
)

// FuzzParseDSN: no DSN makes ParseDSN panic, and an error never contains
// the password.
func FuzzParseDSN(f *testing.F) {
	for _, s := range []string{
		base, base + "?tls=custom&serverPubKey=k", "u:p/w?x@tcp(h:1)/d?tls=skip-verify",
		"u:p@mynet(h)/d", "mysql://u:p@h/d?tls=x", "u:p@/d?charset=gbk&interpolateParams=true", "/", "",
	} {
		f.Add(s, "SECRET")
	}
	f.Fuzz(func(t *testing.T, dsn, password string) {
		if len(password) < 6 || strings.ContainsAny(password, "@:/?()&=%[]") {
			return
		}
		full := "u:" + password + "@" + dsn
		_, err := stdlib.ParseDSN(full)
		if err != nil && strings.Contains(err.Error(), password) && !strings.Contains(dsn, password) {
			t.Fatalf("error shows the password: %v", err)
		}
	})
}
