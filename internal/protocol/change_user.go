package protocol

import (
	"context"

	"github.com/aiomysql-go/aiomysql/internal/auth"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// ChangeUser re-authenticates the connection as another user
// (COM_CHANGE_USER) and makes database the default ("" for none). The session
// is reset as by ResetConnection. On an authentication error the server
// closes the connection, so the connection is broken.
func (c *Conn) ChangeUser(ctx context.Context, user, password, database string) error {
	name, err := c.firstPlugin(c.authPlugin)
	if err != nil {
		return err
	}
	plugin, err := auth.New(name)
	if err != nil {
		return err
	}
	next := *c.opts
	next.User, next.Password, next.Database = user, password, database
	ao := next.authOptions(c.secure())
	resp, err := plugin.Start(c.scramble, ao)
	if err != nil {
		return pluginError(err)
	}
	if err := c.begin(ctx, "change user"); err != nil {
		return err
	}
	if c.queue.len() > 0 {
		// A deferred command of the connection's own must not go out
		// before COM_CHANGE_USER: its reply would be read as the change's.
		c.wc.DiscardPending()
		c.queue = cmdQueue{}
	}
	err = c.queueCmd(Request{Op: "change user"}, func(b []byte) ([]byte, error) {
		return wire.ComChangeUser{
			User:           user,
			AuthResponse:   resp,
			Database:       database,
			CharacterSet:   c.opts.Collation,
			AuthPluginName: name,
			Attributes:     c.opts.Attributes,
		}.Encode(b, c.caps)
	})
	if err != nil {
		c.unclaim()
		return c.endCall(err)
	}
	if err := c.flush("change user"); err != nil {
		return c.endCall(err)
	}
	c.startReply()
	err = c.authLoop(ctx, name, plugin, ao, c.scramble)
	if err != nil {
		// The server closes the connection after a failed change of user.
		_ = c.fail(err)
		return c.endCall(err)
	}
	c.exchangeDone()
	c.intr.mu.Lock() // a kill starting now reads them
	c.opts = &next
	c.intr.mu.Unlock()
	c.session = Session{Schema: database, Collation: c.opts.Collation}
	c.changes.reset()
	c.requestTracking()
	return c.endCall(nil)
}
