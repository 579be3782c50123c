package dbsql_test

import (
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// gormErrors is what TestGORMErrors saw.
type gormErrors struct {
	Duplicate    serverError
	DupMessage   bool // the message names the key
	NotFound     bool
	NoSuchTable  serverError
	StillWorking bool
}

// TestGORMErrors checks the errors a GORM program inspects: a duplicate key
// is the driver's server error with number 1062 (*aiomysql.Error on
// aiomysql, *mysql.MySQLError on go-sql-driver), a First with no row is
// gorm.ErrRecordNotFound, a missing table is 1146, and the connection goes
// on working after each.
func TestGORMErrors(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) gormErrors {
		db := openGORM(t, d)
		if err := db.Create(&gormUser{Name: "ann"}).Error; err != nil {
			t.Fatalf("Create: %v", err)
		}
		var r gormErrors
		err := db.Create(&gormUser{Name: "ann"}).Error
		r.Duplicate = serverErrorOf(t, d, err)
		r.DupMessage = strings.Contains(err.Error(), "Duplicate entry 'ann'")
		if r.Duplicate != (serverError{1062, "23000"}) || !r.DupMessage {
			t.Errorf("a duplicate name: %+v (%v), want 1062 23000 and \"Duplicate entry 'ann'\"", r.Duplicate, err)
		}
		var u gormUser
		err = db.First(&u, "name = ?", "nobody").Error
		r.NotFound = errors.Is(err, gorm.ErrRecordNotFound)
		if !r.NotFound {
			t.Errorf("First of no row: %v, want gorm.ErrRecordNotFound", err)
		}
		err = db.Table("gorm_no_such_table").Find(&[]gormUser{}).Error
		r.NoSuchTable = serverErrorOf(t, d, err)
		if r.NoSuchTable.Number != 1146 {
			t.Errorf("a missing table: %+v, want 1146", r.NoSuchTable)
		}
		var n int64
		r.StillWorking = db.Model(&gormUser{}).Count(&n).Error == nil && n == 1
		if !r.StillWorking {
			t.Errorf("after the errors, Count = %d", n)
		}
		return r
	})
}
