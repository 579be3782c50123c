// Package errs holds the client's error sentinels, so that every layer
// returns the same values the public package exports (aiomysql.ErrClosed is
// errs.Closed): errors.Is matches them wherever they were made.
package errs

import "errors"

// Category is the type of the PEP-249 category sentinels.
type Category struct {
	msg      string
	database bool // a kind of DatabaseError in PEP-249
}

func (c *Category) Error() string { return c.msg }

// Is makes every category but Interface a kind of Database.
func (c *Category) Is(target error) bool {
	return c.database && target == Database
}

// The PEP-249 categories; the public package documents them.
var (
	Interface    = &Category{msg: "aiomysql: interface error"}
	Database     = &Category{msg: "aiomysql: database error", database: true}
	Data         = &Category{msg: "aiomysql: data error", database: true}
	Operational  = &Category{msg: "aiomysql: operational error", database: true}
	Integrity    = &Category{msg: "aiomysql: integrity error", database: true}
	Internal     = &Category{msg: "aiomysql: internal error", database: true}
	Programming  = &Category{msg: "aiomysql: programming error", database: true}
	NotSupported = &Category{msg: "aiomysql: not supported", database: true}
)

// Client is the type of the client-side sentinels: each names its category
// and, for a special case of another sentinel, that one.
type Client struct {
	msg      string
	category error
	parent   error
}

func (e *Client) Error() string { return e.msg }

// Is matches the sentinel's category and its parent.
func (e *Client) Is(target error) bool {
	return errors.Is(e.category, target) || (e.parent != nil && errors.Is(e.parent, target))
}

// The client-side sentinels; the public package documents them.
var (
	Closed              = &Client{msg: "aiomysql: connection is closed", category: Interface}
	Busy                = &Client{msg: "aiomysql: connection busy: a result is still being read", category: Interface}
	NotSent             = &Client{msg: "aiomysql: not sent; nothing of the command reached the server", category: Operational}
	ConnLost            = &Client{msg: "aiomysql: connection lost; the server may or may not have run the command", category: Operational}
	CommitUnknown       = &Client{msg: "aiomysql: connection lost during COMMIT; the transaction may or may not have been committed", category: Operational, parent: ConnLost}
	ResultIncomplete    = &Client{msg: "aiomysql: result incomplete: the statement ran, but reading its rows was interrupted", category: Operational}
	TLSRequired         = &Client{msg: "aiomysql: TLS is required but the server does not offer it", category: Operational}
	InsecureAuth        = &Client{msg: "aiomysql: authentication refused", category: Operational}
	Protocol            = &Client{msg: "aiomysql: protocol error", category: Internal}
	LocalInfile         = &Client{msg: "aiomysql: LOCAL INFILE request refused", category: Interface}
	UnsafeInterpolation = &Client{msg: "aiomysql: refusing to interpolate arguments", category: NotSupported}
	PacketTooLarge      = &Client{msg: "aiomysql: packet larger than max_allowed_packet", category: Interface}
)
