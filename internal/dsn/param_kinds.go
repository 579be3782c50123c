package dsn

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// dsnParam is one DSN parameter that sets a Settings field.
type dsnParam struct {
	name    string   // the name FormatDSN writes
	aliases []string // other names; all are matched through normalizeParam
	// parse sets the field from a value (already percent-decoded).
	parse func(c *Settings, st *dsnState, v string) error
	// format gives the values to write, none when the field has its default.
	format func(c *Settings) []string
}

// dsnState is what parsing parameters remembers beyond the Settings.
type dsnState struct {
	netGiven    string // the net of net(addr), "tcp" for a URL's host
	socket      string // socket=
	hasSocket   bool
	network     string // network=
	fallbackTLS bool   // allowFallbackToPlaintext=true
}

// valueParam is a parameter for a field of type T that parse reads and
// format writes; def is the field's default, which is not written.
func valueParam[T comparable](name string, field func(*Settings) *T, def T,
	parse func(string) (T, error), format func(T) string, aliases ...string) dsnParam {
	return dsnParam{
		name: name, aliases: aliases,
		parse: func(c *Settings, _ *dsnState, v string) (err error) {
			*field(c), err = parse(v)
			return err
		},
		format: func(c *Settings) []string {
			if *field(c) == def {
				return nil
			}
			return []string{format(*field(c))}
		},
	}
}

// boolParam is a parameter for a bool field; def is the field's default.
func boolParam(name string, field func(*Settings) *bool, def bool, aliases ...string) dsnParam {
	return valueParam(name, field, def, parseBool, formatBool, aliases...)
}

// durationParam is a parameter for a duration field; def is its default.
func durationParam(name string, field func(*Settings) *time.Duration, def time.Duration, aliases ...string) dsnParam {
	return valueParam(name, field, def, parseDuration, formatDuration, aliases...)
}

// stringParam is a parameter for a string field whose default is "".
func stringParam(name string, field func(*Settings) *string, aliases ...string) dsnParam {
	return dsnParam{
		name: name, aliases: aliases,
		parse: func(c *Settings, _ *dsnState, v string) error {
			*field(c) = v
			return nil
		},
		format: func(c *Settings) []string {
			if *field(c) == "" {
				return nil
			}
			return []string{*field(c)}
		},
	}
}

// sqlStringParam is stringParam for a value that may come in SQL quotes.
func sqlStringParam(name string, field func(*Settings) *string) dsnParam {
	p := stringParam(name, field)
	p.parse = func(c *Settings, _ *dsnState, v string) error {
		*field(c) = unquoteSQL(v)
		return nil
	}
	p.format = func(c *Settings) []string {
		if *field(c) == "" {
			return nil
		}
		return []string{quoteSQLIfNeeded(*field(c))}
	}
	return p
}

// refusedParam is accepted only with the values in ok, which change nothing.
func refusedParam(name, reason string, ok ...string) dsnParam {
	return dsnParam{
		name: name,
		parse: func(_ *Settings, _ *dsnState, v string) error {
			for _, o := range ok {
				if strings.EqualFold(v, o) {
					return nil
				}
			}
			return errors.New(reason)
		},
		format: func(*Settings) []string { return nil },
	}
}

// ignoredBoolParam is a boolean parameter accepted and ignored.
func ignoredBoolParam(name string) dsnParam {
	return dsnParam{
		name:   name,
		parse:  func(_ *Settings, _ *dsnState, v string) error { _, err := parseBool(v); return err },
		format: func(*Settings) []string { return nil },
	}
}

// lookupParam finds the parameter called name (in any of its spellings).
func lookupParam(name string) *dsnParam {
	n := normalizeParam(name)
	params := dsnParams()
	for i := range params {
		p := &params[i]
		if normalizeParam(p.name) == n || slices.ContainsFunc(p.aliases, func(a string) bool { return normalizeParam(a) == n }) {
			return p
		}
	}
	return nil
}
