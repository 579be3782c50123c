package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

// DriverName is the name under which the driver registers with
// database/sql: sql.Open(DriverName, dsn).
const DriverName = "aiomysql"

// Driver is the database/sql driver. Its zero value is ready to use and
// safe for concurrent use; the package registers one as "aiomysql".
type Driver struct{}

func init() {
	sql.Register(DriverName, Driver{})
}

// Open parses dsn (go-sql-driver/mysql's form, or a mysql:// URL; see
// ParseDSN) and connects. database/sql calls it through OpenConnector, so
// the DSN is parsed once per sql.DB, not once per connection.
func (d Driver) Open(dsn string) (driver.Conn, error) {
	c, err := d.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

// OpenConnector parses dsn once and returns a Connector for it.
func (Driver) OpenConnector(dsn string) (driver.Connector, error) {
	cfg, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	return NewConnector(cfg), nil
}

var (
	_ driver.Driver        = Driver{}
	_ driver.DriverContext = Driver{}
)
