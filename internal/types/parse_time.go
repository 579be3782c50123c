package types

import "time"

// maxTime is the largest TIME magnitude MariaDB has: 838:59:59.999999.
const maxTime = 838*time.Hour + 59*time.Minute + 59*time.Second + 999999*time.Microsecond

// digitsAt reads n ASCII digits at b[i:], or -1.
func digitsAt(b []byte, i, n int) int {
	v := 0
	for _, c := range b[i : i+n] {
		d := int(c) - '0'
		if uint(d) > 9 {
			return -1
		}
		v = v*10 + d
	}
	return v
}

// parseFraction reads '.' and 1-6 digits (the whole of b) as microseconds
// and the digit count; an empty b is 0 with 0 digits.
func parseFraction(b []byte) (micro, digits int, err error) {
	if len(b) == 0 {
		return 0, 0, nil
	}
	digits = len(b) - 1
	if b[0] != '.' || digits < 1 || digits > 6 {
		return 0, 0, ErrSyntax
	}
	if micro = digitsAt(b, 1, digits); micro < 0 {
		return 0, 0, ErrSyntax
	}
	for range 6 - digits {
		micro *= 10
	}
	return micro, digits, nil
}

// parseCivil parses 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS' or the latter with
// '.' and 1-6 fractional digits. It returns the fractional digit count.
func parseCivil(b []byte) (c civil, fsp int, err error) {
	if len(b) < 10 || b[4] != '-' || b[7] != '-' {
		return civil{}, 0, ErrSyntax
	}
	c.year, c.month, c.day = digitsAt(b, 0, 4), digitsAt(b, 5, 2), digitsAt(b, 8, 2)
	if len(b) > 10 {
		if len(b) < 19 || b[10] != ' ' || b[13] != ':' || b[16] != ':' {
			return civil{}, 0, ErrSyntax
		}
		c.hour, c.minute, c.second = digitsAt(b, 11, 2), digitsAt(b, 14, 2), digitsAt(b, 17, 2)
		if c.micro, fsp, err = parseFraction(b[19:]); err != nil {
			return civil{}, 0, err
		}
	}
	if c.year < 0 || c.month < 0 || c.day < 0 || c.hour < 0 || c.minute < 0 || c.second < 0 {
		return civil{}, 0, ErrSyntax
	}
	if !c.valid() {
		return civil{}, 0, ErrInvalidDate
	}
	return c, fsp, nil
}

// parseDuration parses a TIME: '[-]H:MM:SS' with one to three hour digits
// and an optional '.' with 1-6 digits, up to ±838:59:59.999999.
func parseDuration(b []byte) (d time.Duration, fsp int, err error) {
	neg, b := splitSign(b)
	colon := 0
	for colon < len(b) && colon < 4 && b[colon] != ':' {
		colon++
	}
	if colon == 0 || colon > 3 || len(b) < colon+6 || b[colon+3] != ':' {
		return 0, 0, ErrSyntax
	}
	h, m, s := digitsAt(b, 0, colon), digitsAt(b, colon+1, 2), digitsAt(b, colon+4, 2)
	micro, fsp, err := parseFraction(b[colon+6:])
	if err != nil {
		return 0, 0, err
	}
	if h < 0 || m < 0 || s < 0 {
		return 0, 0, ErrSyntax
	}
	if m > 59 || s > 59 {
		return 0, 0, ErrRange
	}
	d = time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second +
		time.Duration(micro)*time.Microsecond
	if d > maxTime {
		return 0, 0, ErrRange
	}
	if neg {
		d = -d
	}
	return d, fsp, nil
}
