package wire

import (
	"bytes"
	"encoding/binary"
)

// Markers that open a length-encoded integer of more than one byte.
const (
	lenEncNull   = 0xFB // SQL NULL in a row
	lenEnc2Bytes = 0xFC
	lenEnc3Bytes = 0xFD
	lenEnc8Bytes = 0xFE
)

// LenEncIntSize returns how many bytes AppendLenEncInt uses for v.
func LenEncIntSize(v uint64) int {
	switch {
	case v < 251:
		return 1
	case v < 1<<16:
		return 3
	case v < 1<<24:
		return 4
	}
	return 9
}

// AppendLenEncInt appends v as a length-encoded integer in its shortest form.
func AppendLenEncInt(dst []byte, v uint64) []byte {
	switch {
	case v < 251:
		return append(dst, byte(v))
	case v < 1<<16:
		return append(dst, lenEnc2Bytes, byte(v), byte(v>>8))
	case v < 1<<24:
		return append(dst, lenEnc3Bytes, byte(v), byte(v>>8), byte(v>>16))
	}
	dst = append(dst, lenEnc8Bytes)
	return binary.LittleEndian.AppendUint64(dst, v)
}

// AppendLenEncString appends s prefixed with its length as a length-encoded
// integer.
func AppendLenEncString(dst, s []byte) []byte {
	return append(AppendLenEncInt(dst, uint64(len(s))), s...)
}

// AppendLenEncStr is AppendLenEncString for a string.
func AppendLenEncStr(dst []byte, s string) []byte {
	return append(AppendLenEncInt(dst, uint64(len(s))), s...)
}

// AppendNULString appends s and a NUL terminator. It does not check s for
// NUL bytes; encoders that use it reject such strings first.
func AppendNULString(dst []byte, s string) []byte {
	return append(append(dst, s...), 0)
}

// ReadLenEncInt reads a length-encoded integer from the start of src and
// returns it with the number of bytes it used. The NULL marker 0xFB gives
// ErrNull with n = 1; 0xFF (which would open an ERR packet) and a value cut
// short give a *MalformedError. Non-shortest forms are accepted.
func ReadLenEncInt(src []byte) (v uint64, n int, err error) {
	if len(src) == 0 {
		return 0, 0, malformed("length-encoded integer", "no bytes left")
	}
	switch src[0] {
	case lenEncNull:
		return 0, 1, ErrNull
	case lenEnc2Bytes:
		n = 3
	case lenEnc3Bytes:
		n = 4
	case lenEnc8Bytes:
		n = 9
	case 0xFF:
		return 0, 0, malformed("length-encoded integer", "0xFF is not a valid first byte")
	default:
		return uint64(src[0]), 1, nil
	}
	if len(src) < n {
		return 0, 0, malformed("length-encoded integer", "%d-byte integer cut short at %d bytes", n, len(src))
	}
	switch n {
	case 3:
		v = uint64(binary.LittleEndian.Uint16(src[1:]))
	case 4:
		v = uint64(src[1]) | uint64(src[2])<<8 | uint64(src[3])<<16
	default:
		v = binary.LittleEndian.Uint64(src[1:])
	}
	return v, n, nil
}

// ReadLenEncString reads a length-encoded string from the start of src and
// returns it with the number of bytes used (prefix included). The returned
// slice aliases src. A length beyond the end of src is a *MalformedError,
// found before anything is allocated; the NULL marker gives ErrNull.
func ReadLenEncString(src []byte) (s []byte, n int, err error) {
	v, n, err := ReadLenEncInt(src)
	if err != nil {
		return nil, n, err
	}
	if v > uint64(len(src)-n) {
		return nil, 0, malformed("length-encoded string", "length %d exceeds the %d bytes left", v, len(src)-n)
	}
	end := n + int(v)
	return src[n:end:end], end, nil
}

// ReadNULString reads a NUL-terminated string from the start of src and
// returns it (without the NUL, aliasing src) with the number of bytes used
// (the NUL included). A missing terminator is a *MalformedError.
func ReadNULString(src []byte) (s []byte, n int, err error) {
	i := bytes.IndexByte(src, 0)
	if i < 0 {
		return nil, 0, malformed("NUL-terminated string", "no NUL terminator in %d bytes", len(src))
	}
	return src[:i:i], i + 1, nil
}
