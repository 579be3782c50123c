package sa_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestEngineConcurrentExecute(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MaxSize = 3 })
	tbl := testTable(t, e)
	const workers, each = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if _, err := e.Execute(ctx, "INSERT INTO "+tbl+" (val) VALUES (?)", w*each+i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	v, err := mustExec(t, e, "SELECT COUNT(*) FROM "+tbl).Scalar()
	if err != nil || v != int64(workers*each) {
		t.Fatalf("COUNT %v %v, want %d", v, err, workers*each)
	}
	if e.Size() > 3 {
		t.Fatalf("Size %d over MaxSize 3", e.Size())
	}
}

func TestExecuteCanceled(t *testing.T) {
	e := testEngine(t, nil)
	c := acquire(t, e)
	ctx, cancel := context.WithCancel(testCtx(t))
	cancel()
	if _, err := c.Execute(ctx, "SELECT 1"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Execute with an ended context: %v, want context.Canceled", err)
	}
	if v, err := c.Scalar(testCtx(t), "SELECT 2"); v != int64(2) || err != nil {
		t.Fatalf("after the canceled call: %v %v", v, err)
	}
}
