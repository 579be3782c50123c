package aiomysql

import (
	"context"
	"strings"
)

// The character set the server reads query text in decides whether
// interpolation is safe (see interpolate). The client learns of changes
// through session-state tracking, which a session can switch off (SET
// session_track_system_variables = '') or a server may lack. So any
// statement whose text could change the character set (it mentions NAMES,
// CHARACTER, CHARSET or session_track) marks the tracked value as unproven,
// and the next interpolation asks the server (SELECT @@character_set_client)
// before it writes a single argument. Such statements are rare; the common
// path costs a scan of the text and nothing else.

// noteSent marks the character set unproven when sql could change it: when
// it mentions NAMES, CHARACTER, CHARSET or session_track, in any case. One
// pass over the text, no allocation.
func (c *Conn) noteSent(sql string) {
	if c.charsetStale || sql == c.notedSafe {
		return // a statement run again (same text) is seen once
	}
	for i := 0; i < len(sql); i++ {
		switch sql[i] | 0x20 { // ASCII lower case
		case 'n':
			c.charsetStale = hasPrefixFold(sql[i:], "names")
		case 'c':
			c.charsetStale = hasPrefixFold(sql[i:], "character") || hasPrefixFold(sql[i:], "charset")
		case 's':
			c.charsetStale = hasPrefixFold(sql[i:], "session_track")
		}
		if c.charsetStale {
			return
		}
	}
	c.notedSafe = sql
}

// ensureCharset asks the server for its character set when the tracked
// value is unproven, before arguments are interpolated.
func (c *Conn) ensureCharset(ctx context.Context) error {
	if !c.charsetStale {
		return nil
	}
	v, err := c.pc.QueryValue(ctx, "SELECT @@character_set_client")
	if err != nil {
		return err
	}
	c.charsetVerified = strings.ToLower(v)
	c.trackedAtVerify = c.pc.Session().CharacterSetClient
	c.charsetStale = false
	return nil
}

// forgetCharset drops what was proven of the character set: a reset session
// is back to the handshake's.
func (c *Conn) forgetCharset() {
	c.charsetStale, c.charsetVerified, c.trackedAtVerify = false, "", ""
}

// hasPrefixFold reports whether s starts with word (ASCII lower case),
// ignoring ASCII case.
func hasPrefixFold(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for j := 0; j < len(word); j++ {
		b := s[j]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if b != word[j] {
			return false
		}
	}
	return true
}
