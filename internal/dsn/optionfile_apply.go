package dsn

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// isClientGroup reports whether every client reads group: MySQL's [client]
// and MariaDB's [client-server] and [client-mariadb].
func isClientGroup(group string) bool {
	return group == "client" || group == "client-server" || group == "client-mariadb"
}

// isBoolOption reports whether the skip-, disable- and enable- prefixes
// apply to option key.
func isBoolOption(key string) bool {
	switch key {
	case "local-infile", "ssl", "ssl-verify-server-cert", "get-server-public-key", "enable-cleartext-plugin":
		return true
	}
	return false
}

// ApplyOptionFile fills the unset fields of c from a my.cnf-style option
// file, as aiomysql's read_default_file and read_default_group do. It reads
// the [client], [client-server] and [client-mariadb] groups and then group
// (when not ""), whose values win; within them a later line wins. A field
// is unset when it holds its zero value or its New default, so a value
// set explicitly to the default is also replaced.
//
// The options read are user, password, host, port, socket (used when the
// host is unset or localhost, unless protocol=tcp), database,
// default-character-set, ssl-mode, ssl, skip-ssl and ssl-verify-server-cert
// (MariaDB), ssl-ca, ssl-cert, ssl-key, connect-timeout (seconds),
// init-command, max-allowed-packet (with K, M or G), local-infile,
// default-auth, server-public-key-path, get-server-public-key and
// enable-cleartext-plugin. Names match with '-' or '_', and the loose-,
// skip-, disable- and enable- prefixes work as in MySQL. Other options,
// meant for other programs, are ignored. Errors are *OptionFileError.
func (c *Settings) ApplyOptionFile(path, group string) error {
	entries, err := readOptionFile(path, 0)
	if err != nil {
		return err
	}
	opts := make(map[string]optionEntry)
	pick := func(named bool) {
		for _, e := range entries {
			if named == (e.group == strings.ToLower(group)) && (named || isClientGroup(e.group)) {
				opts[e.key] = e
			}
		}
	}
	pick(false)
	if group != "" {
		pick(true)
	}
	for key, e := range opts {
		if isBoolOption(key) {
			continue
		}
		for prefix, value := range map[string]string{"skip-": "0", "disable-": "0", "enable-": "1"} {
			if rest, ok := strings.CutPrefix(key, prefix); ok && isBoolOption(rest) {
				e.key, e.value, e.hasValue = rest, value, true
				opts[rest] = e
			}
		}
	}
	return c.applyOptions(opts)
}

// applyOptions sets the unset fields of c from the selected options.
func (c *Settings) applyOptions(opts map[string]optionEntry) error {
	str := func(key string, field *string) {
		if e, ok := opts[key]; ok && e.hasValue && *field == "" {
			*field = e.value
		}
	}
	hostUnset := c.Host == "" || c.Host == DefaultHost
	str("user", &c.User)
	str("password", &c.Password) // a bare "password" (prompt) is skipped
	str("database", &c.Database)
	str("ssl-ca", &c.SSLCA)
	str("ssl-cert", &c.SSLCert)
	str("ssl-key", &c.SSLKey)
	str("default-auth", &c.AuthPlugin)
	str("server-public-key-path", &c.ServerPublicKeyFile)
	if e, ok := opts["host"]; ok && e.hasValue && hostUnset {
		c.Host = e.value
	}
	if e, ok := opts["socket"]; ok && e.hasValue && c.UnixSocket == "" && c.Net == "" {
		protocol := strings.ToLower(opts["protocol"].value)
		local := hostUnset && (opts["host"].value == "" || opts["host"].value == "localhost")
		if protocol == "socket" || local && protocol != "tcp" {
			c.UnixSocket = e.value
		}
	}
	if e, ok := opts["default-character-set"]; ok && (c.Charset == "" || c.Charset == DefaultCharset) && !strings.EqualFold(e.value, "auto") {
		if !validName(e.value) {
			return optionError(e, "not a character set name")
		}
		c.Charset = e.value
	}
	if e, ok := opts["init-command"]; ok && e.hasValue && c.InitCommands == nil {
		c.InitCommands = []string{e.value}
	}
	setters := []func(map[string]optionEntry) error{c.applyNumberOptions, c.applyBoolOptions, c.applyTLSOptions}
	for _, set := range setters {
		if err := set(opts); err != nil {
			return err
		}
	}
	return nil
}

