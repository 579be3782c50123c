package charset

// mysqlByID returns the MySQL 8 collations that MariaDB does not define, by id.
// Source: MySQL 8.0's information_schema.COLLATIONS.
func mysqlByID(id uint16) (Collation, bool) {
	switch id {
	case 248:
		return Collation{ID: 248, Name: "gb18030_chinese_ci", Charset: "gb18030", Default: true, MaxLen: 4}, true
	case 249:
		return Collation{ID: 249, Name: "gb18030_bin", Charset: "gb18030", MaxLen: 4}, true
	case 250:
		return Collation{ID: 250, Name: "gb18030_unicode_520_ci", Charset: "gb18030", MaxLen: 4}, true
	case 255:
		return Collation{ID: 255, Name: "utf8mb4_0900_ai_ci", Charset: "utf8mb4", MaxLen: 4}, true
	case 278:
		return Collation{ID: 278, Name: "utf8mb4_0900_as_cs", Charset: "utf8mb4", MaxLen: 4}, true
	case 305:
		return Collation{ID: 305, Name: "utf8mb4_0900_as_ci", Charset: "utf8mb4", MaxLen: 4}, true
	case 309:
		return Collation{ID: 309, Name: "utf8mb4_0900_bin", Charset: "utf8mb4", MaxLen: 4}, true
	}
	return Collation{}, false
}

func mysqlIDByName(name string) (uint16, bool) {
	switch name {
	case "gb18030_chinese_ci":
		return 248, true
	case "gb18030_bin":
		return 249, true
	case "gb18030_unicode_520_ci":
		return 250, true
	case "utf8mb4_0900_ai_ci":
		return 255, true
	case "utf8mb4_0900_as_cs":
		return 278, true
	case "utf8mb4_0900_as_ci":
		return 305, true
	case "utf8mb4_0900_bin":
		return 309, true
	}
	return 0, false
}
