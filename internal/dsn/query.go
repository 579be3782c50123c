package dsn

import (
	"net/url"
	"strings"
)

// parseParams reads the query part: name=value pairs separated by '&'.
func parseParams(cfg *Settings, st *dsnState, query string) error {
	if query == "" {
		return nil
	}
	table := dsnParams()
	index := make(map[string]int, 2*len(table))
	for i, p := range table {
		index[normalizeParam(p.name)] = i
		for _, a := range p.aliases {
			index[normalizeParam(a)] = i
		}
	}
	for pair := range strings.SplitSeq(query, "&") {
		if pair == "" {
			continue
		}
		name, raw, ok := strings.Cut(pair, "=")
		if !ok {
			return &Error{Param: name, Reason: "no value (want name=value)"}
		}
		value, err := url.QueryUnescape(raw)
		if err != nil {
			return &Error{Param: name, Reason: "bad percent-encoding in the value"}
		}
		if i, known := index[normalizeParam(name)]; known {
			if err := table[i].parse(cfg, st, value); err != nil {
				return paramError(name, err)
			}
			continue
		}
		if !validSessionVar(name) {
			return &Error{Param: name, Reason: "unknown parameter, and not a plain session variable name"}
		}
		if cfg.Params == nil {
			cfg.Params = make(map[string]string)
		}
		cfg.Params[name] = value
	}
	return nil
}

// finishDSN resolves what depends on several parts (socket, network, TLS
// fallback) and validates the result.
func finishDSN(cfg *Settings, st *dsnState) error {
	tcpGiven := strings.HasPrefix(st.netGiven, "tcp")
	if st.hasSocket {
		switch {
		case st.socket == "":
			return &Error{Param: "socket", Reason: "empty path"}
		case tcpGiven:
			return &Error{Param: "socket", Reason: "given together with a TCP address"}
		case st.netGiven == "unix" && cfg.UnixSocket != st.socket:
			return &Error{Param: "socket", Reason: "given together with a different unix(path)"}
		}
		cfg.UnixSocket = st.socket
	}
	if err := applyNetworkParam(cfg, st, tcpGiven); err != nil {
		return err
	}
	if st.fallbackTLS {
		switch cfg.TLSMode {
		case TLSRequired:
			cfg.TLSMode = TLSPreferred
		case TLSVerifyCA, TLSVerifyIdentity:
			return &Error{Param: "allowFallbackToPlaintext", Reason: "contradicts a verifying TLS mode; use tls=preferred"}
		}
	}
	if err := cfg.Validate(); err != nil {
		return validationError(err)
	}
	return nil
}

// applyNetworkParam applies network= (tcp, tcp4, tcp6 or unix).
func applyNetworkParam(cfg *Settings, st *dsnState, tcpGiven bool) error {
	switch st.network {
	case "":
		return nil
	case "unix":
		if tcpGiven {
			return &Error{Param: "network", Reason: "unix given together with a TCP address"}
		}
		if cfg.UnixSocket == "" {
			cfg.UnixSocket = DefaultSocket
		}
		return nil
	case "tcp", "tcp4", "tcp6":
		if cfg.UnixSocket != "" {
			return &Error{Param: "network", Reason: "TCP given together with a unix socket"}
		}
		if st.netGiven != "" && st.netGiven != "tcp" && st.netGiven != st.network {
			return &Error{Param: "network", Reason: "differs from the address's network"}
		}
		if st.network != "tcp" {
			cfg.Net = st.network
		}
		return nil
	}
	return &Error{Param: "network", Reason: "unknown network " + QuoteShort(st.network) + " (want tcp, tcp4, tcp6 or unix)"}
}