// applyNumberOptions sets port, connect-timeout and max-allowed-packet.
func (c *Settings) applyNumberOptions(opts map[string]optionEntry) error {
	if e, ok := opts["port"]; ok && (c.Port == 0 || c.Port == DefaultPort) {
		p, err := strconv.Atoi(e.value)
		if err != nil || p < 1 || p > 65535 {
			return optionError(e, "not a port number")
		}
		c.Port = p
	}
	if e, ok := opts["connect-timeout"]; ok && (c.ConnectTimeout == 0 || c.ConnectTimeout == DefaultConnectTimeout) {
		s, err := strconv.ParseUint(e.value, 10, 32)
		if err != nil {
			return optionError(e, "not a number of seconds")
		}
		c.ConnectTimeout = time.Duration(s) * time.Second
	}
	if e, ok := opts["max-allowed-packet"]; ok && (c.MaxAllowedPacket == 0 || c.MaxAllowedPacket == DefaultMaxAllowedPacket) {
		n, err := parseOptionSize(e.value)
		if err != nil || n < 1024 || n > MaxMaxAllowedPacket {
			return optionError(e, "not a size from 1024 to 1G")
		}
		c.MaxAllowedPacket = int(n)
	}
	return nil
}

// applyBoolOptions sets the switches that default to off.
func (c *Settings) applyBoolOptions(opts map[string]optionEntry) error {
	for key, field := range map[string]*bool{
		"local-infile":            &c.LocalInfile,
		"get-server-public-key":   &c.AllowPublicKeyRetrieval,
		"enable-cleartext-plugin": &c.AllowCleartextPasswords,
	} {
		if e, ok := opts[key]; ok && !*field {
			b, err := parseOptionBool(e)
			if err != nil {
				return err
			}
			*field = b
		}
	}
	return nil
}

// applyTLSOptions sets TLSMode from ssl-mode, or else from MariaDB's
// ssl-verify-server-cert and ssl, when it is unset (TLSPreferred).
func (c *Settings) applyTLSOptions(opts map[string]optionEntry) error {
	if c.TLSMode != TLSPreferred {
		return nil
	}
	if e, ok := opts["ssl-mode"]; ok {
		m, err := ParseTLSMode(e.value)
		if err != nil {
			return optionError(e, "not an SSL mode")
		}
		c.TLSMode = m
		return nil
	}
	if e, ok := opts["ssl-verify-server-cert"]; ok {
		b, err := parseOptionBool(e)
		if err != nil || b {
			c.TLSMode = TLSVerifyIdentity
			return err
		}
	}
	if e, ok := opts["ssl"]; ok {
		b, err := parseOptionBool(e)
		if err != nil {
			return err
		}
		c.TLSMode = TLSDisabled
		if b {
			c.TLSMode = TLSRequired
		}
	}
	return nil
}

// parseOptionBool reads an option-file boolean: no value, 1, 0, on, off,
// true or false.
func parseOptionBool(e optionEntry) (bool, error) {
	if !e.hasValue {
		return true, nil
	}
	switch strings.ToLower(e.value) {
	case "1", "on", "true":
		return true, nil
	case "0", "off", "false":
		return false, nil
	}
	return false, optionError(e, "not a boolean")
}

// parseOptionSize reads a size with an optional K, M or G suffix.
func parseOptionSize(v string) (int64, error) {
	mult := int64(1)
	if v != "" {
		switch v[len(v)-1] {
		case 'k', 'K':
			mult = 1 << 10
		case 'm', 'M':
			mult = 1 << 20
		case 'g', 'G':
			mult = 1 << 30
		}
		if mult > 1 {
			v = v[:len(v)-1]
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/mult {
		return 0, errors.New("bad size")
	}
	return n * mult, nil
}

func optionError(e optionEntry, reason string) *OptionFileError {
	return &OptionFileError{Path: e.path, Line: e.line, Option: e.key, Reason: reason}
}
