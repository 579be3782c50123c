-- +goose Up
CREATE TABLE goose_accounts (
  id    BIGINT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(100) NOT NULL UNIQUE
);

-- +goose Down
DROP TABLE goose_accounts;
