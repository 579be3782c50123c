package sqltext_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

func TestSplitInsert(t *testing.T) {
	tests := []struct {
		name                string
		query               string
		o                   sqltext.Options
		prefix, row, suffix string
	}{
		{"simple", "INSERT INTO t (a, b) VALUES (?, ?)", defaults,
			"INSERT INTO t (a, b) VALUES ", "(?, ?)", ""},
		{"lower case, value", "insert into t value(?)", defaults,
			"insert into t value", "(?)", ""},
		{"ignore", "INSERT IGNORE INTO t (a, b) VALUES (?, ?)", defaults,
			"INSERT IGNORE INTO t (a, b) VALUES ", "(?, ?)", ""},
		{"replace", "REPLACE LOW_PRIORITY t VALUES (%s)", format,
			"REPLACE LOW_PRIORITY t VALUES ", "(%s)", ""},
		{"qualified quoted", "INSERT INTO `db`.`t` VALUES (?)", defaults,
			"INSERT INTO `db`.`t` VALUES ", "(?)", ""},
		{"partition", "INSERT INTO t PARTITION (p0, p1) (a) VALUES (?)", defaults,
			"INSERT INTO t PARTITION (p0, p1) (a) VALUES ", "(?)", ""},
		{"table named value", "INSERT INTO value VALUES (?)", defaults,
			"INSERT INTO value VALUES ", "(?)", ""},
		{"functions and nesting", "INSERT INTO t VALUES (?, NOW(), CONCAT(?, 'x)'))", defaults,
			"INSERT INTO t VALUES ", "(?, NOW(), CONCAT(?, 'x)'))", ""},
		{"strings with keywords", "INSERT INTO t (a) VALUES ('VALUES (', ?, \")\")", defaults,
			"INSERT INTO t (a) VALUES ", "('VALUES (', ?, \")\")", ""},
		{"comments and newlines", "/* c */ INSERT\n  INTO t -- VALUES (\n  (a)\n  VALUES\n  (?, /* ) */ ?) ;\n", defaults,
			"/* c */ INSERT\n  INTO t -- VALUES (\n  (a)\n  VALUES\n  ", "(?, /* ) */ ?)", ""},
		{"on duplicate", "INSERT INTO t (a, c) VALUES (%s, %s) ON DUPLICATE KEY UPDATE c = VALUES(c)", format,
			"INSERT INTO t (a, c) VALUES ", "(%s, %s)", " ON DUPLICATE KEY UPDATE c = VALUES(c)"},
		{"row alias", "INSERT INTO t VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE b = new.b;", defaults,
			"INSERT INTO t VALUES ", "(?, ?)", " AS new ON DUPLICATE KEY UPDATE b = new.b"},
		{"row alias with columns", "INSERT INTO t VALUES (?, ?) AS new(x, y) ON DUPLICATE KEY UPDATE b = y", defaults,
			"INSERT INTO t VALUES ", "(?, ?)", " AS new(x, y) ON DUPLICATE KEY UPDATE b = y"},
		{"row alias only", "INSERT INTO t VALUES (?) AS n  ", defaults,
			"INSERT INTO t VALUES ", "(?)", " AS n"},
		{"trailing comment", "INSERT INTO t VALUES (?) -- done", defaults,
			"INSERT INTO t VALUES ", "(?)", " -- done"},
		{"comment after semicolon", "INSERT INTO t VALUES (?); -- done\n/* x */", defaults,
			"INSERT INTO t VALUES ", "(?)", ""},
		{"pyformat", "INSERT INTO t VALUES (%(a)s, %(b)s)", pyformat,
			"INSERT INTO t VALUES ", "(%(a)s, %(b)s)", ""},
		{"percent in row", "INSERT INTO t (a) VALUES (%s %% 2)", format,
			"INSERT INTO t (a) VALUES ", "(%s %% 2)", ""},
		{"named", "INSERT INTO t VALUES (:a, @b)", named,
			"INSERT INTO t VALUES ", "(:a, @b)", ""},
		{"empty row", "INSERT INTO t () VALUES ()", defaults,
			"INSERT INTO t () VALUES ", "()", ""},
		{"executable comment before", "INSERT /*! IGNORE */ INTO t VALUES (?)", defaults,
			"INSERT /*! IGNORE */ INTO t VALUES ", "(?)", ""},
		{"ansi quoted table", `INSERT INTO "t" VALUES (?)`, ansi,
			`INSERT INTO "t" VALUES `, "(?)", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prefix, row, suffix, ok := sqltext.SplitInsert(tc.query, tc.o)
			if !ok {
				t.Fatalf("SplitInsert(%q): not ok", tc.query)
			}
			if prefix != tc.prefix || row != tc.row || suffix != tc.suffix {
				t.Errorf("SplitInsert(%q)\n got %q %q %q\nwant %q %q %q", tc.query, prefix, row, suffix, tc.prefix, tc.row, tc.suffix)
			}
		})
	}
}

