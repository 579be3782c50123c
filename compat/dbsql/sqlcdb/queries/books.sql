-- name: CreateBook :execlastid
INSERT INTO sqlc_books (author_id, title, price) VALUES (?, ?, ?);

-- name: ListBooksByAuthor :many
SELECT b.id, b.title, b.price, a.name AS author
FROM sqlc_books b JOIN sqlc_authors a ON a.id = b.author_id
WHERE a.id = ?
ORDER BY b.title;

-- name: CountBooks :one
SELECT COUNT(*) FROM sqlc_books WHERE author_id = ?;

-- name: DeleteBooksByAuthor :exec
DELETE FROM sqlc_books WHERE author_id = ?;
