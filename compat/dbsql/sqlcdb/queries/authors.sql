-- name: GetAuthor :one
SELECT id, name, bio, born FROM sqlc_authors WHERE id = ? LIMIT 1;

-- name: ListAuthors :many
SELECT id, name, bio, born FROM sqlc_authors ORDER BY name;

-- name: CreateAuthor :execresult
INSERT INTO sqlc_authors (name, bio, born) VALUES (?, ?, ?);

-- name: UpdateAuthorBio :execrows
UPDATE sqlc_authors SET bio = ? WHERE id = ?;

-- name: DeleteAuthor :exec
DELETE FROM sqlc_authors WHERE id = ?;
