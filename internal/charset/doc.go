// Package charset knows the server's character sets and collations: ids as the
// handshake and column definitions carry them, names, default collations, and
// which character sets can hide byte 0x5c inside a multibyte character (and so
// must never be used with client-side escaping).
//
// MariaDB's collations are generated from a real server (go generate); the few
// MySQL 8 collations MariaDB lacks are listed by hand in mysql.go.
package charset

//go:generate go run ./gen
