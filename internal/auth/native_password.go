package auth

import "crypto/sha1"

// nativePassword is mysql_native_password: one answer to the nonce,
//
//	SHA1(pw) XOR SHA1(nonce[:20] + SHA1(SHA1(pw)))
//
// and nothing more. An empty password is an empty answer.
type nativePassword struct{}

func (*nativePassword) Name() string { return NativePassword }

func (p *nativePassword) Start(nonce []byte, o *Options) ([]byte, error) {
	o = options(o)
	scramble, err := scramble20(NativePassword, nonce)
	if err != nil {
		return nil, err
	}
	if o.Password == "" {
		return []byte{}, nil
	}
	pw := []byte(o.Password)
	defer clear(pw)
	stage1 := sha1.Sum(pw)
	stage2 := sha1.Sum(stage1[:])
	h := sha1.New()
	h.Write(scramble)
	h.Write(stage2[:])
	out := h.Sum(make([]byte, 0, sha1.Size))
	for i := range out {
		out[i] ^= stage1[i]
	}
	clear(stage1[:])
	clear(stage2[:])
	return out, nil
}

func (*nativePassword) Continue(payload []byte, _ *Options) ([]byte, error) {
	return nil, unexpected(NativePassword, "a packet of %d bytes after the answer", len(payload))
}
