package dbsql_test

import (
	"reflect"
	"testing"

	"gorm.io/gorm/clause"
)

// gormUpsert is what TestGORMUpsert saw.
type gormUpsert struct {
	Affected []int64 // of each Create with ON DUPLICATE KEY UPDATE
	IDs      []uint  // the IDs the RETURNING clause gave back
	Ages     []string
}

// TestGORMUpsert creates with clause.OnConflict, which GORM's MySQL
// dialector writes as INSERT ... ON DUPLICATE KEY UPDATE: a new row, an
// existing one updated, an existing one left as it is with DoNothing, and a
// batch mixing new and existing rows. On MariaDB the dialector adds
// RETURNING `id` and reads the rows the INSERT returns, so GORM's
// RowsAffected counts those rows (one per row given), not the server's
// affected-rows count.
func TestGORMUpsert(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) gormUpsert {
		db := openGORM(t, d)
		byName := clause.OnConflict{Columns: []clause.Column{{Name: "name"}}, DoUpdates: clause.AssignmentColumns([]string{"age"})}
		var r gormUpsert
		for _, step := range []struct {
			users  []gormUser
			clause clause.OnConflict
		}{
			{[]gormUser{{Name: "ann", Age: 30}}, byName},
			{[]gormUser{{Name: "ann", Age: 31}}, byName},
			{[]gormUser{{Name: "ann", Age: 99}}, clause.OnConflict{DoNothing: true}},
			{[]gormUser{{Name: "ann", Age: 32}, {Name: "ben", Age: 20}}, byName},
		} {
			res := db.Clauses(step.clause).Create(&step.users)
			if res.Error != nil {
				t.Fatalf("Create with OnConflict: %v", res.Error)
			}
			r.Affected = append(r.Affected, res.RowsAffected)
			for _, u := range step.users {
				r.IDs = append(r.IDs, u.ID)
			}
		}
		var users []gormUser
		if err := db.Order("name").Find(&users).Error; err != nil {
			t.Fatalf("Find: %v", err)
		}
		for _, u := range users {
			r.Ages = append(r.Ages, u.Name+":"+itoa(u.Age))
		}
		want := gormUpsert{Affected: []int64{1, 1, 1, 2}, IDs: []uint{1, 1, 1, 1, 4}, Ages: []string{"ann:32", "ben:20"}}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("upserts %+v, want %+v", r, want)
		}
		return r
	})
}
