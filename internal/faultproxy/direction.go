package faultproxy

import "fmt"

// Direction names one of the two byte streams of a link.
type Direction uint8

const (
	// Upstream is the stream from the client to the server.
	Upstream Direction = iota + 1
	// Downstream is the stream from the server to the client.
	Downstream
)

// String returns "upstream", "downstream" or a description of an invalid value.
func (d Direction) String() string {
	switch d {
	case Upstream:
		return "upstream"
	case Downstream:
		return "downstream"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// valid reports whether d is Upstream or Downstream.
func (d Direction) valid() bool { return d == Upstream || d == Downstream }

// index maps a valid direction to 0 or 1.
func (d Direction) index() int { return int(d) - 1 }

// source is the side the direction reads from.
func (d Direction) source() int {
	if d == Upstream {
		return clientIdx
	}
	return serverIdx
}

// dest is the side the direction writes to.
func (d Direction) dest() int { return 1 - d.source() }

func checkDirection(d Direction) error {
	if !d.valid() {
		return fmt.Errorf("%w: direction %d", ErrInvalid, uint8(d))
	}
	return nil
}

// Side names one or both sockets of a link: the one accepted from the client
// or the one dialed to the server. Sides combine as bit flags.
type Side uint8

const (
	// ClientSide is the socket between the client and the proxy.
	ClientSide Side = 1 << iota
	// ServerSide is the socket between the proxy and the server.
	ServerSide
	// BothSides is ClientSide and ServerSide together.
	BothSides = ClientSide | ServerSide
)

// Socket indexes into a link's pair of connections.
const (
	clientIdx = 0
	serverIdx = 1
)

// String returns "client", "server", "both" or a description of an invalid value.
func (s Side) String() string {
	switch s {
	case ClientSide:
		return "client"
	case ServerSide:
		return "server"
	case BothSides:
		return "both"
	}
	return fmt.Sprintf("Side(%d)", uint8(s))
}

// has reports whether s includes the socket at index i.
func (s Side) has(i int) bool { return s&(1<<i) != 0 }

// CloseKind says how a cut closes a socket.
type CloseKind uint8

const (
	// Reset closes the socket abortively (SO_LINGER 0): the peer gets an RST,
	// so its next read or write fails with ECONNRESET. Nothing more flows in
	// either direction of the link.
	Reset CloseKind = iota + 1
	// Fin shuts the socket down for writing: the peer reads io.EOF after the
	// bytes already forwarded. Nothing more flows in either direction of the
	// link; what the peer sends afterwards is read and discarded, so the
	// kernel never answers it with an RST, and the socket is closed when the
	// peer closes its end or the link is closed.
	Fin
	// HalfClose shuts the socket down for writing like Fin, but only stops
	// the direction that writes to it: the peer reads io.EOF, and what it
	// sends is still forwarded.
	HalfClose
)

// String returns "reset", "fin", "half-close" or a description of an invalid value.
func (k CloseKind) String() string {
	switch k {
	case Reset:
		return "reset"
	case Fin:
		return "fin"
	case HalfClose:
		return "half-close"
	}
	return fmt.Sprintf("CloseKind(%d)", uint8(k))
}

// Cut says which sockets of a link to close and how.
type Cut struct {
	// Side is the socket or sockets to close.
	Side Side
	// Kind is how to close them.
	Kind CloseKind
}

// String describes the cut, e.g. "reset client".
func (c Cut) String() string { return c.Kind.String() + " " + c.Side.String() }

func (c Cut) check() error {
	if c.Side == 0 || c.Side&^BothSides != 0 {
		return fmt.Errorf("%w: cut side %d", ErrInvalid, uint8(c.Side))
	}
	if c.Kind < Reset || c.Kind > HalfClose {
		return fmt.Errorf("%w: cut kind %d", ErrInvalid, uint8(c.Kind))
	}
	return nil
}

// stops reports whether the cut stops forwarding in direction d.
func (c Cut) stops(d Direction) bool {
	if c.Kind != HalfClose {
		return true
	}
	return c.Side.has(d.dest())
}