func TestSplitInsertRefuses(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
	}{
		{"set", "INSERT INTO t SET a = ?", defaults},
		{"select", "INSERT INTO t (a) SELECT ? FROM u", defaults},
		{"select in parens", "INSERT INTO t (SELECT ?)", defaults},
		{"values row", "INSERT INTO t VALUES ROW(?, ?)", defaults},
		{"two tuples", "INSERT INTO t VALUES (?), (?)", defaults},
		{"second statement", "INSERT INTO t VALUES (?); SELECT 1", defaults},
		{"second statement after update", "INSERT INTO t VALUES (?) ON DUPLICATE KEY UPDATE a = 1; DROP TABLE t", defaults},
		{"update", "UPDATE t SET a = ?", defaults},
		{"select statement", "SELECT 'INSERT INTO t VALUES (?)'", defaults},
		{"with", "WITH x AS (SELECT 1) INSERT INTO t VALUES (?)", defaults},
		{"unclosed tuple", "INSERT INTO t VALUES (?, (?)", defaults},
		{"unterminated string", "INSERT INTO t VALUES (?, 'x)", defaults},
		{"unterminated after", "INSERT INTO t VALUES (?); /* x", defaults},
		{"subquery", "INSERT INTO t VALUES (?, (SELECT MAX(a) FROM u))", defaults},
		{"returning", "INSERT INTO t VALUES (?) RETURNING id", defaults},
		{"junk after", "INSERT INTO t VALUES (?) x", defaults},
		{"placeholder in update", "INSERT INTO t VALUES (?) ON DUPLICATE KEY UPDATE b = ?", defaults},
		{"format placeholder in update", "INSERT INTO t VALUES (%s) ON DUPLICATE KEY UPDATE b = %s", format},
		{"user variable in update, named", "INSERT INTO t VALUES (:a) ON DUPLICATE KEY UPDATE b = @x", named},
		{"bad percent", "INSERT INTO t VALUES (%s, %d)", format},
		{"on without duplicate", "INSERT INTO t VALUES (?) ON KEY UPDATE a = 1", defaults},
		{"as without alias", "INSERT INTO t VALUES (?) AS", defaults},
		{"tuple in executable comment", "/*! INSERT INTO t VALUES (?) */", defaults},
		{"tuple across executable comment", "INSERT INTO t VALUES (? /*! , ?) */", defaults},
		{"semicolon in executable comment", "INSERT INTO t VALUES (?) /*! ; */", defaults},
		{"no table", "INSERT INTO VALUES (?)", defaults},
		{"placeholder in conditional comment", "INSERT /*!50000 IGNORE ? */ INTO t VALUES (?)", defaults},
		{"empty", "", defaults},
		{"bad style", "INSERT INTO t VALUES (?)", sqltext.Options{Style: 42}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if p, r, s, ok := sqltext.SplitInsert(tc.query, tc.o); ok {
				t.Errorf("SplitInsert(%q) = %q %q %q, want not ok", tc.query, p, r, s)
			}
		})
	}
}

// TestSplitInsertRewrite builds the multi-row statement the way executemany
// does and checks it interpolates to what is expected.
func TestSplitInsertRewrite(t *testing.T) {
	const query = "INSERT INTO t (a, b) VALUES (%s, CONCAT(%s, '%%')) AS new ON DUPLICATE KEY UPDATE b = new.b;"
	prefix, row, suffix, ok := sqltext.SplitInsert(query, format)
	if !ok {
		t.Fatal("not ok")
	}
	rows := [][]any{{1, "x"}, {2, "y'"}}
	b, err := sqltext.Interpolate(nil, prefix, format, nil, nil, appendLiteral)
	if err != nil {
		t.Fatal(err)
	}
	for i, args := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = sqltext.Interpolate(b, row, format, args, nil, appendLiteral); err != nil {
			t.Fatal(err)
		}
	}
	if b, err = sqltext.Interpolate(b, suffix, format, nil, nil, appendLiteral); err != nil {
		t.Fatal(err)
	}
	// %% is % in a string too, as Python's % makes it.
	const want = `INSERT INTO t (a, b) VALUES (1, CONCAT('x', '%')),(2, CONCAT('y\'', '%')) AS new ON DUPLICATE KEY UPDATE b = new.b`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
