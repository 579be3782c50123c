package sa

import (
	"context"
	"fmt"
)

// The query builders' method shapes that Execute accepts, so that sa
// imports none of them. A value is asked in this order; the first shape it
// has is used.
type (
	// ctxBuilder is bob's queries (bob.BaseQuery and bob.Query).
	ctxBuilder interface {
		Build(ctx context.Context) (string, []any, error)
	}
	// toSqlBuilder is squirrel's builders (SelectBuilder, InsertBuilder, ...).
	toSqlBuilder interface {
		ToSql() (string, []any, error) //nolint:revive // squirrel's spelling
	}
	// toSQLBuilder is goqu's datasets (SelectDataset, InsertDataset, ...).
	toSQLBuilder interface {
		ToSQL() (string, []any, error)
	}
	// sqlStatement is go-jet's statements.
	sqlStatement interface {
		Sql() (string, []any) //nolint:revive // go-jet's spelling
	}
	// plainBuilder is go-sqlbuilder's builders (SelectBuilder, ...).
	plainBuilder interface {
		Build() (string, []any)
	}
)

// compile turns Execute's query and arguments into SQL text and its
// arguments: q as it is when it is a string, else what its builder
// method returns. A builder carries its own arguments: giving more
// beside it is an error.
func compile(ctx context.Context, q any, args []any) (string, []any, error) {
	if s, ok := q.(string); ok {
		return s, args, nil
	}
	if q == nil {
		return "", nil, errorf(ErrArgument, "the query is nil")
	}
	if len(args) > 0 {
		return "", nil, errorf(ErrArgument, "a %T carries its own arguments: give none beside it (got %d)", q, len(args))
	}
	var (
		text string
		err  error
	)
	switch b := q.(type) {
	case ctxBuilder:
		text, args, err = b.Build(ctx)
	case toSqlBuilder:
		text, args, err = b.ToSql()
	case toSQLBuilder:
		text, args, err = b.ToSQL()
	case sqlStatement:
		text, args = b.Sql()
	case plainBuilder:
		text, args = b.Build()
	default:
		return "", nil, errorf(ErrArgument, "cannot execute a %T: give an SQL string or a query builder "+
			"(a value with Build(ctx), ToSql(), ToSQL(), Sql() or Build())", q)
	}
	if err != nil {
		return "", nil, fmt.Errorf("%w: building the %T: %w", ErrArgument, q, err)
	}
	return text, args, nil
}
