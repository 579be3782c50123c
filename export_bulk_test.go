package aiomysql

// SetBulkForTest turns bulk execution (COM_STMT_BULK_EXECUTE) on or off for
// c's ExecMany and Cursor.ExecuteMany, so that a test can compare the bulk
// path with the others on the same server.
func (c *Conn) SetBulkForTest(on bool) { c.bulkOff = !on }
