#!/usr/bin/env bash
# make test-vitess: builds Vitess v0.24.1's vttestserver, vtcombo and mysqlctl
# from this tool module into a cache dir outside the repository (reused when
# present), starts vttestserver on MariaDB (vtgate + vttablets in one vtcombo,
# one mariadbd) on free loopback ports in a temp dir, runs the driver's suite
# against the vtgate through AIOMYSQL_TEST_DSN, stops it and exits with go
# test's status.
#
# Recipe and measurements: scale-out notes §4. Build ~1.7 min (peak 1.2 GB),
# start ~2.6 s. mysqlctl refuses to run as root: as root this script runs
# vttestserver as user mysql (runuser); otherwise as the calling user. Pinned
# to v0.24.x: later Vitess releases plan to drop MariaDB as a serving backend.
#
# Environment:
#   VITESS_SHARDS   --num-shards (default 2: keyspace ks is sharded)
#   GOTEST_PKGS     packages to test (default: ./ ./stdlib/ ./sa/)
#   GOTEST_FLAGS    extra go test flags, e.g. "-run 'Test(Query|Exec)'"
#   GOTEST_TIMEOUT  go test -timeout (default 20m)
#   GOTEST_SKIP     go test -skip (default none: TestConnectUsers skips itself on an
#                   external server)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/aiomysql-go
vtbin=$cache/vitess-v0.24.1/bin
shards=${VITESS_SHARDS:-2}
mkdir -p "$cache"

if [ ! -x "$vtbin/vttestserver" ] || [ ! -x "$vtbin/vtcombo" ] || [ ! -x "$vtbin/mysqlctl" ]; then
  echo "test-vitess: building vttestserver, vtcombo, mysqlctl into $vtbin (takes ~2 min, ~1.2 GB RAM)" >&2
  start=$(date +%s)
  mkdir -p "$vtbin.tmp.$$"
  (cd "$here" && go build -o "$vtbin.tmp.$$/" vitess.io/vitess/go/cmd/vttestserver \
    vitess.io/vitess/go/cmd/vtcombo vitess.io/vitess/go/cmd/mysqlctl)
  rm -rf "$vtbin" && mv "$vtbin.tmp.$$" "$vtbin"
  echo "test-vitess: built in $(( $(date +%s) - start )) s" >&2
fi
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || {
  echo "test-vitess: needs MariaDB's server (apt-get install mariadb-server mariadb-client)" >&2; exit 1; }

# A base port with BASE..BASE+9 free (vtgate's MySQL port is BASE+3).
base=$(python3 - <<'EOF'
import random, socket
for _ in range(200):
    b = random.randrange(20000, 60000)
    try:
        socks = []
        for p in range(b, b + 10):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
        print(b); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
EOF
)
port=$((base + 3))

D=$(mktemp -d)
chmod 755 "$D"
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  # the mariadbd that vttestserver started, should it outlive it
  for f in $(find "$D/data" -name 'mysql.pid' 2>/dev/null); do
    mp=$(cat "$f" 2>/dev/null || true)
    if [ -n "$mp" ] && kill -0 "$mp" 2>/dev/null; then
      kill -TERM "$mp" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$mp" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$mp" 2>/dev/null || true
    fi
  done
  rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# VTROOT: the binaries (hard links, or copies across file systems) and
# Vitess's config/ from the module cache, patched for MariaDB 10.11.
vtroot=$D/vtroot
mkdir -p "$vtroot/bin"
for b in vttestserver vtcombo mysqlctl; do
  ln "$vtbin/$b" "$vtroot/bin/$b" 2>/dev/null || cp "$vtbin/$b" "$vtroot/bin/$b"
done
modcache=$(cd "$here" && go env GOMODCACHE)
cp -r "$modcache/vitess.io/vitess@v0.24.1/config" "$vtroot/config"
chmod -R u+w "$vtroot/config"
sed -i '/super_read_only/d' "$vtroot/config/init_db.sql"                                  # MariaDB has no super_read_only
sed -i 's/^super-read-only = false/loose-super-read-only = false/' "$vtroot/config/mycnf/test-suite.cnf"
sed -i 's/^plugin-load = rpl_semi_sync/#&/' "$vtroot/config/mycnf/mariadb10.cnf"          # semisync is built in, no .so
printf '[mysqld]\nbind-address=127.0.0.1\nread-only=0\n' >"$D/extra.cnf"                  # else 0.0.0.0 and 1290 on _vt

mkdir -p "$D/data" "$D/schema/ks"
if [ "$shards" -gt 1 ]; then
  echo '{"sharded":true,"vindexes":{"hash":{"type":"hash"}},"tables":{"t":{"column_vindexes":[{"column":"id","name":"hash"}]}}}' \
    >"$D/schema/ks/vschema.json"
fi
echo 'create table t(id bigint primary key, v varchar(20));' >"$D/schema/ks/001_t.sql"

as=()
if [ "$(id -u)" = 0 ]; then
  chown -R mysql:mysql "$D"
  as=(runuser -u mysql --)
fi
start=$(date +%s.%N)
"${as[@]}" env VTROOT="$vtroot" VTDATAROOT="$D" VT_MYSQL_ROOT=/usr "$vtroot/bin/vttestserver" --port="$base" \
  --mysql-bind-host=127.0.0.1 --vtcombo-bind-host=127.0.0.1 --grpc-bind-address=127.0.0.1 --tablet-hostname=127.0.0.1 \
  --keyspaces=ks --num-shards="$shards" --schema-dir="$D/schema" --data-dir="$D/data" --extra-my-cnf="$D/extra.cnf" \
  >"$D/vttestserver.log" 2>&1 &
pid=$!

cli=(mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P"$port" -uroot)
for i in $(seq 1 1200); do
  if "${cli[@]}" -e 'SELECT 1' >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "test-vitess: vttestserver exited; its log:" >&2; tail -n 40 "$D/vttestserver.log" >&2; exit 1
  fi
  if [ "$i" = 1200 ]; then echo "test-vitess: vtgate did not answer in 120 s" >&2; tail -n 40 "$D/vttestserver.log" >&2; exit 1; fi
  sleep 0.1
done
echo "test-vitess: $("${cli[@]}" -N -e 'SELECT VERSION()') vtgate on 127.0.0.1:$port (keyspace ks, $shards shard(s); pid $pid), up in $(python3 -c "import time;print(round(time.time()-$start,1))") s" >&2

export AIOMYSQL_TEST_DSN="root@tcp(127.0.0.1:$port)/ks"
log=$cache/test-vitess.json
echo "test-vitess: AIOMYSQL_TEST_DSN=$AIOMYSQL_TEST_DSN; go test output in ${log%.json}.txt" >&2
cd "$repo"
set +e
# shellcheck disable=SC2086
eval go test -count=1 -json -timeout "${GOTEST_TIMEOUT:-20m}" ${GOTEST_SKIP:+-skip "'$GOTEST_SKIP'"} ${GOTEST_FLAGS:-} ${GOTEST_PKGS:-./ ./stdlib/ ./sa/} >"$log" 2>&1
status=$?
set -e
python3 "$repo/tools/summary.py" "$log" test-vitess
exit $status
