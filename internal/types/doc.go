// Package types converts MySQL/MariaDB column values to Go values and Go
// values to SQL literals, for the text protocol (COM_QUERY results) and the
// binary protocol (COM_STMT_EXECUTE results).
//
// # Decoding
//
// Build a Column once per result from each wire.ColumnDefinition, split
// each row packet into its values, and decode each straight from the row's
// bytes into the caller's destination, with no boxing:
//
//	cols := make([]types.Column, len(defs))
//	for i := range defs {
//		cols[i] = types.ColumnFrom(&defs[i])
//	}
//	vals, err := types.SplitTextRow(vals, payload, len(cols)) // or SplitBinaryRow(vals, payload, cols)
//	err = types.ScanText(&cols[0], vals[0], vals[0] == nil, &id, opt) // or ScanBinary
//
// DecodeText and DecodeBinary return the natural Go value instead (for *any
// and untyped rows), and TextValue and BinaryValue return a Value: the
// decoded value held without boxing and without a copy, from which
// ScanValue, Value.Any and the typed accessors convert.
//
// # Natural values
//
// Each column has a Kind, and each kind a natural Go type (what *any
// receives, and what ScanType reports):
//
//	signed integers, YEAR      int64
//	UNSIGNED integers          uint64 (to 18446744073709551615)
//	FLOAT                      float32 (the binary protocol sends a float32; the text protocol
//	                           sends what the server printed, parsed to the nearest float32)
//	DOUBLE                     float64, exact (strconv.ParseFloat of the server's text)
//	DECIMAL                    string, exact, never through float64
//	BIT                        uint64 (the bytes big-endian)
//	DATE, DATETIME, TIMESTAMP  time.Time in Options.Location (default UTC), microseconds kept;
//	                           string (the text) for a date no time.Time holds (see Zero dates)
//	TIME                       time.Duration, negative and past 24 h included (±838:59:59.999999)
//	CHAR, VARCHAR, TEXT        string
//	ENUM, SET                  string
//	BINARY, VARBINARY, BLOB    []byte
//	GEOMETRY                   []byte: as sent, a 4-byte little-endian SRID then WKB (SplitGeometry)
//	JSON                       json.RawMessage, the exact bytes (MySQL's JSON type, or MariaDB's
//	                           LONGTEXT with the extended format "json")
//	VECTOR                     []float32 from little-endian float32s (MySQL's VECTOR type, or a
//	                           column whose extended type name is "vector")
//	NULL                       nil
//
// Text and binary strings are told apart by the collation: charset.Binary
// (63) means bytes, whatever the type (TEXT columns have the BLOB type).
//
// # Destinations
//
// ScanText, ScanBinary and ScanValue accept:
//
//   - *string, *[]byte (a copy), *json.RawMessage (a copy), *sql.NullString:
//     the value as text. From the text protocol that is the server's own
//     text, whatever the type ('0000-00-00', '00042' for ZEROFILL, BIT's
//     raw bytes); from the binary protocol numbers and times are formatted
//     the same way: ZEROFILL padding, FLOAT(M,D)'s D decimals, and floats
//     as the server writes them (1e308, 0.00001, a FLOAT to six
//     significant digits).
//   - *RawBytes and *sql.RawBytes: the bytes without a copy, valid until the
//     next row is read.
//   - *int, *int8 … *int64, *uint, *uint8 … *uint64: integers; UNSIGNED
//     values and BIT; floats and decimals with no fractional part; strings
//     holding a decimal integer. A value that does not fit (including a
//     negative into an unsigned type and a fractional part) is ErrRange;
//     text that is not a number is ErrSyntax.
//   - *float32, *float64: any number or numeric string. FLOAT into
//     *float64 gives the float64 nearest to the FLOAT's shortest decimal
//     form (0.1, not 0.10000000149011612), in both protocols.
//   - *bool: the numbers 0 and 1, and the strings "true" and "false" in any
//     case; other numbers are ErrRange.
//   - *time.Time: DATE, DATETIME, TIMESTAMP, and strings in their format.
//   - *time.Duration: TIME, and strings in its format.
//   - *[]string: a SET (or any text), split on commas; ” is the empty set.
//   - *[]float32: a VECTOR (or bytes), as little-endian float32s.
//   - *any: the natural value, copied.
//   - sql.NullString, NullInt64, NullInt32, NullInt16, NullByte,
//     NullFloat64, NullBool, NullTime: converted as their plain types.
//   - any other sql.Scanner: Scan with the natural value, except that FLOAT
//     arrives as float64 and JSON and VECTOR as []byte (the types database/sql
//     drivers produce, which Scanners expect).
//   - pointers to pointers (**int64 …): nil on NULL, else a new value.
//   - named types (type Status string, type ID uint32): by their underlying
//     kind.
//
// NULL stores nil in pointers, slices and interfaces, Valid false in the
// sql.Null types, Scan(nil) for Scanners, and is ErrNull for every other
// destination. On an error the destination's contents are unspecified.
// Errors are *ScanError, naming the column, the value (cut to 64 bytes) and
// the destination type, and wrapping a sentinel for errors.Is.
//
// # Zero dates
//
// MySQL and MariaDB may store '0000-00-00' and '0000-00-00 00:00:00'. By
// default (ZeroDateZeroTime) they decode as time.Time{}, whose IsZero
// reports true, and AppendLiteral writes time.Time{} back as a zero date;
// Options.ZeroDate can make them NULL (ZeroDateNull) or an error
// (ZeroDateError).
//
// Dates with only some fields zero ('2024-00-00', '2024-00-15 10:00:00',
// which a permissive sql_mode stores) and days past the end of the month
// (allowed by ALLOW_INVALID_DATES) have no time.Time. Whatever the
// policy, and in both protocols, their natural value (*any, DecodeText,
// DecodeBinary, Value.Any, a sql.Scanner's source) is their text as a
// string, as aiomysql returns them, so that a row holding one can still be
// read; *string, *[]byte and *RawBytes get the same text; and a time
// destination (*time.Time, sql.NullTime, **time.Time) is a *ScanError
// wrapping ErrInvalidDate. The zero-date policy applies only to dates whose
// every field is zero.
//
// # Time zones
//
// DATE and DATETIME are wall-clock times: they are read as times in
// Options.Location. TIMESTAMP is an instant that the server writes as
// wall-clock text in the session's time_zone: with Options.SessionLocation
// set, a TIMESTAMP is read in that zone, which fixes the instant, and given
// in Location (without it, it is read like a DATETIME). A daylight-saving
// gap cannot appear in the server's text; in a repeated hour the text is
// ambiguous and reads as the earlier instant, as the server reads it. This
// holds for both protocols and every time destination; text destinations
// keep the server's text. AppendLiteral writes a time.Time in
// LiteralOptions.Location, since a literal's target type is not known.
//
// # Encoding
//
// AppendLiteral writes a Go value as an SQL literal for client-side
// interpolation (its documentation lists the types); AppendBinaryParam
// writes the same Go types in the binary protocol, as a COM_STMT_EXECUTE
// parameter (lists excepted), appending every parameter to one buffer;
// AppendQuotedString and AppendQuotedBytes write strings, and
// AppendEscapedString escapes without the quotes. Escaping uses backslashes unless the session has
// sql_mode NO_BACKSLASH_ESCAPES, when only ' is doubled. Neither is safe
// when the connection's character set can hide 0x5c in a multibyte
// character (charset.UnsafeForEscaping): callers must not interpolate then.
//
// # Concurrency
//
// Every function is safe for concurrent use; Column, Options and Value are
// read-only.
package types
