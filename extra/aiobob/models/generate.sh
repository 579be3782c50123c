#!/bin/sh
# Regenerates the *.bob.go files of this package with bob's generator for
# MySQL, bobgen-mysql v0.41.1, from schema.sql, against a MariaDB server
# reached with the mariadb command-line client (MARIADB, default
# "mariadb -uroot -h127.0.0.1 -P3306"; bobgen connects with MYSQL_DSN,
# default root@tcp(127.0.0.1:3306)/aiobob_gen). It creates the database
# aiobob_gen, loads schema.sql into it, runs bobgen-mysql with bobgen.yaml
# and drops the database.
#
# bobgen-mysql v0.41.1 as published fails on MariaDB: its index query
# reads information_schema.statistics.expression, a column MySQL 8.0.13
# added and MariaDB does not have ("Unknown column 's.expression'"), and
# no configuration option skips that query. So this script builds
# bobgen-mysql from a copy of the bob v0.41.1 module (from the Go module
# cache, with bob's own go.mod and go.sum) with that one column replaced by
# NULL (no functional indexes, which the schema has none of), and runs
# that. Everything else, templates included, is bob's v0.41.1.
set -eu
cd "$(dirname "$0")"
MARIADB=${MARIADB:-"mariadb -uroot -h127.0.0.1 -P3306"}
MYSQL_DSN=${MYSQL_DSN:-"root@tcp(127.0.0.1:3306)/aiobob_gen"}
export MYSQL_DSN

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"; $MARIADB -e "DROP DATABASE IF EXISTS aiobob_gen"' EXIT

src=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json github.com/stephenafamo/bob@v0.41.1 | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
cp -R "$src" "$tmp/bob"
chmod -R u+w "$tmp/bob"
drv="$tmp/bob/gen/bobgen-mysql/driver/mysql.go"
grep -q 's\.expression AS expression,' "$drv"
sed 's/s\.expression AS expression,/NULL AS expression,/' "$drv" >"$drv.new"
mv "$drv.new" "$drv"
go build -C "$tmp/bob" -o "$tmp/bobgen-mysql" ./gen/bobgen-mysql

$MARIADB -e "DROP DATABASE IF EXISTS aiobob_gen; CREATE DATABASE aiobob_gen"
$MARIADB aiobob_gen <schema.sql
"$tmp/bobgen-mysql" -c bobgen.yaml
