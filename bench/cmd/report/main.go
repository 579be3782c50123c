// Command report reads `go test -bench` output (several -count runs of the
// bench suite) and writes the ratio table, ours against go-sql-driver/mysql
// (impl=gsd), as Markdown, and a chart of the ratios as SVG.
//
//	go run ./cmd/report -in results/raw.txt -md results/latest.md -svg results/latest.svg -note "…"
//
// Every figure is a median over the runs; a ratio is gsd's median time per
// op over the implementation's (above 1: faster than gsd).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "", "go test -bench output to read (default stdin)")
	md := flag.String("md", "", "Markdown table to write (default stdout)")
	svg := flag.String("svg", "", "SVG chart to write (none when empty)")
	note := flag.String("note", "", "a paragraph for the table's header: where and how it was measured")
	flag.Parse()
	if err := run(*in, *md, *svg, *note); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(in, md, svg, note string) error {
	f := os.Stdin
	if in != "" {
		var err error
		if f, err = os.Open(in); err != nil {
			return err
		}
		defer f.Close()
	}
	res, err := parse(f)
	if err != nil {
		return err
	}
	rows := compare(res)
	if len(rows) == 0 {
		return fmt.Errorf("no benchmark results with impl= in the input")
	}
	out := os.Stdout
	if md != "" {
		if out, err = os.Create(md); err != nil {
			return err
		}
	}
	if err := writeTable(out, rows, note); err != nil {
		return err
	}
	if md != "" {
		if err := out.Close(); err != nil {
			return err
		}
	}
	if svg != "" {
		return writeChart(svg, rows)
	}
	return nil
}
