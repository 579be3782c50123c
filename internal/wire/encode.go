package wire

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// EncodeError reports a value that the packet format cannot express, such as
// a NUL byte in a NUL-terminated string or a field the negotiated
// capabilities leave no room for. Nothing usable was appended.
type EncodeError struct {
	Packet string // what was being encoded
	Reason string
}

// Error describes the problem.
func (e *EncodeError) Error() string {
	return "wire: cannot encode " + e.Packet + " packet: " + e.Reason
}

func encodeError(packet, format string, args ...any) *EncodeError {
	return &EncodeError{Packet: packet, Reason: fmt.Sprintf(format, args...)}
}

// checkNUL rejects a NUL byte in a field that is written NUL-terminated.
func checkNUL(packet, field, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return encodeError(packet, "%s contains a NUL byte", field)
	}
	return nil
}

// checkExtended rejects MariaDB's extended capabilities when
// ClientLongPassword (CLIENT_MYSQL) is set: there is then no room for them.
func checkExtended(packet string, caps Capability) error {
	if caps>>32 != 0 && caps&ClientLongPassword != 0 {
		return encodeError(packet, "MariaDB extended capabilities %v need CLIENT_MYSQL (ClientLongPassword) clear", caps&^(1<<32-1))
	}
	return nil
}

func appendUint16(dst []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(dst, v) }
func appendUint32(dst []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(dst, v) }

// lenEncStrSize is the encoded size of a length-encoded string of n bytes.
func lenEncStrSize(n int) int { return LenEncIntSize(uint64(n)) + n }
