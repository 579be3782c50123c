package auth

// sha256Password is sha256_password: the password itself from the start,
// under the rules of fullAuth (clear on a secure channel, else RSA-encrypted
// with the configured key or the server's, requested with 0x01). An empty
// password is a single NUL, whatever the channel.
type sha256Password struct {
	full fullAuth
	done bool
}

func newSHA256() *sha256Password {
	return &sha256Password{full: fullAuth{plugin: SHA256Password, requestKey: sha256RequestKey}}
}

func (*sha256Password) Name() string { return SHA256Password }

func (p *sha256Password) Start(nonce []byte, o *Options) ([]byte, error) {
	o = options(o)
	if err := p.full.setScramble(nonce); err != nil {
		return nil, err
	}
	if o.Password == "" {
		p.done = true
		return []byte{0}, nil
	}
	resp, err := p.full.send(o)
	p.done = err == nil && !p.full.awaitKey
	return resp, err
}

func (p *sha256Password) Continue(payload []byte, o *Options) ([]byte, error) {
	if p.done || !p.full.awaitKey {
		return nil, unexpected(SHA256Password, "%s out of turn", describe(payload))
	}
	p.done = true
	return p.full.receiveKey(payload, options(o))
}
