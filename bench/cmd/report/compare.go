package main

import (
	"sort"
	"strings"
)

// baselines names, for the benchmarks whose variants differ between
// implementations, the gsd variants (the first segment after impl=) that
// an implementation's variant is compared with when gsd has no variant of
// the same name: gsd's default for AdhocParam, its per-row Exec and its
// best path (a prepared 1000-row INSERT) for BulkInsert, one by one for
// Batch, a streamed read for CursorFetch.
var baselines = map[string][]string{
	"AdhocParam":  {"interpolate=false"},
	"BulkInsert":  {"perrow", "multirow"},
	"Batch":       {"onebyone"},
	"CursorFetch": {"stream"},
}

// rateUnits are the custom metrics the table shows, the first one present.
var rateUnits = []string{"q/s", "rows/s", "MB/s"}

// row is one line of the table: an implementation's variant, its medians
// and its ratios against gsd.
type row struct {
	bench, impl, rest string
	ns, allocs        float64
	rate              float64
	rateUnit          string
	extra             string             // other custom metrics, as text
	metrics           map[string]float64 // every unit's median
	ratios            []ratio
	order             int
}

// ratio is gsd's median ns/op over the row's, against the gsd variant named.
type ratio struct {
	against string
	x       float64
}

// compare makes the table's rows from the results, in the suite's order.
func compare(res map[string]*result) []row {
	gsd := map[string]*result{}
	for _, r := range res {
		if b, impl, rest, ok := split(r.name); ok && impl == "gsd" {
			gsd[b+"/"+rest] = r
		}
	}
	var rows []row
	for _, r := range res {
		b, impl, rest, ok := split(r.name)
		if !ok {
			continue
		}
		w := row{bench: b, impl: impl, rest: rest, order: r.order,
			ns: median(r.values["ns/op"]), allocs: median(r.values["allocs/op"]), metrics: map[string]float64{}}
		for u, vs := range r.values {
			w.metrics[u] = median(vs)
		}
		for _, u := range rateUnits {
			if vs, ok := r.values[u]; ok {
				w.rate, w.rateUnit = median(vs), u
				break
			}
		}
		for u, vs := range r.values {
			if strings.Contains(u, "peak") {
				w.extra = strings.TrimSpace(w.extra + " " + formatFloat(median(vs)) + " " + u)
			}
		}
		if impl != "gsd" {
			for _, against := range gsdFor(b, rest, gsd) {
				if base := median(gsd[b+"/"+against].values["ns/op"]); base > 0 && w.ns > 0 {
					w.ratios = append(w.ratios, ratio{against: against, x: base / w.ns})
				}
			}
		}
		rows = append(rows, w)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].order < rows[j].order })
	return rows
}

// gsdFor returns the gsd variants (the part after impl=gsd/) that variant
// rest of benchmark b is compared with.
func gsdFor(b, rest string, gsd map[string]*result) []string {
	if _, ok := gsd[b+"/"+rest]; ok {
		return []string{rest}
	}
	var out []string
	for _, alt := range baselines[b] {
		if r := replaceFirst(rest, alt); gsd[b+"/"+r] != nil {
			out = append(out, r)
		}
	}
	// A variant only ours has (an option gsd lacks, as par=1/peek=1s) is
	// compared with gsd's variant without its last segments.
	for r := rest; len(out) == 0; {
		i := strings.LastIndexByte(r, '/')
		if i < 0 {
			break
		}
		if r = r[:i]; gsd[b+"/"+r] != nil {
			out = append(out, r)
		}
	}
	return out
}

// replaceFirst replaces the first segment of rest with seg.
func replaceFirst(rest, seg string) string {
	_, tail, found := strings.Cut(rest, "/")
	if !found {
		return seg
	}
	return seg + "/" + tail
}
