//go:build record

package aiomysql_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/replay"
)

// replayMixedSetup creates replay_mixed: the 8 columns of performance.md's
// mixed table, replayMixedRows rows, note NULL on every other row.
func replayMixedSetup() []string {
	var b strings.Builder
	b.WriteString("INSERT INTO replay_mixed VALUES ")
	base := time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)
	for i := 1; i <= replayMixedRows; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		note := "NULL"
		if i%2 == 1 {
			note = fmt.Sprintf("'note-%d'", i)
		}
		fmt.Fprintf(&b, "(%d,%d,%g,%d.%02d,'name-%06d','%s',%d,%s)", i, int64(i)*1000003, float64(i)*1.5,
			i*3, i%100, i, base.Add(time.Duration(i)*time.Second).Format("2006-01-02 15:04:05.000000"), i%2, note)
	}
	return []string{
		"DROP TABLE IF EXISTS replay_mixed",
		"CREATE TABLE replay_mixed (id INT PRIMARY KEY, a BIGINT NOT NULL, f DOUBLE NOT NULL, d DECIMAL(12,2) NOT NULL," +
			" name VARCHAR(64) NOT NULL, created DATETIME(6) NOT NULL, flag TINYINT NOT NULL, note VARCHAR(100) NULL)",
		b.String(),
		"DROP TABLE IF EXISTS replay_foo",
		"CREATE TABLE replay_foo (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)",
		"INSERT INTO replay_foo VALUES (1,'name-1'),(2,'name-2'),(3,'name-3'),(4,'name-4')",
	}
}

// TestRecordReplayScripts records testdata/replay's scripts from the test
// server. It is built only with the record tag, so that no ordinary run
// rewrites the committed scripts:
//
//	go test -tags record -run TestRecordReplayScripts .
func TestRecordReplayScripts(t *testing.T) {
	ctx := testCtx(t)
	setup := connectT(t, plainConfig(t))
	for _, q := range replayMixedSetup() {
		if _, err := setup.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	record := func(file string, query func(*aiomysql.Conn) error) {
		rec := replay.NewRecorder(nil)
		cfg := plainConfig(t)
		cfg.Dialer = rec.Dial
		c := connectT(t, cfg)
		if err := query(c); err != nil { // the warm-up (prepares, for a point select)
			t.Fatal(err)
		}
		if err := rec.Mark(); err != nil {
			t.Fatal(err)
		}
		if err := query(c); err != nil {
			t.Fatal(err)
		}
		s, err := rec.Script()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := s.MarshalBinary()
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d steps, loop at %d, %d bytes", file, len(s.Steps), s.Loop, len(b))
	}
	record(replayPointFile, func(c *aiomysql.Conn) error { return replayPointSelect(ctx, c) })
	record(replayMixedFile, func(c *aiomysql.Conn) error {
		var r replayRow
		n, err := replayReadMixed(ctx, c, &r)
		if err == nil && n != replayMixedRows {
			err = fmt.Errorf("%d rows, want %d", n, replayMixedRows)
		}
		return err
	})
}
