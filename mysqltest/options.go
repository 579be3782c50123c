package mysqltest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// EnvDSN names the environment variable that points tests at an existing
// server instead of a private one.
const EnvDSN = "AIOMYSQL_TEST_DSN"

// Options configures a private server. The zero value (or nil) is ready to use.
type Options struct {
	// Binary is the server program. Default: mariadbd found in PATH, then in
	// /usr/sbin, /usr/local/sbin, /usr/local/mysql/bin and /usr/local/bin.
	Binary string

	// Database is created at start for the tests. Default: "test".
	Database string

	// MaxAllowedPacket is the server's max_allowed_packet in bytes.
	// Default: 64 MiB.
	MaxAllowedPacket int

	// ExtraFlags are appended to the server's command line, for example
	// "--innodb-buffer-pool-size=1G".
	ExtraFlags []string

	// StartTimeout bounds the wait until the server answers. Default: 60 s.
	StartTimeout time.Duration

	// IgnoreEnv starts a private server even when AIOMYSQL_TEST_DSN is set.
	// Tests that control the server process set it.
	IgnoreEnv bool
}

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
		out.ExtraFlags = append([]string(nil), o.ExtraFlags...)
	}
	if out.Database == "" {
		out.Database = "test"
	}
	if out.MaxAllowedPacket == 0 {
		out.MaxAllowedPacket = 64 << 20
	}
	if out.StartTimeout == 0 {
		out.StartTimeout = 60 * time.Second
	}
	return out
}

// ErrNoServer is returned (wrapped) when no server binary can be found.
var ErrNoServer = errors.New("mysqltest: no MariaDB server binary (mariadbd) found in PATH or /usr/sbin; " +
	"install Debian's mariadb-server package (apt-get install mariadb-server), " +
	"or set " + EnvDSN + " to use an existing server")

// binaries finds the server, its install-db tool and the command-line client.
type binaries struct {
	server, installDB, client string
}

// findProgram looks name up in PATH, then in the usual system directories.
func findProgram(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, d := range []string{"/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin", "/usr/local/bin", "/usr/bin"} {
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// errNoClient is returned when the mariadb command-line client is missing.
var errNoClient = errors.New("mysqltest: the mariadb command-line client is missing; " +
	"install Debian's mariadb-client package (apt-get install mariadb-client)")

func findClient() (string, error) {
	for _, name := range []string{"mariadb", "mysql"} {
		if p := findProgram(name); p != "" {
			return p, nil
		}
	}
	return "", errNoClient
}

func findBinaries(o Options) (binaries, error) {
	var b binaries
	b.server = o.Binary
	if b.server == "" {
		b.server = findProgram("mariadbd")
	} else if !fileExists(b.server) {
		return b, fmt.Errorf("%w (Options.Binary %q does not exist)", ErrNoServer, b.server)
	}
	if b.server == "" {
		return b, ErrNoServer
	}
	// The install tool normally sits beside the server.
	for _, name := range []string{"mariadb-install-db", "mysql_install_db"} {
		if p := filepath.Join(filepath.Dir(b.server), name); fileExists(p) {
			b.installDB = p
			break
		}
		if p := findProgram(name); p != "" {
			b.installDB = p
			break
		}
	}
	if b.installDB == "" {
		return b, fmt.Errorf("%w (mariadb-install-db is missing)", ErrNoServer)
	}
	var err error
	b.client, err = findClient()
	return b, err
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
