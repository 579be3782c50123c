package wire

import (
	"errors"
	"fmt"
)

// MalformedError reports a payload that does not decode: too short, too long,
// or holding a value the protocol does not allow. A connection that read one
// is out of step with its peer and should be closed.
type MalformedError struct {
	// Packet names what was being decoded, e.g. "OK" or "column definition".
	Packet string
	// Reason says what was wrong.
	Reason string
}

// Error describes the problem.
func (e *MalformedError) Error() string {
	return "wire: malformed " + e.Packet + " packet: " + e.Reason
}

func malformed(packet, format string, args ...any) *MalformedError {
	return &MalformedError{Packet: packet, Reason: fmt.Sprintf(format, args...)}
}

// SequenceError reports a packet whose sequence id is not the one expected:
// the stream is out of step (a lost or extra packet, or two commands mixed).
type SequenceError struct {
	Want uint8 // the id expected
	Got  uint8 // the id received
}

// Error describes the problem.
func (e *SequenceError) Error() string {
	return fmt.Sprintf("wire: packet sequence id %d, want %d: the stream is out of sync", e.Got, e.Want)
}

// ErrPacketTooLarge is matched by errors.Is for every *TooLargeError.
var ErrPacketTooLarge = errors.New("wire: packet too large")

// TooLargeError reports a payload larger than the limit given to NewConn. It
// is returned as soon as a header declares the excess and the payload's first
// byte shows it is not an ERR packet (ERR packets are cut, not refused: see
// Conn.ReadPacket), so the rest of that payload is still in the stream: the
// connection is out of sync and should be closed.
type TooLargeError struct {
	Size int // the payload size declared so far (at least this many bytes)
	Max  int // the limit
}

// Error describes the problem.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("wire: packet of at least %d bytes exceeds the limit of %d bytes", e.Size, e.Max)
}

// Is reports whether target is ErrPacketTooLarge.
func (e *TooLargeError) Is(target error) bool { return target == ErrPacketTooLarge }

// ProtocolVersionError reports a greeting whose protocol version is not 10,
// the only one this package speaks (every server since MySQL 3.21).
type ProtocolVersionError struct {
	Version byte
}

// Error describes the problem.
func (e *ProtocolVersionError) Error() string {
	return fmt.Sprintf("wire: server speaks protocol version %d, want 10", e.Version)
}

// ErrNull is returned by ReadLenEncInt and ReadLenEncString for the 0xFB
// marker, which stands for SQL NULL in a result row. It uses one byte.
var ErrNull = errors.New("wire: NULL (0xFB) where a length-encoded value was read")
