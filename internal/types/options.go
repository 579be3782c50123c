package types

import "time"

// ZeroDatePolicy says what a zero date ('0000-00-00' or
// '0000-00-00 00:00:00', which MySQL allows unless NO_ZERO_DATE is set)
// becomes when decoded into a time.Time or a natural value.
type ZeroDatePolicy uint8

const (
	// ZeroDateZeroTime, the default, decodes a zero date as time.Time{}
	// (IsZero reports true); AppendLiteral encodes time.Time{} back as a
	// zero date, so the value round-trips.
	ZeroDateZeroTime ZeroDatePolicy = iota
	// ZeroDateNull treats a zero date as SQL NULL: nil as a natural value,
	// nil in a **time.Time, Valid false in sql.NullTime, and an ErrNull
	// *ScanError in a *time.Time.
	ZeroDateNull
	// ZeroDateError makes a zero date an ErrZeroDate *ScanError wherever a
	// time is wanted.
	ZeroDateError
)

// Options tunes decoding. A nil *Options means the zero Options.
type Options struct {
	// Location is the zone time.Time values are given in, and the zone DATE
	// and DATETIME values, which the server sends without a zone, are read
	// in: they are wall-clock times. Default (nil): time.UTC.
	Location *time.Location
	// SessionLocation is the session's time_zone, in which the server writes
	// TIMESTAMP values: a TIMESTAMP is read as a wall-clock time there, which
	// fixes its instant, and given in Location. Default (nil): Location (a
	// TIMESTAMP is read like a DATETIME). In the hour a daylight-saving
	// change repeats, the server's text is ambiguous; the earlier of the two
	// instants is taken, as MariaDB's UNIX_TIMESTAMP does.
	SessionLocation *time.Location
	// ZeroDate is the zero-date policy. Default: ZeroDateZeroTime.
	ZeroDate ZeroDatePolicy
}

func (o *Options) location() *time.Location {
	if o == nil || o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// civilTime converts a valid date to a time.Time in Location; a TIMESTAMP
// (timestamp true) is first read in SessionLocation. The caller handles zero
// dates.
func (o *Options) civilTime(c civil, timestamp bool) (time.Time, error) {
	loc := o.location()
	if !timestamp || o == nil || o.SessionLocation == nil || o.SessionLocation == loc {
		return c.time(loc)
	}
	t, err := c.time(o.SessionLocation)
	if err != nil {
		return time.Time{}, err
	}
	return earliest(t).In(loc), nil
}

// earliest returns the earlier instant with t's wall clock when t lies in
// an hour its zone repeats (a daylight-saving change back), where time.Date
// does not say which it gives; else t. MariaDB reads such text as the
// earlier instant (UNIX_TIMESTAMP('2024-10-27 02:30:00') in Europe/Paris
// is 00:30 UTC), so a TIMESTAMP read back names the instant the server
// would.
func earliest(t time.Time) time.Time {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, off := t.Zone()
	_, before := start.Add(-time.Nanosecond).Zone()
	if before <= off {
		return t
	}
	e := t.Add(-time.Duration(before-off) * time.Second)
	if !e.Before(start) || e.Hour() != t.Hour() || e.Minute() != t.Minute() || e.Day() != t.Day() {
		return t
	}
	return e
}

func (o *Options) zeroDate() ZeroDatePolicy {
	if o == nil {
		return ZeroDateZeroTime
	}
	return o.ZeroDate
}
