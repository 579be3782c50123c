package faultproxy

// Cut carries out c now, ahead of any bytes still queued. See CloseKind for
// what each kind does.
func (l *Link) Cut(c Cut) error {
	if err := c.check(); err != nil {
		return err
	}
	l.cut(c)
	return nil
}

// cut carries out a valid cut.
func (l *Link) cut(c Cut) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range 2 {
		if !c.Side.has(i) {
			continue
		}
		if c.Kind == Reset {
			l.closeLocked(i, true)
		} else {
			l.shutWriteLocked(i)
		}
	}
	for _, d := range [2]Direction{Upstream, Downstream} {
		if c.stops(d) {
			l.stopLocked(d.index())
		}
	}
	l.cuts = append(l.cuts, c)
	if len(l.cuts) == 1 {
		close(l.cutSig)
	}
}

// closeAll closes both sockets and stops both directions; reset makes the
// peers see an RST.
func (l *Link) closeAll(reset bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range 2 {
		l.closeLocked(i, reset)
		l.stopLocked(i)
	}
}

// fail records err, if it is the first, and resets both sides.
func (l *Link) fail(err error) {
	l.mu.Lock()
	if l.err == nil {
		l.err = err
	}
	l.mu.Unlock()
	l.closeAll(true)
}

func (l *Link) closeLocked(i int, reset bool) {
	if l.closed[i] {
		return
	}
	l.closed[i] = true
	if reset {
		_ = l.conns[i].SetLinger(0)
	}
	_ = l.conns[i].Close()
}

func (l *Link) shutWriteLocked(i int) {
	if l.closed[i] || l.wclosed[i] {
		return
	}
	l.wclosed[i] = true
	_ = l.conns[i].CloseWrite()
}

func (l *Link) stopLocked(i int) {
	if !l.stopped[i] {
		l.stopped[i] = true
		close(l.stop[i])
	}
}

// closedByProxy reports whether the proxy closed socket i, so that an error
// on it is expected rather than the peer's doing.
func (l *Link) closedByProxy(i int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closed[i]
}

// shutWrite shuts socket i down for writing unless it is already.
func (l *Link) shutWrite(i int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.shutWriteLocked(i)
}
