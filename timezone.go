package aiomysql

import (
	"strconv"
	"strings"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

// decodeState is how a connection decodes values: the options, and the
// session time_zone their SessionLocation was resolved from, so that it is
// resolved again only when the server reports a change.
type decodeState struct {
	opts types.Options
	zone string
}

// track brings SessionLocation up to date with the session's time_zone as
// the server last reported it ("" while it has reported none).
func (d *decodeState) track(zone string) {
	if zone == d.zone {
		return
	}
	d.zone = zone
	d.opts.SessionLocation = sessionLocation(zone)
}

// sessionLocation resolves a time_zone value as the server reports it: an
// offset ("+05:30", "-08:00") or a named zone ("Europe/Paris", looked up
// in Go's time zone database, which the server's tables are loaded from).
// It returns nil when the zone is unknown: "" (never reported), "SYSTEM"
// (the server's operating-system zone, which the server names only by an
// abbreviation), or a name Go does not know. TIMESTAMP values are then read
// in Location, as DATETIME values.
func sessionLocation(zone string) *time.Location {
	switch {
	case zone == "" || strings.EqualFold(zone, "SYSTEM"):
		return nil
	case zone[0] == '+' || zone[0] == '-':
		return offsetLocation(zone)
	}
	return loadZone(zone)
}

// loadZone loads a named zone. The server matches names in any case
// (SET time_zone = 'europe/paris' is reported as written), Go's database on
// a case-sensitive file system does not: after the name as given, it tries
// the usual capitalisation (each word capitalised, "America/New_York") and
// all capitals ("UTC", "EST5EDT").
func loadZone(name string) *time.Location {
	for _, n := range []string{name, capitalize(name), strings.ToUpper(name)} {
		if loc, err := time.LoadLocation(n); err == nil {
			return loc
		}
	}
	return nil
}

// capitalize upper-cases the first letter of each word of a zone name
// (after the start, '/', '_' and '-') and lower-cases the others.
func capitalize(name string) string {
	b := []byte(strings.ToLower(name))
	for i := range b {
		if i == 0 || b[i-1] == '/' || b[i-1] == '_' || b[i-1] == '-' {
			if 'a' <= b[i] && b[i] <= 'z' {
				b[i] -= 'a' - 'A'
			}
		}
	}
	return string(b)
}

// offsetLocation reads a time_zone offset, [+-]H[H]:MM (the server keeps
// them within about ±14 hours); nil if it is not one.
func offsetLocation(zone string) *time.Location {
	h, m, ok := strings.Cut(zone[1:], ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return nil
	}
	hours, err1 := strconv.Atoi(h)
	mins, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || h[0] == '+' || h[0] == '-' || m[0] == '+' || m[0] == '-' ||
		hours > 14 || mins > 59 {
		return nil
	}
	secs := hours*3600 + mins*60
	if zone[0] == '-' {
		secs = -secs
	}
	return time.FixedZone(zone, secs)
}
