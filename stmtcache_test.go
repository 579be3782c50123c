package aiomysql

import (
	"fmt"
	"testing"
)

// TestStmtCacheRing checks the cache's bookkeeping without a server: the
// least recently used statement goes first, get refreshes recency, a
// second put of the same text hands back the first, and the map and the
// ring agree after every step.
func TestStmtCacheRing(t *testing.T) {
	var sc stmtCache
	mk := func(q string) *Stmt { return &Stmt{query: q} }
	ring := func() []string {
		var got []string
		for e := sc.head.next; e != &sc.head; e = e.next {
			got = append(got, e.st.query)
		}
		return got
	}
	check := func(step string, want ...string) {
		t.Helper()
		got := ring()
		if fmt.Sprint(got) != fmt.Sprint(want) || sc.len() != len(want) {
			t.Fatalf("%s: ring %v (len %d), want %v", step, got, sc.len(), want)
		}
	}
	for _, q := range []string{"a", "b", "c"} {
		if ev := sc.put(mk(q), 3); len(ev) != 0 {
			t.Fatalf("put %s evicted %d", q, len(ev))
		}
	}
	check("three puts", "c", "b", "a")
	if sc.get("a") == nil {
		t.Fatal("get a: missing")
	}
	check("get a", "a", "c", "b")
	ev := sc.put(mk("d"), 3)
	if len(ev) != 1 || ev[0].query != "b" {
		t.Fatalf("put d evicted %v, want b", ev)
	}
	check("put d", "d", "a", "c")
	first := sc.get("c")
	ev = sc.put(mk("c"), 3)
	if len(ev) != 1 || ev[0] != first {
		t.Fatalf("second put of c evicted %v, want the first c", ev)
	}
	check("put c again", "c", "d", "a")
	sc.remove(first) // no longer the cached one: nothing happens
	check("remove stale", "c", "d", "a")
	sc.remove(sc.get("d"))
	check("remove d", "c", "a")
	if st := sc.evictOldest(); st == nil || st.query != "a" {
		t.Fatalf("evictOldest = %v, want a", st)
	}
	check("evict", "c")
	ev = sc.put(mk("e"), 0)
	check("capacity 0")
	if len(ev) != 2 {
		t.Fatalf("capacity 0 evicted %d, want 2", len(ev))
	}
	if sc.evictOldest() != nil || sc.get("e") != nil {
		t.Fatal("empty cache returned a statement")
	}
}
