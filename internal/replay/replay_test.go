package replay_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/replay"
)

// serve runs a tiny line server on l until the client closes: a greeting,
// then "ok:" and the line for each line, written in two pieces. It returns
// a channel closed when the server is done.
func serve(t *testing.T, l net.Listener) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c, err := l.Accept()
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close()
		if _, err := c.Write([]byte("hello\n")); err != nil {
			t.Error(err)
			return
		}
		r := bufio.NewReader(c)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return // the client is gone
			}
			if _, err := c.Write([]byte("ok:")); err != nil {
				return
			}
			if _, err := c.Write([]byte(line)); err != nil {
				return
			}
		}
	}()
	return done
}

// ask writes q (3 bytes and a newline) on c and reads the reply.
func ask(t *testing.T, c net.Conn, q string) string {
	t.Helper()
	if _, err := c.Write([]byte(q + "\n")); err != nil {
		t.Fatal(err)
	}
	reply := make([]byte, len("ok:")+len(q)+1)
	if _, err := io.ReadFull(c, reply); err != nil {
		t.Fatal(err)
	}
	return string(reply)
}

func greet(t *testing.T, c net.Conn) {
	t.Helper()
	g := make([]byte, 6)
	if _, err := io.ReadFull(c, g); err != nil || string(g) != "hello\n" {
		t.Fatalf("greeting %q, %v", g, err)
	}
}

// record records a greeting, q1, a mark, then q2.
func record(t *testing.T) *replay.Script {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	done := serve(t, l)
	rec := replay.NewRecorder(nil)
	c, err := rec.Dial(context.Background(), "tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	greet(t, c)
	ask(t, c, "q1a")
	if err := rec.Mark(); err != nil {
		t.Fatal(err)
	}
	ask(t, c, "q2b")
	c.Close()
	<-done
	s, err := rec.Script()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRecordSteps(t *testing.T) {
	s := record(t)
	want := []replay.Step{
		{Server: []byte("hello\n")},
		{Client: []byte("q1a\n"), Server: []byte("ok:q1a\n")},
		{Client: []byte("q2b\n"), Server: []byte("ok:q2b\n")},
	}
	if len(s.Steps) != len(want) || s.Loop != 2 {
		t.Fatalf("%d steps, loop %d; want %d, 2", len(s.Steps), s.Loop, len(want))
	}
	for i, st := range s.Steps {
		if !bytes.Equal(st.Client, want[i].Client) || !bytes.Equal(st.Server, want[i].Server) {
			t.Errorf("step %d: %q / %q, want %q / %q", i, st.Client, st.Server, want[i].Client, want[i].Server)
		}
	}
	if got := s.ServerBytes(s.Loop); got != 7 {
		t.Errorf("ServerBytes(loop) = %d, want 7", got)
	}
}

func TestReplayLoops(t *testing.T) {
	s := record(t)
	c := s.Conn("tcp", "db:3306")
	greet(t, c)
	if got := ask(t, c, "q1a"); got != "ok:q1a\n" {
		t.Fatalf("first reply %q", got)
	}
	for range 3 { // the marked step, again and again
		if got := ask(t, c, "q2b"); got != "ok:q2b\n" {
			t.Fatalf("looped reply %q", got)
		}
	}
	if c.Rounds() != 5 || c.Written() != 16 {
		t.Errorf("rounds %d, written %d; want 5, 16", c.Rounds(), c.Written())
	}
	if c.RemoteAddr().String() != "db:3306" || c.RemoteAddr().Network() != "tcp" {
		t.Errorf("remote address %v", c.RemoteAddr())
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("write after close: %v", err)
	}
}

func TestReplayReadWithoutRequest(t *testing.T) {
	s := record(t)
	c := s.Conn("tcp", "db:3306")
	greet(t, c)
	buf := make([]byte, 8)
	if _, err := c.Read(buf); !errors.Is(err, replay.ErrNoRequest) {
		t.Errorf("read before any request: %v, want ErrNoRequest", err)
	}
	_ = c.SetReadDeadline(deadline)
	_, err := c.Read(buf)
	var ne net.Error
	if !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("read with a deadline: %v, want a timeout", err)
	}
}

func TestReplayEndsWithoutLoop(t *testing.T) {
	s := record(t)
	s.Loop = len(s.Steps)
	c := s.Conn("tcp", "x")
	greet(t, c)
	ask(t, c, "q1a")
	ask(t, c, "q2b")
	if _, err := c.Write([]byte("q3c\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("read past the end: %v, want io.EOF", err)
	}
}

func TestReplayAllocations(t *testing.T) {
	s := record(t)
	c := s.Conn("tcp", "x")
	greet(t, c)
	q, reply := []byte("q2b\n"), make([]byte, 7)
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = c.Write(q)
		_, _ = io.ReadFull(c, reply)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per exchange, want 0", allocs)
	}
}

func TestScriptMarshal(t *testing.T) {
	s := record(t)
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got replay.Script
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if got.Loop != s.Loop || len(got.Steps) != len(s.Steps) {
		t.Fatalf("loop %d, %d steps; want %d, %d", got.Loop, len(got.Steps), s.Loop, len(s.Steps))
	}
	for i := range s.Steps {
		if !bytes.Equal(got.Steps[i].Client, s.Steps[i].Client) || !bytes.Equal(got.Steps[i].Server, s.Steps[i].Server) {
			t.Errorf("step %d differs", i)
		}
	}
	for _, bad := range [][]byte{nil, []byte("nope"), b[:len(b)-1], append(b, 0)} {
		if err := new(replay.Script).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%d bytes) took a bad script", len(bad))
		}
	}
}

func TestRecorderNeedsOneConn(t *testing.T) {
	rec := replay.NewRecorder(nil)
	if err := rec.Mark(); err == nil {
		t.Error("Mark with no connection")
	}
	if _, err := rec.Script(); err == nil {
		t.Error("Script with no connection")
	}
}

func TestReplayEmptySteps(t *testing.T) {
	s := &replay.Script{Steps: []replay.Step{{}, {}}}
	if _, err := s.Conn("tcp", "x").Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("read of a script of empty steps: %v, want io.EOF", err)
	}
}
