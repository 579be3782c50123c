package protocol

import (
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/errs"
)

// The sentinels the connection returns are the public package's (see
// internal/errs); these short names keep the code readable.
var (
	ErrClosed             = errs.Closed
	ErrBusy               = errs.Busy
	ErrTLSRequired        = errs.TLSRequired
	ErrInsecureAuth       = errs.InsecureAuth
	ErrProtocol           = errs.Protocol
	ErrConnLost           = errs.ConnLost
	ErrNotSent            = errs.NotSent
	ErrLocalInfileRefused = errs.LocalInfile
	ErrPacketTooLarge     = errs.PacketTooLarge
)

// protocolError reports a packet the server should not have sent.
func protocolError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrProtocol}, args...)...)
}
