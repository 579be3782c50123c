// Command report reads `go test -bench` output (several -count runs of the
// bench suite) and writes the ratio table, ours against go-sql-driver/mysql
// (impl=gsd), as Markdown, and a chart of the ratios as SVG.
//
//	go run ./cmd/report -in results/raw.txt -md results/latest.md -svg results/latest.svg -note "…" -notes results/shortfalls.md
//
// Every figure is a median over the runs; a ratio is gsd's median time per
// op over the implementation's (above 1: faster than gsd). Below the table
// come performance.md's targets, each checked against the run (met or
// not), and then the Markdown file -notes names, as it is: the written
// explanation of the targets not met.
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
	notes := flag.String("notes", "", "a Markdown file to append after the targets (none when empty)")
	flag.Parse()
	if err := run(*in, *md, *svg, *note, *notes); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(in, md, svg, note, notes string) error {
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
	if err := writeTargets(out, check(rows, targets())); err != nil {
		return err
	}
	if notes != "" {
		text, err := os.ReadFile(notes)
		if err != nil {
			return err
		}
		if _, err := out.Write(append([]byte("\n"), text...)); err != nil {
			return err
		}
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
