package main

import (
	"fmt"
	"io"
	"strings"
)

// target is one goal of performance.md checked against a run: a row of
// ours (bench, impl, variant) held to a bound on its time, its allocations,
// a metric, or its speed over another row (a gsd variant, or one of ours).
type target struct {
	goal               string // the goal as performance.md states it
	bench, impl, rest  string
	kind               targetKind
	bound              float64
	baseImpl, baseRest string // for ratio and allocRatio: the row compared with
	metric             string // for maxMetric
}

type targetKind int

const (
	minRatio   targetKind = iota // base ns/op over ours ≥ bound
	maxNanos                     // ours ns/op ≤ bound
	maxAllocs                    // ours allocs/op ≤ bound
	allocRatio                   // ours allocs/op ≤ bound × base allocs/op
	maxMetric                    // ours metric ≤ bound
)

// vsGSD is the goal that a row of ours be at least x times as fast as gsd's
// variant rest.
func vsGSD(goal, bench, impl, variant string, x float64, gsdVariant string) target {
	return target{goal: goal, bench: bench, impl: impl, rest: variant, kind: minRatio, bound: x, baseImpl: "gsd", baseRest: gsdVariant}
}

// targets are performance.md's, for the rows the suite has.
func targets() []target {
	var ts []target
	for _, c := range []string{"1", "8", "64"} {
		x := 1.3
		if c == "1" {
			x = 1.0
		}
		for _, v := range []string{"tcp/text", "tcp/prep", "unix/text", "unix/prep"} {
			rest := "c=" + c + "/" + v
			ts = append(ts, vsGSD(fmt.Sprintf("PointSelect c=%s ≥%.1f×", c, x), "PointSelect", "native", rest, x, rest))
		}
	}
	ts = append(ts,
		vsGSD("AdhocParam with defaults ≥1.8×", "AdhocParam", "native", "mode=cache_statement", 1.8, "interpolate=false"),
		vsGSD("LargeResult bin c=1 ≥1.45×", "LargeResult", "native", "bin/c=1", 1.45, "bin/c=1"),
		vsGSD("LargeResult text c=1 ≥1.0×", "LargeResult", "native", "text/c=1", 1.0, "text/c=1"),
		vsGSD("LargeResult text c=2 ≥1.7×", "LargeResult", "native", "text/c=2", 1.7, "text/c=2"),
		vsGSD("LargeResult text c=4 ≥1.7×", "LargeResult", "native", "text/c=4", 1.7, "text/c=4"),
		vsGSD("DecodeReplay native ≥4×", "DecodeReplay", "native", "text", 4, "text"),
		vsGSD("DecodeReplay native ≥4×", "DecodeReplay", "native", "bin", 4, "bin"),
		vsGSD("DecodeReplay stdlib ≥1.3× (Go 1.26)", "DecodeReplay", "stdlib", "text", 1.3, "text"),
		vsGSD("DecodeReplay stdlib ≥1.3× (Go 1.26)", "DecodeReplay", "stdlib", "bin", 1.3, "bin"),
		target{goal: "PointReplay native ≤300 ns", bench: "PointReplay", impl: "native", kind: maxNanos, bound: 300},
		target{goal: "PointReplay native ≤2 allocs", bench: "PointReplay", impl: "native", kind: maxAllocs, bound: 2},
	)
	for _, size := range []string{"16B", "1KiB", "64KiB", "1MiB"} {
		rest := "size=" + size
		ts = append(ts, vsGSD("PreparedRoundTrip ≥1.2×", "PreparedRoundTrip", "native", rest, 1.2, rest),
			target{goal: "PreparedRoundTrip allocs ≤ half of gsd's", bench: "PreparedRoundTrip", impl: "native", rest: rest,
				kind: allocRatio, bound: 0.5, baseImpl: "gsd", baseRest: rest})
	}
	for _, rows := range []string{"10k", "100k"} {
		v := "/rows=" + rows
		ts = append(ts,
			vsGSD("ExecuteMany ≥4× gsd per-row Exec", "BulkInsert", "native", "executemany"+v, 4, "perrow"+v),
			vsGSD("ExecuteMany ≥1.0× gsd's best bulk path", "BulkInsert", "native", "executemany"+v, 1, "multirow"+v),
			vsGSD("CopyFrom ≥1.5× gsd's best bulk path", "BulkInsert", "native", "copyfrom"+v, 1.5, "multirow"+v),
			vsGSD("multirow ≥1.0×", "BulkInsert", "native", "multirow"+v, 1, "multirow"+v))
	}
	ts = append(ts,
		vsGSD("Batch n=100 ≥3× gsd one by one", "Batch", "native", "batch/n=100", 3, "onebyone/n=100"),
		target{goal: "Batch n=100 ≥2× our own one by one", bench: "Batch", impl: "native", rest: "batch/n=100",
			kind: minRatio, bound: 2, baseImpl: "native", baseRest: "onebyone/n=100"},
	)
	for _, rows := range []string{"1M", "10M"} {
		v := "/rows=" + rows
		ts = append(ts,
			target{goal: "CursorFetch peak Go heap < 64 MiB", bench: "CursorFetch", impl: "native", rest: "cursor" + v,
				kind: maxMetric, bound: 64, metric: "peak-heap-MiB"},
			target{goal: "CursorFetch rows/s ≥0.8× a streamed read", bench: "CursorFetch", impl: "native", rest: "cursor" + v,
				kind: minRatio, bound: 0.8, baseImpl: "native", baseRest: "stream" + v})
	}
	ts = append(ts,
		target{goal: "PoolAcquire native ≤100 ns uncontended", bench: "PoolAcquire", impl: "native", rest: "par=1", kind: maxNanos, bound: 100},
		target{goal: "PoolAcquire native ≤100 ns uncontended", bench: "PoolAcquire", impl: "native", rest: "par=1/peek=1s", kind: maxNanos, bound: 100},
		target{goal: "PoolAcquire native 0 allocs uncontended", bench: "PoolAcquire", impl: "native", rest: "par=1", kind: maxAllocs, bound: 0},
		vsGSD("PoolAcquire ≥2× database/sql under contention", "PoolAcquire", "native", "par=8", 2, "par=8"),
		vsGSD("PoolAcquire ≥2× database/sql under contention", "PoolAcquire", "native", "par=8/peek=1s", 2, "par=8"),
		vsGSD("PoolAcquire ≥2× database/sql under contention", "PoolAcquire", "native", "par=64", 2, "par=64"),
		vsGSD("PoolAcquire ≥2× database/sql under contention", "PoolAcquire", "native", "par=64/peek=1s", 2, "par=64"),
		vsGSD("Connect ≥1.2×", "Connect", "native", "", 1.2, ""),
		target{goal: "Connect fewer allocs than gsd", bench: "Connect", impl: "native", kind: allocRatio, bound: 1, baseImpl: "gsd"},
		vsGSD("Metadata1000Cols ≥1.0×", "Metadata1000Cols", "native", "", 1, ""),
	)
	return ts
}

