package aiomysql

import (
	"context"
	"errors"
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
// once, for this call only; the allow-list plays no part. r is read to its
// end and not closed. Config.LocalInfile must be on (else the error wraps
// ErrLocalInfileRefused and nothing is sent). When the server refuses LOCAL
// INFILE (local_infile=0) the error is its *Error and the connection stays
// usable. An error reading r before a packet's worth (64 KiB) of it was
// read sends none of it: the server gets an empty file, the error wraps
// r's, and the connection stays usable; a later one closes the connection,
// the only way to keep the server from loading a truncated file. ctx's
// cancellation acts on the socket, not on a Read of r that blocks.
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
	defer func() { c.pc.SetLocalInfile(prev) }()
	return c.exec(ctx, query, sqltext.Question, args)
}

// allowListHandler serves LOCAL INFILE requests from the allow-list.
func (c *Conn) allowListHandler() protocol.LocalInfileHandler {
	allow := c.cfg.LocalInfileAllow
	return func(name string) (io.ReadCloser, error) { return openAllowed(name, allow) }
}

// openAllowed opens the file a server asked for when it is allowed: name,
// cleaned and with its symlinks resolved, must be a file on the allow-list
// or lie under a directory on it. Every check comes before anything is
// opened, and the file is then opened through an os.Root of the allowed
// directory, so a symlink swapped in after the check cannot lead out of it.
// Directories are refused.
func openAllowed(name string, allow []string) (io.ReadCloser, error) {
	refuse := func(why string) error {
		return fmt.Errorf("%w: %s %s", ErrLocalInfileRefused, protocol.QuoteName([]byte(name)), why)
	}
	if len(allow) == 0 {
		return nil, refuse("is not allowed: Config.LocalInfileAllow is empty (use LoadData with a reader)")
	}
	if name == "" || strings.ContainsRune(name, 0) {
		return nil, refuse("is not a file name")
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, refuse("cannot be resolved")
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, refuse("cannot be resolved")
	}
	for _, a := range allow {
		dir, rel, ok := allowedBy(real, a)
		if !ok {
			continue
		}
		f, err := openIn(dir, rel)
		if err != nil {
			return nil, fmt.Errorf("%w: %s cannot be opened: %w", ErrLocalInfileRefused, protocol.QuoteName([]byte(name)), err)
		}
		return f, nil
	}
	return nil, refuse("is not on Config.LocalInfileAllow")
}

// allowedBy reports whether real (absolute, symlinks resolved) is the
// allow-list entry entry, or lies under it when entry is a directory. It
// returns the directory to open from and real's path relative to it.
func allowedBy(real, entry string) (dir, rel string, ok bool) {
	abs, err := filepath.Abs(entry)
	if err != nil {
		return "", "", false
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", "", false
	}
	if real == resolved {
		return filepath.Dir(resolved), filepath.Base(resolved), true
	}
	if st, err := os.Stat(resolved); err != nil || !st.IsDir() {
		return "", "", false
	}
	rel, err = filepath.Rel(resolved, real)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", "", false
	}
	return resolved, rel, true
}

// openIn opens rel inside dir without leaving it, and refuses a directory.
func openIn(dir, rel string) (*os.File, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || st.IsDir() {
		_ = f.Close()
		if err == nil {
			err = errors.New("it is a directory")
		}
		return nil, err
	}
	return f, nil
}
