package dsn

import (
	"errors"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// dsnParams lists the parameters in the order FormatDSN writes them
// (alphabetical by normalized name).
func dsnParams() []dsnParam {
	return []dsnParam{
		refusedParam("allowAllFiles", "there is no \"all files\" mode: set local_infile=true and list the allowed files or directories in local_infile_allow (Config.LocalInfileAllow)", "false", "0"),
		boolParam("allowCleartextPasswords", func(c *Settings) *bool { return &c.AllowCleartextPasswords }, false),
		{name: "allowFallbackToPlaintext", parse: func(_ *Settings, st *dsnState, v string) (err error) {
			st.fallbackTLS, err = parseBool(v)
			return err
		}, format: func(*Settings) []string { return nil }},
		boolParam("allowNativePasswords", func(c *Settings) *bool { return &c.AllowNativePasswords }, true),
		boolParam("allowOldPasswords", func(c *Settings) *bool { return &c.AllowOldPasswords }, false),
		boolParam("allowPublicKeyRetrieval", func(c *Settings) *bool { return &c.AllowPublicKeyRetrieval }, false, "get_server_public_key"),
		{name: "auth_plugin", parse: func(c *Settings, _ *dsnState, v string) error {
			if v != "" && !validName(v) {
				return errors.New("not a plugin name: " + QuoteShort(v))
			}
			c.AuthPlugin = v
			return nil
		}, format: stringParam("", func(c *Settings) *string { return &c.AuthPlugin }).format},
		{name: "auth_plugins", parse: func(c *Settings, _ *dsnState, v string) (err error) {
			c.AuthPlugins, err = parseList(v)
			return err
		}, format: func(c *Settings) []string {
			if len(c.AuthPlugins) == 0 {
				return nil
			}
			return []string{strings.Join(c.AuthPlugins, ",")}
		}},
		{name: "autocommit", parse: func(c *Settings, _ *dsnState, v string) error {
			b, err := parseBool(v)
			c.Autocommit = &b
			return err
		}, format: func(c *Settings) []string {
			if c.Autocommit == nil {
				return nil
			}
			return []string{formatBool(*c.Autocommit)}
		}},
		{name: "charset", parse: func(c *Settings, _ *dsnState, v string) error {
			names, err := parseList(v)
			if err != nil {
				return err
			}
			for _, n := range names {
				if !validName(n) {
					return errors.New("not a character set name: " + QuoteShort(n))
				}
			}
			c.Charset, c.CharsetFallbacks = names[0], names[1:]
			if len(c.CharsetFallbacks) == 0 {
				c.CharsetFallbacks = nil
			}
			return nil
		}, format: func(c *Settings) []string {
			if (c.Charset == "" || c.Charset == DefaultCharset) && len(c.CharsetFallbacks) == 0 {
				return nil
			}
			return []string{strings.Join(append([]string{c.Charset}, c.CharsetFallbacks...), ",")}
		}},
		boolParam("checkConnLiveness", func(c *Settings) *bool { return &c.CheckConnLiveness }, true),
		valueParam("client_flag", func(c *Settings) *uint64 { return &c.ClientFlag }, 0, parseUint, formatUint),
		boolParam("clientFoundRows", func(c *Settings) *bool { return &c.ClientFoundRows }, false),
		{name: "collation", parse: func(c *Settings, _ *dsnState, v string) error {
			if v != "" && !validName(v) {
				return errors.New("not a collation name: " + QuoteShort(v))
			}
			c.Collation = v
			return nil
		}, format: stringParam("", func(c *Settings) *string { return &c.Collation }).format},
		boolParam("columnsWithAlias", func(c *Settings) *bool { return &c.ColumnsWithAlias }, false),
		boolParam("compress", func(c *Settings) *bool { return &c.Compress }, false),
		{name: "connectionAttributes", parse: func(c *Settings, _ *dsnState, v string) (err error) {
			c.ConnectAttributes, err = parseAttributes(v)
			return err
		}, format: func(c *Settings) []string {
			if len(c.ConnectAttributes) == 0 {
				return nil
			}
			var b strings.Builder
			for i, k := range slices.Sorted(maps.Keys(c.ConnectAttributes)) {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(k + ":" + c.ConnectAttributes[k])
			}
			return []string{b.String()}
		}},
		valueParam("cursorclass", func(c *Settings) *CursorKind { return &c.DefaultCursor }, CursorBuffered,
			ParseCursorKind, CursorKind.String, "default_cursor"),
		valueParam("defaultQueryExecMode", func(c *Settings) *QueryExecMode { return &c.DefaultQueryExecMode }, ExecModeDefault,
			ParseQueryExecMode, QueryExecMode.String),
		{name: "echo", parse: func(c *Settings, _ *dsnState, v string) error {
			b, err := parseBool(v)
			c.Logger = nil
			if b {
				c.Logger = slog.Default()
			}
			return err
		}, format: func(c *Settings) []string {
			if c.Logger == nil {
				return nil
			}
			return []string{"true"}
		}},
		valueParam("hostOrder", func(c *Settings) *HostOrder { return &c.HostOrder }, HostsInOrder,
			ParseHostOrder, HostOrder.String),
		{name: "init_command", parse: func(c *Settings, _ *dsnState, v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New("empty statement")
			}
			c.InitCommands = append(c.InitCommands, v)
			return nil
		}, format: func(c *Settings) []string { return c.InitCommands }},
		boolParam("interpolateParams", func(c *Settings) *bool { return &c.InterpolateParams }, false),
		durationParam("kill_delay", func(c *Settings) *time.Duration { return &c.KillDelay }, 0),
		boolParam("kill_on_cancel", func(c *Settings) *bool { return &c.KillOnCancel }, true),
		{name: "loc", parse: func(c *Settings, _ *dsnState, v string) error {
			loc, err := time.LoadLocation(v)
			if err != nil {
				return errors.New("unknown time zone " + QuoteShort(v))
			}
			c.Location = loc
			return nil
		}, format: func(c *Settings) []string {
			if c.Location == nil || c.Location.String() == "UTC" {
				return nil
			}
			return []string{c.Location.String()}
		}},
		boolParam("local_infile", func(c *Settings) *bool { return &c.LocalInfile }, false),
		{name: "local_infile_allow", parse: func(c *Settings, _ *dsnState, v string) error {
			if !filepath.IsAbs(v) {
				return errors.New("not an absolute path: " + QuoteShort(v))
			}
			c.LocalInfileAllow = append(c.LocalInfileAllow, v)
			return nil
		}, format: func(c *Settings) []string { return c.LocalInfileAllow }},
		valueParam("longDataThreshold", func(c *Settings) *int { return &c.LongDataThreshold }, DefaultLongDataThreshold,
			parseInt, strconv.Itoa),
		valueParam("maxAllowedPacket", func(c *Settings) *int { return &c.MaxAllowedPacket }, DefaultMaxAllowedPacket,
			parseInt, strconv.Itoa),
		boolParam("multiStatements", func(c *Settings) *bool { return &c.MultiStatements }, false),
		{name: "network", aliases: []string{"net"}, parse: func(_ *Settings, st *dsnState, v string) error {
			st.network = v
			return nil
		}, format: func(c *Settings) []string { // for the URL form only
			if c.Net == "tcp4" || c.Net == "tcp6" {
				return []string{c.Net}
			}
			return nil
		}},
		ignoredBoolParam("no_delay"),
		boolParam("parseTime", func(c *Settings) *bool { return &c.ParseTime }, false),
		stringParam("program_name", func(c *Settings) *string { return &c.ProgramName }),
		stringParam("read_default_file", func(c *Settings) *string { return &c.ReadDefaultFile }),
		stringParam("read_default_group", func(c *Settings) *string { return &c.ReadDefaultGroup }),
		durationParam("readTimeout", func(c *Settings) *time.Duration { return &c.ReadTimeout }, 0),
		boolParam("rejectReadOnly", func(c *Settings) *bool { return &c.RejectReadOnly }, false),
		refusedParam("serverPubKey", "there is no registry of keys: use server-public-key-file, or set Config.ServerPublicKey"),
		stringParam("server_public_key_file", func(c *Settings) *string { return &c.ServerPublicKeyFile }, "server_public_key_path"),
		{name: "socket", parse: func(_ *Settings, st *dsnState, v string) error {
			st.socket, st.hasSocket = v, true
			return nil
		}, format: func(c *Settings) []string { // for the URL form only
			if c.Network() == "unix" {
				return []string{c.Addr()}
			}
			return nil
		}},
		sqlStringParam("sql_mode", func(c *Settings) *string { return &c.SQLMode }),
		stringParam("ssl_ca", func(c *Settings) *string { return &c.SSLCA }),
		stringParam("ssl_cert", func(c *Settings) *string { return &c.SSLCert }),
		stringParam("ssl_key", func(c *Settings) *string { return &c.SSLKey }),
		valueParam("statementCacheCapacity", func(c *Settings) *int { return &c.StatementCacheCapacity }, DefaultStatementCacheCapacity,
			parseInt, strconv.Itoa),
		refusedParam("strict", "strict mode was removed from go-sql-driver/mysql: set sql_mode instead"),
		valueParam("targetRole", func(c *Settings) *TargetRole { return &c.TargetRole }, RoleAny,
			ParseTargetRole, TargetRole.String, "target_session_attrs"),
		durationParam("timeout", func(c *Settings) *time.Duration { return &c.ConnectTimeout }, DefaultConnectTimeout, "connect_timeout"),
		durationParam("timeTruncate", func(c *Settings) *time.Duration { return &c.TimeTruncate }, 0),
		sqlStringParam("time_zone", func(c *Settings) *string { return &c.TimeZone }),
		boolParam("tinyInt1IsBool", func(c *Settings) *bool { return &c.TinyInt1IsBool }, false),
		valueParam("tls", func(c *Settings) *TLSMode { return &c.TLSMode }, TLSPreferred,
			ParseTLSMode, TLSMode.String, "ssl_mode"),
		stringParam("tls_server_name", func(c *Settings) *string { return &c.TLSServerName }),
		boolParam("trackGTID", func(c *Settings) *bool { return &c.TrackGTID }, false),
		ignoredBoolParam("use_unicode"),
		durationParam("writeTimeout", func(c *Settings) *time.Duration { return &c.WriteTimeout }, 0),
	}
}
