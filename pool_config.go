package aiomysql

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// The pool's defaults, as NewPoolConfig and ParsePoolConfig set them.
const (
	DefaultPoolMinSize           = 1 // as aiomysql's minsize
	DefaultPoolMaxSize           = 10
	DefaultMaxConnLifetime       = time.Hour
	DefaultMaxConnIdleTime       = 30 * time.Minute
	DefaultHealthCheckPeriod     = time.Minute
	DefaultPingAfterIdle         = time.Minute
	DefaultPoolReleaseTimeout    = 5 * time.Second
	poolConnectBackoffFloor      = 50 * time.Millisecond
	poolConnectBackoffCeiling    = 5 * time.Second
	poolDefaultRecycle           = -1
	poolDefaultMaxLifetimeJitter = 0
)

// ResetPolicy says when a connection given back to a Pool is reset with
// COM_RESET_CONNECTION (Conn.ResetSession) before the next user gets it.
type ResetPolicy int

const (
	// ResetChanged resets a connection only when its session may differ
	// from a fresh one (Conn.SessionChanged: a user or session variable, a
	// temporary table, a prepared statement, the default database, an open
	// transaction). The default: a connection whose user only read costs no
	// round trip on release.
	ResetChanged ResetPolicy = iota
	// ResetAlways resets every connection given back.
	ResetAlways
	// ResetNever never resets: what a user changed in the session, the next
	// one sees (as in aiomysql). An open transaction is still rolled back.
	ResetNever
)

// String returns the policy's name as the DSN writes it.
func (p ResetPolicy) String() string {
	switch p {
	case ResetChanged:
		return "changed"
	case ResetAlways:
		return "always"
	case ResetNever:
		return "never"
	}
	return "ResetPolicy(" + strconv.Itoa(int(p)) + ")"
}

// PoolConfig configures a Pool, as aiomysql's create_pool keywords and
// pgxpool's Config. Build one with NewPoolConfig or ParsePoolConfig, which
// set the documented defaults; in a PoolConfig built by hand, a zero
// MaxSize, MaxConnIdleTime, HealthCheckPeriod or ReleaseTimeout means its
// default, and every other field means what it says (MinSize 0: no
// connection is kept open; PoolRecycle 0: every idle connection is
// recycled).
type PoolConfig struct {
	// ConnConfig is how each connection is made. Required.
	ConnConfig *Config

	// MinSize is the number of connections the pool keeps open, idle or
	// not: CreatePool opens them before it returns (and fails when it
	// cannot), and the maintainer opens new ones when connections close.
	// Default 1, as aiomysql's minsize. DSN: minsize, min_size.
	MinSize int
	// MaxSize bounds the connections open at once, those being opened
	// included. Default 10, as aiomysql's maxsize. DSN: maxsize, max_size.
	MaxSize int

	// PoolRecycle is aiomysql's pool_recycle: a connection unused for
	// longer is closed at acquire instead of being handed out (so that one
	// the server dropped after wait_timeout is never tried). -1 (the
	// default) never. DSN: pool_recycle (seconds or a duration, -1).
	PoolRecycle time.Duration
	// MaxConnLifetime is the age after which a connection is closed: when
	// it is given back, or by the maintainer when idle; a connection in use
	// is never closed for its age. Default 1 h; 0 means no limit. DSN:
	// max_conn_lifetime.
	MaxConnLifetime time.Duration
	// MaxConnLifetimeJitter adds a random part, up to this, to each
	// connection's lifetime, so connections made together do not all close
	// together. Default 0. DSN: max_conn_lifetime_jitter.
	MaxConnLifetimeJitter time.Duration
	// MaxConnIdleTime is how long a connection beyond MinSize may stay idle
	// before the maintainer closes it. Default 30 min. DSN:
	// max_conn_idle_time.
	MaxConnIdleTime time.Duration
	// HealthCheckPeriod is how often the maintainer looks at idle
	// connections (idle time, age) and tops the pool up to MinSize.
	// Default 1 min. DSN: health_check_period.
	HealthCheckPeriod time.Duration
	// PingAfterIdle: a connection idle for longer is pinged (COM_PING, one
	// round trip) at acquire before it is handed out, to find a connection
	// the network lost without telling (every acquire already peeks at the
	// socket, which finds one the server closed, at no round trip). Default
	// 1 min; 0 never. DSN: ping_after_idle.
	PingAfterIdle time.Duration
	// PeekAfterIdle: a connection idle for longer is peeked at (one
	// non-blocking read of its socket, no round trip) at acquire, which finds
	// a connection the server closed or said goodbye on. Default 0: every
	// acquire peeks, at the cost of a system call (~0.3 µs). pgx peeks only
	// after 1 s idle; set 1 s for that, and a connection the server closed
	// within that second is then found by the statement that uses it
	// (ErrConnLost) instead. DSN: peek_after_idle.
	PeekAfterIdle time.Duration
	// AcquireTimeout bounds how long Acquire waits for a connection, beside
	// its context: 0 (the default) waits as long as the context lets it.
	// The acquire then fails with ErrAcquireTimeout. DSN: acquire_timeout.
	AcquireTimeout time.Duration
	// ResetPolicy says when a connection given back is reset (see
	// ResetPolicy). Default ResetChanged. DSN: reset_policy
	// (changed, always, never).
	ResetPolicy ResetPolicy
	// ReleaseTimeout bounds what giving a connection back may cost: the
	// ROLLBACK of an open transaction and the reset; when they take longer
	// the connection is closed instead. Default 5 s. DSN: release_timeout.
	ReleaseTimeout time.Duration

	// BeforeConnect is called before each new connection is made, with a
	// copy of ConnConfig it may change (for example to set a fresh password
	// token). An error fails that connect.
	BeforeConnect func(ctx context.Context, cfg *Config) error
	// AfterConnect is called on each new connection before it joins the
	// pool, and again after each reset at release (which undoes session
	// state), for example to set user variables: what it sets counts as the
	// connection's fresh state, so it causes no reset. An error closes the
	// connection (and fails that connect). Statements it prepares with
	// Prepare do not survive a reset: leave repeated statements to the
	// statement cache instead.
	AfterConnect func(ctx context.Context, conn *Conn) error
	// BeforeAcquire is called before an idle connection is handed out; false
	// closes it, and the pool tries another.
	BeforeAcquire func(ctx context.Context, conn *Conn) bool
	// AfterRelease is called after a connection was given back and cleaned
	// (rolled back, reset); false closes it instead of keeping it.
	AfterRelease func(conn *Conn) bool
	// BeforeClose is called before the pool closes a connection, whatever
	// the reason.
	BeforeClose func(conn *Conn)
}

