package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// writeTable writes the rows as a Markdown table, with note above it.
func writeTable(w io.Writer, rows []row, note string) error {
	var b strings.Builder
	b.WriteString("# Benchmark results: aiomysql (native, stdlib) against go-sql-driver/mysql (gsd)\n\n")
	if note != "" {
		b.WriteString(note + "\n\n")
	}
	b.WriteString("Medians over the runs; **vs gsd** is gsd's median time per op over this row's " +
		"(above 1×: faster than gsd), against the gsd variant named; `raw` rows are the floor " +
		"(the recorded bytes framed, nothing decoded). Chart: [latest.svg](latest.svg).\n\n")
	b.WriteString("| benchmark | impl | variant | time/op | allocs/op | rate | vs gsd |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		rate := ""
		if r.rateUnit != "" {
			rate = formatFloat(r.rate) + " " + r.rateUnit
		}
		if r.extra != "" {
			rate = strings.TrimSpace(rate + "; " + r.extra)
		}
		var vs []string
		for _, x := range r.ratios {
			s := fmt.Sprintf("**%.2f×**", x.x)
			if x.against != r.rest {
				s += " (" + x.against + ")"
			}
			vs = append(vs, s)
		}
		if r.impl == "gsd" {
			vs = []string{"1"}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", r.bench, r.impl, r.rest,
			formatDuration(r.ns), formatFloat(r.allocs), rate, strings.Join(vs, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// formatDuration writes ns nanoseconds with three significant digits.
func formatDuration(ns float64) string {
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
	case d >= time.Millisecond:
		return strconv.FormatFloat(ns/1e6, 'f', 2, 64) + " ms"
	case d >= time.Microsecond:
		return strconv.FormatFloat(ns/1e3, 'f', 1, 64) + " µs"
	}
	return strconv.FormatFloat(ns, 'f', 0, 64) + " ns"
}

// formatFloat writes v briefly: no decimals above 100, two below.
func formatFloat(v float64) string {
	if v >= 100 || v == float64(int64(v)) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
