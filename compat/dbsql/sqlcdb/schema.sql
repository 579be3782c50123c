CREATE TABLE sqlc_authors (
  id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name    VARCHAR(100) NOT NULL UNIQUE,
  bio     TEXT,
  born    DATETIME     NOT NULL
);

CREATE TABLE sqlc_books (
  id        BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id BIGINT       NOT NULL,
  title     VARCHAR(200) NOT NULL,
  price     DECIMAL(8,2) NOT NULL,
  FOREIGN KEY (author_id) REFERENCES sqlc_authors (id)
);
