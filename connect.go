package aiomysql

import (
	"context"
	"crypto/tls"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Version is this client's version, sent as the _client_version connection attribute.
const Version = "0.1.0-dev"

// Connect opens a connection as cfg says, as aiomysql's connect(). ctx bounds
// the dial, the TLS handshake, authentication and session set-up; so does
// cfg.ConnectTimeout when set. cfg is not modified and may be reused.
//
// Errors from connecting are *ConnectError (naming host and user, never the
// password), wrapping the cause: a *Error from the server (e.g. 1045 access
// denied, 1049 unknown database), ErrTLSRequired, an authentication refusal,
// or a network error.
func Connect(ctx context.Context, cfg *Config) (*Conn, error) {
	if cfg == nil {
		cfg = NewConfig()
	}
	cfg = cfg.Clone()
	if cfg.ReadDefaultFile != "" {
		if err := cfg.ApplyOptionFile(cfg.ReadDefaultFile, cfg.ReadDefaultGroup); err != nil {
			return nil, err
		}
	}
	if len(cfg.Hosts) > 0 && cfg.Network() != "unix" {
		return connectHosts(ctx, cfg)
	}
	role := cfg.TargetRole
	if role == RolePreferReplica {
		role = RoleAny // one server: whatever it is
	}
	c, _, err := connectAttempt(ctx, cfg, role, false) // without keep, not of the role is an error
	if err != nil {
		return nil, &ConnectError{Host: cfg.Addr(), User: cfg.User, Err: err}
	}
	return c, nil
}

// connectAttempt connects to cfg's one server and checks its role (see
// hasRole), both bounded by ConnectTimeout. A connection that is not of
// the role is closed, unless it is the fallback hasRole says to keep:
// then it comes back with ok false and no error.
func connectAttempt(ctx context.Context, cfg *Config, role TargetRole, keep bool) (c *Conn, ok bool, err error) {
	if cfg.ConnectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.ConnectTimeout)
		defer cancel()
	}
	if c, err = connect(ctx, cfg); err != nil {
		return nil, false, err
	}
	if ok, err = c.hasRole(ctx, role, keep); err != nil {
		_ = c.Close()
		return nil, false, err
	}
	return c, ok, nil
}

// ConnectDSN parses dsn (see ParseDSN) and connects.
func ConnectDSN(ctx context.Context, dsn string) (*Conn, error) {
	cfg, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	return Connect(ctx, cfg)
}

func connect(ctx context.Context, cfg *Config) (*Conn, error) {
	if err := checkClientFlag(cfg.ClientFlag); err != nil {
		return nil, err
	}
	opts, coll, err := protocolOptions(cfg)
	if err != nil {
		return nil, err
	}
	fallbacks, err := fallbackCollations(cfg)
	if err != nil {
		return nil, err
	}
	// The errors that say what the connection is worth: read-only
	// refusals (RejectReadOnly), and those that undo a transaction (see
	// RetryTx), 1047 also meaning the node is not ready: a pool drops it.
	refused, aborts := new(atomic.Bool), new(atomic.Uint64)
	opts.ServerError = func(number uint16, sqlState, message string) error {
		if cfg.RejectReadOnly && readOnlyRefusal(number) || number == errcode.UnknownComError {
			refused.Store(true)
		}
		if retryableNumber(number) {
			aborts.Add(1)
		}
		return newServerError(number, sqlState, message)
	}
	pc, err := protocol.Connect(ctx, opts)
	if err != nil {
		return nil, err
	}
	c := &Conn{cfg: cfg, pc: pc, collation: coll, greeted: opts.Collation, readOnlyRefused: refused, aborts: aborts}
	c.appendStmt = c.writeStmt
	c.decodeOpts = decodeState{opts: types.Options{Location: c.location()}}
	if cfg.LocalInfile {
		pc.SetLocalInfile(c.allowListHandler())
	}
	if len(cfg.CharsetFallbacks) > 0 {
		if err := c.negotiateCharset(ctx, fallbacks); err != nil {
			_ = pc.Close()
			return nil, err
		}
	}
	if err := c.setUpSession(ctx, true); err != nil {
		_ = pc.Close()
		return nil, err
	}
	return c, nil
}

