# The two commands a newcomer needs: `make demo` and `make test`.
# Every other target is one job, used by those two.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Nested modules (compat/, bench/, ...) each have their own go.mod. tools/ holds the engines
# of test-tidb and test-vitess (large module graphs, no code of ours): not part of make test.
NESTED      := $(patsubst %/go.mod,%,$(shell find . -mindepth 2 -name go.mod -not -path './.git/*' -not -path './tools/*' 2>/dev/null))

.PHONY: test demo server fmt-check vet staticcheck unit nested fuzz bench test-tidb test-vitess

## test: server check, gofmt, go vet, staticcheck, then go test -race on every module.
test: server fmt-check vet staticcheck unit nested

## demo: run the examples against a private throwaway MariaDB (or AIOMYSQL_DSN when set);
## an example with its own go.mod (examples/sa, which needs a query builder) runs from its directory.
demo: server
	@for d in $$(find examples -mindepth 1 -maxdepth 1 -type d -not -name internal | sort); do \
		echo "== $$d"; \
		if [ -f $$d/go.mod ]; then (cd $$d && $(GO) run .) || exit 1; \
		else $(GO) run ./$$d || exit 1; fi; \
	done

server:
	@bash scripts/ensure-server.sh

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	@for m in $(NESTED); do echo "go vet ($$m)"; (cd $$m && $(GO) vet ./...) || exit 1; done

staticcheck:
	$(GO) run $(STATICCHECK) ./...
	@for m in $(NESTED); do echo "staticcheck ($$m)"; (cd $$m && $(GO) run $(STATICCHECK) ./...) || exit 1; done

unit:
	$(GO) test -race -count=1 -timeout 15m ./...

nested:
	@for m in $(NESTED); do echo "go test ($$m)"; (cd $$m && $(GO) test -race -count=1 -timeout 15m ./...) || exit 1; done

## fuzz: run every fuzz target for FUZZTIME each (default 30s).
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

## bench: the benchmark suite of bench/ against a private MariaDB, COUNT interleaved rounds (each
## round one run of every benchmark, all implementations in one process), then the ratio table
## bench/results/latest.md and its chart bench/results/latest.svg; the raw output is
## bench/results/raw.txt (for benchstat). Not part of test. BENCHTIME is the time per benchmark of
## the per-query group; ROWSTIME the iterations of the large-result and bulk group; BENCH_NOTE, from
## the command line or the environment, is added to the table's note as plain text.
bench: COUNT ?= 6
bench: BENCHTIME ?= 0.1s
bench: ROWSTIME ?= 1x
bench: BENCH_FAST := PointSelect|AdhocParam|PreparedRoundTrip|PoolAcquire|Batch|Connect|Metadata1000Cols|PointReplay
bench: BENCH_ROWS := LargeResult|DecodeReplay|CursorFetch|BulkInsert
bench: server
	@set -e; cd bench; mkdir -p results; tmp=$$(mktemp -d); \
	$(GO) test -c -o $$tmp/bench.test .; start=$$(date +%s); : > $$tmp/raw.txt; \
	for i in $$(seq $(COUNT)); do \
		for g in '$(BENCH_FAST)=$(BENCHTIME)' '$(BENCH_ROWS)=$(ROWSTIME)'; do \
			echo "== round $$i of $(COUNT): $${g%%=*} (-benchtime $${g##*=})"; \
			$$tmp/bench.test -test.run '^$$' -test.bench "$${g%%=*}" -test.benchtime "$${g##*=}" \
				-test.benchmem -test.count 1 -test.timeout 30m > $$tmp/out.txt 2>&1 || { cat $$tmp/out.txt; rm -rf $$tmp; exit 1; }; \
			grep -E '^(Benchmark|goos|goarch|pkg|cpu)' $$tmp/out.txt >> $$tmp/raw.txt; \
		done; \
	done; \
	secs=$$(( $$(date +%s) - start )); mv $$tmp/raw.txt results/raw.txt; rm -rf $$tmp; \
	note="Finished $$(date -u '+%Y-%m-%d %H:%M UTC') with $$($(GO) env GOVERSION) on $$(nproc) cores (load average $$(cut -d' ' -f1-3 /proc/loadavg)), MariaDB from mysqltest on loopback: COUNT=$(COUNT) interleaved rounds, -benchtime $(BENCHTIME) (per-query group) and $(ROWSTIME) (LargeResult, DecodeReplay, CursorFetch, BulkInsert); the run took $$secs s. $${BENCH_NOTE:-}"; \
	$(GO) run ./cmd/report -in results/raw.txt -md results/latest.md -svg results/latest.svg -note "$$note" \
		$$([ -f results/shortfalls.md ] && echo -notes results/shortfalls.md); \
	echo "bench: $$secs s; wrote bench/results/latest.md, latest.svg and raw.txt"

## test-tidb: the driver's suite (./ ./stdlib/ ./sa/, no -race) against TiDB (unistore), built from the module
## proxy into ~/.cache/aiomysql-go on first use (4 min idle, 20 min on a loaded 2-core machine). Not part of `make test`. See README "TiDB and Vitess".
test-tidb:
	@bash tools/tidb/run.sh

## test-vitess: the same against Vitess v0.24.1's vttestserver (vtgate, keyspace ks, 2 shards) on MariaDB,
## built into ~/.cache/aiomysql-go on first use (~2 min). Not part of `make test`.
test-vitess:
	@bash tools/vitess/run.sh
