package types_test

import (
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// FuzzBinaryParam encodes values as parameters and reads each back as a
// binary row value of its column type: the encoder and the decoder agree.
// sec and nsec make a time.Time (its year may fall outside 0-9999, which
// must be ErrRange), d a time.Duration (beyond ±838:59:59.999999 ErrRange).
func FuzzBinaryParam(f *testing.F) {
	f.Fuzz(func(t *testing.T, i int64, u uint64, fl float64, s string, sec int64, nsec int64, d int64) {
		ins := []any{i, int32(i), int16(i), int8(i), u, uint32(u), uint16(u), uint8(u), fl, float32(fl), s, []byte(s)}
		for _, in := range ins {
			_, p, err := types.AppendBinaryParam(nil, in, nil)
			if err != nil {
				if f, ok := in.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
					continue
				}
				if f, ok := in.(float32); ok && (math.IsNaN(float64(f)) || math.IsInf(float64(f), 0)) {
					continue
				}
				t.Fatalf("%T %v: %v", in, in, err)
			}
			var dest any
			switch in.(type) {
			case int64:
				dest = new(int64)
			case int32:
				dest = new(int32)
			case int16:
				dest = new(int16)
			case int8:
				dest = new(int8)
			case uint64:
				dest = new(uint64)
			case uint32:
				dest = new(uint32)
			case uint16:
				dest = new(uint16)
			case uint8:
				dest = new(uint8)
			case float64:
				dest = new(float64)
			case float32:
				dest = new(float32)
			case string:
				dest = new(string)
			case []byte:
				dest = new([]byte)
			}
			scanParam(t, p, dest)
			if got := deref(dest); !sameValue(got, in) {
				t.Fatalf("%T %v: read back %v", in, in, got)
			}
		}
		tm := time.Unix(sec, nsec%1e9).UTC()
		_, p, err := types.AppendBinaryParam(nil, tm, nil)
		switch {
		case tm.Year() < 0 || tm.Year() > 9999:
			wantErr(t, err, types.ErrRange)
		case err != nil:
			t.Fatalf("time %v: %v", tm, err)
		default:
			var back time.Time
			scanParam(t, p, &back)
			if !back.Equal(tm.Truncate(time.Microsecond)) {
				t.Fatalf("time %v: read back %v", tm, back)
			}
		}
		dur := time.Duration(d)
		_, p, err = types.AppendBinaryParam(nil, dur, nil)
		if r := dur - dur%time.Microsecond; r > 838*time.Hour+59*time.Minute+59*time.Second+999999*time.Microsecond ||
			r < -(838*time.Hour+59*time.Minute+59*time.Second+999999*time.Microsecond) {
			wantErr(t, err, types.ErrRange)
			return
		}
		if err != nil {
			t.Fatalf("duration %v: %v", dur, err)
		}
		var back time.Duration
		scanParam(t, p, &back)
		if back != dur-dur%time.Microsecond {
			t.Fatalf("duration %v: read back %v", dur, back)
		}
	})
}

// scanParam scans a parameter's bytes, as a one-column binary row of its
// type, into dest.
func scanParam(t *testing.T, p wire.StmtParam, dest any) {
	t.Helper()
	c := paramColumn(p)
	vals, err := types.SplitBinaryRow(nil, binaryRow(p.Value), []types.Column{*c})
	if err != nil {
		t.Fatalf("SplitBinaryRow of %x: %v", p.Value, err)
	}
	if err := types.ScanBinary(c, vals[0], false, dest, nil); err != nil {
		t.Fatalf("ScanBinary of %x (%v): %v", p.Value, p.Type, err)
	}
}

func deref(p any) any {
	switch x := p.(type) {
	case *int64:
		return *x
	case *int32:
		return *x
	case *int16:
		return *x
	case *int8:
		return *x
	case *uint64:
		return *x
	case *uint32:
		return *x
	case *uint16:
		return *x
	case *uint8:
		return *x
	case *float64:
		return *x
	case *float32:
		return *x
	case *string:
		return *x
	case *[]byte:
		return string(*x)
	}
	return nil
}

// sameValue compares a scanned value with the input: floats bit for bit,
// bytes as text.
func sameValue(got, in any) bool {
	switch x := in.(type) {
	case float64:
		return math.Float64bits(got.(float64)) == math.Float64bits(x)
	case float32:
		return math.Float32bits(got.(float32)) == math.Float32bits(x)
	case []byte:
		return got == string(x)
	}
	return got == in
}
