// Package auth is the client side of the MySQL and MariaDB authentication
// plugins, as pure computations: no I/O, no goroutines, no global state.
//
// The connection (internal/protocol) drives an exchange like this:
//
//	p, err := auth.New(pluginName) // a fresh Plugin for each attempt
//	if err != nil { ... }          // *UnsupportedError for an unknown name
//	resp, err := p.Start(nonce, opts)
//	// send resp (it may be empty: the server still expects a packet)
//	for each further packet that is not OK, ERR or an auth switch {
//		resp, err = p.Continue(payload, opts)
//		// resp == nil && err == nil: send nothing, read the next packet
//	}
//
// Start takes the nonce exactly as the server sent it: the scramble of the
// initial handshake (20 bytes, with or without its trailing NUL) or the data
// of an auth switch request. Continue takes each further packet payload
// whole, including the 0x01 status byte of a MySQL AuthMoreData packet.
//
// # Plugins
//
//   - mysql_native_password: SHA1(pw) XOR SHA1(nonce + SHA1(SHA1(pw))).
//   - caching_sha2_password: a SHA-256 scramble first; when the server asks
//     for full authentication the password itself, in clear only on a secure
//     channel, else encrypted with the server's RSA key (RSA-OAEP, SHA-1).
//   - sha256_password: the password itself, under the same rules.
//   - mysql_clear_password: the password in clear; only with
//     Options.AllowCleartext on a secure channel.
//   - mysql_old_password: the pre-4.1 scramble; only with
//     Options.AllowOldPasswords.
//   - client_ed25519 (MariaDB): an Ed25519 signature of the nonce with a key
//     derived from the password.
//   - dialog (MariaDB PAM): answers the server's password question with the
//     password in clear; same rules as mysql_clear_password.
//
// # Safety
//
// A password-equivalent never goes out in clear on a channel that is not
// Options.Secure: the refusal is an error from Start or Continue, returned
// before anything is sent. An RSA key configured in Options.ServerPublicKey
// always wins over a key the server sends, and a key is only requested from
// the server when Options.AllowPublicKeyRetrieval says so. No error message
// contains the password. Scratch copies of the password are zeroed; the
// returned responses of the clear-text plugins hold the password, and the
// caller may zero them once written.
//
// Every error is typed: match it with errors.Is against the Err* sentinels,
// or errors.As with *UnsupportedError. Malformed server data gives an error
// wrapping ErrUnexpectedData, never a panic.
//
// A Plugin value is one exchange on one connection and is not safe for
// concurrent use; New returns a fresh one each time.
package auth
