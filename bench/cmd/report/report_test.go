package main

import (
	"path/filepath"
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkPointSelect/impl=native/c=1/tcp/text-2   100  50000 ns/op  20000 q/s  100 B/op  4 allocs/op
BenchmarkPointSelect/impl=native/c=1/tcp/text-2   100  70000 ns/op  14285 q/s  100 B/op  4 allocs/op
BenchmarkPointSelect/impl=native/c=1/tcp/text-2   100  60000 ns/op  16666 q/s  100 B/op  4 allocs/op
BenchmarkPointSelect/impl=gsd/c=1/tcp/text-2      100  90000 ns/op  11111 q/s  900 B/op  20 allocs/op
BenchmarkBulkInsert/impl=native/executemany/rows=10k-2  1  10000000 ns/op  1000000 rows/s
BenchmarkBulkInsert/impl=gsd/perrow/rows=10k-2          1  100000000 ns/op  100000 rows/s
BenchmarkBulkInsert/impl=gsd/multirow/rows=10k-2        1  20000000 ns/op  500000 rows/s
BenchmarkCursorFetch/impl=native/cursor/rows=1M-2       1  2000000000 ns/op  3.5 peak-heap-MiB  500000 rows/s
BenchmarkNoImpl-2   10  5 ns/op
PASS
`

func TestCompare(t *testing.T) {
	res, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	rows := compare(res)
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6: %+v", len(rows), rows)
	}
	ps := rows[0]
	if ps.bench != "PointSelect" || ps.impl != "native" || ps.ns != 60000 || ps.rateUnit != "q/s" {
		t.Errorf("first row %+v", ps)
	}
	if len(ps.ratios) != 1 || ps.ratios[0].x != 1.5 {
		t.Errorf("PointSelect ratio %+v, want 1.5", ps.ratios)
	}
	bulk := rows[2]
	if len(bulk.ratios) != 2 || bulk.ratios[0].x != 10 || bulk.ratios[1].x != 2 ||
		bulk.ratios[1].against != "multirow/rows=10k" {
		t.Errorf("BulkInsert ratios %+v, want 10× perrow and 2× multirow", bulk.ratios)
	}
	if cf := rows[5]; cf.extra != "3.50 peak-heap-MiB" || len(cf.ratios) != 0 {
		t.Errorf("CursorFetch row %+v", cf)
	}
	var b strings.Builder
	if err := writeTable(&b, rows, "noisy"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| PointSelect | native | c=1/tcp/text | 60.0 µs | 4 | 16666 q/s | **1.50×** |") {
		t.Errorf("table:\n%s", b.String())
	}
	if err := writeChart(filepath.Join(t.TempDir(), "chart.svg"), rows); err != nil {
		t.Fatal(err)
	}
}

func TestMedian(t *testing.T) {
	if m := median([]float64{3, 1, 2, 10}); m != 2.5 {
		t.Errorf("median = %v, want 2.5", m)
	}
	if m := median(nil); m != 0 {
		t.Errorf("median(nil) = %v", m)
	}
}

// TestTargets: a target is met or not by the run's medians; a variant only
// ours has is compared with gsd's variant without its last segment.
func TestTargets(t *testing.T) {
	res, err := parse(strings.NewReader(`
BenchmarkPoolAcquire/impl=native/par=1-2          100  400 ns/op  0 allocs/op
BenchmarkPoolAcquire/impl=native/par=1/peek=1s-2  100   90 ns/op  0 allocs/op
BenchmarkPoolAcquire/impl=gsd/par=1-2             100  500 ns/op  4 allocs/op
BenchmarkConnect/impl=native-2                    100  300 ns/op  60 allocs/op
BenchmarkConnect/impl=gsd-2                       100  330 ns/op  27 allocs/op
`))
	if err != nil {
		t.Fatal(err)
	}
	rows := compare(res)
	if r := rows[1]; len(r.ratios) != 1 || r.ratios[0].against != "par=1" {
		t.Errorf("peek=1s row compared with %+v, want gsd's par=1", r.ratios)
	}
	got := map[string]bool{}
	for _, c := range check(rows, targets()) {
		got[c.goal+" "+c.rest] = c.met
	}
	want := map[string]bool{
		"PoolAcquire native ≤100 ns uncontended par=1":         false,
		"PoolAcquire native ≤100 ns uncontended par=1/peek=1s": true,
		"PoolAcquire native 0 allocs uncontended par=1":        true,
		"Connect ≥1.2× ":                 false,
		"Connect fewer allocs than gsd ": false,
	}
	if len(got) != len(want) {
		t.Errorf("checked %v, want %v", got, want)
	}
	for k, v := range want {
		if m, ok := got[k]; !ok || m != v {
			t.Errorf("%q: met=%v (checked: %v), want %v", k, m, ok, v)
		}
	}
	var b strings.Builder
	if err := writeTargets(&b, check(rows, targets())); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "2 of 5 met") {
		t.Errorf("targets table:\n%s", b.String())
	}
}
