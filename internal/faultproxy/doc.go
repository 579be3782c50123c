// Package faultproxy is a loopback TCP proxy that tests put between a MySQL
// client and a server (a real MariaDB or internal/fakeserver) to make the
// network misbehave on cue: delay, blackhole, stall, cut after some bytes or
// at a chosen MySQL packet, reset or shut down either side, rewrite bytes,
// and record everything that passed.
//
// # Starting
//
// New listens on 127.0.0.1 on a free port; point the client at Addr. Each
// connection the proxy accepts is dialed through to Config.Upstream (or, with
// Config.Upstreams, to the next server of a round-robin) and becomes a Link with two directions: Upstream (client to server) and
// Downstream (server to client). Close closes the listener and every link
// and waits for every goroutine the proxy started.
//
//	p, err := faultproxy.New(ctx, faultproxy.Config{Upstream: srv.Addr()})
//	if err != nil {
//		t.Fatal(err)
//	}
//	defer p.Close()
//	conn := connectClient(t, p.Addr()) // the code under test
//	l, err := p.WaitLink(ctx, 0)       // the first connection's link
//
// # Modes
//
// A direction's Mode says what happens to the bytes it reads next: Pass
// (the default), Delay, Blackhole (read and discard), Stall (stop reading,
// lose nothing), CutAfter (forward n bytes, then cut) and Packets (frame
// MySQL packets and let a PacketFunc forward, drop or cut at each). Proxy.SetMode
// sets a direction's mode for every link, present and future; Link.SetMode
// overrides it for one link and Link.ClearMode removes the override. Config.OnAccept
// can set a link's modes before its first byte. A change applies to the bytes
// read after it; bytes already queued keep their place and their due time.
//
// Forward a COMMIT, then reset the client before the server's answer reaches
// it, so the client cannot know whether the transaction committed:
//
//	p.SetMode(faultproxy.Upstream, faultproxy.Packets(
//		func(dir faultproxy.Direction, seq byte, payload []byte) faultproxy.Action {
//			if len(payload) > 0 && payload[0] == 0x03 && // COM_QUERY
//				bytes.EqualFold(payload[1:], []byte("COMMIT")) {
//				return faultproxy.ForwardThen(faultproxy.Cut{
//					Side: faultproxy.ClientSide, Kind: faultproxy.Reset})
//			}
//			return faultproxy.ForwardPacket()
//		}))
//
// # Cuts
//
// A Cut closes one or both sockets of a link: Reset (SO_LINGER 0, so the
// peer sees ECONNRESET), Fin (the peer reads io.EOF) or HalfClose (the peer
// reads io.EOF but may still send). A cut from a mode or a PacketFunc comes
// in order, after the bytes forwarded before it; Link.Cut and Proxy.CutAll
// act at once. Reset and Fin end forwarding both ways; the proxy then shuts
// the other socket down for writing after what is still queued for it, so a
// server whose client was reset sees a FIN and ends its session.
// Link.CutHappened and Link.Cuts report cuts; Link.Done closes when the link
// has ended.
//
// # Rewriting and recording
//
// A RewriteFunc (Proxy.SetRewrite, Link.SetRewrite) replaces each chunk read,
// or each whole packet in the Packets mode, before it is forwarded.
// Link.Recorded returns what the sender sent in a direction and
// Link.Forwarded what the receiver was sent; RecordedLen and ForwardedLen
// count them. WaitRecorded and WaitForwarded block until a count is reached,
// and Proxy.WaitLink until a connection arrives, so tests need no sleeps.
//
// # Goroutines
//
// The proxy runs one accept goroutine, and each link one reader and one
// writer per direction. A link ends when nothing more can flow: both peers
// have closed their ends, or the proxy closed its sockets (a Reset, Link.Close,
// Close). Close ends every link. A PacketFunc or RewriteFunc runs
// on a reader goroutine and must not block for long; OnAccept runs on the
// accept goroutine and must not call Close or wait for the link to end.
package faultproxy
