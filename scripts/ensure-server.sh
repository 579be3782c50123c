#!/usr/bin/env bash
# Makes sure a MariaDB server binary (mariadbd) and the mariadb client exist, so
# that mysqltest can start private servers. Installs Debian's packages when they
# are missing and this runs as root; otherwise says what to run.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }

if have mariadbd && have mariadb-install-db && have mariadb; then
  exit 0
fi
if [ -n "${AIOMYSQL_TEST_DSN:-}" ] && have mariadb; then
  echo "ensure-server: no mariadbd, but AIOMYSQL_TEST_DSN is set: tests use that server." >&2
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-server: installing Debian's mariadb-server and mariadb-client" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >/dev/null
  have mariadbd || { echo "ensure-server: mariadbd still missing after install" >&2; exit 1; }
  exit 0
fi
cat >&2 <<'MSG'
ensure-server: no MariaDB server (mariadbd) found. Install it, e.g. on Debian or Ubuntu:
    sudo apt-get install mariadb-server mariadb-client
or point the tests at an existing server:
    export AIOMYSQL_TEST_DSN='root:password@tcp(127.0.0.1:3306)/test'
MSG
exit 1
