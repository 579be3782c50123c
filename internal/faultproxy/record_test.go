package faultproxy_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// The recordings may be read while traffic flows (run with -race).
func TestRecordingWhileFlowing(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c, l := link(t, p, 0)
	data := randomBytes(2<<20, 9)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var last int64
	monotonic := true
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			n := l.ForwardedLen(faultproxy.Downstream)
			if n < last {
				monotonic = false
			}
			last = n
			if rec := l.Recorded(faultproxy.Upstream); !bytes.Equal(rec, data[:len(rec)]) {
				monotonic = false
			}
		}
	}()
	werr := make(chan error, 1)
	go func() {
		_, err := c.Write(data)
		werr <- err
	}()
	got := readN(t, c, len(data))
	close(stop)
	wg.Wait()
	if err := <-werr; err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Fatal("echo differs")
	}
	if !monotonic {
		t.Error("a recording shrank or differed from a prefix of the data")
	}
}

func TestRecordLimit(t *testing.T) {
	tests := []struct {
		limit int64
		want  int
	}{
		{0, 100}, // the default keeps far more
		{10, 10},
		{-1, 0},
	}
	for _, tt := range tests {
		srv := startServer(t, echo)
		p := newProxy(t, faultproxy.Config{Upstream: srv.addr(), RecordLimit: tt.limit})
		c, l := link(t, p, 0)
		data := randomBytes(100, 1)
		mustWrite(t, c, data)
		readN(t, c, 100)
		for _, d := range []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream} {
			// The count follows the write the peer may already have seen.
			if err := l.WaitForwarded(ctxT(t), d, 100); err != nil {
				t.Fatal(err)
			}
			rec, fwd := l.Recorded(d), l.Forwarded(d)
			if !bytes.Equal(rec, data[:tt.want]) || !bytes.Equal(fwd, data[:tt.want]) {
				t.Errorf("limit %d, %s: kept %d and %d bytes, want %d", tt.limit, d, len(rec), len(fwd), tt.want)
			}
			if l.RecordedLen(d) != 100 || l.ForwardedLen(d) != 100 {
				t.Errorf("limit %d, %s: counts %d/%d, want 100", tt.limit, d, l.RecordedLen(d), l.ForwardedLen(d))
			}
		}
	}
}
