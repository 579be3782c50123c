package faultproxy

// SetMode sets the mode of direction d for every link that has not set its
// own, present and future. It applies to the bytes read after it returns
// (see Mode).
func (p *Proxy) SetMode(d Direction, m Mode) error {
	if err := checkDirection(d); err != nil {
		return err
	}
	if err := m.check(); err != nil {
		return err
	}
	p.mu.Lock()
	p.modes[d.index()] = m
	p.mu.Unlock()
	p.modeSig.broadcast()
	return nil
}

// SetRewrite sets the rewrite hook of direction d for every link that has
// not set its own; nil removes it.
func (p *Proxy) SetRewrite(d Direction, fn RewriteFunc) error {
	if err := checkDirection(d); err != nil {
		return err
	}
	p.mu.Lock()
	p.rewrites[d.index()] = fn
	p.mu.Unlock()
	return nil
}

// CutAll carries out c on every link that has not ended.
func (p *Proxy) CutAll(c Cut) error {
	if err := c.check(); err != nil {
		return err
	}
	for _, l := range p.Links() {
		select {
		case <-l.done:
		default:
			l.cut(c)
		}
	}
	return nil
}

// defaults returns the proxy's mode and rewrite hook for direction index i.
func (p *Proxy) defaults(i int) (Mode, RewriteFunc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.modes[i], p.rewrites[i]
}
