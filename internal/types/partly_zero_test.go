package types_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestPartlyZeroDateBothProtocols checks that a date no time.Time holds
// decodes, in both protocols, to its text as a natural value (as aiomysql
// gives it), scans as text into text destinations and is a *ScanError
// matching ErrInvalidDate into time destinations, whatever the zero-date
// policy.
func TestPartlyZeroDateBothProtocols(t *testing.T) {
	dt6 := withDecimals(col(wire.TypeDateTime, 0), 0)
	tests := []struct {
		c    *types.Column
		text string
		bin  []byte // binary fields, after the length byte
	}{
		{col(wire.TypeDate, 0), "2024-00-00", datetime(4, 2024, 0, 0, 0, 0, 0, 0)[1:]},
		{col(wire.TypeDate, 0), "2024-02-00", datetime(4, 2024, 2, 0, 0, 0, 0, 0)[1:]},
		{col(wire.TypeDate, 0), "2023-02-29", datetime(4, 2023, 2, 29, 0, 0, 0, 0)[1:]},
		{dt6, "2024-00-15 10:00:00", datetime(7, 2024, 0, 15, 10, 0, 0, 0)[1:]},
		{dt6, "0000-00-00 12:00:00", datetime(7, 0, 0, 0, 12, 0, 0, 0)[1:]},
		{col(wire.TypeTimestamp, 0), "2024-04-31 00:00:01", datetime(7, 2024, 4, 31, 0, 0, 1, 0)[1:]},
	}
	policies := []*types.Options{nil, {ZeroDate: types.ZeroDateNull}, {ZeroDate: types.ZeroDateError}}
	for _, tt := range tests {
		for _, opt := range policies {
			decoders := map[string]func() (any, error){
				"text":   func() (any, error) { return types.DecodeText(tt.c, []byte(tt.text), false, opt) },
				"binary": func() (any, error) { return types.DecodeBinary(tt.c, tt.bin, false, opt) },
			}
			scanners := map[string]func(dest any) error{
				"text":   func(dest any) error { return types.ScanText(tt.c, []byte(tt.text), false, dest, opt) },
				"binary": func(dest any) error { return types.ScanBinary(tt.c, tt.bin, false, dest, opt) },
			}
			for proto, decode := range decoders {
				got, err := decode()
				if err != nil || got != any(tt.text) {
					t.Errorf("%s %s: natural value %#v, %v; want the text", proto, tt.text, got, err)
				}
				scan := scanners[proto]
				var s string
				var b []byte
				var a any
				if err := scan(&s); err != nil || s != tt.text {
					t.Errorf("%s %s into *string = %q, %v", proto, tt.text, s, err)
				}
				if err := scan(&b); err != nil || string(b) != tt.text {
					t.Errorf("%s %s into *[]byte = %q, %v", proto, tt.text, b, err)
				}
				if err := scan(&a); err != nil || a != any(tt.text) {
					t.Errorf("%s %s into *any = %#v, %v", proto, tt.text, a, err)
				}
				for _, dest := range []any{new(time.Time), new(sql.NullTime), new(*time.Time)} {
					err := scan(dest)
					var se *types.ScanError
					if !errors.As(err, &se) || !errors.Is(err, types.ErrInvalidDate) {
						t.Errorf("%s %s into %T: %v, want a *ScanError matching ErrInvalidDate", proto, tt.text, dest, err)
					}
				}
				v, err := types.TextValue(tt.c, []byte(tt.text), false)
				if proto == "binary" {
					v, err = types.BinaryValue(tt.c, tt.bin, false)
				}
				if err != nil {
					t.Fatal(err)
				}
				if got, err := v.Any(opt); err != nil || got != any(tt.text) {
					t.Errorf("%s %s: Value.Any = %#v, %v", proto, tt.text, got, err)
				}
			}
		}
	}
}
