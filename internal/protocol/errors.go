package protocol

import (
	"errors"
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
	ErrCommitUnknown      = errs.CommitUnknown
	ErrResultIncomplete   = errs.ResultIncomplete
	ErrNotSent            = errs.NotSent
	ErrLocalInfileRefused = errs.LocalInfile
	ErrPacketTooLarge     = errs.PacketTooLarge
)

// ErrKillUnproven is kept by KillError when a kill was not sent because the
// side connection could not prove it reached this connection's thread.
var ErrKillUnproven = errors.New("aiomysql: KILL QUERY not sent")

// protocolError reports a packet the server should not have sent.
func protocolError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrProtocol}, args...)...)
}
