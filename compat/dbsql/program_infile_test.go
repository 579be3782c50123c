package dbsql_test

import (
	"io"
	"strings"
	"testing"
)

// infileResult is what TestProgramLoadDataReader saw.
type infileResult struct {
	Affected int64
	Rows     []string
}

// TestProgramLoadDataReader loads rows with LOAD DATA LOCAL INFILE
// 'Reader::name' from a reader registered with the driver's
// RegisterReaderHandler: the one call a go-sql-driver program changes.
func TestProgramLoadDataReader(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) infileResult {
		const data = "1,alpha\n2,beta\n3,gamma with spaces\n"
		name := "program_" + strings.ReplaceAll(d.name, "-", "_")
		d.registerReader(name, func() io.Reader { return strings.NewReader(data) })
		db := open(t, d, "")
		exec(t, db, "DROP TABLE IF EXISTS program_infile", "CREATE TABLE program_infile (id INT PRIMARY KEY, name VARCHAR(30))")
		res, err := db.ExecContext(testContext(t), "LOAD DATA LOCAL INFILE 'Reader::"+name+"' INTO TABLE program_infile FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' (id, name)")
		if err != nil {
			t.Fatalf("LOAD DATA LOCAL INFILE: %v", err)
		}
		r := infileResult{Affected: affected(t, res), Rows: names(t, db, "SELECT CONCAT(id, ':', name) FROM program_infile ORDER BY id")}
		want := []string{"1:alpha", "2:beta", "3:gamma with spaces"}
		if r.Affected != 3 || strings.Join(r.Rows, "|") != strings.Join(want, "|") {
			t.Errorf("loaded %d rows %q, want 3 rows %q", r.Affected, r.Rows, want)
		}
		return r
	})
}
