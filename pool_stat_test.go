package aiomysql_test

import (
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// TestPoolAcquireDuration: AcquireDuration counts the acquires that opened
// a connection, waited or checked one, and not those that took an idle
// connection at once (timing those would cost a fifth of them).
func TestPoolAcquireDuration(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) {
		c.MinSize = 0
		c.MaxSize = 1
		c.PeekAfterIdle = time.Hour
	})
	c, err := p.Acquire(ctx) // opens the connection
	if err != nil {
		t.Fatal(err)
	}
	c.Release()
	opened := p.Stat().AcquireDuration
	if opened <= 0 {
		t.Fatalf("AcquireDuration %v after an acquire that connected", opened)
	}

	c, err = p.Acquire(ctx) // idle, not peeked at (idle for less than an hour)
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Stat().AcquireDuration; d != opened {
		t.Fatalf("AcquireDuration %v after an acquire at once, want %v as before", d, opened)
	}

	type waited struct {
		took time.Duration
		err  error
	}
	done := make(chan waited, 1)
	go func() {
		start := time.Now()
		c2, err := p.Acquire(ctx)
		took := time.Since(start)
		if err == nil {
			c2.Release()
		}
		done <- waited{took, err}
	}()
	for p.Stat().EmptyAcquireCount == 0 { // the only sign that it waits in line
		time.Sleep(time.Millisecond)
	}
	c.Release()
	w := <-done
	if w.err != nil {
		t.Fatal(w.err)
	}
	added := p.Stat().AcquireDuration - opened
	if added <= 0 || added > w.took {
		t.Fatalf("a waiting acquire added %v to AcquireDuration; it took %v", added, w.took)
	}
	t.Logf("connect %v, wait %v", opened, added)
}