// protocolOptions turns a Config into what the protocol layer needs.
func protocolOptions(cfg *Config) (*protocol.Options, charset.Collation, error) {
	s := cfg.settings() // once: each is a copy of the whole Config
	if err := rootError(s.Validate()); err != nil {
		return nil, charset.Collation{}, err
	}
	coll, err := collationFor(cfg)
	if err != nil {
		return nil, coll, err
	}
	var tlsConfig *tls.Config
	if cfg.TLSMode != TLSDisabled {
		if tlsConfig, err = s.BuildTLSConfig(); err != nil {
			return nil, coll, rootError(err)
		}
	}
	pubKey, err := s.LoadServerPublicKey()
	if err != nil {
		return nil, coll, rootError(err)
	}
	handshakeColl := coll.ID
	if handshakeColl > 255 {
		// One byte on the wire: start in utf8mb4 and SET NAMES afterwards.
		handshakeColl = 45
	}
	o := &protocol.Options{
		Network:                 s.Network(),
		Address:                 s.Addr(),
		TLSConfig:               tlsConfig,
		TLSRequired:             cfg.TLSMode >= TLSRequired,
		User:                    cfg.User,
		Password:                cfg.Password,
		Database:                cfg.Database,
		Collation:               handshakeColl,
		AuthPlugins:             s.AllowedAuthPlugins(),
		AuthPlugin:              cfg.AuthPlugin,
		AllowPublicKeyRetrieval: cfg.AllowPublicKeyRetrieval,
		AllowCleartext:          cfg.AllowCleartextPasswords,
		AllowOldPasswords:       cfg.AllowOldPasswords,
		ServerPublicKey:         pubKey,
		Attributes:              connectAttributes(cfg),
		ExtraCapabilities:       wire.Capability(cfg.ClientFlag),
		MultiStatements:         cfg.MultiStatements,
		LocalFiles:              cfg.LocalInfile,
		FoundRows:               cfg.ClientFoundRows,
		Compress:                cfg.Compress,
		TrackGTID:               cfg.TrackGTID,
		MaxPacket:               cfg.MaxAllowedPacket,
		LongDataThreshold:       cfg.LongDataThreshold,
		ReadTimeout:             cfg.ReadTimeout,
		WriteTimeout:            cfg.WriteTimeout,
		KillOnCancel:            cfg.KillOnCancel,
		KillDelay:               cfg.KillDelay,
		ServerError:             newServerErrorValue,
		Logger:                  cfg.Logger,
	}
	if cfg.Dialer != nil {
		o.Dial = protocol.Dialer(cfg.Dialer)
	}
	return o, coll, nil
}

func newServerErrorValue(number uint16, sqlState, message string) error {
	return newServerError(number, sqlState, message)
}

// processID is the _pid attribute: the process's id, read once (a system
// call and a string per connect otherwise). Set at start-up, never changed.
var processID = strconv.Itoa(os.Getpid())

// connectAttributes are the attributes sent in the handshake: the client's
// own, program_name, then the user's.
func connectAttributes(cfg *Config) []wire.Attribute {
	attrs := []wire.Attribute{
		{Key: "_client_name", Value: "aiomysql-go"},
		{Key: "_client_version", Value: Version},
		{Key: "_os", Value: runtime.GOOS},
		{Key: "_platform", Value: runtime.GOARCH},
		{Key: "_pid", Value: processID},
	}
	if cfg.ProgramName != "" {
		attrs = append(attrs, wire.Attribute{Key: "program_name", Value: cfg.ProgramName})
	}
	for _, k := range sortedKeys(cfg.ConnectAttributes) {
		attrs = append(attrs, wire.Attribute{Key: k, Value: cfg.ConnectAttributes[k]})
	}
	return attrs
}

// collationFor resolves the configured character set and collation.
func collationFor(cfg *Config) (charset.Collation, error) {
	cs := cfg.Charset
	if cs == "" {
		cs = "utf8mb4"
	}
	if cfg.Collation != "" {
		c, ok := charset.ByName(strings.ToLower(cfg.Collation))
		if !ok {
			return c, &ConfigError{Field: "Collation", Reason: "unknown collation " + quoteShort(cfg.Collation)}
		}
		if cfg.Charset != "" && c.Charset != normalCharset(cs) {
			return c, &ConfigError{Field: "Collation", Reason: "collation " + c.Name + " does not belong to character set " + cs}
		}
		return c, nil
	}
	c, ok := charset.DefaultCollation(strings.ToLower(cs))
	if !ok {
		return c, &ConfigError{Field: "Charset", Reason: "unknown character set " + quoteShort(cs)}
	}
	return c, nil
}

func normalCharset(cs string) string {
	cs = strings.ToLower(cs)
	if cs == "utf8" {
		return "utf8mb3"
	}
	return cs
}
