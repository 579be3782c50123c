package errcode_test

import (
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/errcode"
)

// TestWellKnown checks the generated table against numbers, names and
// states taken from the MariaDB and MySQL error references, not from the
// generator's sources.
func TestWellKnown(t *testing.T) {
	tests := []struct {
		constant uint16
		number   uint16
		name     string
		state    string
	}{
		{errcode.AccessDeniedError, 1045, "ER_ACCESS_DENIED_ERROR", "28000"},
		{errcode.BadDBError, 1049, "ER_BAD_DB_ERROR", "42000"},
		{errcode.DupEntry, 1062, "ER_DUP_ENTRY", "23000"},
		{errcode.ParseError, 1064, "ER_PARSE_ERROR", "42000"},
		{errcode.NoSuchTable, 1146, "ER_NO_SUCH_TABLE", "42S02"},
		{errcode.LockWaitTimeout, 1205, "ER_LOCK_WAIT_TIMEOUT", "HY000"},
		{errcode.LockDeadlock, 1213, "ER_LOCK_DEADLOCK", "40001"},
		{errcode.NotSupportedYet, 1235, "ER_NOT_SUPPORTED_YET", "42000"},
		{errcode.WarnDataOutOfRange, 1264, "ER_WARN_DATA_OUT_OF_RANGE", "22003"},
		{errcode.DataTooLong, 1406, "ER_DATA_TOO_LONG", "22001"},
		{errcode.ConCountError, 1040, "ER_CON_COUNT_ERROR", "08004"},
		{errcode.BadNullError, 1048, "ER_BAD_NULL_ERROR", "23000"},
		{errcode.NoReferencedRow2, 1452, "ER_NO_REFERENCED_ROW_2", "23000"},
		{errcode.WarnDataTruncated, 1265, "WARN_DATA_TRUNCATED", "01000"},
		{errcode.QueryInterrupted, 1317, "ER_QUERY_INTERRUPTED", "70100"},
		{errcode.Hashchk, 1000, "ER_HASHCHK", "HY000"},
		{errcode.ReferencedTrgDoesNotExist, 4031, "ER_REFERENCED_TRG_DOES_NOT_EXIST", "HY000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.constant != tt.number {
				t.Errorf("constant = %d, want %d", tt.constant, tt.number)
			}
			if got := errcode.Name(tt.number); got != tt.name {
				t.Errorf("Name(%d) = %q, want %q", tt.number, got, tt.name)
			}
			if got := errcode.SQLState(tt.number); got != tt.state {
				t.Errorf("SQLState(%d) = %q, want %q", tt.number, got, tt.state)
			}
		})
	}
}

// TestMySQLOnly checks the hand-written MySQL number and that the lookups,
// which follow MariaDB, answer for MariaDB's error of the same number.
func TestMySQLOnly(t *testing.T) {
	if errcode.ClientInteractionTimeout != 4031 {
		t.Errorf("ClientInteractionTimeout = %d, want 4031", errcode.ClientInteractionTimeout)
	}
	if got := errcode.Name(errcode.ClientInteractionTimeout); got != "ER_REFERENCED_TRG_DOES_NOT_EXIST" {
		t.Errorf("Name(4031) = %q, want MariaDB's ER_REFERENCED_TRG_DOES_NOT_EXIST", got)
	}
	if got := errcode.SQLState(errcode.ClientInteractionTimeout); got != errcode.SQLStateGeneral {
		t.Errorf("SQLState(4031) = %q, want HY000", got)
	}
}

func TestUnknown(t *testing.T) {
	for _, n := range []uint16{0, 1, 999, 2000, 2999, 65535} {
		if got := errcode.Name(n); got != "" {
			t.Errorf("Name(%d) = %q, want \"\"", n, got)
		}
		if got := errcode.SQLState(n); got != "HY000" {
			t.Errorf("SQLState(%d) = %q, want HY000", n, got)
		}
	}
}

// TestTableShape walks every 16-bit number and checks what the lookups
// return for the known ones: a macro name, a well-formed state, and the
// MariaDB ranges.
func TestTableShape(t *testing.T) {
	known := 0
	for n := range 1 << 16 {
		code := uint16(n)
		name := errcode.Name(code)
		state := errcode.SQLState(code)
		if !validState(state) {
			t.Errorf("SQLState(%d) = %q, not a SQLSTATE", code, state)
		}
		if name == "" {
			if state != "HY000" {
				t.Errorf("SQLState(%d) = %q for a number without a name", code, state)
			}
			continue
		}
		known++
		if !strings.HasPrefix(name, "ER_") && !strings.HasPrefix(name, "WARN_") {
			t.Errorf("Name(%d) = %q, want an ER_ or WARN_ macro", code, name)
		}
		if code < 1000 || code >= 5000 {
			t.Errorf("Name(%d) = %q: outside MariaDB's server range 1000-4999", code, name)
		}
	}
	if known < 1000 {
		t.Errorf("only %d numbers known; the generated table looks truncated", known)
	}
}

