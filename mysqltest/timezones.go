package mysqltest

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ZoneInfoDir is where LoadTimeZones reads the system's time zone files.
const ZoneInfoDir = "/usr/share/zoneinfo"

// LoadTimeZones makes the named time zones (IANA names such as
// "Europe/Paris") known to the server, so that SET time_zone = 'Europe/Paris'
// and CONVERT_TZ work: the server's time zone tables start empty. Each zone
// is read from ZoneInfoDir by mariadb-tzinfo-to-sql (mysql_tzinfo_to_sql)
// and loaded as root; a zone the server already knows is skipped, so calls
// may repeat. Loading a zone takes a few milliseconds, far less than loading
// the whole zoneinfo tree. On an external server (AIOMYSQL_TEST_DSN) nothing
// is loaded: it returns an error naming the zones the server lacks.
func (s *Server) LoadTimeZones(ctx context.Context, zones ...string) error {
	var missing []string
	for _, z := range zones {
		if strings.ContainsAny(z, "'\\") || z == "" {
			return fmt.Errorf("mysqltest: bad time zone name %q", z)
		}
		known, err := s.QueryValue(ctx, "SELECT COUNT(*) FROM mysql.time_zone_name WHERE Name = '"+z+"'")
		if err != nil {
			return err
		}
		if known == "0" {
			missing = append(missing, z)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if s.External {
		return fmt.Errorf("mysqltest: the external server has no time zone tables for %s; load them with mariadb-tzinfo-to-sql",
			strings.Join(missing, ", "))
	}
	tool := findProgram("mariadb-tzinfo-to-sql")
	if tool == "" {
		tool = findProgram("mysql_tzinfo_to_sql")
	}
	if tool == "" {
		return errors.New("mysqltest: mariadb-tzinfo-to-sql is missing (Debian's mariadb-server package has it)")
	}
	sql := []string{"USE mysql"}
	for _, z := range missing {
		out, err := exec.CommandContext(ctx, tool, filepath.Join(ZoneInfoDir, filepath.FromSlash(z)), z).Output()
		if err != nil {
			return fmt.Errorf("mysqltest: %s for %s: %w", filepath.Base(tool), z, err)
		}
		sql = append(sql, string(out))
	}
	return s.Exec(ctx, strings.Join(sql, ";\n"))
}
