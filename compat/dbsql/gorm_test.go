package dbsql_test

import (
	"reflect"
	"testing"
	"time"

	gmysql "gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// gormUser has many gormOrders and belongs to many gormGroups.
type gormUser struct {
	ID        uint
	Name      string `gorm:"size:50;uniqueIndex"`
	Age       int
	Orders    []gormOrder `gorm:"foreignKey:UserID"`
	Groups    []gormGroup `gorm:"many2many:gorm_user_groups"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

// gormOrder belongs to a gormUser.
type gormOrder struct {
	ID     uint
	UserID uint
	Item   string `gorm:"size:50"`
	Amount int
}

// gormGroup is a group users join.
type gormGroup struct {
	ID   uint
	Name string `gorm:"size:50;uniqueIndex"`
}

// openGORM opens GORM's MySQL dialector on d's driver (DriverName) with
// parseTime=true, drops the tables of the models and migrates them afresh.
func openGORM(t *testing.T, d driverCase) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(gmysql.New(gmysql.Config{DriverName: d.driver, DSN: dsn(t, "parseTime=true")}),
		&gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("gorm.Open: %v", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatalf("DB: %v", err)
	}
	t.Cleanup(func() {
		if err := sqlDB.Close(); err != nil {
			t.Errorf("closing the *sql.DB: %v", err)
		}
	})
	db = db.WithContext(testContext(t))
	if err := db.Migrator().DropTable("gorm_user_groups", &gormOrder{}, &gormUser{}, &gormGroup{}); err != nil {
		t.Fatalf("DropTable: %v", err)
	}
	if err := db.AutoMigrate(&gormUser{}, &gormOrder{}, &gormGroup{}); err != nil {
		t.Fatalf("AutoMigrate: %v", err)
	}
	return db
}

// gormMigration is what TestGORMAutoMigrate saw of the migrated schema.
type gormMigration struct {
	Tables  []bool
	Columns []string // name and database type of gorm_users' columns
	Index   bool
	Again   string // the error of a second AutoMigrate, "" for none
}

// TestGORMAutoMigrate migrates the models and reads the schema back through
// the Migrator (which asks the driver for column types); a second
// AutoMigrate of the same models changes nothing and succeeds.
func TestGORMAutoMigrate(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) gormMigration {
		db := openGORM(t, d)
		m := db.Migrator()
		var r gormMigration
		for _, table := range []any{&gormUser{}, &gormOrder{}, &gormGroup{}, "gorm_user_groups"} {
			r.Tables = append(r.Tables, m.HasTable(table))
		}
		types, err := m.ColumnTypes(&gormUser{})
		if err != nil {
			t.Fatalf("ColumnTypes: %v", err)
		}
		for _, c := range types {
			r.Columns = append(r.Columns, c.Name()+" "+c.DatabaseTypeName())
		}
		r.Index = m.HasIndex(&gormUser{}, "Name")
		if err := db.AutoMigrate(&gormUser{}, &gormOrder{}, &gormGroup{}); err != nil {
			r.Again = err.Error()
		}
		want := gormMigration{
			Tables:  []bool{true, true, true, true},
			Columns: []string{"id bigint", "name varchar", "age bigint", "created_at datetime", "updated_at datetime"},
			Index:   true,
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("migrated schema %+v, want %+v", r, want)
		}
		return r
	})
}

// gormCRUD is what TestGORMCRUD saw.
type gormCRUD struct {
	IDs       []uint
	Affected  []int64
	First     string
	Found     []string
	Count     int64
	Times     bool // CreatedAt and UpdatedAt were set and read back
	AfterEdit []string
}

// TestGORMCRUD creates (one and a batch), reads (First, Find with
// conditions, Count), updates (Update, Updates with a map) and deletes.
func TestGORMCRUD(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) gormCRUD {
		db := openGORM(t, d)
		var r gormCRUD
		ann := gormUser{Name: "ann", Age: 30}
		res := db.Create(&ann)
		if res.Error != nil {
			t.Fatalf("Create: %v", res.Error)
		}
		batch := []gormUser{{Name: "ben", Age: 20}, {Name: "cat", Age: 40}, {Name: "dov", Age: 50}}
		if err := db.Create(&batch).Error; err != nil {
			t.Fatalf("Create of a batch: %v", err)
		}
		r.IDs = []uint{ann.ID, batch[0].ID, batch[1].ID, batch[2].ID}

		var first gormUser
		if err := db.First(&first, ann.ID).Error; err != nil {
			t.Fatalf("First: %v", err)
		}
		r.First = first.Name
		r.Times = !first.CreatedAt.IsZero() && first.UpdatedAt.Equal(first.CreatedAt) &&
			time.Since(first.CreatedAt).Abs() < time.Hour
		var found []gormUser
		if err := db.Where("age >= ?", 30).Order("name desc").Find(&found).Error; err != nil {
			t.Fatalf("Find: %v", err)
		}
		for _, u := range found {
			r.Found = append(r.Found, u.Name)
		}
		if err := db.Model(&gormUser{}).Where("age < ?", 45).Count(&r.Count).Error; err != nil {
			t.Fatalf("Count: %v", err)
		}

		res = db.Model(&ann).Update("age", 31)
		r.Affected = append(r.Affected, res.RowsAffected)
		res = db.Model(&gormUser{}).Where("name IN ?", []string{"ben", "cat"}).Updates(map[string]any{"age": gorm.Expr("age + ?", 1)})
		r.Affected = append(r.Affected, res.RowsAffected)
		res = db.Delete(&gormUser{}, batch[2].ID)
		r.Affected = append(r.Affected, res.RowsAffected)
		if err := res.Error; err != nil {
			t.Fatalf("Delete: %v", err)
		}
		var left []gormUser
		if err := db.Order("id").Find(&left).Error; err != nil {
			t.Fatalf("Find after the edits: %v", err)
		}
		for _, u := range left {
			r.AfterEdit = append(r.AfterEdit, u.Name+":"+itoa(u.Age))
		}
		want := gormCRUD{
			IDs: []uint{1, 2, 3, 4}, Affected: []int64{1, 2, 1}, First: "ann",
			Found: []string{"dov", "cat", "ann"}, Count: 3, Times: true,
			AfterEdit: []string{"ann:31", "ben:21", "cat:41"},
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("GORM saw %+v, want %+v", r, want)
		}
		return r
	})
}
