package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

// category is a category sentinel and its name.
type category struct {
	name string
	err  error
}

// categories returns the six PEP-249 kinds of DatabaseError, plus
// ErrInterface; every error belongs to at most one.
func categories() []category {
	return []category{
		{"ErrInterface", aiomysql.ErrInterface},
		{"ErrData", aiomysql.ErrData},
		{"ErrOperational", aiomysql.ErrOperational},
		{"ErrIntegrity", aiomysql.ErrIntegrity},
		{"ErrInternal", aiomysql.ErrInternal},
		{"ErrProgramming", aiomysql.ErrProgramming},
		{"ErrNotSupported", aiomysql.ErrNotSupported},
	}
}

// serverError makes the error the server sends for number, with the state
// errcode gives it.
func serverError(number uint16) *aiomysql.Error {
	return &aiomysql.Error{Number: number, SQLState: errcode.SQLState(number), Message: errcode.Name(number)}
}

// checkCategory asserts that err matches want (by name) and no other
// category, and that it is or is not a kind of ErrDatabase.
func checkCategory(t *testing.T, err error, want string, database bool) {
	t.Helper()
	for _, c := range categories() {
		if got := errors.Is(err, c.err); got != (c.name == want) {
			t.Errorf("errors.Is(%v, %s) = %v", err, c.name, got)
		}
	}
	if got := errors.Is(err, aiomysql.ErrDatabase); got != database {
		t.Errorf("errors.Is(%v, ErrDatabase) = %v, want %v", err, got, database)
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		err  *aiomysql.Error
		want string
	}{
		{&aiomysql.Error{Number: 1062, SQLState: "23000", Message: "Duplicate entry '1' for key 'PRIMARY'"},
			"Error 1062 (23000): Duplicate entry '1' for key 'PRIMARY'"},
		{&aiomysql.Error{Number: 1130, Message: "Host 'x' is not allowed to connect"},
			"Error 1130: Host 'x' is not allowed to connect"},
		{&aiomysql.Error{}, "Error 0: "},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorIs(t *testing.T) {
	dup := serverError(errcode.DupEntry)
	wrapped := fmt.Errorf("insert user: %w", fmt.Errorf("exec: %w", dup))
	joined := errors.Join(io.EOF, dup)
	tests := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"same number", dup, &aiomysql.Error{Number: 1062}, true},
		{"number ignores state and message", dup, &aiomysql.Error{Number: 1062, SQLState: "42000", Message: "x"}, true},
		{"other number", dup, &aiomysql.Error{Number: 1064}, false},
		{"other number, same state", dup, &aiomysql.Error{Number: 1022, SQLState: "23000"}, false},
		{"by state", dup, &aiomysql.Error{SQLState: "23000"}, true},
		{"by other state", dup, &aiomysql.Error{SQLState: "42000"}, false},
		{"empty target", dup, &aiomysql.Error{}, false},
		{"wrapped by number", wrapped, &aiomysql.Error{Number: errcode.DupEntry}, true},
		{"wrapped by state", wrapped, &aiomysql.Error{SQLState: errcode.SQLStateIntegrityConstraint}, true},
		{"wrapped by category", wrapped, aiomysql.ErrIntegrity, true},
		{"wrapped, other category", wrapped, aiomysql.ErrProgramming, false},
		{"wrapped, database", wrapped, aiomysql.ErrDatabase, true},
		{"joined by category", joined, aiomysql.ErrIntegrity, true},
		{"connect error by number", &aiomysql.ConnectError{Err: serverError(errcode.AccessDeniedError)}, &aiomysql.Error{Number: 1045}, true},
		{"connect error by category", &aiomysql.ConnectError{Err: serverError(errcode.AccessDeniedError)}, aiomysql.ErrOperational, true},
		{"not a sentinel of the client", dup, aiomysql.ErrConnLost, false},
		{"unrelated error", dup, io.EOF, false},
		{"plain error is no category", io.EOF, aiomysql.ErrDatabase, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, tt.target); got != tt.want {
				t.Errorf("errors.Is(%v, %v) = %v, want %v", tt.err, tt.target, got, tt.want)
			}
		})
	}
	var e *aiomysql.Error
	if !errors.As(wrapped, &e) || e != dup {
		t.Errorf("errors.As did not find the *Error in %v", wrapped)
	}
}

