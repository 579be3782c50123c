// Package wire encodes and decodes the packets of the MySQL/MariaDB
// client/server protocol and frames them on a byte stream. It does no other
// I/O: the caller owns the network connection, its deadlines and TLS.
//
// # Packets
//
// Each packet type lives in its own file, modelled on pgx's pgproto3: a struct
// with Decode, which parses one payload (without the 4-byte header), and
// Encode, which appends the payload to a buffer. Both directions exist for
// every type, so a test server can use the same code as the client:
//
//	var hs wire.Handshake
//	if err := hs.Decode(payload); err != nil { ... }
//	buf, err := wire.HandshakeResponse{...}.Encode(conn.StartPacket(), caps)
//
// Decoders never panic and never read past the payload; every short,
// overlong or invalid input is reported as a *MalformedError. No decoder sizes
// an allocation from a length or count it has read before the bytes of that
// length are present. Where a packet's layout depends on negotiated
// capabilities, Decode and Encode take them as a Capability.
//
// Strings decoded from a payload are copies: a decoded value stays valid after
// the payload's buffer is reused. Byte slices documented as aliasing the
// payload are the exception.
//
// # Prepared statements
//
// ComStmtPrepare is answered by a StmtPrepareOK and the ColumnDefinition
// packets of the parameters and of the result columns (each group ended by
// an EOF packet without ClientDeprecateEOF). ComStmtExecute carries the
// parameters as StmtParam values in the binary protocol
// (types.AppendBinaryParam encodes Go values into them); its results have
// binary rows. ComStmtSendLongData, ComStmtClose, ComStmtReset and ComStmtFetch
// (for cursors, with ServerStatusCursorExists and ServerStatusLastRowSent in
// the status) complete the set.
//
// # Framing
//
// Conn reads and writes packets: a 3-byte little-endian length, a 1-byte
// sequence id, then the payload. Payloads of 2^24-1 bytes or more are split
// into packets of 2^24-1 bytes, and an exact multiple ends with an empty
// packet. ReadPacket joins them again, checks the sequence ids and bounds the
// joined size; WritePacket splits. See Conn for buffer ownership.
//
// # Capabilities
//
// Capability holds the standard CLIENT_* flags in its lower 32 bits and
// MariaDB's extended capabilities in its upper 32 bits. MariaDB sends and reads
// the extended flags in bytes the MySQL protocol reserves, and only when the
// CLIENT_MYSQL flag (ClientLongPassword) is clear; Handshake, SSLRequest and
// HandshakeResponse do that transparently.
package wire
