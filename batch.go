package aiomysql

// Batch is a list of statements to send together (SendBatch): they go out
// back to back, without waiting for one another's replies, and the replies
// are read in order. A batch of N statements costs about one round trip
// instead of N. Build it with Queue; a Batch is not safe for concurrent
// use, and it may be sent more than once.
//
//	var b aiomysql.Batch
//	b.Queue("INSERT INTO log (msg) VALUES (?)", "started")
//	b.Queue("SELECT COUNT(*) FROM log").QueryRow(func(row *aiomysql.Row) error {
//		return row.Scan(&n)
//	})
//	err := conn.SendBatch(ctx, &b).Close()
type Batch struct {
	items []*QueuedQuery
}

// QueuedQuery is a statement of a Batch. Its callback, when one is set
// with Query, QueryRow or Exec, runs when BatchResults.Close reads its
// result; without one, Close reads and discards the result (an error still
// counts).
type QueuedQuery struct {
	// SQL and Args are the statement as queued: ? or named placeholders and
	// leading call options (a QueryExecMode), as for Conn.Query.
	SQL  string
	Args []any

	fn func(br *BatchResults) error
}

// Queue adds a statement to the batch and returns it, for a callback to be
// set on it. Its arguments travel in its execution mode, as for Conn.Query
// (a QueryExecMode may lead them); FetchSize has no meaning in a batch.
func (b *Batch) Queue(query string, args ...any) *QueuedQuery {
	q := &QueuedQuery{SQL: query, Args: args}
	b.items = append(b.items, q)
	return q
}

// Len returns the number of statements queued.
func (b *Batch) Len() int { return len(b.items) }

// Query sets fn to read the statement's rows: it runs when
// BatchResults.Close reaches the statement, and the rows are closed after
// it. An error from fn is returned by Close.
func (q *QueuedQuery) Query(fn func(rows *Rows) error) {
	q.fn = func(br *BatchResults) error {
		rows, err := br.Query()
		if err != nil {
			return err
		}
		ferr := fn(rows)
		if cerr := rows.Close(); ferr == nil {
			ferr = cerr
		}
		return ferr
	}
}

// QueryRow sets fn to read the statement's first row (see Conn.QueryRow);
// it runs when BatchResults.Close reaches the statement.
func (q *QueuedQuery) QueryRow(fn func(row *Row) error) {
	q.fn = func(br *BatchResults) error { return fn(br.QueryRow()) }
}

// Exec sets fn to take the statement's result (affected rows, last insert
// id); it runs when BatchResults.Close reaches the statement, and not when
// the statement failed (Close returns that error).
func (q *QueuedQuery) Exec(fn func(r Result) error) {
	q.fn = func(br *BatchResults) error {
		r, err := br.Exec()
		if err != nil {
			return err
		}
		return fn(r)
	}
}
