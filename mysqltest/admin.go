package mysqltest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// Exec runs SQL statements (separated by semicolons) as the root user through
// the mariadb command-line client.
func (s *Server) Exec(ctx context.Context, sql string) error {
	_, err := s.client(ctx, sql)
	return err
}

// Query runs one statement as the root user through the mariadb command-line
// client and returns its rows as text. NULL reads as "NULL"; tabs, newlines and
// backslashes in values come back escaped as the client's batch mode writes them.
func (s *Server) Query(ctx context.Context, sql string) ([][]string, error) {
	out, err := s.client(ctx, sql)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for line := range strings.SplitSeq(strings.TrimRight(string(out), "\n"), "\n") {
		if line == "" {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	if rows == nil {
		rows = [][]string{}
	}
	return rows, nil
}

// QueryValue runs a query that returns one value and returns it as text.
func (s *Server) QueryValue(ctx context.Context, sql string) (string, error) {
	rows, err := s.Query(ctx, sql)
	if err != nil {
		return "", err
	}
	if len(rows) != 1 || len(rows[0]) != 1 {
		return "", fmt.Errorf("mysqltest: %q returned %d rows, want one value", sql, len(rows))
	}
	return rows[0][0], nil
}

// ExecAs runs SQL statements (separated by semicolons) as u, over TCP, with
// the test database as the current database, through the mariadb
// command-line client. A statement the server refuses makes an error whose
// text holds the client's message, such as "ERROR 1290 (HY000) at line 1:
// The MariaDB server is running with the --read-only option ...".
func (s *Server) ExecAs(ctx context.Context, u User, sql string) error {
	_, err := s.runClient(ctx, u, true, sql)
	return err
}

func (s *Server) client(ctx context.Context, sql string) ([]byte, error) {
	return s.runClient(ctx, s.Root, false, sql)
}

// runClient runs the command-line client as u; tcp forces TCP (and the test
// database) even when the server has a socket.
func (s *Server) runClient(ctx context.Context, u User, tcp bool, sql string) ([]byte, error) {
	args := []string{"--no-defaults", "--batch", "--skip-column-names", "--user=" + u.Name}
	if tcp {
		args = append(args, "--database="+s.Database)
	}
	if s.Socket != "" && !tcp {
		args = append(args, "--socket="+s.Socket)
	} else {
		args = append(args, "--protocol=tcp", "--host="+s.Host, "--port="+strconv.Itoa(s.Port))
	}
	args = append(args, "--execute="+sql)
	cmd := exec.CommandContext(ctx, s.bins.client, args...)
	// The password goes through the environment, never the command line.
	cmd.Env = append(os.Environ(), "MYSQL_PWD="+u.Password)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("mysqltest: %q: %w: %s", abbreviate(sql), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

func abbreviate(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
