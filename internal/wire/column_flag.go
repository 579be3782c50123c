package wire

// ColumnFlag is the set of flags in a column definition (*_FLAG).
type ColumnFlag uint16

// The column flags sent to clients.
const (
	FlagNotNull        ColumnFlag = 1 << 0  // NOT NULL
	FlagPriKey         ColumnFlag = 1 << 1  // part of the primary key
	FlagUniqueKey      ColumnFlag = 1 << 2  // part of a unique key
	FlagMultipleKey    ColumnFlag = 1 << 3  // part of a non-unique key
	FlagBlob           ColumnFlag = 1 << 4  // a BLOB or TEXT
	FlagUnsigned       ColumnFlag = 1 << 5  // UNSIGNED
	FlagZerofill       ColumnFlag = 1 << 6  // ZEROFILL
	FlagBinary         ColumnFlag = 1 << 7  // binary collation (or a binary string)
	FlagEnum           ColumnFlag = 1 << 8  // an ENUM
	FlagAutoIncrement  ColumnFlag = 1 << 9  // AUTO_INCREMENT
	FlagTimestamp      ColumnFlag = 1 << 10 // a TIMESTAMP
	FlagSet            ColumnFlag = 1 << 11 // a SET
	FlagNoDefaultValue ColumnFlag = 1 << 12 // no DEFAULT clause
	FlagOnUpdateNow    ColumnFlag = 1 << 13 // ON UPDATE CURRENT_TIMESTAMP
	FlagPartKey        ColumnFlag = 1 << 14 // part of some key (server internal)
	FlagNum            ColumnFlag = 1 << 15 // numeric
)

// columnFlagName returns the protocol name of a flag bit.
func columnFlagName(bit int) string {
	switch bit {
	case 0:
		return "NOT_NULL"
	case 1:
		return "PRI_KEY"
	case 2:
		return "UNIQUE_KEY"
	case 3:
		return "MULTIPLE_KEY"
	case 4:
		return "BLOB"
	case 5:
		return "UNSIGNED"
	case 6:
		return "ZEROFILL"
	case 7:
		return "BINARY"
	case 8:
		return "ENUM"
	case 9:
		return "AUTO_INCREMENT"
	case 10:
		return "TIMESTAMP"
	case 11:
		return "SET"
	case 12:
		return "NO_DEFAULT_VALUE"
	case 13:
		return "ON_UPDATE_NOW"
	case 14:
		return "PART_KEY"
	case 15:
		return "NUM"
	}
	return ""
}

// String lists the set flags by their names without the _FLAG suffix,
// joined by '|'.
func (f ColumnFlag) String() string {
	if f == 0 {
		return "0"
	}
	return flagString(uint64(f), columnFlagName)
}
