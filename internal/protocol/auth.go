package protocol

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aiomysql-go/aiomysql/internal/auth"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// authenticate sends the handshake response and runs the plugin exchange:
// at most one auth switch, each plugin checked against the allow-list.
func (c *Conn) authenticate(ctx context.Context, hs *wire.Handshake) error {
	ao := c.opts.authOptions(c.secure())
	name, err := c.firstPlugin(hs.AuthPluginName)
	if err != nil {
		return err
	}
	plugin, err := auth.New(name)
	if err != nil {
		return err
	}
	c.scramble = append([]byte(nil), hs.AuthPluginData...)
	resp, err := plugin.Start(hs.AuthPluginData, ao)
	if err != nil {
		return pluginError(err)
	}
	hr := wire.HandshakeResponse{
		Capabilities:   c.caps,
		MaxPacketSize:  uint32(maxPacket(c.opts)),
		CharacterSet:   byte(c.opts.Collation),
		Username:       c.opts.User,
		AuthResponse:   resp,
		Database:       c.opts.Database,
		AuthPluginName: name,
		Attributes:     c.opts.Attributes,
	}
	buf, err := hr.Encode(c.wc.StartPacket(), c.caps)
	if err != nil {
		return err
	}
	if err := c.wc.WritePacket(buf); err != nil {
		return c.ioError("sending the handshake response", err)
	}
	return c.authLoop(ctx, name, plugin, ao, hs.AuthPluginData)
}

// authLoop reads the server's answers to an authentication response until OK
// or ERR: at most one auth switch, each plugin checked against the allow-list,
// further data handed to the plugin.
func (c *Conn) authLoop(ctx context.Context, name string, plugin auth.Plugin, ao *auth.Options, scramble []byte) error {
	switched := false
	for {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return c.ioError("authenticating", err)
		}
		if len(pkt) == 0 {
			return c.fail(protocolError("empty packet during authentication"))
		}
		switch pkt[0] {
		case 0x00:
			var ok wire.OK
			if err := ok.Decode(pkt, c.caps); err != nil {
				return c.ioError("authenticating", err)
			}
			c.applyOK(&ok)
			c.authPlugin = name
			return nil
		case 0xFF:
			return c.readErr("authenticating", pkt)
		case 0xFE:
			if switched {
				return c.fail(fmt.Errorf("%w: the server asked for a second authentication switch", ErrInsecureAuth))
			}
			switched = true
			var sw wire.AuthSwitchRequest
			if len(pkt) == 1 {
				// Pre-4.1 servers' switch to the old password scheme.
				sw.PluginName, sw.PluginData = "mysql_old_password", scramble
			} else if err := sw.Decode(pkt); err != nil {
				return c.ioError("authenticating", err)
			}
			if !c.allowed(sw.PluginName) {
				return c.fail(notAllowedError(sw.PluginName))
			}
			if plugin, err = auth.New(sw.PluginName); err != nil {
				return c.fail(err)
			}
			name = sw.PluginName
			resp, err := plugin.Start(sw.PluginData, ao)
			if err != nil {
				return c.fail(pluginError(err))
			}
			if err := c.writeRaw(resp); err != nil {
				return err
			}
		default:
			resp, err := plugin.Continue(pkt, ao)
			if err != nil {
				return c.fail(pluginError(err))
			}
			if resp != nil {
				if err := c.writeRaw(resp); err != nil {
					return err
				}
			}
		}
	}
}

// firstPlugin picks the plugin for the handshake response.
func (c *Conn) firstPlugin(serverDefault string) (string, error) {
	if p := c.opts.AuthPlugin; p != "" {
		if !c.allowed(p) {
			return "", fmt.Errorf("%w: plugin %q is not on the allow-list", ErrInsecureAuth, p)
		}
		return p, nil
	}
	if serverDefault != "" && c.allowed(serverDefault) && !cleartextPlugin(serverDefault) {
		return serverDefault, nil
	}
	// The server's default is not allowed (or would take the password in the
	// first packet): answer with a safe plugin; the server switches if the
	// account needs another, and the switch is checked again.
	for _, p := range c.opts.AuthPlugins {
		if !cleartextPlugin(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: no allowed plugin for the first response", ErrInsecureAuth)
}

// pluginError gives a plugin's error the public sentinel it belongs to:
// ErrInsecureAuth when the plugin refused to send the password (or an
// equivalent) because the channel, the options or the server's key did not
// protect it, ErrProtocol when the server's data made no sense. Nothing of
// the password was sent in either case.
func pluginError(err error) error {
	switch {
	case errors.Is(err, auth.ErrCleartextRefused), errors.Is(err, auth.ErrPublicKeyNeeded),
		errors.Is(err, auth.ErrBadPublicKey), errors.Is(err, auth.ErrPasswordTooLong),
		errors.Is(err, auth.ErrOldPasswordRefused):
		return fmt.Errorf("%w: %w", ErrInsecureAuth, err)
	case errors.Is(err, auth.ErrUnexpectedData):
		return fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	return err
}

// notAllowedError is the refusal of a switch to a plugin off the allow-list:
// ErrInsecureAuth, and for the plugins that give the password away the
// plugin's own refusal too (the allow-list leaves them out unless the
// options that permit them are on).
func notAllowedError(name string) error {
	err := fmt.Errorf("%w: the server asked for plugin %q, which the allow-list does not permit", ErrInsecureAuth, name)
	switch name {
	case "mysql_clear_password", "dialog":
		return fmt.Errorf("%w (%w)", err, auth.ErrCleartextRefused)
	case "mysql_old_password":
		return fmt.Errorf("%w (%w)", err, auth.ErrOldPasswordRefused)
	}
	return err
}

func cleartextPlugin(name string) bool {
	return name == "mysql_clear_password" || name == "dialog" || name == "mysql_old_password"
}

func (c *Conn) allowed(name string) bool { return slices.Contains(c.opts.AuthPlugins, name) }

// writeRaw writes one packet continuing the current sequence.
func (c *Conn) writeRaw(payload []byte) error {
	buf := append(c.wc.StartPacket(), payload...)
	if err := c.wc.WritePacket(buf); err != nil {
		return c.ioError("authenticating", err)
	}
	return nil
}
