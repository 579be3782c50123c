package dsn

import (
	"net/url"
	"sort"
	"strings"
)

// Parse reads a DSN into a Settings that starts from New's defaults, and
// validates the result. It accepts go-sql-driver/mysql's form,
//
//	[user[:password]@][net[(addr)]]/[dbname][?param1=value1&paramN=valueN]
//
// and a URL whose scheme is mysql or mariadb (any case),
//
//	mysql://[user[:password]@][host[:port]]/[dbname][?param1=value1&...]
//
// with the rules aiomysql.ParseDSN documents for its users: credentials as
// written in the first form and percent-decoded in the URL, parameter names
// matched through normalizeParam, values read strictly by the parameter
// table (params.go), unknown names kept as session variables in Params.
// Parse reads no file the DSN names; loc consults the system's time zone
// database. An error is a *Error, which never contains the password or the
// DSN.
func Parse(dsn string) (*Settings, error) {
	cfg := New()
	st := &dsnState{}
	var err error
	if rest, ok := cutScheme(dsn); ok {
		err = parseURLForm(cfg, st, rest)
	} else {
		err = parseDriverForm(cfg, st, dsn)
	}
	if err == nil {
		err = finishDSN(cfg, st)
	}
	if err != nil {
		return nil, scrubError(err, cfg.Password)
	}
	return cfg, nil
}

// cutScheme returns what follows "mysql://" or "mariadb://" (in any case).
func cutScheme(dsn string) (string, bool) {
	for _, scheme := range []string{"mysql://", "mariadb://"} {
		if len(dsn) >= len(scheme) && strings.EqualFold(dsn[:len(scheme)], scheme) {
			return dsn[len(scheme):], true
		}
	}
	return "", false
}

// parseDriverForm reads go-sql-driver/mysql's form.
func parseDriverForm(cfg *Settings, st *dsnState, dsn string) error {
	if dsn == "" {
		return nil
	}
	slash, at, open, ok := findSeparator(dsn)
	if !ok {
		return dsnError("missing the '/' before the database name (or an address not closed by ')')")
	}
	if at >= 0 {
		creds := dsn[:at]
		if user, pass, found := strings.Cut(creds, ":"); found {
			cfg.User, cfg.Password = user, pass
		} else {
			cfg.User = creds
		}
	}
	netName, addr, hasAddr := dsn[at+1:slash], "", false
	if open >= 0 {
		netName, addr, hasAddr = dsn[at+1:open], dsn[open+1:slash-1], true
	}
	if err := applyDriverAddress(cfg, st, netName, addr, hasAddr); err != nil {
		return err
	}
	db, query, _ := strings.Cut(dsn[slash+1:], "?")
	name, err := url.PathUnescape(db)
	if err != nil {
		return dsnError("database: bad percent-encoding")
	}
	cfg.Database = name
	return parseParams(cfg, st, query)
}

// findSeparator finds the '/' before the database name: the last '/' whose
// left side reads as [credentials@][net[(addr)]]. at is the '@' ending the
// credentials (-1 for none) and open the '(' of the address (-1 for none).
func findSeparator(dsn string) (slash, at, open int, ok bool) {
	opens := netOpens(dsn)
	for i := len(dsn) - 1; i >= 0; i-- {
		if dsn[i] != '/' {
			continue
		}
		if i > 0 && dsn[i-1] == ')' {
			// The rightmost "net(" before the ')'.
			k := sort.Search(len(opens), func(n int) bool { return opens[n].open >= i-1 })
			if k == 0 {
				continue
			}
			return i, opens[k-1].at, opens[k-1].open, true
		}
		j := i
		for j > 0 && isAlnum(dsn[j-1]) {
			j--
		}
		switch {
		case j == 0:
			return i, -1, -1, true
		case dsn[j-1] == '@':
			return i, j - 1, -1, true
		}
	}
	return 0, 0, 0, false
}

// netOpen is a '(' preceded by a network name that starts the DSN or follows
// an '@'.
type netOpen struct{ at, open int }

// netOpens lists the netOpen positions of dsn in increasing order.
func netOpens(dsn string) []netOpen {
	var out []netOpen
	for k := 0; k < len(dsn); k++ {
		if dsn[k] != '(' {
			continue
		}
		j := k
		for j > 0 && isAlnum(dsn[j-1]) {
			j--
		}
		switch {
		case j == 0:
			out = append(out, netOpen{at: -1, open: k})
		case dsn[j-1] == '@':
			out = append(out, netOpen{at: j - 1, open: k})
		}
	}
	return out
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// applyDriverAddress sets the network and address from net(addr).
func applyDriverAddress(cfg *Settings, st *dsnState, netName, addr string, hasAddr bool) error {
	st.netGiven = netName
	switch netName {
	case "", "tcp", "tcp4", "tcp6":
		if netName == "" && hasAddr {
			st.netGiven = "tcp"
		}
		if netName == "tcp4" || netName == "tcp6" {
			cfg.Net = netName
		}
		if addr == "" {
			return nil
		}
		if strings.Contains(addr, ",") {
			return applyHostList(cfg, addr)
		}
		host, port, err := splitHostPort(addr)
		if err != nil {
			return err
		}
		if host != "" && !validHost(host) {
			return dsnError("address: bad host (want a host name or an IP address)")
		}
		if host != "" {
			cfg.Host = host
		}
		cfg.Port = port
		return nil
	case "unix":
		cfg.UnixSocket = addr
		if addr == "" {
			cfg.UnixSocket = DefaultSocket
		}
		return nil
	}
	return dsnError("address: unknown network (want tcp, tcp4, tcp6 or unix)")
}
