package types

import "time"

// civil is a DATE or DATETIME as the server holds it: calendar fields with
// no zone, which may be all zero or have a zero month or day.
type civil struct {
	year, month, day     int
	hour, minute, second int
	micro                int
}

// The bit layout of a civil packed into a Value's num (60 bits in all).
const (
	microBits  = 20
	secondBits = 6
	minuteBits = 6
	hourBits   = 5
	dayBits    = 5
	monthBits  = 4

	secondShift = microBits
	minuteShift = secondShift + secondBits
	hourShift   = minuteShift + minuteBits
	dayShift    = hourShift + hourBits
	monthShift  = dayShift + dayBits
	yearShift   = monthShift + monthBits
)

func mask(bits uint) uint64 { return 1<<bits - 1 }

// valid reports whether every field is in its range: year 0-9999, month
// 0-12, day 0-31, hour 0-23, minute and second 0-59, micro 0-999999.
func (c civil) valid() bool {
	return uint(c.year) <= 9999 && uint(c.month) <= 12 && uint(c.day) <= 31 &&
		uint(c.hour) <= 23 && uint(c.minute) <= 59 && uint(c.second) <= 59 && uint(c.micro) <= 999999
}

// pack stores a valid civil in 60 bits.
func (c civil) pack() uint64 {
	return uint64(c.year)<<yearShift | uint64(c.month)<<monthShift | uint64(c.day)<<dayShift |
		uint64(c.hour)<<hourShift | uint64(c.minute)<<minuteShift | uint64(c.second)<<secondShift |
		uint64(c.micro)
}

func unpackCivil(n uint64) civil {
	return civil{
		year:   int(n >> yearShift),
		month:  int(n >> monthShift & mask(monthBits)),
		day:    int(n >> dayShift & mask(dayBits)),
		hour:   int(n >> hourShift & mask(hourBits)),
		minute: int(n >> minuteShift & mask(minuteBits)),
		second: int(n >> secondShift & mask(secondBits)),
		micro:  int(n & mask(microBits)),
	}
}

// isZero reports a zero date: every field zero.
func (c civil) isZero() bool {
	return c.year|c.month|c.day|c.hour|c.minute|c.second|c.micro == 0
}

// time converts c to a time.Time in loc. A zero month or day, or a day past
// the end of the month, is ErrInvalidDate; the caller handles zero dates.
func (c civil) time(loc *time.Location) (time.Time, error) {
	if c.month == 0 || c.day == 0 || c.day > daysIn(c.month, c.year) {
		return time.Time{}, ErrInvalidDate
	}
	if loc == time.UTC {
		// The common case, without time.Date's normalization and zone lookups.
		sec := daysSinceEpoch(c.year, c.month, c.day)*86400 + int64(c.hour*3600+c.minute*60+c.second)
		return time.Unix(sec, int64(c.micro)*1000).UTC(), nil
	}
	return time.Date(c.year, time.Month(c.month), c.day, c.hour, c.minute, c.second, c.micro*1000, loc), nil
}

// daysSinceEpoch counts the days from 1970-01-01 to a valid date of the
// proleptic Gregorian calendar, years 0-9999 (eras of 400 years start on
// March 1st so that leap days fall at the end).
func daysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := (y + 400) / 400 // y >= -1
	yoe := y - (era-1)*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era-1)*146097 + int64(doe) - 719468
}

// daysIn returns the number of days of a month (1-12) of the proleptic
// Gregorian calendar.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// appendDate appends 'YYYY-MM-DD'.
func (c civil) appendDate(dst []byte) []byte {
	dst = append4(dst, c.year)
	dst = append(dst, '-')
	dst = append2(dst, c.month)
	dst = append(dst, '-')
	return append2(dst, c.day)
}

// appendDateTime appends 'YYYY-MM-DD HH:MM:SS' and fsp fractional digits
// (fsp < 0: the digits needed, none for a whole second).
func (c civil) appendDateTime(dst []byte, fsp int) []byte {
	dst = append(c.appendDate(dst), ' ')
	dst = appendClock(dst, c.hour, c.minute, c.second)
	return appendFraction(dst, c.micro, fsp)
}

// appendClock appends 'HH:MM:SS'; hours take more digits when needed.
func appendClock(dst []byte, h, m, s int) []byte {
	if h >= 100 {
		dst = appendInt(dst, h)
	} else {
		dst = append2(dst, h)
	}
	dst = append(dst, ':')
	dst = append2(dst, m)
	dst = append(dst, ':')
	return append2(dst, s)
}

// appendFraction appends '.' and fsp digits of micro (0-999999); with
// fsp < 0 only the digits needed, nothing for 0.
func appendFraction(dst []byte, micro, fsp int) []byte {
	digits := fsp
	if fsp < 0 {
		if micro == 0 {
			return dst
		}
		digits = 6
		for m := micro; m%10 == 0; m /= 10 {
			digits--
		}
	}
	if digits == 0 {
		return dst
	}
	dst = append(dst, '.')
	div := 100000
	for range digits {
		dst = append(dst, byte('0'+micro/div%10))
		div /= 10
	}
	return dst
}

// appendDuration appends a TIME: '[-]HH:MM:SS' and the fraction as
// appendFraction does. Sub-microsecond parts are dropped.
func appendDuration(dst []byte, d time.Duration, fsp int) []byte {
	u := uint64(d)
	if d < 0 {
		dst = append(dst, '-')
		u = -u
	}
	micro := u / 1000
	sec := micro / 1e6
	return appendFraction(appendClock(dst, int(sec/3600), int(sec/60%60), int(sec%60)), int(micro%1e6), fsp)
}

func append2(dst []byte, n int) []byte {
	return append(dst, byte('0'+n/10%10), byte('0'+n%10))
}

func append4(dst []byte, n int) []byte {
	return append(dst, byte('0'+n/1000%10), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

func appendInt(dst []byte, n int) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(dst, buf[i:]...)
}
