package protocol

import "github.com/aiomysql-go/aiomysql/internal/wire"

// Seams for the black-box tests of package protocol_test.

// QueueNoReplyForTest queues a command the server does not answer (see
// queueNoReply): it goes out with the next Flush.
func (c *Conn) QueueNoReplyForTest(build func([]byte) ([]byte, error)) error {
	return c.queueNoReply(build)
}

// AddCapabilitiesForTest adds caps to the negotiated capabilities, as if
// the handshake had negotiated them (for capabilities the client never asks
// for, such as MariaDBClientCacheMetadata).
func (c *Conn) AddCapabilitiesForTest(caps wire.Capability) { c.caps |= caps }
