package auth

import "crypto/sha256"

// The AuthMoreData statuses of caching_sha2_password, and its key request.
const (
	sha2FastAuthOK   = 0x03
	sha2FullAuth     = 0x04
	sha2RequestKey   = 0x02
	sha256RequestKey = 0x01
)

// cachingSHA2 is caching_sha2_password. Start answers with the fast-path
// scramble
//
//	SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce[:20])
//
// and the server answers with AuthMoreData: 0x03 when its cache knew the
// password (an OK follows; nothing is sent), 0x04 when it needs the password
// itself (see fullAuth). An empty password is a single NUL, as MySQL's own
// client sends it.
type cachingSHA2 struct {
	full  fullAuth
	state sha2State
}

type sha2State uint8

const (
	sha2New       sha2State = iota // Start has not succeeded
	sha2Scrambled                  // the scramble was sent; 0x03 or 0x04 is next
	sha2FastOK                     // 0x03 came; only OK or ERR may follow
	sha2Sent                       // the full password was sent
)

func newCachingSHA2() *cachingSHA2 {
	return &cachingSHA2{full: fullAuth{plugin: CachingSHA2Password, requestKey: sha2RequestKey}}
}

func (*cachingSHA2) Name() string { return CachingSHA2Password }

func (p *cachingSHA2) Start(nonce []byte, o *Options) ([]byte, error) {
	o = options(o)
	if err := p.full.setScramble(nonce); err != nil {
		return nil, err
	}
	p.state = sha2Scrambled
	if o.Password == "" {
		return []byte{0}, nil
	}
	pw := []byte(o.Password)
	defer clear(pw)
	stage1 := sha256.Sum256(pw)
	stage2 := sha256.Sum256(stage1[:])
	h := sha256.New()
	h.Write(stage2[:])
	h.Write(p.full.scramble[:])
	out := h.Sum(make([]byte, 0, sha256.Size))
	for i := range out {
		out[i] ^= stage1[i]
	}
	clear(stage1[:])
	clear(stage2[:])
	return out, nil
}

func (p *cachingSHA2) Continue(payload []byte, o *Options) ([]byte, error) {
	o = options(o)
	if p.full.awaitKey {
		resp, err := p.full.receiveKey(payload, o)
		p.state = sha2Sent
		return resp, err
	}
	if p.state != sha2Scrambled {
		return nil, unexpected(CachingSHA2Password, "%s out of turn", describe(payload))
	}
	if len(payload) != 2 || payload[0] != moreData {
		return nil, unexpected(CachingSHA2Password, "want AuthMoreData 0x03 or 0x04, got %s", describe(payload))
	}
	switch payload[1] {
	case sha2FastAuthOK:
		p.state = sha2FastOK
		return nil, nil
	case sha2FullAuth:
		resp, err := p.full.send(o)
		if !p.full.awaitKey {
			p.state = sha2Sent
		}
		return resp, err
	}
	return nil, unexpected(CachingSHA2Password, "AuthMoreData status 0x%02x, want 0x03 or 0x04", payload[1])
}
