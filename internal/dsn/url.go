package dsn

import (
	"net/url"
	"strconv"
	"strings"
)

// parseURLForm reads a mysql:// or mariadb:// URL after its scheme.
func parseURLForm(cfg *Settings, st *dsnState, rest string) error {
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]
	hostport := authority
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		hostport = authority[at+1:]
		user, pass, hasPass := strings.Cut(authority[:at], ":")
		var err error
		if cfg.User, err = url.PathUnescape(user); err != nil {
			return dsnError("user: bad percent-encoding")
		}
		if hasPass {
			if cfg.Password, err = url.PathUnescape(pass); err != nil {
				return dsnError("password: bad percent-encoding")
			}
		}
	}
	if strings.Contains(hostport, ",") {
		if err := applyHostList(cfg, hostport); err != nil {
			return err
		}
		st.netGiven = "tcp"
	} else if hostport != "" {
		host, port, err := splitHostPort(hostport)
		if err != nil {
			return err
		}
		if host, err = url.PathUnescape(host); err != nil || (host != "" && !validHost(host)) {
			return dsnError("address: bad host")
		}
		if host != "" {
			cfg.Host = host
		}
		cfg.Port = port
		st.netGiven = "tcp"
	}
	path, query, _ := strings.Cut(tail, "?")
	if path != "" {
		db, err := url.PathUnescape(path[1:])
		if err != nil {
			return dsnError("database: bad percent-encoding")
		}
		cfg.Database = db
	}
	return parseParams(cfg, st, query)
}

// splitHostPort splits host, host:port, [ipv6], [ipv6]:port or a bare IPv6
// address; the host is returned as written, for the caller to check. The
// port defaults to DefaultPort. Errors never quote the address.
func splitHostPort(addr string) (host string, port int, err error) {
	portText := ""
	switch {
	case strings.HasPrefix(addr, "["):
		end := strings.IndexByte(addr, ']')
		if end < 0 {
			return "", 0, dsnError("address: '[' without ']'")
		}
		host = addr[1:end]
		switch rest := addr[end+1:]; {
		case rest == "":
		case rest[0] == ':':
			portText = rest[1:]
		default:
			return "", 0, dsnError("address: text after ']' that is not :port")
		}
		if !strings.Contains(host, ":") {
			return "", 0, dsnError("address: brackets around something that is not an IPv6 address")
		}
	case strings.Count(addr, ":") > 1:
		host = addr // a bare IPv6 address, without a port
	default:
		var hasPort bool
		host, portText, hasPort = strings.Cut(addr, ":")
		if hasPort && portText == "" {
			return "", 0, dsnError("address: empty port")
		}
	}
	port = DefaultPort
	if portText != "" {
		if strings.Trim(portText, "0123456789") != "" {
			return "", 0, dsnError("address: port is not a number")
		}
		port, err = strconv.Atoi(portText)
		if err != nil || port < 1 || port > 65535 {
			return "", 0, dsnError("address: port out of range")
		}
	}
	return host, port, nil
}
