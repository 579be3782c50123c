package faultproxy_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

func TestDelay(t *testing.T) {
	const delay = 200 * time.Millisecond
	tests := []struct {
		name string
		dirs []faultproxy.Direction
		want time.Duration // least round-trip time
	}{
		{"upstream", []faultproxy.Direction{faultproxy.Upstream}, delay},
		{"downstream", []faultproxy.Direction{faultproxy.Downstream}, delay},
		{"both", []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream}, 2 * delay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, echo)
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			c, _ := link(t, p, 0)

			// Undelayed first, to show the mode applies from the next bytes.
			mustWrite(t, c, []byte("warm"))
			readN(t, c, 4)
			for _, d := range tt.dirs {
				if err := p.SetMode(d, faultproxy.Delay(delay)); err != nil {
					t.Fatal(err)
				}
			}

			// Five chunks written back to back come back in order, each at
			// least the delay late, and the delays overlap rather than add.
			var sent []byte
			start := time.Now()
			for i := range 5 {
				msg := fmt.Appendf(nil, "<chunk %d>", i)
				sent = append(sent, msg...)
				mustWrite(t, c, msg)
			}
			first := readN(t, c, 1)
			firstAt := time.Since(start)
			rest := readN(t, c, len(sent)-1)
			all := time.Since(start)
			if got := append(first, rest...); !bytes.Equal(got, sent) {
				t.Fatalf("got %q, want %q", got, sent)
			}
			if firstAt < tt.want {
				t.Errorf("first byte back after %v, want at least %v", firstAt, tt.want)
			}
			if limit := 5 * tt.want; all >= limit {
				t.Errorf("all chunks back after %v; overlapping delays should take well under %v", all, limit)
			}
		})
	}
}

// Bytes passed after a delay wait behind the delayed ones: order holds
// across a change of mode.
func TestDelayThenPassKeepsOrder(t *testing.T) {
	const delay = 200 * time.Millisecond
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c, l := link(t, p, 0)
	if err := l.SetMode(faultproxy.Upstream, faultproxy.Delay(delay)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	mustWrite(t, c, []byte("first"))
	if err := l.WaitRecorded(ctxT(t), faultproxy.Upstream, 5); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMode(faultproxy.Upstream, faultproxy.Pass()); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, c, []byte("second"))
	if got := readN(t, c, 11); string(got) != "firstsecond" {
		t.Fatalf("got %q", got)
	}
	if took := time.Since(start); took < delay {
		t.Errorf("echo after %v, want at least %v", took, delay)
	}
}
