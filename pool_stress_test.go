package aiomysql_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"go.uber.org/goleak"
)

func TestPoolStress(t *testing.T) {
	testServer(t) // started before the goroutines are counted
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ctx := testCtx(t)
	const maxSize = 8
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = maxSize; c.MinSize = 0 })
	const dur = 20 * time.Second
	deadline := time.Now().Add(dur)
	stop := make(chan struct{})
	var samplerDone sync.WaitGroup
	var samples, over atomic.Int64
	samplerDone.Add(1)
	go func() {
		defer samplerDone.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			samples.Add(1)
			if n := p.Stat().TotalConns; n > maxSize {
				over.Add(1)
				t.Errorf("TotalConns %d > MaxSize %d", n, maxSize)
			}
		}
	}()
	var ok, ctxErrs, acqErrs, qErrs atomic.Int64
	var mu sync.Mutex
	kinds := map[string]int{}
	var wg sync.WaitGroup
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for time.Now().Before(deadline) {
				octx, cancel := ctx, context.CancelFunc(func() {})
				switch r.IntN(4) {
				case 0:
					octx, cancel = context.WithTimeout(ctx, time.Duration(r.IntN(20_000))*time.Microsecond)
				case 1:
					octx, cancel = context.WithCancel(ctx)
					tm := time.AfterFunc(time.Duration(r.IntN(20_000))*time.Microsecond, cancel)
					c0 := cancel
					cancel = func() { tm.Stop(); c0() }
				}
				c, err := p.Acquire(octx)
				if err != nil {
					cancel()
					acqErrs.Add(1)
					if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("acquire: %v, want a context error", err)
						return
					}
					ctxErrs.Add(1)
					continue
				}
				if r.IntN(2) == 0 {
					var n int
					err = c.QueryRow(octx, "SELECT SLEEP(0.00"+string(rune('1'+r.IntN(5)))+")").Scan(&n)
				} else {
					var rows *aiomysql.Rows
					rows, err = c.Query(octx, "SELECT seq FROM seq_1_to_5")
					if err == nil {
						for rows.Next() {
						}
						rows.Close()
						err = rows.Err()
					}
				}
				c.Release()
				cancel()
				if err != nil {
					qErrs.Add(1)
					mu.Lock()
					kinds[errKind(err)]++
					mu.Unlock()
					if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("query: %v, want an error wrapping a context error", err)
						return
					}
					ctxErrs.Add(1)
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	close(stop)
	samplerDone.Wait()
	st := p.Stat()
	t.Logf("ok %d, acquire ctx errors %d, query errors %d (%v), samples %d, over %d; stat %+v",
		ok.Load(), acqErrs.Load(), qErrs.Load(), kinds, samples.Load(), over.Load(), st)
	if ok.Load() == 0 {
		t.Fatal("no successful iteration")
	}
	p.Close()
	if err := p.WaitClosed(ctx); err != nil {
		t.Fatal(err)
	}
	if n := p.Stat().TotalConns; n != 0 {
		t.Fatalf("TotalConns %d after WaitClosed", n)
	}
}

func errKind(err error) string {
	switch {
	case errors.Is(err, aiomysql.ErrConnLost):
		return "ErrConnLost"
	case errors.Is(err, aiomysql.ErrNotSent):
		return "ErrNotSent"
	}
	return "other"
}
