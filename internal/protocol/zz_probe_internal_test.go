package protocol

import "github.com/aiomysql-go/aiomysql/internal/wire"

func (c *Conn) ProbeRaw(build func([]byte) ([]byte, error), n int) ([][]byte, error) {
	c.wc.ResetSequence()
	buf, _ := build(c.wc.StartPacket())
	_ = c.wc.QueuePacket(buf)
	if _, err := c.wc.Flush(); err != nil {
		return nil, err
	}
	var out [][]byte
	for range n {
		p, err := c.wc.ReadPacket()
		if err != nil {
			return out, err
		}
		out = append(out, append([]byte(nil), p...))
	}
	return out, nil
}
func (c *Conn) CapsProbe() wire.Capability { return c.caps }
