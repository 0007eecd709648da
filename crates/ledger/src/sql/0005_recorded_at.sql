-- Schema 5 (SPEC T2): every fact carries the instant it was recorded, so a read at an earlier
-- --as-of shows the ledger as it stood then. `recorded_at` is the recording command's "now"
-- (RFC 3339, KST); '' means "always" (the shipped holidays). Rows from before this schema get
-- the account's creation instant, the earliest one the ledger knows.
--
-- A row that a later import replaces (or deletes) keeps its earlier version in the table's
-- `_versions` twin, with the instant it was superseded at: a read between the two instants
-- sees that version. The connection's temporary triggers (see ledger/mod.rs) fill them.

ALTER TABLE contracts ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE usage ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_monthly ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE fee_lines ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE promotions ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE holidays ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE ncp_contract_summaries ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE ncp_daily_usage ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';

UPDATE contracts SET recorded_at = COALESCE((SELECT created_at FROM account), '');
UPDATE usage SET recorded_at = COALESCE((SELECT created_at FROM account), '');
UPDATE usage_monthly SET recorded_at = COALESCE((SELECT created_at FROM account), '');
UPDATE fee_lines SET recorded_at = COALESCE((SELECT created_at FROM account), '');
UPDATE promotions SET recorded_at = COALESCE((SELECT created_at FROM account), '');
UPDATE holidays SET recorded_at = COALESCE((SELECT created_at FROM account), '') WHERE source = 'user';
UPDATE ncp_contract_summaries SET recorded_at = COALESCE((SELECT created_at FROM account), '');
UPDATE ncp_daily_usage SET recorded_at = COALESCE((SELECT created_at FROM account), '');

CREATE TABLE contracts_versions (
    contract_no   TEXT NOT NULL,
    service       TEXT NOT NULL,
    region        TEXT NOT NULL,
    plan          TEXT NOT NULL,
    price         TEXT NOT NULL,
    unit          TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;
CREATE INDEX contracts_versions_by_no ON contracts_versions (contract_no);

CREATE TABLE usage_versions (
    date           TEXT NOT NULL,
    contract_no    TEXT NOT NULL,
    quantity_milli INTEGER NOT NULL,
    recorded_at    TEXT NOT NULL,
    superseded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX usage_versions_by_date ON usage_versions (date, contract_no);

CREATE TABLE fee_lines_versions (
    month                    TEXT NOT NULL,
    source                   TEXT NOT NULL,
    region                   TEXT NOT NULL,
    service                  TEXT NOT NULL,
    contract_no              TEXT NOT NULL,
    item                     TEXT NOT NULL,
    quantity                 TEXT NOT NULL,
    unit                     TEXT NOT NULL,
    unit_price               TEXT NOT NULL,
    used_amount              INTEGER NOT NULL,
    discount_amount          INTEGER NOT NULL,
    estimated_payment_amount INTEGER NOT NULL,
    recorded_at              TEXT NOT NULL,
    superseded_at            TEXT NOT NULL
) STRICT;
CREATE INDEX fee_lines_versions_by_month ON fee_lines_versions (month);

CREATE TABLE promotions_versions (
    name           TEXT NOT NULL,
    service        TEXT NOT NULL,
    provision_type TEXT NOT NULL,
    pricing_plan   TEXT NOT NULL,
    provided       INTEGER NOT NULL,
    used           INTEGER NOT NULL,
    discount_rate  TEXT,
    credit         INTEGER,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    superseded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE holidays_versions (
    date          TEXT NOT NULL,
    name          TEXT NOT NULL,
    source        TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;

CREATE TABLE ncp_contract_summaries_versions (
    month              TEXT NOT NULL,
    region             TEXT NOT NULL,
    contract_type      TEXT NOT NULL,
    contract_type_name TEXT NOT NULL,
    status             TEXT NOT NULL,
    contracts          INTEGER NOT NULL,
    recorded_at        TEXT NOT NULL,
    superseded_at      TEXT NOT NULL
) STRICT;
CREATE INDEX ncp_contract_summaries_versions_by_month ON ncp_contract_summaries_versions (month);

-- R1, R3: a business member gets tax invoices, never cash receipts. A member who became a
-- business while issuance was on stops it at that change.
UPDATE cash_receipt_enrollments
SET cancelled_at = MAX(applied_at, COALESCE(
    (SELECT MAX(at) FROM account_changes WHERE field = 'member_type' AND value = 'business'),
    applied_at))
WHERE cancelled_at IS NULL AND (SELECT member_type FROM account) = 'business';

-- T2: `init` logs the starting value of each field too (`initial` = 1, not listed by
-- `account show`), so the member can be rebuilt as of any instant from the log.
ALTER TABLE account_changes ADD COLUMN initial INTEGER NOT NULL DEFAULT 0 CHECK (initial IN (0, 1));
