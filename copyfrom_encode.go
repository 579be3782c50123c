package aiomysql

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

// The file CopyFrom sends is tab-separated text read with
// FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY '\n' and
// nothing enclosed: a field's bytes go as they are except backslash, tab,
// newline and NUL, which go as \\, \t, \n and \0, and SQL NULL goes as \N.
// The server reads every field in the connection's character set and
// converts it to its column's type as it would a string; bytes into a
// binary column are kept exactly.

// copyChunk is how much encoded data the encoder gathers before handing it
// on: the memory a copy holds, besides one row.
const copyChunk = 64 << 10

// copyEncoder encodes a source's rows as the LOAD DATA file, as an
// io.Reader read by the connection while it answers the server's request.
type copyEncoder struct {
	ctx   context.Context
	src   CopyFromSource
	cols  []string
	buf   []byte
	off   int
	rows  int64 // rows encoded
	err   error // why the file ended: io.EOF, or the error that ends the copy
	field fieldEncoder
}

func newCopyEncoder(ctx context.Context, src CopyFromSource, cols []string, lit *types.LiteralOptions) *copyEncoder {
	return &copyEncoder{ctx: ctx, src: src, cols: cols, field: fieldEncoder{lit: lit}}
}

// Read hands on encoded rows, encoding more when it runs out. An error
// that ends the copy is returned at once, without the rows encoded before
// it: none of them must land.
func (e *copyEncoder) Read(p []byte) (int, error) {
	for e.off == len(e.buf) {
		if e.err != nil {
			return 0, e.err
		}
		e.buf, e.off = e.buf[:0], 0
		e.fill()
	}
	if e.err != nil && e.err != io.EOF {
		return 0, e.err
	}
	n := copy(p, e.buf[e.off:])
	e.off += n
	return n, nil
}

// fill encodes rows until a chunk is gathered or the rows end.
func (e *copyEncoder) fill() {
	if err := e.ctx.Err(); err != nil {
		e.err = err
		return
	}
	for len(e.buf) < copyChunk {
		if !e.src.Next() {
			e.err = io.EOF
			if err := e.src.Err(); err != nil {
				e.err = &CopyFromError{Row: e.rows, Err: err}
			}
			return
		}
		var err error
		if e.buf, err = e.appendRow(e.buf); err != nil {
			e.err = err
			return
		}
	}
}

// appendRow appends the source's current row as one line.
func (e *copyEncoder) appendRow(dst []byte) ([]byte, error) {
	row, err := e.src.Values()
	if err != nil {
		return dst, &CopyFromError{Row: e.rows, Err: err}
	}
	if len(row) != len(e.cols) {
		return dst, &CopyFromError{Row: e.rows, Err: fmt.Errorf("%w: %d values for %d columns", ErrProgramming, len(row), len(e.cols))}
	}
	start := len(dst)
	for i, v := range row {
		if i > 0 {
			dst = append(dst, '\t')
		}
		if dst, err = e.field.append(dst, v, 0); err != nil {
			return dst[:start], &CopyFromError{Row: e.rows, Column: e.cols[i], Err: err}
		}
	}
	e.rows++
	return append(dst, '\n'), nil
}

// fieldEncoder writes one value as a field of the file.
type fieldEncoder struct {
	lit     *types.LiteralOptions
	scratch []byte
}

// nullField is how the file says NULL.
const nullField = `\N`

// maxFieldDepth bounds nesting through pointers and Valuers.
const maxFieldDepth = 32

// append appends v as a field: NULL for nil, nil pointers and nil byte
// slices; 1 or 0 for bools; numbers in decimal (floats in the shortest form
// that reads back exactly; NaN and infinities are ErrNotFinite); strings
// and bytes escaped; time.Time and time.Duration as the text protocol's
// literals write them (in Config.Location, after Config.TimeTruncate);
// driver.Valuer by its value; named types by their kind.
func (f *fieldEncoder) append(dst []byte, v any, depth int) ([]byte, error) {
	if depth > maxFieldDepth {
		return dst, fmt.Errorf("%w: nested too deeply", types.ErrUnsupported)
	}
	switch x := v.(type) {
	case nil:
		return append(dst, nullField...), nil
	case string:
		return appendEscaped(dst, x), nil
	case []byte:
		if x == nil {
			return append(dst, nullField...), nil
		}
		return appendEscaped(dst, x), nil
	case json.RawMessage:
		if x == nil {
			return append(dst, nullField...), nil
		}
		return appendEscaped(dst, []byte(x)), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case uint64:
		return strconv.AppendUint(dst, x, 10), nil
	case bool:
		return appendBoolField(dst, x), nil
	case float64:
		return appendFloatField(dst, x, 64)
	case float32:
		return appendFloatField(dst, float64(x), 32)
	case time.Time, time.Duration:
		return f.appendUnquoted(dst, x)
	case driver.Valuer:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return append(dst, nullField...), nil
		}
		val, err := x.Value()
		if err != nil {
			return dst, err
		}
		return f.append(dst, val, depth+1)
	}
	return f.appendReflect(dst, v, depth)
}

// appendReflect writes the other integer sizes, pointers and named types.
func (f *fieldEncoder) appendReflect(dst []byte, v any, depth int) ([]byte, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return append(dst, nullField...), nil
		}
		return f.append(dst, rv.Elem().Interface(), depth+1)
	case reflect.Bool:
		return appendBoolField(dst, rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(dst, rv.Uint(), 10), nil
	case reflect.Float32:
		return appendFloatField(dst, rv.Float(), 32)
	case reflect.Float64:
		return appendFloatField(dst, rv.Float(), 64)
	case reflect.String:
		return appendEscaped(dst, rv.String()), nil
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			if rv.Kind() == reflect.Slice && rv.IsNil() {
				return append(dst, nullField...), nil
			}
			b := make([]byte, rv.Len())
			reflect.Copy(reflect.ValueOf(b), rv)
			return appendEscaped(dst, b), nil
		}
	}
	return dst, fmt.Errorf("%w: a %T has no field form", types.ErrUnsupported, v)
}

// appendUnquoted writes a time or duration as the text protocol's literal
// without its quotes (which hold only digits, '-', ':', '.' and a space).
func (f *fieldEncoder) appendUnquoted(dst []byte, v any) ([]byte, error) {
	lit, err := types.AppendLiteral(f.scratch[:0], v, f.lit)
	if err != nil {
		return dst, err
	}
	f.scratch = lit
	return append(dst, lit[1:len(lit)-1]...), nil
}

func appendBoolField(dst []byte, b bool) []byte {
	if b {
		return append(dst, '1')
	}
	return append(dst, '0')
}

// appendFloatField writes f in the shortest form that reads back exactly.
func appendFloatField(dst []byte, f float64, bitSize int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, types.ErrNotFinite
	}
	return strconv.AppendFloat(dst, f, 'g', -1, bitSize), nil
}

// appendEscaped appends s with backslash, tab, newline and NUL escaped.
func appendEscaped[T string | []byte](dst []byte, s T) []byte {
	run := 0
	for i := 0; i < len(s); i++ {
		var esc byte
		switch s[i] {
		case '\\':
			esc = '\\'
		case '\t':
			esc = 't'
		case '\n':
			esc = 'n'
		case 0:
			esc = '0'
		default:
			continue
		}
		dst = append(dst, s[run:i]...)
		dst = append(dst, '\\', esc)
		run = i + 1
	}
	return append(dst, s[run:]...)
}
