package wire_test

import (
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestCapabilityValues(t *testing.T) {
	// Values from the MariaDB and MySQL headers.
	tests := []struct {
		c    wire.Capability
		want uint64
	}{
		{wire.ClientProtocol41, 512},
		{wire.ClientSSL, 2048},
		{wire.ClientSecureConnection, 32768},
		{wire.ClientPluginAuth, 1 << 19},
		{wire.ClientPluginAuthLenEncClientData, 1 << 21},
		{wire.ClientSessionTrack, 1 << 23},
		{wire.ClientDeprecateEOF, 1 << 24},
		{wire.ClientQueryAttributes, 1 << 27},
		{wire.ClientRememberOptions, 1 << 31},
		{wire.MariaDBClientProgress, 1 << 32},
		{wire.MariaDBClientStmtBulkOperations, 17179869184},
		{wire.MariaDBClientExtendedMetadata, 1 << 35},
		{wire.MariaDBClientCacheMetadata, 1 << 36},
	}
	for _, tt := range tests {
		if uint64(tt.c) != tt.want {
			t.Errorf("%v = %d, want %d", tt.c, uint64(tt.c), tt.want)
		}
	}
}

func TestStrings(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{wire.Capability(0).String(), "0"},
		{(wire.ClientProtocol41 | wire.ClientSSL).String(), "CLIENT_PROTOCOL_41|CLIENT_SSL"},
		{(wire.ClientMySQL | wire.MariaDBClientCacheMetadata | 1<<40).String(),
			"CLIENT_LONG_PASSWORD|MARIADB_CLIENT_CACHE_METADATA|0x10000000000"},
		{(wire.ServerStatusAutocommit | wire.ServerMoreResultsExists | 1<<2).String(),
			"SERVER_STATUS_AUTOCOMMIT|SERVER_MORE_RESULTS_EXISTS|0x4"},
		{wire.ServerSessionStateChanged.String(), "SERVER_SESSION_STATE_CHANGED"},
		// The cursor's flags (COM_STMT_EXECUTE with cursor flags, COM_STMT_FETCH)
		// and the OUT-parameter result of CALL in a prepared statement.
		{(wire.ServerStatusCursorExists | wire.ServerStatusLastRowSent | wire.ServerPSOutParams).String(),
			"SERVER_STATUS_CURSOR_EXISTS|SERVER_STATUS_LAST_ROW_SENT|SERVER_PS_OUT_PARAMS"},
		{fmt.Sprint(uint16(wire.ServerStatusCursorExists), uint16(wire.ServerStatusLastRowSent), uint16(wire.ServerPSOutParams)),
			"64 128 4096"},
		{wire.TypeVarString.String(), "VAR_STRING"},
		{wire.TypeJSON.String(), "JSON"},
		{wire.TypeVector.String(), "VECTOR"},
		{wire.FieldType(0x30).String(), "FieldType(0x30)"},
		{(wire.FlagNotNull | wire.FlagNum).String(), "NOT_NULL|NUM"},
		{wire.ColumnFlag(0).String(), "0"},
		{wire.CommandStmtBulkExecute.String(), "COM_STMT_BULK_EXECUTE"},
		{wire.CommandQuery.String(), "COM_QUERY"},
		{wire.Command(0x40).String(), "Command(0x40)"},
		{wire.SessionTrackSchema.String(), "SESSION_TRACK_SCHEMA"},
		{wire.SessionTrackType(9).String(), "SessionTrackType(9)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if wire.TypeVector != 242 || wire.TypeJSON != 245 || wire.TypeGeometry != 255 || wire.TypeTime2 != 19 {
		t.Error("field type values")
	}
	if !(wire.ClientSSL | wire.ClientProtocol41).Has(wire.ClientSSL) || wire.ClientSSL.Has(wire.ClientSSL|wire.ClientProtocol41) {
		t.Error("Has")
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&wire.MalformedError{Packet: "OK", Reason: "header 0x01"}, "wire: malformed OK packet: header 0x01"},
		{&wire.SequenceError{Want: 2, Got: 5}, "wire: packet sequence id 5, want 2: the stream is out of sync"},
		{&wire.TooLargeError{Size: 100, Max: 10}, "wire: packet of at least 100 bytes exceeds the limit of 10 bytes"},
		{&wire.ProtocolVersionError{Version: 9}, "wire: server speaks protocol version 9, want 10"},
		{&wire.EncodeError{Packet: "ERR", Reason: "r"}, "wire: cannot encode ERR packet: r"},
	}
	for _, tt := range tests {
		if tt.err.Error() != tt.want {
			t.Errorf("%q, want %q", tt.err.Error(), tt.want)
		}
	}
}