// NewPoolConfig returns a PoolConfig over cfg with the defaults.
func NewPoolConfig(cfg *Config) *PoolConfig {
	return &PoolConfig{
		ConnConfig:            cfg,
		MinSize:               DefaultPoolMinSize,
		MaxSize:               DefaultPoolMaxSize,
		PoolRecycle:           poolDefaultRecycle,
		MaxConnLifetime:       DefaultMaxConnLifetime,
		MaxConnLifetimeJitter: poolDefaultMaxLifetimeJitter,
		MaxConnIdleTime:       DefaultMaxConnIdleTime,
		HealthCheckPeriod:     DefaultHealthCheckPeriod,
		PingAfterIdle:         DefaultPingAfterIdle,
		ReleaseTimeout:        DefaultPoolReleaseTimeout,
	}
}

// ParsePoolConfig reads a DSN as ParseDSN does, with the pool's parameters
// besides (minsize, maxsize, pool_recycle, max_conn_lifetime,
// max_conn_lifetime_jitter, max_conn_idle_time, health_check_period,
// ping_after_idle, peek_after_idle, acquire_timeout, reset_policy, release_timeout; names
// match ignoring case and '_', so maxConnLifetime is max_conn_lifetime),
// which are taken out of the session
// variables. For example:
//
//	root@tcp(127.0.0.1:3306)/test?minsize=2&maxsize=20&pool_recycle=3600
func ParsePoolConfig(text string) (*PoolConfig, error) {
	cfg, err := parseDSN(text)
	if err != nil {
		return nil, err
	}
	pc := NewPoolConfig(cfg)
	for name, value := range cfg.Params {
		set := poolParam(normalParamName(name))
		if set == nil {
			continue
		}
		if err := set(pc, value); err != nil {
			return nil, &DSNError{Param: name, Reason: err.Error()}
		}
		delete(cfg.Params, name)
	}
	if len(cfg.Params) == 0 {
		cfg.Params = nil
	}
	if err := pc.check(); err != nil {
		return nil, &DSNError{Reason: err.Error(), Err: err}
	}
	return pc, nil
}

