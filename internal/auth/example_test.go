package auth_test

import (
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// A caching_sha2_password exchange on a TLS connection whose server has not
// cached the password: the scramble first, then the password itself.
func Example() {
	p, err := auth.New(auth.CachingSHA2Password)
	if err != nil {
		panic(err)
	}
	o := &auth.Options{Password: "secret", Secure: true}
	resp, _ := p.Start([]byte("abcdefghij0123456789\x00"), o) // the greeting's nonce
	fmt.Printf("first answer: %d bytes\n", len(resp))
	resp, _ = p.Continue([]byte{0x01, 0x04}, o) // AuthMoreData: full authentication
	fmt.Printf("then: %q\n", resp)
	// Output:
	// first answer: 32 bytes
	// then: "secret\x00"
}

// A clear-text plugin refuses to answer on a channel that is not secure, so
// nothing is sent.
func ExampleNew_refused() {
	p, _ := auth.New(auth.ClearPassword)
	resp, err := p.Start(nil, &auth.Options{Password: "secret", AllowCleartext: true})
	fmt.Println(resp == nil, errors.Is(err, auth.ErrCleartextRefused), errors.Is(err, auth.ErrInsecureChannel))
	// Output: true true true
}
