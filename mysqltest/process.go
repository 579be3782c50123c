package mysqltest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// process is one run of the server program. Its waiter goroutine is owned by
// the process and ends when the program exits; terminate and kill wait for it.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error // set before done is closed
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// terminate sends SIGTERM and waits; after 60 s it kills the process.
func (p *process) terminate() error {
	if p.exited() {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return nil
	case <-time.After(60 * time.Second):
		p.kill()
		return errors.New("mysqltest: the server did not stop within 60 s of SIGTERM and was killed")
	}
}

func (p *process) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// smallInnoDB returns flags that keep the datadir and start time small.
func smallInnoDB() []string {
	return []string{"--innodb-log-file-size=8M", "--innodb-data-file-path=ibdata1:4M:autoextend"}
}

func (s *Server) dataDir() string { return filepath.Join(s.Dir, "data") }

func (s *Server) installDB(ctx context.Context) error {
	args := []string{
		"--no-defaults",
		"--datadir=" + s.dataDir(),
		"--auth-root-authentication-method=normal",
		"--skip-test-db",
		"--skip-name-resolve",
		// Bootstrap's temporary tables go in the server's own directory:
		// in the shared /tmp, parallel installs can collide.
		"--tmpdir=" + s.Dir,
	}
	if os.Geteuid() == 0 {
		name := "root"
		if s.runAs != nil {
			name = s.runAs.name
		}
		args = append(args, "--user="+name)
	}
	args = append(args, smallInnoDB()...)
	cmd := exec.CommandContext(ctx, s.bins.installDB, args...)
	cmd.Dir = s.Dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("mysqltest: %s failed: %w\n%s", filepath.Base(s.bins.installDB), err, tail(out, 2000))
	}
	return nil
}

func (s *Server) serverArgs() []string {
	args := []string{
		"--no-defaults",
		"--datadir=" + s.dataDir(),
		"--socket=" + s.Socket,
		"--port=" + strconv.Itoa(s.Port),
		"--bind-address=127.0.0.1",
		"--pid-file=" + filepath.Join(s.Dir, "mysqld.pid"),
		"--log-error=" + s.errorLog(),
		"--tmpdir=" + s.Dir,
		"--skip-name-resolve",
		"--character-set-server=utf8mb4",
		"--collation-server=utf8mb4_general_ci",
		"--local-infile=1",
		"--max-allowed-packet=" + strconv.Itoa(s.opts.MaxAllowedPacket),
		"--plugin-load-add=auth_ed25519",
		"--secure-auth=0",
		"--ssl-ca=" + s.TLS.CAFile,
		"--ssl-cert=" + s.TLS.ServerCertFile,
		"--ssl-key=" + s.TLS.ServerKeyFile,
	}
	args = append(args, s.userFlag()...)
	args = append(args, smallInnoDB()...)
	s.mu.Lock()
	args = append(args, s.nodeFlags...)
	s.mu.Unlock()
	return append(args, s.opts.ExtraFlags...)
}

// userFlag is the --user flag the server needs when the test runs as root
// (mariadbd refuses to run as root without it). A server run as another
// user gets none: it is started as that user (procAttr) rather than
// switching to it itself, so that the parent-death signal is set after the
// switch (a change of user clears it).
func (s *Server) userFlag() []string {
	if os.Geteuid() != 0 || s.runAs != nil {
		return nil
	}
	return []string{"--user=root"}
}

// osUser is a system account a server runs as.
type osUser struct {
	name     string
	uid, gid uint32
}

// procAttr makes the server die with the test process and, with runAs,
// start as that user.
func (s *Server) procAttr() *syscall.SysProcAttr {
	if s.runAs == nil || os.Geteuid() != 0 {
		return sysProcAttr(nil)
	}
	return sysProcAttr(&syscall.Credential{Uid: s.runAs.uid, Gid: s.runAs.gid})
}

// setNodeFlags replaces the topology flags used from the next launch on.
func (s *Server) setNodeFlags(flags []string) {
	s.mu.Lock()
	s.nodeFlags = append([]string(nil), flags...)
	s.mu.Unlock()
}

// setNodeFlag sets (value != "") or removes (value == "") one flag
// "--name=value" (or "--name" when value is "-") among the topology flags.
func (s *Server) setNodeFlag(name, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.nodeFlags[:0:0]
	for _, f := range s.nodeFlags {
		if f != "--"+name && !strings.HasPrefix(f, "--"+name+"=") {
			kept = append(kept, f)
		}
	}
	switch value {
	case "":
	case "-":
		kept = append(kept, "--"+name)
	default:
		kept = append(kept, "--"+name+"="+value)
	}
	s.nodeFlags = kept
}

func (s *Server) errorLog() string { return filepath.Join(s.Dir, "error.log") }

// launchOnFreePort picks a free port and launches; when another process takes
// the port between the pick and the server's bind, it tries another port.
func (s *Server) launchOnFreePort(ctx context.Context) error {
	var err error
	for range 5 {
		if s.Port, err = freePort(); err != nil {
			return err
		}
		err = s.launch(ctx)
		if err == nil || !errors.Is(err, errPortTaken) {
			return err
		}
	}
	return err
}

var errPortTaken = errors.New("mysqltest: port taken")

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("mysqltest: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// launch starts the server program on s.Port and waits until it greets.
func (s *Server) launch(ctx context.Context) error {
	logStart := fileSize(s.errorLog())
	cmd := exec.Command(s.bins.server, s.serverArgs()...)
	cmd.Dir = s.Dir
	cmd.SysProcAttr = s.procAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("mysqltest: starting %s: %w", s.bins.server, err)
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	ctx, cancel := context.WithTimeout(ctx, s.opts.StartTimeout)
	defer cancel()
	if err := waitReady(ctx, s.Addr(), p); err != nil {
		p.kill()
		log := readFrom(s.errorLog(), logStart)
		if bytes.Contains(log, []byte("Address already in use")) {
			return errPortTaken
		}
		return fmt.Errorf("mysqltest: the server did not become ready: %w\n--- error log ---\n%s", err, tail(log, 3000))
	}
	s.mu.Lock()
	s.proc = p
	s.mu.Unlock()
	return nil
}

// waitReady polls until the server sends a protocol-10 greeting on addr.
func waitReady(ctx context.Context, addr string, p *process) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if greets(ctx, addr) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-p.done:
			return fmt.Errorf("the server exited: %v", p.err)
		case <-tick.C:
		}
	}
}

func greets(ctx context.Context, addr string) bool {
	var d net.Dialer
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	var hdr [5]byte
	if _, err := io.ReadFull(c, hdr[:]); err != nil {
		return false
	}
	return hdr[4] == 10 // protocol version 10, not an ERR packet
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func readFrom(path string, off int64) []byte {
	b, err := os.ReadFile(path)
	if err != nil || off > int64(len(b)) {
		return b
	}
	return b[off:]
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}
