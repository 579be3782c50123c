package stdlib

import "github.com/aiomysql-go/aiomysql"

// options are the Config fields that only the database/sql driver reads.
type options struct {
	parseTime        bool
	tinyInt1IsBool   bool
	columnsWithAlias bool
	multiStatements  bool
	checkLiveness    bool
	interpolate      bool
	rejectReadOnly   bool
}

func optionsOf(cfg *aiomysql.Config) options {
	return options{
		parseTime:        cfg.ParseTime,
		tinyInt1IsBool:   cfg.TinyInt1IsBool,
		columnsWithAlias: cfg.ColumnsWithAlias,
		multiStatements:  cfg.MultiStatements,
		checkLiveness:    cfg.CheckConnLiveness,
		interpolate:      cfg.InterpolateParams,
		rejectReadOnly:   cfg.RejectReadOnly,
	}
}