// normalParamName folds a parameter name as the DSN matches names.
func normalParamName(name string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(name))
}

// poolParam returns the setter of the PoolConfig field a DSN parameter
// names (by normal name), or nil when it names none.
func poolParam(name string) func(*PoolConfig, string) error {
	switch name {
	case "minsize":
		return intField(func(c *PoolConfig) *int { return &c.MinSize })
	case "maxsize":
		return intField(func(c *PoolConfig) *int { return &c.MaxSize })
	case "poolrecycle":
		return recycleField
	case "maxconnlifetime":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.MaxConnLifetime })
	case "maxconnlifetimejitter":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.MaxConnLifetimeJitter })
	case "maxconnidletime":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.MaxConnIdleTime })
	case "healthcheckperiod":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.HealthCheckPeriod })
	case "pingafteridle":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.PingAfterIdle })
	case "peekafteridle":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.PeekAfterIdle })
	case "acquiretimeout":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.AcquireTimeout })
	case "releasetimeout":
		return durationField(func(c *PoolConfig) *time.Duration { return &c.ReleaseTimeout })
	case "resetpolicy":
		return resetPolicyField
	}
	return nil
}

func intField(field func(*PoolConfig) *int) func(*PoolConfig, string) error {
	return func(c *PoolConfig, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("not an integer: %s", dsn.QuoteShort(v))
		}
		*field(c) = n
		return nil
	}
}

func durationField(field func(*PoolConfig) *time.Duration) func(*PoolConfig, string) error {
	return func(c *PoolConfig, v string) error {
		d, err := dsn.ParseDuration(v)
		if err != nil {
			return err
		}
		*field(c) = d
		return nil
	}
}

func recycleField(c *PoolConfig, v string) error {
	if v == "-1" {
		c.PoolRecycle = -1
		return nil
	}
	return durationField(func(c *PoolConfig) *time.Duration { return &c.PoolRecycle })(c, v)
}

func resetPolicyField(c *PoolConfig, v string) error {
	for _, p := range []ResetPolicy{ResetChanged, ResetAlways, ResetNever} {
		if strings.EqualFold(v, p.String()) {
			c.ResetPolicy = p
			return nil
		}
	}
	return fmt.Errorf("not a reset policy (want changed, always or never): %s", dsn.QuoteShort(v))
}

// check reports a PoolConfig no pool can follow.
func (c *PoolConfig) check() error {
	switch {
	case c.ConnConfig == nil:
		return fmt.Errorf("aiomysql: PoolConfig.ConnConfig is nil")
	case c.MinSize < 0:
		return fmt.Errorf("aiomysql: pool MinSize %d is negative", c.MinSize)
	case c.MaxSize < 0:
		return fmt.Errorf("aiomysql: pool MaxSize %d is negative", c.MaxSize)
	case c.MaxSize > 0 && c.MinSize > c.MaxSize:
		return fmt.Errorf("aiomysql: pool MinSize %d is more than MaxSize %d", c.MinSize, c.MaxSize)
	case c.ResetPolicy < ResetChanged || c.ResetPolicy > ResetNever:
		return fmt.Errorf("aiomysql: unknown pool reset policy %d", int(c.ResetPolicy))
	case c.MaxConnLifetime < 0 || c.MaxConnLifetimeJitter < 0 || c.AcquireTimeout < 0 || c.ReleaseTimeout < 0 ||
		c.MaxConnIdleTime < 0 || c.HealthCheckPeriod < 0:
		return fmt.Errorf("aiomysql: a pool duration is negative")
	}
	return nil
}

// withDefaults returns a copy of c with its zero fields at their defaults.
func (c *PoolConfig) withDefaults() *PoolConfig {
	out := *c
	out.ConnConfig = c.ConnConfig.Clone()
	if out.MaxSize == 0 {
		out.MaxSize = max(DefaultPoolMaxSize, out.MinSize)
	}
	if out.MaxConnIdleTime == 0 {
		out.MaxConnIdleTime = DefaultMaxConnIdleTime
	}
	if out.HealthCheckPeriod == 0 {
		out.HealthCheckPeriod = DefaultHealthCheckPeriod
	}
	if out.ReleaseTimeout == 0 {
		out.ReleaseTimeout = DefaultPoolReleaseTimeout
	}
	return &out
}
