package protocol

import "github.com/aiomysql-go/aiomysql/internal/wire"

// CanBulkExecute reports whether the connection negotiated
// MARIADB_CLIENT_STMT_BULK_OPERATIONS, which BulkExecute needs: MariaDB
// 10.2.7 and later offer it, MySQL does not.
func (c *Conn) CanBulkExecute() bool { return c.caps&wire.MariaDBClientStmtBulkOperations != 0 }