func TestSQLStateConstants(t *testing.T) {
	states := map[string]string{
		"SQLStateGeneral":                 errcode.SQLStateGeneral,
		"SQLStateWarning":                 errcode.SQLStateWarning,
		"SQLStateNoData":                  errcode.SQLStateNoData,
		"SQLStateConnectionRejected":      errcode.SQLStateConnectionRejected,
		"SQLStateCommunicationLink":       errcode.SQLStateCommunicationLink,
		"SQLStateFeatureNotSupported":     errcode.SQLStateFeatureNotSupported,
		"SQLStateCardinalityViolation":    errcode.SQLStateCardinalityViolation,
		"SQLStateDataException":           errcode.SQLStateDataException,
		"SQLStateStringTruncation":        errcode.SQLStateStringTruncation,
		"SQLStateNumericOutOfRange":       errcode.SQLStateNumericOutOfRange,
		"SQLStateInvalidDatetime":         errcode.SQLStateInvalidDatetime,
		"SQLStateDivisionByZero":          errcode.SQLStateDivisionByZero,
		"SQLStateIntegrityConstraint":     errcode.SQLStateIntegrityConstraint,
		"SQLStateInvalidTransactionState": errcode.SQLStateInvalidTransactionState,
		"SQLStateReadOnlyTransaction":     errcode.SQLStateReadOnlyTransaction,
		"SQLStateInvalidAuthorization":    errcode.SQLStateInvalidAuthorization,
		"SQLStateSerializationFailure":    errcode.SQLStateSerializationFailure,
		"SQLStateSyntaxErrorOrAccessRule": errcode.SQLStateSyntaxErrorOrAccessRule,
		"SQLStateTableExists":             errcode.SQLStateTableExists,
		"SQLStateTableNotFound":           errcode.SQLStateTableNotFound,
		"SQLStateColumnNotFound":          errcode.SQLStateColumnNotFound,
		"SQLStateUnhandledUserException":  errcode.SQLStateUnhandledUserException,
		"SQLStateQueryCanceled":           errcode.SQLStateQueryCanceled,
	}
	seen := make(map[string]string)
	for name, s := range states {
		if !validState(s) {
			t.Errorf("%s = %q, not a SQLSTATE", name, s)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("%s and %s are both %q", name, other, s)
		}
		seen[s] = name
	}
	// The states the servers send for the errors the constants describe.
	pairs := []struct {
		code  uint16
		state string
	}{
		{errcode.ConCountError, errcode.SQLStateConnectionRejected},
		{errcode.NetPacketTooLarge, errcode.SQLStateCommunicationLink},
		{errcode.SubqueryNo1Row, errcode.SQLStateCardinalityViolation},
		{errcode.DataTooLong, errcode.SQLStateStringTruncation},
		{errcode.WarnDataOutOfRange, errcode.SQLStateNumericOutOfRange},
		{errcode.TruncatedWrongValue, errcode.SQLStateInvalidDatetime},
		{errcode.DivisionByZero, errcode.SQLStateDivisionByZero},
		{errcode.DupEntry, errcode.SQLStateIntegrityConstraint},
		{errcode.CantDoThisDuringAnTransaction, errcode.SQLStateInvalidTransactionState},
		{errcode.CantExecuteInReadOnlyTransaction, errcode.SQLStateReadOnlyTransaction},
		{errcode.AccessDeniedError, errcode.SQLStateInvalidAuthorization},
		{errcode.LockDeadlock, errcode.SQLStateSerializationFailure},
		{errcode.ParseError, errcode.SQLStateSyntaxErrorOrAccessRule},
		{errcode.TableExistsError, errcode.SQLStateTableExists},
		{errcode.NoSuchTable, errcode.SQLStateTableNotFound},
		{errcode.BadFieldError, errcode.SQLStateColumnNotFound},
		{errcode.QueryInterrupted, errcode.SQLStateQueryCanceled},
	}
	for _, p := range pairs {
		if got := errcode.SQLState(p.code); got != p.state {
			t.Errorf("SQLState(%d %s) = %q, want %q", p.code, errcode.Name(p.code), got, p.state)
		}
	}
}

func validState(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}
