package aiomysql

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// LOAD DATA LOCAL INFILE is off by default: the client does not even
// advertise CLIENT_LOCAL_FILES, and a server's request for a file (which a
// hostile server can send in reply to any query) is refused with only the
// empty terminator sent and the file never opened. With Config.LocalInfile
// the client advertises the capability and serves a request from one of two
// sources: a reader given for one call (LoadData), or a file on
// Config.LocalInfileAllow after the path is cleaned and its symlinks resolved.

// LoadData runs a LOAD DATA LOCAL INFILE statement whose data comes from r:
// whatever file name the statement (or the server) names, r is what is sent,
// for this call only. Config.LocalInfile must be on.
//
//	res, err := conn.LoadData(ctx, strings.NewReader("1,a\n2,b\n"),
//		"LOAD DATA LOCAL INFILE 'data.csv' INTO TABLE t FIELDS TERMINATED BY ','")
func (c *Conn) LoadData(ctx context.Context, r io.Reader, query string, args ...any) (Result, error) {
	if !c.cfg.LocalInfile {
		return Result{}, fmt.Errorf("%w: Config.LocalInfile is off", ErrLocalInfileRefused)
	}
	served := false
	prev := c.pc.SetLocalInfile(func(string) (io.ReadCloser, error) {
		if served {
			return nil, fmt.Errorf("%w: the reader was already sent once in this call", ErrLocalInfileRefused)
		}
		served = true
		return io.NopCloser(r), nil
	})
	defer c.pc.SetLocalInfile(prev)
	return c.exec(ctx, query, sqltext.Question, args)
}

// allowListHandler serves LOCAL INFILE requests from the allow-list.
func (c *Conn) allowListHandler() protocol.LocalInfileHandler {
	allow := c.cfg.LocalInfileAllow
	return func(name string) (io.ReadCloser, error) {
		path, err := allowedPath(name, allow)
		if err != nil {
			return nil, err
		}
		return os.Open(path)
	}
}

// allowedPath resolves name (cleaned, symlinks followed) and returns it when
// it is an allowed file or lies under an allowed directory. Nothing is opened.
func allowedPath(name string, allow []string) (string, error) {
	refuse := func(why string) error {
		return fmt.Errorf("%w: %q %s", ErrLocalInfileRefused, name, why)
	}
	if len(allow) == 0 {
		return "", refuse("is not allowed: Config.LocalInfileAllow is empty (use LoadData with a reader)")
	}
	if name == "" || strings.ContainsRune(name, 0) {
		return "", refuse("is not a file name")
	}
	abs, err := filepath.Abs(filepath.Clean(name))
	if err != nil {
		return "", refuse("cannot be resolved")
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", refuse("cannot be resolved")
	}
	for _, a := range allow {
		aa, err := filepath.Abs(filepath.Clean(a))
		if err != nil {
			continue
		}
		if ra, err := filepath.EvalSymlinks(aa); err == nil {
			aa = ra
		}
		if real == aa {
			return real, nil
		}
		if rel, err := filepath.Rel(aa, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			if st, err := os.Stat(aa); err == nil && st.IsDir() {
				return real, nil
			}
		}
	}
	return "", refuse("is not on Config.LocalInfileAllow")
}
