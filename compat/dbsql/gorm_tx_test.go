package dbsql_test

import (
	"errors"
	"reflect"
	"testing"

	"gorm.io/gorm"
)

// errInner is returned by a nested transaction to roll it back.
var errInner = errors.New("roll the nested transaction back")

// TestGORMTransactions runs db.Transaction committed and rolled back, a
// nested Transaction rolled back alone (GORM uses a SAVEPOINT), and Begin
// with SavePoint and RollbackTo.
func TestGORMTransactions(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []string {
		db := openGORM(t, d)

		err := db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Create(&gormUser{Name: "outer"}).Error; err != nil {
				return err
			}
			inner := tx.Transaction(func(tx2 *gorm.DB) error {
				if err := tx2.Create(&gormUser{Name: "inner"}).Error; err != nil {
					return err
				}
				return errInner
			})
			if !errors.Is(inner, errInner) {
				t.Errorf("the nested transaction returned %v, want %v", inner, errInner)
			}
			return tx.Create(&gormUser{Name: "after-inner"}).Error
		})
		if err != nil {
			t.Fatalf("Transaction: %v", err)
		}
		err = db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Create(&gormUser{Name: "doomed"}).Error; err != nil {
				return err
			}
			return errInner
		})
		if !errors.Is(err, errInner) {
			t.Errorf("the rolled-back Transaction returned %v, want %v", err, errInner)
		}

		tx := db.Begin()
		if tx.Error != nil {
			t.Fatalf("Begin: %v", tx.Error)
		}
		steps := []error{
			tx.Create(&gormUser{Name: "kept"}).Error,
			tx.SavePoint("sp1").Error,
			tx.Create(&gormUser{Name: "undone"}).Error,
			tx.RollbackTo("sp1").Error,
			tx.Create(&gormUser{Name: "kept-too"}).Error,
		}
		if err := errors.Join(steps...); err != nil {
			tx.Rollback()
			t.Fatalf("in the transaction: %v", err)
		}
		if err := tx.Commit().Error; err != nil {
			t.Fatalf("Commit: %v", err)
		}

		var users []string
		if err := db.Model(&gormUser{}).Order("id").Pluck("name", &users).Error; err != nil {
			t.Fatalf("Pluck: %v", err)
		}
		want := []string{"outer", "after-inner", "kept", "kept-too"}
		if !reflect.DeepEqual(users, want) {
			t.Errorf("committed users %q, want %q", users, want)
		}
		return users
	})
}