func TestErrorCategory(t *testing.T) {
	tests := []struct {
		number uint16
		state  string // "" takes errcode's state for the number
		want   string
	}{
		// Numbers PyMySQL names.
		{errcode.DupEntry, "", "ErrIntegrity"},
		{errcode.NoReferencedRow2, "", "ErrIntegrity"},
		{errcode.RowIsReferenced2, "", "ErrIntegrity"},
		{errcode.BadNullError, "", "ErrIntegrity"},
		{errcode.CannotAddForeign, "", "ErrIntegrity"},
		{errcode.LockDeadlock, "", "ErrOperational"},
		{errcode.AccessDeniedError, "", "ErrOperational"},
		{errcode.DbaccessDeniedError, "", "ErrOperational"},
		{errcode.TableaccessDeniedError, "", "ErrOperational"},
		{errcode.ConCountError, "", "ErrOperational"},
		{errcode.BadDBError, "", "ErrOperational"},
		{errcode.ParseError, "", "ErrProgramming"},
		{errcode.SyntaxError, "", "ErrProgramming"},
		{errcode.NoSuchTable, "", "ErrProgramming"},
		{errcode.DBCreateExists, "", "ErrProgramming"},
		{errcode.CantDoThisDuringAnTransaction, "", "ErrProgramming"},
		{errcode.DataTooLong, "", "ErrData"},
		{errcode.WarnDataOutOfRange, "", "ErrData"},
		{errcode.WarnDataTruncated, "", "ErrData"},
		{errcode.NoDefault, "", "ErrData"},
		{errcode.TruncatedWrongValueForField, "", "ErrData"},
		{errcode.NotSupportedYet, "", "ErrNotSupported"},
		{errcode.FeatureDisabled, "", "ErrNotSupported"},
		{errcode.UnknownStorageEngine, "", "ErrNotSupported"},
		// Numbers that go by their SQLSTATE class.
		{errcode.LockWaitTimeout, "", "ErrOperational"}, // HY000
		{errcode.DupKey, "", "ErrIntegrity"},            // 23000
		{errcode.ConstraintFailed, "", "ErrIntegrity"},  // 23000
		{errcode.BadFieldError, "", "ErrProgramming"},   // 42S22
		{errcode.TableExistsError, "", "ErrProgramming"},
		{errcode.DivisionByZero, "", "ErrData"},                  // 22012
		{errcode.TruncatedWrongValue, "", "ErrData"},             // 22007
		{errcode.NetPacketTooLarge, "", "ErrOperational"},        // 08S01
		{errcode.QueryInterrupted, "", "ErrOperational"},         // 70100
		{errcode.SubqueryNo1Row, "", "ErrOperational"},           // 21000
		{errcode.ClientInteractionTimeout, "", "ErrOperational"}, // MySQL, HY000
		{errcode.SignalException, "45000", "ErrOperational"},
		{errcode.SignalException, "23000", "ErrIntegrity"}, // SIGNAL SQLSTATE '23000'
		{errcode.SignalException, "0A000", "ErrNotSupported"},
		{errcode.SignalException, "22003", "ErrData"},
		{errcode.SignalException, "42000", "ErrProgramming"},
		{9999, "HY000", "ErrOperational"},
		{9999, "", "ErrOperational"},
		{9999, "2", "ErrOperational"},
		// Below 1000 PyMySQL says internal.
		{500, "HY000", "ErrInternal"},
		{0, "", "ErrInternal"},
	}
	for _, tt := range tests {
		state := tt.state
		if state == "" {
			state = errcode.SQLState(tt.number)
		}
		e := &aiomysql.Error{Number: tt.number, SQLState: state}
		t.Run(fmt.Sprintf("%d_%s", tt.number, state), func(t *testing.T) {
			checkCategory(t, e, tt.want, true)
			checkCategory(t, fmt.Errorf("query: %w", e), tt.want, true)
		})
	}
}

