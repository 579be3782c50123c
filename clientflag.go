package aiomysql

import (
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// checkClientFlag refuses capability bits in Config.ClientFlag that the
// client does not implement: compression (which would make every query
// hang), SSL (TLS is TLSMode's), query attributes, optional result-set
// metadata and the like would desynchronise the protocol.
func checkClientFlag(flag uint64) error {
	if bad := wire.Capability(flag) &^ protocol.AllowedExtraCapabilities; bad != 0 {
		return &ConfigError{Field: "ClientFlag", Reason: fmt.Sprintf("capability bits %#x (%v) are not implemented by this client", uint64(bad), bad)}
	}
	return nil
}
