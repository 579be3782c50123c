package main

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// chartMax is the chart's largest ratio: a longer bar is cut there, and its
// label gives the ratio, so that the bars near 1× stay readable.
const chartMax = 4

// writeChart draws each native and stdlib row's first ratio against gsd as
// horizontal bars, one line per benchmark variant, with a line at 1×, and
// saves it as SVG (or PNG, by file's extension).
func writeChart(file string, rows []row) error {
	type line struct {
		label          string
		native, stdlib float64
	}
	var lines []line
	index := map[string]int{}
	for _, r := range rows {
		if len(r.ratios) == 0 || (r.impl != "native" && r.impl != "stdlib") {
			continue
		}
		label := r.bench + " " + r.ratios[0].against
		if r.impl == "native" && r.rest != r.ratios[0].against {
			label = r.bench + " " + r.rest + " vs " + r.ratios[0].against
		}
		i, ok := index[label]
		if !ok {
			i = len(lines)
			index[label] = i
			lines = append(lines, line{label: label})
		}
		if r.impl == "native" {
			lines[i].native = r.ratios[0].x
		} else {
			lines[i].stdlib = r.ratios[0].x
		}
	}
	// Bars are drawn from the bottom: reverse, so the suite reads top down.
	n := len(lines)
	native, stdlib := make(plotter.Values, n), make(plotter.Values, n)
	labels := make([]string, n)
	for i, l := range lines {
		if big := max(l.native, l.stdlib); big > chartMax {
			l.label += fmt.Sprintf(" (%.1f×, cut)", big)
		}
		native[n-1-i], stdlib[n-1-i], labels[n-1-i] = min(l.native, chartMax), min(l.stdlib, chartMax), l.label
	}
	p := plot.New()
	p.Title.Text = "aiomysql vs go-sql-driver/mysql: gsd time / ours (higher is better)"
	p.X.Label.Text = "speed-up over gsd (×)"
	w := vg.Points(5)
	bn, err := plotter.NewBarChart(native, w)
	if err != nil {
		return err
	}
	bn.Horizontal, bn.Color, bn.LineStyle.Width, bn.Offset = true, color.RGBA{R: 31, G: 119, B: 180, A: 255}, 0, -w/2
	bs, err := plotter.NewBarChart(stdlib, w)
	if err != nil {
		return err
	}
	bs.Horizontal, bs.Color, bs.LineStyle.Width, bs.Offset = true, color.RGBA{R: 255, G: 127, B: 14, A: 255}, 0, w/2
	one, err := plotter.NewLine(plotter.XYs{{X: 1, Y: -1}, {X: 1, Y: float64(n)}})
	if err != nil {
		return err
	}
	one.Color = color.Gray{Y: 80}
	one.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(bn, bs, one)
	p.Legend.Add("native", bn)
	p.Legend.Add("stdlib", bs)
	p.Legend.Top = true
	p.NominalY(labels...)
	p.X.Min, p.X.Max = 0, chartMax
	return p.Save(10*vg.Inch, vg.Length(n)*vg.Points(13)+2*vg.Inch, file)
}
