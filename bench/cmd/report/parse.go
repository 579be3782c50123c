package main

import (
	"bufio"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// result is one benchmark's values over the runs, by unit.
type result struct {
	name   string // without the Benchmark prefix and the -GOMAXPROCS suffix
	values map[string][]float64
	order  int // first appearance, to keep the suite's order
}

// procs is the -GOMAXPROCS suffix of a benchmark's name.
var procs = regexp.MustCompile(`-\d+$`)

// parse reads go test -bench lines: name, iterations, then value-unit pairs.
func parse(r io.Reader) (map[string]*result, error) {
	res := map[string]*result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := procs.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		r := res[name]
		if r == nil {
			r = &result{name: name, values: map[string][]float64{}, order: len(res)}
			res[name] = r
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			r.values[f[i+1]] = append(r.values[f[i+1]], v)
		}
	}
	return res, sc.Err()
}

// median returns the median of vs (0 for none).
func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := append([]float64(nil), vs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// split cuts "X/impl=Y/rest" into X, Y and rest (ok false without impl=).
func split(name string) (bench, impl, rest string, ok bool) {
	bench, tail, found := strings.Cut(name, "/impl=")
	if !found {
		return "", "", "", false
	}
	impl, rest, _ = strings.Cut(tail, "/")
	return bench, impl, rest, true
}
