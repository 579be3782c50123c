package dbsql_test

import (
	"fmt"
	"testing"
)

// TestProgramColumnTypes reads rows.ColumnTypes of a table with common
// column types: the database type name, the Go type Scan chooses, the
// nullability, length and decimal size a program (or an ORM) reads there.
// The two drivers must agree on each but the length, which go-sql-driver
// does not report (its ColumnTypeLength is not implemented) and ours does;
// a few are also checked against the values go-sql-driver documents.
func TestProgramColumnTypes(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []string {
		db := open(t, d, "parseTime=true")
		exec(t, db, "DROP TABLE IF EXISTS program_coltypes",
			`CREATE TABLE program_coltypes (
				i INT NOT NULL, iu INT UNSIGNED NULL, bi BIGINT NULL, ti TINYINT(1) NOT NULL,
				dec5 DECIMAL(10,3) NULL, f FLOAT NOT NULL, dbl DOUBLE NULL,
				vc VARCHAR(20) NOT NULL, txt TEXT NULL, vb VARBINARY(8) NULL, bl BLOB NULL,
				dt DATETIME(6) NULL, ts TIMESTAMP NULL, d DATE NOT NULL, tm TIME NULL,
				e ENUM('a','b') NULL, j JSON NULL, bt BIT(4) NULL)`,
			"INSERT INTO program_coltypes (i, ti, f, vc, d) VALUES (1, 1, 1.5, 'x', '2024-01-02')")
		rows, err := db.QueryContext(testContext(t), "SELECT * FROM program_coltypes")
		if err != nil {
			t.Fatalf("SELECT: %v", err)
		}
		defer rows.Close()
		types, err := rows.ColumnTypes()
		if err != nil {
			t.Fatalf("ColumnTypes: %v", err)
		}
		var out, lengths []string
		for _, c := range types {
			nullable, okN := c.Nullable()
			length, okL := c.Length()
			prec, scale, okD := c.DecimalSize()
			out = append(out, fmt.Sprintf("%s %s %v null=%v,%v dec=%d,%d,%v",
				c.Name(), c.DatabaseTypeName(), c.ScanType(), nullable, okN, prec, scale, okD))
			lengths = append(lengths, fmt.Sprintf("%s %d,%v", c.Name(), length, okL))
		}
		wantLengths := map[int]string{0: "i 0,false", 7: "vc 0,false", 9: "vb 0,false"}
		if d.name == "aiomysql" {
			wantLengths = map[int]string{0: "i 0,false", 7: "vc 20,true", 8: "txt 65535,true", 9: "vb 8,true"}
		}
		for i, want := range wantLengths {
			if got := at(lengths, i); got != want {
				t.Errorf("column %d length: got %q, want %q", i, got, want)
			}
		}
		for i, want := range map[int]string{
			0:  "i INT int32 null=false,true dec=0,0,false",
			1:  "iu UNSIGNED INT sql.NullInt64 null=true,true dec=0,0,false",
			3:  "ti TINYINT int8 null=false,true dec=0,0,false",
			7:  "vc VARCHAR string null=false,true dec=0,0,false",
			11: "dt DATETIME sql.NullTime null=true,true dec=6,6,true",
			15: "e ENUM sql.NullString null=true,true dec=0,0,false",
		} {
			if i >= len(out) || out[i] != want {
				t.Errorf("column %d: got %q, want %q", i, at(out, i), want)
			}
		}
		return out
	})
}

// at returns s[i], or "" when i is out of range.
func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}
