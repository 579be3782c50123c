package charset

// Collation is a server collation.
type Collation struct {
	ID      uint16
	Name    string
	Charset string
	Default bool // the default collation of its character set
	MaxLen  int  // the longest character of the character set, in bytes
}

// Binary is the id of the binary pseudo-collation: columns with it hold bytes.
const Binary = 63

// ByID returns the collation with that id. MariaDB's ids win; MySQL 8's
// own ids (which MariaDB does not use) are known too.
func ByID(id uint16) (Collation, bool) {
	if c, ok := mariaDBByID(id); ok {
		return c, true
	}
	return mysqlByID(id)
}

// ByName returns the collation with that name (lower case, as the server spells it).
func ByName(name string) (Collation, bool) {
	if id, ok := mariaDBIDByName(name); ok {
		return mariaDBByID(id)
	}
	if id, ok := mysqlIDByName(name); ok {
		return mysqlByID(id)
	}
	return Collation{}, false
}

// DefaultCollation returns the default collation of a character set as MariaDB
// defines it ("utf8" means utf8mb3).
func DefaultCollation(charset string) (Collation, bool) {
	if charset == "utf8" {
		charset = "utf8mb3"
	}
	name := defaultCollationName(charset)
	if name == "" {
		return Collation{}, false
	}
	return ByName(name)
}

// defaultCollationName is the default collation's name for a character set.
func defaultCollationName(charset string) string {
	if charset == "gb18030" {
		return "gb18030_chinese_ci" // MySQL only
	}
	return mariaDBDefaultCollation(charset)
}

// UnsafeForEscaping reports whether a character set has multibyte characters
// whose trailing byte can be 0x5c (backslash): escaping by inserting
// backslashes is then unsafe, because a 0x5c the client adds or sees can be
// taken by the server as part of a character. Such character sets are never
// used with client-side interpolation.
func UnsafeForEscaping(charset string) bool {
	switch charset {
	case "big5", "cp932", "gbk", "sjis", "gb18030":
		return true
	}
	return false
}
