package wire

import "fmt"

// paramSize returns the size of the binary-protocol value of type t at the
// start of b (length prefix included), or why there is none: fixed sizes
// for numbers, a length byte (0, 4, 7 or 11 for dates, 0, 8 or 12 for TIME)
// for temporal types, a length-encoded string for the rest. It reads the
// types as types.SplitBinaryRow does for result rows.
func paramSize(t FieldType, b []byte) (int, string) {
	n := 0
	switch t {
	case TypeNull:
		return 0, ""
	case TypeTiny:
		n = 1
	case TypeShort, TypeYear:
		n = 2
	case TypeLong, TypeInt24, TypeFloat:
		n = 4
	case TypeLongLong, TypeDouble:
		n = 8
	case TypeDate, TypeNewDate, TypeDateTime, TypeTimestamp, TypeDateTime2, TypeTimestamp2, TypeTime, TypeTime2:
		if len(b) == 0 {
			return 0, "no length byte"
		}
		l := int(b[0])
		ok := l == 0 || l == 4 || l == 7 || l == 11
		if t == TypeTime || t == TypeTime2 {
			ok = l == 0 || l == 8 || l == 12
		}
		if !ok {
			return 0, fmt.Sprintf("length %d is not valid for %v", l, t)
		}
		n = 1 + l
	default:
		l, used, err := ReadLenEncInt(b)
		if err != nil {
			return 0, "length: " + reasonOf(err)
		}
		if l > uint64(len(b)-used) {
			return 0, fmt.Sprintf("length %d exceeds the %d bytes left", l, len(b)-used)
		}
		return used + int(l), ""
	}
	if len(b) < n {
		return 0, fmt.Sprintf("%d-byte value cut short at %d bytes", n, len(b))
	}
	return n, ""
}

// reasonOf is the Reason of a *MalformedError, or the error's text.
func reasonOf(err error) string {
	if m, ok := err.(*MalformedError); ok {
		return m.Reason
	}
	return err.Error()
}
