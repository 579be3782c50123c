package aiomysql

import "context"

// ExecForTest runs a statement and returns its affected rows, until the
// query API exists.
func ExecForTest(ctx context.Context, c *Conn, q string) (int64, error) {
	ok, err := c.pc.Exec(ctx, q)
	if err != nil {
		return 0, err
	}
	return int64(ok.AffectedRows), nil
}

// QueryValueForTest returns the one value of a one-row, one-column query.
func QueryValueForTest(ctx context.Context, c *Conn, q string) (string, error) {
	return c.pc.QueryValue(ctx, q)
}

// KillErrorForTest returns the error of the last kill sent on cancellation.
func (c *Conn) KillErrorForTest() error { return c.pc.KillError() }
