package wire_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestLenEncIntRoundTrip(t *testing.T) {
	tests := []struct {
		v    uint64
		wire string
	}{
		{0, "00"},
		{1, "01"},
		{250, "fa"},
		{251, "fcfb00"},
		{0xFFFF, "fcffff"},
		{0x10000, "fd000001"},
		{0xFFFFFF, "fdffffff"},
		{0x1000000, "fe0000000100000000"},
		{1<<63 + 5, "fe0500000000000080"},
		{^uint64(0), "feffffffffffffffff"},
	}
	for _, tt := range tests {
		want := unhex(t, tt.wire)
		got := wire.AppendLenEncInt([]byte{0xAA}, tt.v)
		if !bytes.Equal(got[1:], want) || got[0] != 0xAA {
			t.Errorf("AppendLenEncInt(%d) = %x, want aa%x", tt.v, got, want)
		}
		if n := wire.LenEncIntSize(tt.v); n != len(want) {
			t.Errorf("LenEncIntSize(%d) = %d, want %d", tt.v, n, len(want))
		}
		v, n, err := wire.ReadLenEncInt(append(want, 0x77))
		if err != nil || v != tt.v || n != len(want) {
			t.Errorf("ReadLenEncInt(%x) = %d, %d, %v; want %d, %d", want, v, n, err, tt.v, len(want))
		}
	}
}

func TestReadLenEncIntErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"0xFF", "ff"},
		{"2-byte cut", "fc01"},
		{"3-byte cut", "fd0102"},
		{"8-byte cut", "fe01020304050607"},
		{"marker alone", "fe"},
	}
	for _, tt := range tests {
		_, _, err := wire.ReadLenEncInt(unhex(t, tt.in))
		wantMalformed(t, err, tt.name)
	}
	// Non-shortest forms are accepted.
	if v, n, err := wire.ReadLenEncInt(unhex(t, "fc0500")); v != 5 || n != 3 || err != nil {
		t.Errorf("non-shortest form: %d, %d, %v", v, n, err)
	}
}

func TestReadLenEncNull(t *testing.T) {
	v, n, err := wire.ReadLenEncInt([]byte{0xFB, 0x01})
	if !errors.Is(err, wire.ErrNull) || n != 1 || v != 0 {
		t.Errorf("ReadLenEncInt(fb) = %d, %d, %v; want 0, 1, ErrNull", v, n, err)
	}
	s, n, err := wire.ReadLenEncString([]byte{0xFB})
	if !errors.Is(err, wire.ErrNull) || n != 1 || s != nil {
		t.Errorf("ReadLenEncString(fb) = %q, %d, %v; want nil, 1, ErrNull", s, n, err)
	}
}

func TestLenEncString(t *testing.T) {
	long := strings.Repeat("x", 300)
	for _, s := range []string{"", "a", "def", long} {
		b := wire.AppendLenEncStr(nil, s)
		if b2 := wire.AppendLenEncString(nil, []byte(s)); !bytes.Equal(b, b2) {
			t.Fatalf("string and []byte variants differ for %d bytes", len(s))
		}
		got, n, err := wire.ReadLenEncString(append(b, 0xEE))
		if err != nil || string(got) != s || n != len(b) {
			t.Errorf("ReadLenEncString(%d bytes) = %d bytes, %d, %v", len(s), len(got), n, err)
		}
		if len(got) > 0 && cap(got) != len(got) {
			t.Errorf("returned slice has spare capacity %d > %d: appending would overwrite the packet", cap(got), len(got))
		}
	}
}

func TestLenEncStringLongerThanPacket(t *testing.T) {
	tests := []string{
		"05616263",             // 5 declared, 3 present
		"fcffff00",             // 65535 declared
		"feffffffffffffff7f00", // 2^63-1 declared: must fail before any allocation
		"feffffffffffffffff",   // 2^64-1 declared
	}
	for _, in := range tests {
		allocs := testing.AllocsPerRun(10, func() {
			_, _, err := wire.ReadLenEncString(unhexNoAlloc(in))
			if err == nil {
				t.Fatalf("ReadLenEncString(%s): no error", in)
			}
		})
		_, _, err := wire.ReadLenEncString(unhex(t, in))
		wantMalformed(t, err, in)
		// Building the error costs a few allocations; the declared length
		// must not be allocated.
		if allocs > 8 {
			t.Errorf("ReadLenEncString(%s): %v allocations", in, allocs)
		}
	}
}

// unhexNoAlloc decodes test constants; it panics on bad input.
func unhexNoAlloc(s string) []byte {
	b := make([]byte, len(s)/2)
	for i := range b {
		b[i] = fromHex(s[2*i])<<4 | fromHex(s[2*i+1])
	}
	return b
}

func fromHex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	panic("bad hex")
}

func TestNULString(t *testing.T) {
	b := wire.AppendNULString([]byte("x"), "root")
	if string(b) != "xroot\x00" {
		t.Fatalf("AppendNULString = %q", b)
	}
	s, n, err := wire.ReadNULString(b[1:])
	if err != nil || string(s) != "root" || n != 5 {
		t.Errorf("ReadNULString = %q, %d, %v", s, n, err)
	}
	_, _, err = wire.ReadNULString([]byte("root"))
	wantMalformed(t, err, "no terminator")
}
