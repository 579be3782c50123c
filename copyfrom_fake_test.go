package aiomysql_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// copyFakeServer answers every query with a LOCAL INFILE request for the
// name ask makes of the query's text, reads the file and answers OK with
// its size as the affected rows.
type copyFakeServer struct {
	srv  *fakeserver.Server
	mu   sync.Mutex
	ask  func(query string) string
	got  chan infileReply
	text chan string // each query's text
}

func startCopyFakeServer(t *testing.T) *copyFakeServer {
	t.Helper()
	s := &copyFakeServer{got: make(chan infileReply, 16), text: make(chan string, 16)}
	s.srv = fakeserver.Start(t, func(c *fakeserver.Conn) error {
		if err := c.Greet(nativeGreeting()); err != nil {
			return err
		}
		if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
			return err
		}
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return err
		}
		return serveQueries(c, false, func(q string) error {
			s.text <- q
			s.mu.Lock()
			name := s.ask(q)
			s.mu.Unlock()
			r, err := requestFile(c, name)
			if err != nil {
				return err
			}
			s.got <- r
			return c.WriteOK(wire.OK{AffectedRows: uint64(len(r.data)), StatusFlags: wire.ServerStatusAutocommit})
		})
	})
	return s
}

func (s *copyFakeServer) setAsk(ask func(string) string) {
	s.mu.Lock()
	s.ask = ask
	s.mu.Unlock()
}

// fileNamed is the file name a LOAD DATA LOCAL INFILE '<name>' names.
func fileNamed(q string) string {
	_, rest, _ := strings.Cut(q, "'")
	name, _, _ := strings.Cut(rest, "'")
	return name
}

// watchedSource is a source of rows that records whether it was read.
type watchedSource struct {
	aiomysql.CopyFromSource
	read bool
}

func (w *watchedSource) Next() bool {
	w.read = true
	return w.CopyFromSource.Next()
}

// TestCopyFromAnswersOnlyItsName: during CopyFrom the connection serves the
// file it named, and only it: a request for any other name (a path, the
// name with something added, the name of an earlier copy) gets the empty
// terminator and an error wrapping ErrLocalInfileRefused, the rows are not
// even read, and after the call the handler is the connection's own again.
func TestCopyFromAnswersOnlyItsName(t *testing.T) {
	s := startCopyFakeServer(t)
	cfg := fakeConfig(t, s.srv)
	cfg.LocalInfile = true
	conn := connectT(t, cfg)
	ctx := testCtx(t)
	rows := [][]any{{1, "a\tb"}, {2, nil}}

	s.setAsk(fileNamed)
	src := &watchedSource{CopyFromSource: aiomysql.CopyFromRows(rows)}
	res, err := conn.CopyFrom(ctx, "t", []string{"id", "name"}, src)
	if err != nil {
		t.Fatal(err)
	}
	q := <-s.text
	first := fileNamed(q)
	if !strings.HasPrefix(first, "aiomysql-copyfrom-") || len(first) != len("aiomysql-copyfrom-")+32 {
		t.Errorf("the file is named %q", first)
	}
	if want := "1\ta\\tb\n2\t\\N\n"; string((<-s.got).data) != want || res.Rows != int64(len(want)) || !src.read {
		t.Errorf("the server got a different file, or the result %+v is not its reply", res)
	}

	for _, ask := range []func(string) string{
		func(string) string { return "/etc/passwd" },
		func(q string) string { return fileNamed(q) + "x" },
		func(q string) string { return fileNamed(q)[:len(fileNamed(q))-1] },
		func(string) string { return first }, // an earlier copy's name
		func(string) string { return "" },
	} {
		s.setAsk(ask)
		src := &watchedSource{CopyFromSource: aiomysql.CopyFromRows(rows)}
		_, err := conn.CopyFrom(ctx, "t", []string{"id", "name"}, src)
		q := <-s.text
		r := <-s.got
		if !errors.Is(err, aiomysql.ErrLocalInfileRefused) {
			t.Errorf("request for %q: error %v, want ErrLocalInfileRefused", ask(q), err)
		}
		if len(r.data) != 0 || r.packets != 1 || src.read {
			t.Errorf("request for %q: %d bytes in %d packets sent, rows read %v; want only the terminator", ask(q), len(r.data), r.packets, src.read)
		}
	}

	// After the copy, a request for its name is the connection's business
	// again: refused, as LocalInfileAllow is empty.
	s.setAsk(func(string) string { return first })
	_, err = conn.Exec(ctx, "SELECT 1")
	<-s.text
	if r := <-s.got; !errors.Is(err, aiomysql.ErrLocalInfileRefused) || len(r.data) != 0 {
		t.Errorf("a later request for the copy's file: error %v, %d bytes sent", err, len(r.data))
	}
	if err := conn.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}