// TestEveryNumberOneCategory checks, for every number errcode knows, that
// its error belongs to exactly one category and is an ErrDatabase.
func TestEveryNumberOneCategory(t *testing.T) {
	for n := range 1 << 16 {
		number := uint16(n)
		if errcode.Name(number) == "" {
			continue
		}
		e := serverError(number)
		matched := 0
		for _, c := range categories() {
			if errors.Is(e, c.err) {
				matched++
			}
		}
		if matched != 1 || errors.Is(e, aiomysql.ErrInterface) || !errors.Is(e, aiomysql.ErrDatabase) {
			t.Errorf("%v: in %d categories (interface %v, database %v)", e, matched,
				errors.Is(e, aiomysql.ErrInterface), errors.Is(e, aiomysql.ErrDatabase))
		}
	}
}

func TestCategorySentinels(t *testing.T) {
	for _, c := range categories() {
		database := c.name != "ErrInterface"
		checkCategory(t, c.err, c.name, database)
		if !strings.HasPrefix(c.err.Error(), "aiomysql: ") {
			t.Errorf("%s text %q lacks the package prefix", c.name, c.err)
		}
	}
	if !errors.Is(aiomysql.ErrDatabase, aiomysql.ErrDatabase) {
		t.Error("ErrDatabase is not itself")
	}
}

func TestClientSentinels(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		category string
		database bool
		also     []error
	}{
		{"ErrClosed", aiomysql.ErrClosed, "ErrInterface", false, nil},
		{"ErrBusy", aiomysql.ErrBusy, "ErrInterface", false, nil},
		{"ErrConnLost", aiomysql.ErrConnLost, "ErrOperational", true, nil},
		{"ErrCommitUnknown", aiomysql.ErrCommitUnknown, "ErrOperational", true, []error{aiomysql.ErrConnLost}},
		{"ErrTLSRequired", aiomysql.ErrTLSRequired, "ErrOperational", true, nil},
		{"ErrInsecureAuth", aiomysql.ErrInsecureAuth, "ErrOperational", true, nil},
		{"ErrProtocol", aiomysql.ErrProtocol, "ErrInternal", true, nil},
	}
	sentinels := make([]error, len(tests))
	for i, tt := range tests {
		sentinels[i] = tt.err
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wrapped := fmt.Errorf("exec: %w", tt.err)
			checkCategory(t, wrapped, tt.category, tt.database)
			for _, s := range sentinels {
				want := s == tt.err
				for _, a := range tt.also {
					want = want || s == a
				}
				if got := errors.Is(wrapped, s); got != want {
					t.Errorf("errors.Is(%v, %v) = %v, want %v", wrapped, s, got, want)
				}
			}
			if errors.Is(wrapped, &aiomysql.Error{SQLState: "HY000"}) {
				t.Errorf("%v matches a server error", wrapped)
			}
			if !strings.HasPrefix(tt.err.Error(), "aiomysql: ") {
				t.Errorf("text %q lacks the package prefix", tt.err)
			}
		})
	}
	if errors.Is(aiomysql.ErrConnLost, aiomysql.ErrCommitUnknown) {
		t.Error("ErrConnLost matches ErrCommitUnknown; only the reverse holds")
	}
}

