package types_test

import (
	"database/sql"
	"testing"
	"time"
	_ "time/tzdata" // zones for tests, whatever the machine has

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestTextDateTimeFractionalDigits(t *testing.T) {
	base := "2024-01-02 03:04:05"
	tests := []struct {
		frac string
		ns   int
	}{
		{"", 0}, {".1", 100000000}, {".12", 120000000}, {".123", 123000000},
		{".1234", 123400000}, {".12345", 123450000}, {".123456", 123456000},
		{".000001", 1000}, {".000000", 0},
	}
	for fsp, tt := range tests {
		for _, typ := range []wire.FieldType{wire.TypeDateTime, wire.TypeTimestamp} {
			c := withDecimals(col(typ, 0), byte(min(fsp, 6)))
			raw := base + tt.frac
			want := time.Date(2024, 1, 2, 3, 4, 5, tt.ns, time.UTC)
			got, err := scanText[time.Time](t, c, raw, nil)
			if err != nil || !equal(got, want) {
				t.Fatalf("%s %q = %v, %v; want %v", typ, raw, got, err, want)
			}
			nat, err := types.DecodeText(c, []byte(raw), false, nil)
			if err != nil || !equal(nat, want) {
				t.Fatalf("DecodeText %q = %v, %v", raw, nat, err)
			}
			s, err := scanText[string](t, c, raw, nil)
			if err != nil || s != raw {
				t.Fatalf("into *string = %q, %v", s, err)
			}
		}
	}
}

func TestTextDateAndRangeEdges(t *testing.T) {
	tests := []struct {
		typ  wire.FieldType
		raw  string
		want time.Time
	}{
		{wire.TypeDate, "2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{wire.TypeDate, "1000-01-01", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{wire.TypeDate, "9999-12-31", time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)},
		{wire.TypeDate, "0001-01-01", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
		{wire.TypeDateTime, "9999-12-31 23:59:59.999999", time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)},
		{wire.TypeDateTime, "1000-01-01 00:00:00.000000", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{wire.TypeTimestamp, "1970-01-01 00:00:01", time.Unix(1, 0).UTC()},
		{wire.TypeTimestamp, "2038-01-19 03:14:07.999999", time.Date(2038, 1, 19, 3, 14, 7, 999999000, time.UTC)},
	}
	for _, tt := range tests {
		got, err := scanText[time.Time](t, col(tt.typ, 0), tt.raw, nil)
		if err != nil || !equal(got, tt.want) {
			t.Fatalf("%q = %v, %v; want %v", tt.raw, got, err, tt.want)
		}
	}
}

func TestTextTimeZones(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	ny := mustLoad(t, "America/New_York")
	for _, loc := range []*time.Location{ist, ny, time.UTC} {
		opt := &types.Options{Location: loc}
		got, err := scanText[time.Time](t, col(wire.TypeTimestamp, 0), "2024-07-01 12:00:00", opt)
		want := time.Date(2024, 7, 1, 12, 0, 0, 0, loc)
		if err != nil || !equal(got, want) {
			t.Fatalf("%s: %v, %v; want %v", loc, got, err, want)
		}
		if got.Hour() != 12 || got.Location() != loc {
			t.Fatalf("%s: wall clock or zone changed: %v", loc, got)
		}
	}
	// New York in winter: a different offset from the same Location.
	got, _ := scanText[time.Time](t, col(wire.TypeDateTime, 0), "2024-01-01 12:00:00", &types.Options{Location: ny})
	if _, off := got.Zone(); off != -5*3600 {
		t.Fatalf("winter offset %d", off)
	}
}

func TestZeroDatePolicies(t *testing.T) {
	zeros := []struct {
		typ wire.FieldType
		raw string
	}{
		{wire.TypeDate, "0000-00-00"},
		{wire.TypeDateTime, "0000-00-00 00:00:00"},
		{wire.TypeTimestamp, "0000-00-00 00:00:00"},
		{wire.TypeDateTime, "0000-00-00 00:00:00.000000"},
	}
	for _, z := range zeros {
		c := col(z.typ, 0)
		t.Run(z.raw+"/default", func(t *testing.T) {
			got, err := scanText[time.Time](t, c, z.raw, nil)
			if err != nil || !got.IsZero() {
				t.Fatalf("= %v, %v; want time.Time{}", got, err)
			}
			nat, err := types.DecodeText(c, []byte(z.raw), false, nil)
			if err != nil || nat != (time.Time{}) {
				t.Fatalf("natural = %v, %v", nat, err)
			}
			nt, err := scanText[sql.NullTime](t, c, z.raw, nil)
			if err != nil || !nt.Valid || !nt.Time.IsZero() {
				t.Fatalf("NullTime = %+v, %v", nt, err)
			}
		})
		t.Run(z.raw+"/null", func(t *testing.T) {
			opt := &types.Options{ZeroDate: types.ZeroDateNull}
			_, err := scanText[time.Time](t, c, z.raw, opt)
			wantErr(t, err, types.ErrNull)
			p, err := scanText[*time.Time](t, c, z.raw, opt)
			if err != nil || p != nil {
				t.Fatalf("**time.Time = %v, %v; want nil", p, err)
			}
			nt, err := scanText[sql.NullTime](t, c, z.raw, opt)
			if err != nil || nt.Valid {
				t.Fatalf("NullTime = %+v, %v", nt, err)
			}
			nat, err := types.DecodeText(c, []byte(z.raw), false, opt)
			if err != nil || nat != nil {
				t.Fatalf("natural = %v, %v; want nil", nat, err)
			}
			a, err := scanText[any](t, c, z.raw, opt)
			if err != nil || a != nil {
				t.Fatalf("*any = %v, %v", a, err)
			}
		})
		t.Run(z.raw+"/error", func(t *testing.T) {
			opt := &types.Options{ZeroDate: types.ZeroDateError}
			_, err := scanText[time.Time](t, c, z.raw, opt)
			wantErr(t, err, types.ErrZeroDate)
			_, err = types.DecodeText(c, []byte(z.raw), false, opt)
			wantErr(t, err, types.ErrZeroDate)
		})
		t.Run(z.raw+"/text", func(t *testing.T) {
			for _, opt := range []*types.Options{nil, {ZeroDate: types.ZeroDateNull}, {ZeroDate: types.ZeroDateError}} {
				s, err := scanText[string](t, c, z.raw, opt)
				if err != nil || s != z.raw {
					t.Fatalf("*string = %q, %v", s, err)
				}
			}
		})
	}
}

func TestInvalidAndPartlyZeroDates(t *testing.T) {
	for _, raw := range []string{"2024-00-15", "2024-05-00", "2024-00-00", "0000-00-00 12:00:00",
		"0000-01-01", "2023-02-29", "2024-04-31"} {
		if raw == "0000-01-01" {
			// Year zero is a real date in the proleptic calendar.
			if _, err := scanText[time.Time](t, col(wire.TypeDate, 0), raw, nil); err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
			continue
		}
		for _, opt := range []*types.Options{nil, {ZeroDate: types.ZeroDateNull}} {
			_, err := scanText[time.Time](t, col(wire.TypeDateTime, 0), raw, opt)
			wantErr(t, err, types.ErrInvalidDate)
			// As a natural value it is the text, as aiomysql gives it.
			if v, err := types.DecodeText(col(wire.TypeDateTime, 0), []byte(raw), false, opt); err != nil || v != any(raw) {
				t.Fatalf("%s: DecodeText = %#v, %v; want the text", raw, v, err)
			}
		}
		s, err := scanText[string](t, col(wire.TypeDateTime, 0), raw, nil)
		if err != nil || s != raw {
			t.Fatalf("%s into *string = %q, %v", raw, s, err)
		}
		rb, err := scanText[types.RawBytes](t, col(wire.TypeDateTime, 0), raw, nil)
		if err != nil || string(rb) != raw {
			t.Fatalf("%s into *RawBytes = %q, %v", raw, rb, err)
		}
	}
}

func TestMalformedDateText(t *testing.T) {
	for raw, reason := range map[string]error{
		"2024-1-02":                     types.ErrSyntax,
		"2024-01-02T03:04:05":           types.ErrSyntax,
		"2024-01-02 03:04":              types.ErrSyntax,
		"2024-01-02 03:04:05.":          types.ErrSyntax,
		"2024-01-02 03:04:05.1234567":   types.ErrSyntax,
		"2024-01-02 03:04:05,5":         types.ErrSyntax,
		"2024-13-01":                    types.ErrInvalidDate,
		"2024-01-32":                    types.ErrInvalidDate,
		"2024-01-02 24:00:00":           types.ErrInvalidDate,
		"2024-01-02 23:60:00":           types.ErrInvalidDate,
		"-024-01-02":                    types.ErrSyntax,
		"":                              types.ErrSyntax,
		"20240102":                      types.ErrSyntax,
		"2024-01-02 03:04:05.12345a":    types.ErrSyntax,
		"2024-01-02 03:04:05.123456   ": types.ErrSyntax,
	} {
		_, err := types.DecodeText(col(wire.TypeDateTime, 0), []byte(raw), false, nil)
		wantErr(t, err, reason)
	}
}

func TestTextTime(t *testing.T) {
	const h, m, s, us = time.Hour, time.Minute, time.Second, time.Microsecond
	tests := []struct {
		raw  string
		want time.Duration
	}{
		{"00:00:00", 0},
		{"838:59:59", 838*h + 59*m + 59*s},
		{"-838:59:59", -(838*h + 59*m + 59*s)},
		{"838:59:59.999999", 838*h + 59*m + 59*s + 999999*us},
		{"-838:59:59.999999", -(838*h + 59*m + 59*s + 999999*us)},
		{"-00:00:01.5", -1500 * time.Millisecond},
		{"25:00:00", 25 * h},
		{"100:30:00", 100*h + 30*m},
		{"1:02:03", h + 2*m + 3*s},
		{"12:34:56.000100", 12*h + 34*m + 56*s + 100*us},
	}
	for _, tt := range tests {
		c := col(wire.TypeTime, 0)
		got, err := scanText[time.Duration](t, c, tt.raw, nil)
		if err != nil || got != tt.want {
			t.Fatalf("%q = %v, %v; want %v", tt.raw, got, err, tt.want)
		}
		nat, err := types.DecodeText(c, []byte(tt.raw), false, nil)
		if err != nil || nat != tt.want {
			t.Fatalf("natural %q = %v, %v", tt.raw, nat, err)
		}
		str, err := scanText[string](t, c, tt.raw, nil)
		if err != nil || str != tt.raw {
			t.Fatalf("*string = %q, %v", str, err)
		}
	}
	for raw, reason := range map[string]error{
		"839:00:00": types.ErrRange, "12:60:00": types.ErrRange, "12:00:60": types.ErrRange,
		"1000:00:00": types.ErrSyntax, "12:00": types.ErrSyntax, "x": types.ErrSyntax,
		"": types.ErrSyntax, ":00:00": types.ErrSyntax, "12:00:00.": types.ErrSyntax, "1 02:00:00": types.ErrSyntax,
	} {
		_, err := types.DecodeText(col(wire.TypeTime, 0), []byte(raw), false, nil)
		wantErr(t, err, reason)
	}
}

func TestTemporalConversions(t *testing.T) {
	_, err := scanText[time.Duration](t, col(wire.TypeDate, 0), "2024-01-01", nil)
	wantErr(t, err, types.ErrUnsupported)
	_, err = scanText[time.Time](t, col(wire.TypeTime, 0), "01:00:00", nil)
	wantErr(t, err, types.ErrUnsupported)
	_, err = scanText[int64](t, col(wire.TypeDateTime, 0), "2024-01-01 00:00:00", nil)
	wantErr(t, err, types.ErrUnsupported)
	vc := col(wire.TypeVarString, 0)
	got, err := scanText[time.Time](t, vc, "2024-01-02 03:04:05.5", nil)
	if err != nil || !got.Equal(time.Date(2024, 1, 2, 3, 4, 5, 5e8, time.UTC)) {
		t.Fatalf("VARCHAR into *time.Time = %v, %v", got, err)
	}
	d, err := scanText[time.Duration](t, vc, "-01:00:00", nil)
	if err != nil || d != -time.Hour {
		t.Fatalf("VARCHAR into *time.Duration = %v, %v", d, err)
	}
	_, err = scanText[time.Time](t, vc, "yesterday", nil)
	wantErr(t, err, types.ErrSyntax)
}
