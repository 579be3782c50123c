#!/usr/bin/env bash
# cpusplit.sh BENCH_REGEX BENCHTIME: runs one benchmark of the suite on its
# private MariaDB and prints how the CPU divided between the client (the
# bench.test process) and the server (its mariadbd), from /proc/PID/stat,
# sampled every 0.2 s from about 1 s after the server came up to the end.
# Evidence for bench/results/shortfalls.md: whether a row measures the driver
# or the server. The first window includes creating the tables.
#
#   cd bench && go test -c -o /tmp/bench.test . && BENCH_BIN=/tmp/bench.test scripts/cpusplit.sh 'BenchmarkPointSelect/impl=native/c=64/tcp/prep' 5s
set -euo pipefail
bin=${BENCH_BIN:-./bench.test}
out=$(mktemp) samples=$(mktemp)
trap 'rm -f "$out" "$samples"' EXIT
"$bin" -test.run '^$' -test.bench "$1" -test.benchtime "$2" -test.benchmem >"$out" 2>&1 &
bp=$!
sp=
while kill -0 "$bp" 2>/dev/null; do
  if [ -z "$sp" ]; then
    sp=$(pgrep -x mariadbd -P "$bp" 2>/dev/null | head -1 || true)
  fi
  if [ -n "$sp" ] && [ -r "/proc/$sp/stat" ]; then
    b=$(awk '{print $14+$15}' "/proc/$bp/stat" 2>/dev/null || true)
    s=$(awk '{print $14+$15}' "/proc/$sp/stat" 2>/dev/null || true)
    if [ -n "$b" ] && [ -n "$s" ]; then echo "$(date +%s.%N) $b $s" >>"$samples"; fi
  fi
  sleep 0.2
done
wait "$bp" || { cat "$out"; exit 1; }
grep '^Benchmark' "$out"
python3 - "$(getconf CLK_TCK)" "$samples" <<'PY'
import sys
tick, path = int(sys.argv[1]), sys.argv[2]
rows = [list(map(float, l.split())) for l in open(path) if l.strip()]
if len(rows) < 8:
    sys.exit(f"cpusplit: {len(rows)} samples: run it longer")
a, z = rows[5], rows[-1]
wall, c, s = z[0] - a[0], (z[1] - a[1]) / tick, (z[2] - a[2]) / tick
print(f"window {wall:.1f} s: client {c:.2f} CPU-s ({c / wall * 100:.0f}% of a core), "
      f"mariadbd {s:.2f} CPU-s ({s / wall * 100:.0f}%); server share {s / (c + s) * 100:.0f}%")
PY
