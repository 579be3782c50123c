package aiobob_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aarondl/opt/omit"
	"github.com/aarondl/opt/omitnull"
	"github.com/stephenafamo/bob"
	"github.com/stephenafamo/bob/dialect/mysql"
	"github.com/stephenafamo/bob/dialect/mysql/dm"
	"github.com/stephenafamo/bob/dialect/mysql/sm"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/extra/aiobob"
	"github.com/aiomysql-go/aiomysql/extra/aiobob/models"
)

// createSchema drops users and posts and makes them afresh from
// models/schema.sql, the schema the models were generated from.
func createSchema(t *testing.T, exec bob.Executor) {
	t.Helper()
	ctx := testCtx(t)
	schema, err := os.ReadFile("models/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{"DROP TABLE IF EXISTS posts", "DROP TABLE IF EXISTS users"}
	for _, s := range strings.Split(string(schema), ";") {
		if s = strings.TrimSpace(s); s != "" {
			stmts = append(stmts, s)
		}
	}
	for _, s := range stmts {
		if _, err := exec.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// deleteUser deletes a user by id the way MariaDB accepts: bob's
// generated Delete writes "DELETE FROM `users` AS `users`" (see
// TestGeneratedDeleteAlias), so this builds the query without the alias,
// with the generated where-helper.
func deleteUser(ctx context.Context, exec bob.Executor, id int32) (int64, error) {
	res, err := bob.Exec(ctx, exec, mysql.Delete(
		dm.From(models.Users.Name()),
		models.DeleteWhere.Users.ID.EQ(id),
	))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestGeneratedModels(t *testing.T) {
	for name, make := range executors(t) {
		t.Run(name, func(t *testing.T) {
			ctx := testCtx(t)
			exec := make(t)
			createSchema(t, exec)

			// Insert ... One with the generated setter: bob reads the
			// row back by LAST_INSERT_ID.
			ann, err := models.Users.Insert(&models.UserSetter{
				Name:      omit.From("ann"),
				Email:     omitnull.From("ann@example.com"),
				CreatedAt: omit.From(created),
			}).One(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if ann.ID != 1 || ann.Name != "ann" || ann.Email.GetOrZero() != "ann@example.com" || !ann.CreatedAt.Equal(created) {
				t.Fatalf("inserted %+v", ann)
			}
			bob1, err := models.Users.Insert(&models.UserSetter{
				Name:      omit.From("bob"),
				Email:     omitnull.FromPtr[string](nil),
				CreatedAt: omit.From(created.Add(time.Hour)),
			}).One(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if bob1.ID != 2 || !bob1.Email.IsNull() {
				t.Fatalf("inserted %+v, want id 2 and a NULL email", bob1)
			}

			// The generated where-helpers, Count, Exists, Find.
			got, err := models.Users.Query(models.SelectWhere.Users.Name.EQ("bob")).One(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != 2 || got.Name != "bob" || !got.Email.IsNull() || !got.CreatedAt.Equal(created.Add(time.Hour)) {
				t.Fatalf("queried %+v", got)
			}
			if _, err := models.Users.Query(models.SelectWhere.Users.Name.EQ("nobody")).One(ctx, exec); !errors.Is(err, sql.ErrNoRows) {
				t.Fatalf("no row: err %v, want ErrNoRows", err)
			}
			nulls, err := models.Users.Query(models.SelectWhere.Users.Email.IsNull()).All(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if len(nulls) != 1 || nulls[0].Name != "bob" {
				t.Fatalf("users with a NULL email: %+v", nulls)
			}
			if n, err := models.Users.Query().Count(ctx, exec); err != nil || n != 2 {
				t.Fatalf("count %d, %v; want 2", n, err)
			}
			if n, err := models.Users.Query(models.SelectWhere.Users.CreatedAt.GT(created)).Count(ctx, exec); err != nil || n != 1 {
				t.Fatalf("count created after: %d, %v; want 1", n, err)
			}
			if ok, err := models.UserExists(ctx, exec, 3); err != nil || ok {
				t.Fatalf("UserExists(3) = %v, %v; want false", ok, err)
			}
			found, err := models.FindUser(ctx, exec, 1)
			if err != nil {
				t.Fatal(err)
			}
			if found.Name != "ann" || found.Email.GetOrZero() != "ann@example.com" {
				t.Fatalf("found %+v", found)
			}

			// Update through the model, and through the table with the
			// generated UpdateWhere.
			if err := found.Update(ctx, exec, &models.UserSetter{Name: omit.From("anne"), Email: omitnull.FromPtr[string](nil)}); err != nil {
				t.Fatal(err)
			}
			if found.Name != "anne" || !found.Email.IsNull() {
				t.Fatalf("updated model %+v", found)
			}
			if err := found.Reload(ctx, exec); err != nil {
				t.Fatal(err)
			}
			if found.Name != "anne" || !found.Email.IsNull() {
				t.Fatalf("reloaded %+v", found)
			}
			n, err := models.Users.Update(
				models.UserSetter{Email: omitnull.From("bob@example.com")}.UpdateMod(),
				models.UpdateWhere.Users.Name.EQ("bob"),
			).Exec(ctx, exec)
			if err != nil || n != 1 {
				t.Fatalf("update: %d rows, %v; want 1", n, err)
			}
			if err := bob1.Reload(ctx, exec); err != nil || bob1.Email.GetOrZero() != "bob@example.com" {
				t.Fatalf("reloaded %+v, %v", bob1, err)
			}

			// Relationships: insert posts through the user, load them
			// with the generated loaders.
			if err := found.InsertPosts(ctx, exec,
				&models.PostSetter{Title: omit.From("first"), Body: omitnull.From("hello")},
				&models.PostSetter{Title: omit.From("second")},
			); err != nil {
				t.Fatal(err)
			}
			if len(found.R.Posts) != 2 || found.R.Posts[0].Title != "first" || found.R.Posts[1].UserID != 1 {
				t.Fatalf("inserted posts %+v", found.R.Posts)
			}
			if err := bob1.InsertPosts(ctx, exec, &models.PostSetter{Title: omit.From("bob's")}); err != nil {
				t.Fatal(err)
			}
			anne, err := models.FindUser(ctx, exec, 1)
			if err != nil {
				t.Fatal(err)
			}
			if err := anne.LoadPosts(ctx, exec, sm.OrderBy(models.Posts.Columns.ID)); err != nil {
				t.Fatal(err)
			}
			if len(anne.R.Posts) != 2 || anne.R.Posts[0].Title != "first" || anne.R.Posts[0].Body.GetOrZero() != "hello" ||
				anne.R.Posts[1].Title != "second" || !anne.R.Posts[1].Body.IsNull() || anne.R.Posts[1].R.User != anne {
				t.Fatalf("anne's posts %+v", anne.R.Posts)
			}
			users, err := models.Users.Query(
				sm.OrderBy(models.Users.Columns.ID),
				models.SelectThenLoad.User.Posts(),
			).All(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if len(users) != 2 || len(users[0].R.Posts) != 2 || len(users[1].R.Posts) != 1 || users[1].R.Posts[0].Title != "bob's" {
				t.Fatalf("users then their posts: %+v", users)
			}
			posts, err := models.Posts.Query(
				models.Preload.Post.User(),
				models.SelectWhere.Posts.Title.EQ("bob's"),
			).All(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) != 1 || posts[0].R.User == nil || posts[0].R.User.Name != "bob" || posts[0].R.User.Email.GetOrZero() != "bob@example.com" {
				t.Fatalf("posts preloading their user: %+v", posts)
			}
			count, err := anne.Posts().Count(ctx, exec)
			if err != nil || count != 2 {
				t.Fatalf("anne's posts counted: %d, %v; want 2", count, err)
			}

			// Delete, without the alias MariaDB rejects (see deleteUser).
			if _, err := bob.Exec(ctx, exec, mysql.Delete(
				dm.From(models.Posts.Name()),
				models.DeleteWhere.Posts.UserID.EQ(2),
			)); err != nil {
				t.Fatal(err)
			}
			if n, err := deleteUser(ctx, exec, 2); err != nil || n != 1 {
				t.Fatalf("delete: %d rows, %v; want 1", n, err)
			}
			if ok, err := models.UserExists(ctx, exec, 2); err != nil || ok {
				t.Fatalf("UserExists(2) after delete = %v, %v; want false", ok, err)
			}
			if n, err := models.Users.Query().Count(ctx, exec); err != nil || n != 1 {
				t.Fatalf("count after delete %d, %v; want 1", n, err)
			}
		})
	}
}

// TestGeneratedTx inserts a user and a post with the generated models in
// a transaction rolled back: neither is there afterwards.
func TestGeneratedTx(t *testing.T) {
	for name, make := range executors(t) {
		t.Run(name, func(t *testing.T) {
			ctx := testCtx(t)
			exec := make(t)
			createSchema(t, exec)
			tx, err := exec.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			u, err := models.Users.Insert(&models.UserSetter{Name: omit.From("tx"), CreatedAt: omit.From(created)}).One(ctx, tx)
			if err != nil {
				t.Fatal(err)
			}
			if err := u.InsertPosts(ctx, tx, &models.PostSetter{Title: omit.From("in tx")}); err != nil {
				t.Fatal(err)
			}
			if n, err := models.Posts.Query().Count(ctx, tx); err != nil || n != 1 {
				t.Fatalf("count in the transaction %d, %v; want 1", n, err)
			}
			if err := tx.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			if ok, err := models.UserExists(ctx, exec, u.ID); err != nil || ok {
				t.Fatalf("UserExists after rollback = %v, %v; want false", ok, err)
			}
			if n, err := models.Posts.Query().Count(ctx, exec); err != nil || n != 0 {
				t.Fatalf("posts after rollback %d, %v; want 0", n, err)
			}
		})
	}
}

// TestGeneratedDeleteAlias shows what bob's generated Delete writes for
// MySQL, DELETE FROM `users` AS `users` ..., and that MariaDB 10.11
// rejects it with a syntax error (it allows no alias in a single-table
// DELETE, which MySQL 8.0.16 and later do); the row stays.
func TestGeneratedDeleteAlias(t *testing.T) {
	ctx := testCtx(t)
	exec := aiobob.New(testPool(t))
	createSchema(t, exec)
	u, err := models.Users.Insert(&models.UserSetter{Name: omit.From("stays"), CreatedAt: omit.From(created)}).One(ctx, exec)
	if err != nil {
		t.Fatal(err)
	}
	q, _, err := bob.Build(ctx, models.Users.Delete(models.DeleteWhere.Users.ID.EQ(u.ID)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q, "FROM `users` AS `users`") {
		t.Fatalf("bob's delete is %q; without the alias, MariaDB may accept the generated Delete now", q)
	}
	var me *aiomysql.Error
	for what, err := range map[string]error{
		"User.Delete":         u.Delete(ctx, exec),
		"UserSlice.DeleteAll": models.UserSlice{u}.DeleteAll(ctx, exec),
	} {
		t.Logf("%s: %v", what, err)
		if !errors.As(err, &me) || me.Number != 1064 {
			t.Fatalf("%s: err %v, want MariaDB's syntax error 1064", what, err)
		}
	}
	if ok, err := models.UserExists(ctx, exec, u.ID); err != nil || !ok {
		t.Fatalf("UserExists after the rejected deletes = %v, %v; want true", ok, err)
	}
}
