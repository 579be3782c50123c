package auth

import "fmt"

// moreData is the status byte of a MySQL AuthMoreData packet.
const moreData = 0x01

// fullAuth is what caching_sha2_password (after 0x04) and sha256_password
// share: sending the password itself. On a secure channel it goes in clear;
// otherwise it is encrypted with the configured RSA key, or with the server's
// key after asking for it (when allowed), or it is not sent at all.
type fullAuth struct {
	plugin     string
	requestKey byte // the byte that asks the server for its public key
	scramble   [scrambleLen]byte
	awaitKey   bool // the key was requested and has not arrived
}

// setScramble keeps a copy of the 20-byte scramble: the caller may reuse the
// nonce's buffer.
func (f *fullAuth) setScramble(nonce []byte) error {
	s, err := scramble20(f.plugin, nonce)
	if err != nil {
		return err
	}
	copy(f.scramble[:], s)
	return nil
}

// send returns the packet that starts sending the password: the password in
// clear, the password encrypted, or the request for the server's key.
func (f *fullAuth) send(o *Options) ([]byte, error) {
	switch {
	case o.Secure:
		return passwordNUL(o.Password), nil
	case o.ServerPublicKey != nil:
		return encryptPassword(f.plugin, o.ServerPublicKey, o.Password, f.scramble[:])
	case o.AllowPublicKeyRetrieval:
		f.awaitKey = true
		return []byte{f.requestKey}, nil
	}
	return nil, fmt.Errorf("%w (%s)", ErrPublicKeyNeeded, f.plugin)
}

// receiveKey answers the AuthMoreData packet that carries the server's PEM
// key with the encrypted password. A configured key wins over the server's.
func (f *fullAuth) receiveKey(payload []byte, o *Options) ([]byte, error) {
	if len(payload) < 2 || payload[0] != moreData {
		return nil, unexpected(f.plugin, "want AuthMoreData with the public key, got %s", describe(payload))
	}
	f.awaitKey = false
	key := o.ServerPublicKey
	if key == nil {
		var err error
		if key, err = parsePublicKey(payload[1:], f.plugin+": the server's key: "); err != nil {
			return nil, err
		}
	}
	return encryptPassword(f.plugin, key, o.Password, f.scramble[:])
}

// describe summarizes a packet for an error message without quoting it.
func describe(payload []byte) string {
	if len(payload) == 0 {
		return "an empty packet"
	}
	return fmt.Sprintf("%d bytes starting 0x%02x", len(payload), payload[0])
}
