package fakeserver_test

import (
	"bytes"
	"context"
	"net"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestScriptedExchange drives the fake server with a hand-written client
// built on internal/wire: greeting, handshake response, OK, a command, ERR.
func TestScriptedExchange(t *testing.T) {
	gotUser := make(chan string, 1)
	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
		if err := c.Greet(fakeserver.MySQL8Greeting()); err != nil {
			return err
		}
		hr, _, err := c.ReadHandshakeResponse(nil)
		if err != nil {
			return err
		}
		gotUser <- hr.Username
		if err := c.WriteOK(wire.OK{}); err != nil {
			return err
		}
		if _, err := c.ExpectCommand(wire.CommandPing); err != nil {
			return err
		}
		return c.WriteErr(1064, "42000", "scripted error")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	wc := wire.NewConn(nc, nc, 1<<20)
	pkt, err := wc.ReadPacket()
	if err != nil {
		t.Fatal(err)
	}
	var hs wire.Handshake
	if err := hs.Decode(pkt); err != nil {
		t.Fatal(err)
	}
	if hs.AuthPluginName != "caching_sha2_password" || !bytes.Equal(hs.AuthPluginData, fakeserver.Nonce()) {
		t.Fatalf("greeting %+v", hs)
	}
	caps := hs.Capabilities
	hr := wire.HandshakeResponse{Capabilities: caps, Username: "alice", AuthPluginName: "caching_sha2_password"}
	buf, err := hr.Encode(wc.StartPacket(), caps)
	if err != nil {
		t.Fatal(err)
	}
	if err := wc.WritePacket(buf); err != nil {
		t.Fatal(err)
	}
	if pkt, err = wc.ReadPacket(); err != nil || pkt[0] != 0 {
		t.Fatalf("want OK, got %x %v", pkt, err)
	}
	if u := <-gotUser; u != "alice" {
		t.Errorf("server saw user %q", u)
	}
	wc.ResetSequence()
	if err := wc.WritePacket(append(wc.StartPacket(), byte(wire.CommandPing))); err != nil {
		t.Fatal(err)
	}
	pkt, err = wc.ReadPacket()
	if err != nil {
		t.Fatal(err)
	}
	var e wire.ErrPacket
	if err := e.Decode(pkt, caps); err != nil || e.Code != 1064 || e.Message != "scripted error" {
		t.Fatalf("want the scripted ERR, got %+v %v", e, err)
	}
	conns := srv.Conns()
	if len(conns) != 1 {
		t.Fatalf("%d connections recorded", len(conns))
	}
	<-conns[0].Done()
	if rec := conns[0].Received(); !bytes.Contains(rec, []byte("alice")) || rec[len(rec)-1] != byte(wire.CommandPing) {
		t.Errorf("recording misses what the client sent: %x", rec)
	}
}
