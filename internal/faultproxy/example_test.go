package faultproxy_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// The server's answer is cut after its first 5 bytes with an RST, as if the
// network failed mid-reply.
func Example() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer ln.Close()
	wg.Add(1)
	go func() { // a server that answers one request
		defer wg.Done()
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		var req [2]byte
		if _, err := io.ReadFull(c, req[:]); err != nil {
			return
		}
		_, _ = c.Write([]byte("hello, client"))
		_, _ = io.Copy(io.Discard, c)
	}()

	ctx := context.Background()
	p, err := faultproxy.New(ctx, faultproxy.Config{Upstream: ln.Addr().String()})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	cut := faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset}
	_ = p.SetMode(faultproxy.Downstream, faultproxy.CutAfter(5, cut))

	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	if _, err := c.Write([]byte("hi")); err != nil {
		fmt.Println(err)
		return
	}
	got, err := io.ReadAll(c)
	fmt.Printf("%q, %v\n", got, err != nil)

	l, _ := p.WaitLink(ctx, 0)
	<-l.CutHappened()
	fmt.Println(l.Cuts())
	// Output:
	// "hello", true
	// [reset client]
}
