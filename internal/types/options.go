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
	// Location is the zone DATE, DATETIME and TIMESTAMP values are read in:
	// the server sends them without a zone, TIMESTAMP in the session's
	// time_zone. Default (nil): time.UTC.
	Location *time.Location
	// ZeroDate is the zero-date policy. Default: ZeroDateZeroTime.
	ZeroDate ZeroDatePolicy
}

func (o *Options) location() *time.Location {
	if o == nil || o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o *Options) zeroDate() ZeroDatePolicy {
	if o == nil {
		return ZeroDateZeroTime
	}
	return o.ZeroDate
}
