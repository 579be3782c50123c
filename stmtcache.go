package aiomysql

// stmtCache is a connection's cache of prepared statements for
// QueryExecModeCacheStatement: statements by their text, least recently
// used first out. An evicted statement is closed on the server (its
// COM_STMT_CLOSE goes out with the next command, costing no round trip).
type stmtCache struct {
	byText map[string]*cachedStmt
	head   cachedStmt // sentinel of the ring, most recent next to it
}

// cachedStmt is a statement in the cache, in the ring of recency.
type cachedStmt struct {
	st         *Stmt
	prev, next *cachedStmt
}

func (sc *stmtCache) init() {
	if sc.byText == nil {
		sc.byText = make(map[string]*cachedStmt)
		sc.head.prev, sc.head.next = &sc.head, &sc.head
	}
}

// get returns the statement prepared for text, and makes it the most
// recent; nil when there is none.
func (sc *stmtCache) get(text string) *Stmt {
	e := sc.byText[text]
	if e == nil {
		return nil
	}
	e.unlink()
	sc.pushFront(e)
	return e.st
}

// put adds st, and returns the statements it pushed out beyond capacity
// (oldest first), which the caller closes.
func (sc *stmtCache) put(st *Stmt, capacity int) (evicted []*Stmt) {
	sc.init()
	if old := sc.byText[st.query]; old != nil {
		old.unlink()
		delete(sc.byText, st.query)
		evicted = append(evicted, old.st)
	}
	e := &cachedStmt{st: st}
	sc.byText[st.query] = e
	sc.pushFront(e)
	for len(sc.byText) > capacity {
		evicted = append(evicted, sc.evictOldest())
	}
	return evicted
}

// remove takes st out of the cache, if it is there.
func (sc *stmtCache) remove(st *Stmt) {
	if e := sc.byText[st.query]; e != nil && e.st == st {
		e.unlink()
		delete(sc.byText, st.query)
	}
}

// evictOldest takes out the least recently used statement; nil when the
// cache is empty.
func (sc *stmtCache) evictOldest() *Stmt {
	if len(sc.byText) == 0 {
		return nil
	}
	e := sc.head.prev
	e.unlink()
	delete(sc.byText, e.st.query)
	return e.st
}

// len returns the number of statements cached.
func (sc *stmtCache) len() int { return len(sc.byText) }

// clear forgets every statement without closing them: for when the server
// has already deallocated them (COM_RESET_CONNECTION, COM_CHANGE_USER).
func (sc *stmtCache) clear() {
	for _, e := range sc.byText {
		e.st.ps.Forget()
	}
	clear(sc.byText)
	sc.head.prev, sc.head.next = &sc.head, &sc.head
}

func (sc *stmtCache) pushFront(e *cachedStmt) {
	e.prev, e.next = &sc.head, sc.head.next
	sc.head.next.prev = e
	sc.head.next = e
}

func (e *cachedStmt) unlink() {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
}