// checked is a target with what the run measured.
type checked struct {
	target
	measured string
	met      bool
}

// check measures every target the rows have (a target whose rows are
// missing from the run is left out).
func check(rows []row, ts []target) []checked {
	find := func(bench, impl, rest string) *row {
		for i := range rows {
			if r := &rows[i]; r.bench == bench && r.impl == impl && r.rest == rest {
				return r
			}
		}
		return nil
	}
	var out []checked
	for _, t := range ts {
		r := find(t.bench, t.impl, t.rest)
		if r == nil {
			continue
		}
		c := checked{target: t}
		switch t.kind {
		case minRatio, allocRatio:
			base := find(t.bench, t.baseImpl, t.baseRest)
			if base == nil {
				continue
			}
			if t.kind == minRatio {
				x := base.ns / r.ns
				c.measured, c.met = fmt.Sprintf("%.2f× (%s against %s)", x, formatDuration(r.ns), formatDuration(base.ns)), x >= t.bound
			} else {
				c.measured, c.met = fmt.Sprintf("%s allocs against %s", formatFloat(r.allocs), formatFloat(base.allocs)), r.allocs <= t.bound*base.allocs
			}
		case maxNanos:
			c.measured, c.met = formatDuration(r.ns), r.ns <= t.bound
		case maxAllocs:
			c.measured, c.met = formatFloat(r.allocs)+" allocs", r.allocs <= t.bound
		case maxMetric:
			v := r.metrics[t.metric]
			c.measured, c.met = formatFloat(v)+" "+t.metric, v <= t.bound
		}
		out = append(out, c)
	}
	return out
}

// writeTargets writes the checked targets as a Markdown table, and how many
// were met.
func writeTargets(w io.Writer, cs []checked) error {
	var b strings.Builder
	met := 0
	for _, c := range cs {
		if c.met {
			met++
		}
	}
	fmt.Fprintf(&b, "\n## Targets of performance.md in this run: %d of %d met\n\n", met, len(cs))
	b.WriteString("| target | row | measured | met |\n|---|---|---|---|\n")
	for _, c := range cs {
		name := c.bench + "/" + c.impl
		if c.rest != "" {
			name += "/" + c.rest
		}
		verdict := "yes"
		if !c.met {
			verdict = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.goal, name, c.measured, verdict)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
