package dbsql_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"

	gmysql "gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// TestGORMTranslateError opens GORM with TranslateError: true, with which a
// GORM program tests errors.Is(err, gorm.ErrDuplicatedKey) and
// gorm.ErrForeignKeyViolated instead of MySQL numbers. The dialector
// translates go-sql-driver's server errors 1062 and 1452; it does not know
// *aiomysql.Error, so with our driver the program's dialector embeds GORM's
// and adds the translation (the README's migration guide shows it).
func TestGORMTranslateError(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []bool {
		openGORM(t, d) // fresh tables
		var dialector gorm.Dialector = gmysql.New(gmysql.Config{DriverName: d.driver, DSN: dsn(t, "parseTime=true")})
		if d.name == "aiomysql" {
			dialector = translating{dialector.(*gmysql.Dialector)}
		}
		db, err := gorm.Open(dialector,
			&gorm.Config{Logger: logger.Discard, TranslateError: true})
		if err != nil {
			t.Fatalf("gorm.Open: %v", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			t.Fatalf("DB: %v", err)
		}
		defer func() {
			if err := sqlDB.Close(); err != nil {
				t.Errorf("closing the *sql.DB: %v", err)
			}
		}()
		db = db.WithContext(testContext(t))
		if err := db.Create(&gormUser{Name: "ann"}).Error; err != nil {
			t.Fatalf("Create: %v", err)
		}
		dup := db.Create(&gormUser{Name: "ann"}).Error
		// AutoMigrate gave gorm_orders a foreign key to gorm_users (has-many).
		orphan := db.Create(&gormOrder{UserID: 999, Item: "x"}).Error
		got := []bool{errors.Is(dup, gorm.ErrDuplicatedKey), errors.Is(orphan, gorm.ErrForeignKeyViolated)}
		if !got[0] {
			t.Errorf("a duplicate name with TranslateError: %T %v, want gorm.ErrDuplicatedKey", dup, dup)
		}
		if !got[1] {
			t.Errorf("an order of no user with TranslateError: %T %v, want gorm.ErrForeignKeyViolated", orphan, orphan)
		}
		return got
	})
}

// translating is GORM's MySQL dialector with an error translation that
// knows *aiomysql.Error.
type translating struct{ *gmysql.Dialector }

// Translate maps duplicate-key and foreign-key errors to GORM's.
func (d translating) Translate(err error) error {
	var e *aiomysql.Error
	if errors.As(err, &e) {
		switch e.Number {
		case 1062:
			return gorm.ErrDuplicatedKey
		case 1451, 1452:
			return gorm.ErrForeignKeyViolated
		}
	}
	return d.Dialector.Translate(err)
}
