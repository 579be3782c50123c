#!/usr/bin/env bash
# make test-tidb: builds tidb-server (unistore, one process) from this tool
# module into a cache dir outside the repository (reused when present), starts
# it on free loopback ports in a temp dir, runs the driver's suite against it
# through AIOMYSQL_TEST_DSN, stops it and exits with go test's status.
#
# Recipe and measurements: scale-out notes §3. Build ~4-4.5 min (peak 2.4 GB),
# start 1.2-2 s. The README's "TiDB and Vitess" section lists the failures
# that come from the engine.
#
# Environment:
#   TIDB_BIN        use this tidb-server instead of building one
#   GOTEST_PKGS     packages to test (default: ./ ./stdlib/ ./sa/)
#   GOTEST_FLAGS    extra go test flags, e.g. "-run 'Test(Query|Exec)'"
#   GOTEST_TIMEOUT  go test -timeout (default 20m)
#   GOTEST_SKIP     go test -skip (default none: TestConnectUsers skips itself on an
#                   external server, and TestK1_KillMustNotReachStranger fails at once
#                   there, since TiDB's connection ids (~2,000,000) are too far from a
#                   private MariaDB's to match)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/aiomysql-go
bin=${TIDB_BIN:-$cache/tidb-server}
mkdir -p "$cache"

if [ ! -x "$bin" ]; then
  echo "test-tidb: building tidb-server into $bin (takes ~4-5 min, ~2.5 GB RAM at link)" >&2
  start=$(date +%s)
  (cd "$here" && go build -o "$bin.tmp.$$" github.com/pingcap/tidb/cmd/tidb-server)
  mv "$bin.tmp.$$" "$bin"
  echo "test-tidb: built in $(( $(date +%s) - start )) s" >&2
fi

freeport() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
port=$(freeport)
sport=$(freeport)
while [ "$sport" = "$port" ]; do sport=$(freeport); done

D=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# tmp-storage-path: else TiDB writes $TMPDIR/0_tidb. auto-tls: caching_sha2 needs TLS.
printf 'tmp-storage-path = "%s"\n[security]\nauto-tls = true\n' "$D/tmpstore" >"$D/tidb.toml"
mkdir -p "$D/tmp"
start=$(date +%s.%N)
"$bin" -config="$D/tidb.toml" -store=unistore -path="$D/data" -temp-dir="$D/tmp" \
  -host=127.0.0.1 -P="$port" -status-host=127.0.0.1 -status="$sport" \
  -socket="$D/sock" -log-file="$D/tidb.log" -log-slow-query="$D/slow.log" >"$D/stdout.log" 2>&1 &
pid=$!

cli=(mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot)
for i in $(seq 1 600); do
  if "${cli[@]}" -e 'SELECT 1' >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "test-tidb: tidb-server exited; its log:" >&2; tail -n 30 "$D/tidb.log" "$D/stdout.log" >&2; exit 1
  fi
  if [ "$i" = 600 ]; then echo "test-tidb: tidb-server did not answer in 60 s" >&2; exit 1; fi
  sleep 0.1
done
echo "test-tidb: $("${cli[@]}" -N -e 'SELECT VERSION()') on 127.0.0.1:$port (pid $pid), up in $(python3 -c "import time;print(round(time.time()-$start,1))") s" >&2
"${cli[@]}" -e 'CREATE DATABASE IF NOT EXISTS test'

export AIOMYSQL_TEST_DSN="root@tcp(127.0.0.1:$port)/test"
log=$cache/test-tidb.json
echo "test-tidb: AIOMYSQL_TEST_DSN=$AIOMYSQL_TEST_DSN; go test output in ${log%.json}.txt" >&2
cd "$repo"
set +e
# shellcheck disable=SC2086
eval go test -count=1 -json -timeout "${GOTEST_TIMEOUT:-20m}" ${GOTEST_SKIP:+-skip "'$GOTEST_SKIP'"} ${GOTEST_FLAGS:-} ${GOTEST_PKGS:-./ ./stdlib/ ./sa/} >"$log" 2>&1
status=$?
set -e
python3 "$repo/tools/summary.py" "$log" test-tidb
exit $status
