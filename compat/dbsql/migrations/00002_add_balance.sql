-- +goose Up
ALTER TABLE goose_accounts ADD COLUMN balance DECIMAL(10,2) NOT NULL DEFAULT 0;
INSERT INTO goose_accounts (email, balance) VALUES ('root@example.org', 100.00);

-- +goose StatementBegin
CREATE PROCEDURE goose_total(OUT total DECIMAL(12,2))
BEGIN
  SELECT COALESCE(SUM(balance), 0) INTO total FROM goose_accounts;
END;
-- +goose StatementEnd

-- +goose Down
DROP PROCEDURE goose_total;
ALTER TABLE goose_accounts DROP COLUMN balance;
