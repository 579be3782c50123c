package aiomysql

import (
	"context"

	"fmt"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"sort"
	"strconv"
	"strings"
)

// setUpSession applies the Config's session settings in one SET statement
// (character set beyond the handshake's, sql_mode, time zone, autocommit,
// session variables), then the init commands in order. first is true right
// after the handshake, when max_allowed_packet may have to be read.
func (c *Conn) setUpSession(ctx context.Context, first bool) error {
	// A reset session is back to the handshake's collation: the one a
	// fallback chose, or one of an id over 255, needs SET NAMES.
	names := !first && c.collation.ID != c.greeted || first && c.collation.ID > 255 && len(c.cfg.CharsetFallbacks) == 0
	sets, err := sessionAssignments(c.cfg, names, c.collation.Charset, c.collation.Name)
	if err != nil {
		return err
	}
	if len(sets) > 0 {
		set := "SET " + strings.Join(sets, ", ")
		c.noteSent(set)
		if _, err := c.pc.ExecText(ctx, protocol.Request{Op: "session set-up"}, set); err != nil {
			return err
		}
	}
	for _, q := range c.cfg.InitCommands {
		c.noteSent(q)
		if _, err := c.pc.ExecText(ctx, protocol.Request{Op: "init command"}, q); err != nil {
			return err
		}
	}
	if first && c.cfg.MaxAllowedPacket == 0 {
		n, err := c.serverMaxAllowedPacket(ctx)
		if err != nil {
			return err
		}
		c.pc.SetMaxPacket(n)
		c.serverMaxPacket = n
	}
	c.pc.MarkSessionClean()
	return nil
}

// sessionAssignments builds the assignments of the set-up SET statement.
// names adds SET NAMES: the handshake carries a collation id in one byte,
// so larger ids need it, as does a fallback character set.
func sessionAssignments(cfg *Config, names bool, cs, coll string) ([]string, error) {
	var sets []string
	if names {
		sets = append(sets, "NAMES "+cs+" COLLATE "+coll)
	}
	add := func(name, value string) error {
		q, err := quoteSetting(value)
		if err != nil {
			return fmt.Errorf("aiomysql: session setting %s: %w", name, err)
		}
		sets = append(sets, name+" = "+q)
		return nil
	}
	if cfg.SQLMode != "" {
		if err := add("sql_mode", cfg.SQLMode); err != nil {
			return nil, err
		}
	}
	if cfg.TimeZone != "" {
		if err := add("time_zone", cfg.TimeZone); err != nil {
			return nil, err
		}
	}
	if cfg.Autocommit != nil {
		if *cfg.Autocommit {
			sets = append(sets, "autocommit = 1")
		} else {
			sets = append(sets, "autocommit = 0")
		}
	}
	for _, name := range sortedKeys(cfg.Params) {
		v := cfg.Params[name]
		if !isSettingName(name) {
			return nil, fmt.Errorf("aiomysql: session variable name %q is not a plain identifier", name)
		}
		if isBareValue(v) {
			sets = append(sets, name+" = "+v)
			continue
		}
		if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
			v = strings.ReplaceAll(v[1:len(v)-1], "''", "'")
		}
		if err := add(name, v); err != nil {
			return nil, err
		}
	}
	return sets, nil
}

// quoteSetting quotes a settings value as a string literal that reads the same
// whatever the session's sql_mode and character set: quotes are doubled, and
// a backslash or NUL (whose meaning depends on NO_BACKSLASH_ESCAPES) is refused.
func quoteSetting(v string) (string, error) {
	if strings.ContainsAny(v, "\\\x00") {
		return "", fmt.Errorf("value contains a backslash or NUL byte")
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'", nil
}

// isSettingName accepts plain identifiers, optionally with a @@session. or
// @@ prefix.
func isSettingName(name string) bool {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "@@session."), "@@")
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if !(b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			return false
		}
	}
	return true
}

// isBareValue accepts values sent without quotes: keywords and identifiers
// (ON, OFF, DEFAULT, utf8mb4) and decimal numbers.
func isBareValue(v string) bool {
	if v == "" {
		return false
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil && strings.Trim(v, "+-.0123456789") == "" {
		return true
	}
	return isSettingName(v) && !strings.HasPrefix(v, "@@")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
