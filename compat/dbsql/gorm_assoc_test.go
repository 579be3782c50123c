package dbsql_test

import (
	"reflect"
	"testing"
)

// gormAssociations is what TestGORMAssociations saw.
type gormAssociations struct {
	Users      []string // "name: orders | groups", as preloaded
	GroupCount int64
	Members    []string // the users of group "admins", through the join table
	AfterClear int64
}

// TestGORMAssociations creates users with their orders (has-many) and
// groups (many-to-many) in one Create, reads them back with Preload, and
// edits the many-to-many with Association Append, Count and Clear.
func TestGORMAssociations(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) gormAssociations {
		db := openGORM(t, d)
		admins, staff := gormGroup{Name: "admins"}, gormGroup{Name: "staff"}
		users := []gormUser{
			{Name: "ann", Orders: []gormOrder{{Item: "pen", Amount: 2}, {Item: "ink", Amount: 1}}, Groups: []gormGroup{admins, staff}},
			{Name: "ben", Orders: []gormOrder{{Item: "pad", Amount: 5}}},
		}
		if err := db.Create(&users).Error; err != nil {
			t.Fatalf("Create with associations: %v", err)
		}
		ben := users[1]
		if err := db.Model(&ben).Association("Groups").Append(&users[0].Groups[1]); err != nil {
			t.Fatalf("Association Append: %v", err)
		}
		var r gormAssociations
		r.GroupCount = db.Model(&ben).Association("Groups").Count()

		var loaded []gormUser
		if err := db.Preload("Orders").Preload("Groups").Order("id").Find(&loaded).Error; err != nil {
			t.Fatalf("Find with Preload: %v", err)
		}
		for _, u := range loaded {
			s := u.Name + ":"
			for _, o := range u.Orders {
				s += " " + o.Item + "x" + itoa(o.Amount)
			}
			s += " |"
			for _, g := range u.Groups {
				s += " " + g.Name
			}
			r.Users = append(r.Users, s)
		}
		var group gormGroup
		if err := db.Where("name = ?", "admins").First(&group).Error; err != nil {
			t.Fatalf("First group: %v", err)
		}
		if err := db.Model(&gormUser{}).
			Joins("JOIN gorm_user_groups ug ON ug.gorm_user_id = gorm_users.id").
			Where("ug.gorm_group_id = ?", group.ID).Order("gorm_users.name").
			Pluck("gorm_users.name", &r.Members).Error; err != nil {
			t.Fatalf("Pluck through the join table: %v", err)
		}
		if err := db.Model(&users[0]).Association("Groups").Clear(); err != nil {
			t.Fatalf("Association Clear: %v", err)
		}
		r.AfterClear = db.Model(&users[0]).Association("Groups").Count()

		want := gormAssociations{
			Users:      []string{"ann: penx2 inkx1 | admins staff", "ben: padx5 | staff"},
			GroupCount: 1, Members: []string{"ann"}, AfterClear: 0,
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("associations %+v, want %+v", r, want)
		}
		return r
	})
}
