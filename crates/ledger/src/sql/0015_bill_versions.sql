-- T2 for bills: a bill NCP's figures supersede in place (a preliminary bill, or an NCP bill
-- NCP wrote again) keeps the version that stood before, so a read `--as-of` an earlier
-- instant shows the bill as the ledger held it then. A bill's row stands from its
-- `recorded_at`: the instant it was issued for one inserted, the superseding command's for
-- one updated (the `bills_asof` view and its triggers, crates/ledger/src/as_of.rs).
ALTER TABLE bills ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
UPDATE bills SET recorded_at = issued_at;
CREATE TABLE bills_versions (
    account_id                INTEGER NOT NULL REFERENCES accounts (id),
    month                     TEXT NOT NULL,
    used_amount               INTEGER NOT NULL,
    discount_amount           INTEGER NOT NULL,
    rounddown_discount_amount INTEGER NOT NULL,
    vat_amount                INTEGER NOT NULL,
    billed_amount             INTEGER NOT NULL,
    overdue_ratio             TEXT NOT NULL,
    source                    TEXT NOT NULL,
    issued_at                 TEXT NOT NULL,
    recorded_at               TEXT NOT NULL,
    superseded_at             TEXT NOT NULL
) STRICT;
CREATE INDEX bills_versions_by_month ON bills_versions (account_id, month);
