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

// charsetWords are the words, in lower case, whose presence in a statement
// makes the tracked character set unproven.
func charsetWords() [4]string {
	return [4]string{"names", "character", "charset", "session_track"}
}

// noteSent marks the character set unproven when sql could change it.
func (c *Conn) noteSent(sql string) {
	if c.charsetStale {
		return
	}
	for _, w := range charsetWords() {
		if containsFold(sql, w) {
			c.charsetStale = true
			return
		}
	}
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

// containsFold reports whether s contains word (ASCII lower case),
// ignoring ASCII case, without allocating.
func containsFold(s, word string) bool {
	n := len(word)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			b := s[i+j]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			if b != word[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}
