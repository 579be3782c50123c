package errcode

// SQLSTATE values a client most often tests for. A SQLSTATE is five
// characters; the first two are its class, so a state such as "23505" falls
// in the same class as SQLStateIntegrityConstraint ("23000"). MySQL and
// MariaDB send a specific state for some errors and the class's "000" state
// for most of the rest.
const (
	// SQLStateGeneral is "HY000", the state of every error that has no state
	// of its own.
	SQLStateGeneral = "HY000"
	// SQLStateWarning is "01000", a warning (class 01).
	SQLStateWarning = "01000"
	// SQLStateNoData is "02000", no data (class 02), e.g. a cursor FETCH past
	// the last row.
	SQLStateNoData = "02000"
	// SQLStateConnectionRejected is "08004": the server rejected the
	// connection, e.g. too many connections (class 08, connection exception).
	SQLStateConnectionRejected = "08004"
	// SQLStateCommunicationLink is "08S01": the connection failed while in
	// use, e.g. a packet too large or out of order (class 08).
	SQLStateCommunicationLink = "08S01"
	// SQLStateFeatureNotSupported is "0A000", a feature the server does not
	// support (class 0A).
	SQLStateFeatureNotSupported = "0A000"
	// SQLStateCardinalityViolation is "21000", e.g. a subquery that returns
	// more than one row where one is expected (class 21).
	SQLStateCardinalityViolation = "21000"
	// SQLStateDataException is "22000", the class of errors in the data
	// itself (class 22); the servers send the specific states below.
	SQLStateDataException = "22000"
	// SQLStateStringTruncation is "22001": a string too long for its
	// column.
	SQLStateStringTruncation = "22001"
	// SQLStateNumericOutOfRange is "22003": a number out of its column's
	// range.
	SQLStateNumericOutOfRange = "22003"
	// SQLStateInvalidDatetime is "22007": a malformed date, time or value.
	SQLStateInvalidDatetime = "22007"
	// SQLStateDivisionByZero is "22012": division by zero in strict mode.
	SQLStateDivisionByZero = "22012"
	// SQLStateIntegrityConstraint is "23000": a duplicate key, a foreign key,
	// NOT NULL or CHECK constraint failed (class 23).
	SQLStateIntegrityConstraint = "23000"
	// SQLStateInvalidTransactionState is "25000", e.g. a statement not
	// allowed inside a transaction (class 25).
	SQLStateInvalidTransactionState = "25000"
	// SQLStateReadOnlyTransaction is "25006": a write in a READ ONLY
	// transaction.
	SQLStateReadOnlyTransaction = "25006"
	// SQLStateInvalidAuthorization is "28000": access denied for a user and
	// password (class 28).
	SQLStateInvalidAuthorization = "28000"
	// SQLStateSerializationFailure is "40001": a deadlock; the transaction
	// was rolled back and may be retried (class 40, transaction rollback).
	SQLStateSerializationFailure = "40001"
	// SQLStateSyntaxErrorOrAccessRule is "42000": a syntax error or an
	// access rule violation, such as an unknown database or a missing
	// privilege (class 42).
	SQLStateSyntaxErrorOrAccessRule = "42000"
	// SQLStateTableExists is "42S01": the table or view already exists.
	SQLStateTableExists = "42S01"
	// SQLStateTableNotFound is "42S02": the table or view does not exist.
	SQLStateTableNotFound = "42S02"
	// SQLStateColumnNotFound is "42S22": the column does not exist.
	SQLStateColumnNotFound = "42S22"
	// SQLStateUnhandledUserException is "45000", the state a SIGNAL statement
	// uses for a user-defined error unless it names another.
	SQLStateUnhandledUserException = "45000"
	// SQLStateQueryCanceled is "70100": the query was interrupted, e.g. by
	// KILL QUERY.
	SQLStateQueryCanceled = "70100"
)