func TestConnectError(t *testing.T) {
	const password = "s3cret-Passw0rd"
	denied := &aiomysql.Error{Number: 1045, SQLState: "28000",
		Message: "Access denied for user 'app'@'localhost' (using password: YES)"}
	tests := []struct {
		name string
		err  *aiomysql.ConnectError
		want string
	}{
		{"server error", &aiomysql.ConnectError{Host: "127.0.0.1:3306", User: "app", Err: denied},
			`aiomysql: connect to 127.0.0.1:3306 as "app": Error 1045 (28000): Access denied for user 'app'@'localhost' (using password: YES)`},
		{"unix socket", &aiomysql.ConnectError{Host: "/run/mysqld/mysqld.sock", User: "root", Err: io.EOF},
			`aiomysql: connect to /run/mysqld/mysqld.sock as "root": EOF`},
		{"quoted user", &aiomysql.ConnectError{Host: "db:3306", User: "a\"b\n", Err: aiomysql.ErrTLSRequired},
			`aiomysql: connect to db:3306 as "a\"b\n": aiomysql: TLS is required but the server does not offer it`},
		{"no cause", &aiomysql.ConnectError{Host: "db:3306"}, `aiomysql: connect to db:3306 as ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.err.Error()
			if got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, password) {
				t.Errorf("Error() %q contains the password", got)
			}
			if u := tt.err.Unwrap(); u != tt.err.Err {
				t.Errorf("Unwrap() = %v, want %v", u, tt.err.Err)
			}
		})
	}
	wrapped := fmt.Errorf("start: %w", tests[0].err)
	var ce *aiomysql.ConnectError
	if !errors.As(wrapped, &ce) || ce.User != "app" {
		t.Errorf("errors.As(%v, *ConnectError) failed", wrapped)
	}
	var se *aiomysql.Error
	if !errors.As(wrapped, &se) || se != denied {
		t.Errorf("errors.As(%v, *Error) did not reach the cause", wrapped)
	}
}

// fakeNetError is a net.Error with a chosen Timeout answer.
type fakeNetError struct{ timeout bool }

func (e fakeNetError) Error() string   { return fmt.Sprintf("fake net error (timeout %v)", e.timeout) }
func (e fakeNetError) Timeout() bool   { return e.timeout }
func (e fakeNetError) Temporary() bool { return false }

// shadowError has a Timeout method that says false and wraps another error.
type shadowError struct{ err error }

func (e shadowError) Error() string { return "shadow: " + e.err.Error() }
func (e shadowError) Timeout() bool { return false }
func (e shadowError) Unwrap() error { return e.err }

var _ net.Error = fakeNetError{}

func TestTimeout(t *testing.T) {
	realTimeout := loopbackReadTimeout(t)
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"deadline exceeded", context.DeadlineExceeded, true},
		{"wrapped deadline exceeded", fmt.Errorf("query: %w", context.DeadlineExceeded), true},
		{"os deadline", os.ErrDeadlineExceeded, true},
		{"net op error", &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}, true},
		{"real loopback read timeout", realTimeout, true},
		{"net.Error timeout", fakeNetError{timeout: true}, true},
		{"net.Error not timeout", fakeNetError{timeout: false}, false},
		{"timeout under a non-timeout", shadowError{fakeNetError{timeout: true}}, true},
		{"joined", errors.Join(io.EOF, fakeNetError{timeout: true}), true},
		{"joined, no timeout", errors.Join(io.EOF, fakeNetError{timeout: false}), false},
		{"connect error", &aiomysql.ConnectError{Host: "h:1", Err: context.DeadlineExceeded}, true},
		{"canceled", context.Canceled, false},
		{"wrapped canceled", fmt.Errorf("query: %w", context.Canceled), false},
		{"canceled with the i/o timeout it caused", fmt.Errorf("read: %w (%w)", context.Canceled, realTimeout), false},
		{"deadline with the i/o timeout it caused", fmt.Errorf("read: %w (%w)", context.DeadlineExceeded, realTimeout), true},
		{"server lock wait timeout", serverError(errcode.LockWaitTimeout), false},
		{"server statement timeout", serverError(errcode.StatementTimeout), false},
		{"text only", errors.New("i/o timeout"), false},
		{"EOF", io.EOF, false},
		{"conn lost", aiomysql.ErrConnLost, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := aiomysql.Timeout(tt.err); got != tt.want {
				t.Errorf("Timeout(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// loopbackReadTimeout returns the error of a TCP read on loopback whose
// deadline has passed.
func loopbackReadTimeout(t *testing.T) error {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	if err := client.SetReadDeadline(time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	_, err = client.Read(make([]byte, 1))
	if err == nil {
		t.Fatal("read past its deadline succeeded")
	}
	return err
}

func ExampleError() {
	// What the server sends for a duplicate key, wrapped as a caller would.
	var err error = &aiomysql.Error{Number: 1062, SQLState: "23000", Message: "Duplicate entry '1' for key 'PRIMARY'"}
	err = fmt.Errorf("insert user: %w", err)

	fmt.Println(errors.Is(err, aiomysql.ErrIntegrity))
	fmt.Println(errors.Is(err, &aiomysql.Error{Number: errcode.DupEntry}))
	var e *aiomysql.Error
	if errors.As(err, &e) {
		fmt.Println(e.Number, e.SQLState, errcode.Name(e.Number))
	}
	fmt.Println(err)
	// Output:
	// true
	// true
	// 1062 23000 ER_DUP_ENTRY
	// insert user: Error 1062 (23000): Duplicate entry '1' for key 'PRIMARY'
}
