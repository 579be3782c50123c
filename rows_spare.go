package aiomysql

import (
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// giveSpare keeps the column and value slices of Rows that ended, for the
// next Rows of the connection: a query run again allocates none. The
// larger of what is kept and what is given stays.
func (c *Conn) giveSpare(cols []types.Column, vals [][]byte) {
	if cap(cols) > cap(c.spareCols) {
		c.spareCols = cols[:0]
	}
	if cap(vals) > cap(c.spareVals) {
		clear(vals[:cap(vals)]) // they alias a read buffer
		c.spareVals = vals[:0]
	}
}

// takeSpare hands over what giveSpare kept (nil slices when nothing).
func (c *Conn) takeSpare() ([]types.Column, [][]byte) {
	cols, vals := c.spareCols, c.spareVals
	c.spareCols, c.spareVals = nil, nil
	return cols, vals
}

// namesFor returns the column names of defs: the slice made for the
// previous result when the names are the same (a slice of names is never
// modified once made, so Rows can share it), else a new one.
func (c *Conn) namesFor(defs []wire.ColumnDefinition) []string {
	if sameNames(c.shareNames, defs) {
		return c.shareNames
	}
	names := make([]string, len(defs))
	for i := range defs {
		names[i] = defs[i].Name
	}
	c.shareNames = names
	return names
}
