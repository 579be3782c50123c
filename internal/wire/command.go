package wire

import "fmt"

// Command is the first byte of a command packet (COM_*).
type Command byte

// The commands. Those with arguments have their own types (ComQuery,
// ComInitDB, ComChangeUser, ComSetOption, ComProcessKill, and the
// prepared-statement commands ComStmtPrepare, ComStmtExecute,
// ComStmtSendLongData, ComStmtClose, ComStmtReset, ComStmtFetch); for those
// without (COM_QUIT, COM_PING, COM_STATISTICS, COM_RESET_CONNECTION, ...)
// the command byte is the whole payload: use Command.Encode and
// Command.Decode. (The server answers COM_STATISTICS with a bare status
// string, not an OK packet.)
// COM_STMT_BULK_EXECUTE is ComStmtBulkExecute (MariaDB).
const (
	CommandSleep            Command = 0x00
	CommandQuit             Command = 0x01
	CommandInitDB           Command = 0x02
	CommandQuery            Command = 0x03
	CommandFieldList        Command = 0x04
	CommandCreateDB         Command = 0x05
	CommandDropDB           Command = 0x06
	CommandRefresh          Command = 0x07
	CommandShutdown         Command = 0x08
	CommandStatistics       Command = 0x09
	CommandProcessInfo      Command = 0x0A
	CommandConnect          Command = 0x0B
	CommandProcessKill      Command = 0x0C
	CommandDebug            Command = 0x0D
	CommandPing             Command = 0x0E
	CommandTime             Command = 0x0F
	CommandDelayedInsert    Command = 0x10
	CommandChangeUser       Command = 0x11
	CommandBinlogDump       Command = 0x12
	CommandTableDump        Command = 0x13
	CommandConnectOut       Command = 0x14
	CommandRegisterSlave    Command = 0x15
	CommandStmtPrepare      Command = 0x16
	CommandStmtExecute      Command = 0x17
	CommandStmtSendLongData Command = 0x18
	CommandStmtClose        Command = 0x19
	CommandStmtReset        Command = 0x1A
	CommandSetOption        Command = 0x1B
	CommandStmtFetch        Command = 0x1C
	CommandDaemon           Command = 0x1D
	CommandBinlogDumpGTID   Command = 0x1E // MySQL; MariaDB calls 0x1E COM_UNSUPPORTED
	CommandResetConnection  Command = 0x1F
	CommandStmtBulkExecute  Command = 0xFA // MariaDB
)

// Encode appends the command byte: the whole payload of a command without
// arguments. caps is unused.
func (c Command) Encode(dst []byte, _ Capability) ([]byte, error) {
	return append(dst, byte(c)), nil
}

// Decode reads a payload that holds a command byte and nothing else.
func (c *Command) Decode(src []byte) error {
	if len(src) != 1 {
		return malformed("command", "a command without arguments is 1 byte, got %d", len(src))
	}
	*c = Command(src[0])
	return nil
}

// String returns the command's protocol name, e.g. "COM_QUERY".
func (c Command) String() string {
	if n := commandName(c); n != "" {
		return "COM_" + n
	}
	return fmt.Sprintf("Command(0x%02x)", byte(c))
}

func commandName(c Command) string {
	switch c {
	case CommandSleep:
		return "SLEEP"
	case CommandQuit:
		return "QUIT"
	case CommandInitDB:
		return "INIT_DB"
	case CommandQuery:
		return "QUERY"
	case CommandFieldList:
		return "FIELD_LIST"
	case CommandCreateDB:
		return "CREATE_DB"
	case CommandDropDB:
		return "DROP_DB"
	case CommandRefresh:
		return "REFRESH"
	case CommandShutdown:
		return "SHUTDOWN"
	case CommandStatistics:
		return "STATISTICS"
	case CommandProcessInfo:
		return "PROCESS_INFO"
	case CommandConnect:
		return "CONNECT"
	case CommandProcessKill:
		return "PROCESS_KILL"
	case CommandDebug:
		return "DEBUG"
	case CommandPing:
		return "PING"
	case CommandTime:
		return "TIME"
	case CommandDelayedInsert:
		return "DELAYED_INSERT"
	case CommandChangeUser:
		return "CHANGE_USER"
	case CommandBinlogDump:
		return "BINLOG_DUMP"
	case CommandTableDump:
		return "TABLE_DUMP"
	case CommandConnectOut:
		return "CONNECT_OUT"
	case CommandRegisterSlave:
		return "REGISTER_SLAVE"
	case CommandStmtPrepare:
		return "STMT_PREPARE"
	case CommandStmtExecute:
		return "STMT_EXECUTE"
	case CommandStmtSendLongData:
		return "STMT_SEND_LONG_DATA"
	case CommandStmtClose:
		return "STMT_CLOSE"
	case CommandStmtReset:
		return "STMT_RESET"
	case CommandSetOption:
		return "SET_OPTION"
	case CommandStmtFetch:
		return "STMT_FETCH"
	case CommandDaemon:
		return "DAEMON"
	case CommandBinlogDumpGTID:
		return "BINLOG_DUMP_GTID"
	case CommandResetConnection:
		return "RESET_CONNECTION"
	case CommandStmtBulkExecute:
		return "STMT_BULK_EXECUTE"
	}
	return ""
}
