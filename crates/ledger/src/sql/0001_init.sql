-- Schema 1: the account, contracts and usage, imported fee lines, holidays, promotions.
-- Amounts are INTEGER won (SPEC M1). Quantities are INTEGER thousandths of a unit, so sums in
-- SQL stay exact; prices may have a fraction and are kept as canonical decimal TEXT.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE account (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT NOT NULL,
    member_type   TEXT NOT NULL CHECK (member_type IN ('individual', 'business')),
    expatriate    INTEGER NOT NULL CHECK (expatriate IN (0, 1)),
    billing_email TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- P11: every change of the account, the billing email and the payment method, with its time.
CREATE TABLE account_changes (
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The registered payment method is the latest row; earlier rows are its history.
CREATE TABLE payment_methods (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('card', 'transfer', 'deposit')),
    label         TEXT,
    last4         TEXT CHECK (last4 IS NULL OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
    expiry        TEXT,
    monthly_limit INTEGER CHECK (monthly_limit IS NULL OR monthly_limit >= 0),
    balance       INTEGER CHECK (balance IS NULL OR balance >= 0),
    registered_at TEXT NOT NULL
) STRICT;

CREATE TABLE contracts (
    contract_no TEXT PRIMARY KEY,
    service     TEXT NOT NULL,
    region      TEXT NOT NULL,
    plan        TEXT NOT NULL CHECK (plan IN ('monthly', 'metered')),
    price       TEXT NOT NULL,
    unit        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE INDEX contracts_by_start ON contracts (start_date);

-- Daily metered usage, keyed by date first: a month's history reads one date range.
CREATE TABLE usage (
    date           TEXT NOT NULL,
    contract_no    TEXT NOT NULL REFERENCES contracts (contract_no),
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
    PRIMARY KEY (date, contract_no)
) STRICT, WITHOUT ROWID;

-- Each month's usage per contract, kept current by every usage import, so that a past
-- month's history reads one row per contract instead of every day.
CREATE TABLE usage_monthly (
    month          TEXT NOT NULL,
    contract_no    TEXT NOT NULL REFERENCES contracts (contract_no),
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0),
    PRIMARY KEY (month, contract_no)
) STRICT, WITHOUT ROWID;

-- A month's statement imported as fee lines: from a fees CSV (SPEC §11), or NCP's own
-- per-service or per-contract amounts (`import ncp`, `sync`). A month that has any is shown
-- as imported instead of being rated from contracts; of NCP's, the per-contract lines win.
CREATE TABLE fee_lines (
    month                    TEXT NOT NULL,
    source                   TEXT NOT NULL DEFAULT 'csv'
                             CHECK (source IN ('csv', 'ncp_product', 'ncp_contract')),
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
    CHECK (estimated_payment_amount = used_amount - discount_amount),
    PRIMARY KEY (month, source, region, service, contract_no, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE holidays (
    date   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('builtin', 'user'))
) STRICT, WITHOUT ROWID;

CREATE TABLE promotions (
    name           TEXT NOT NULL,
    service        TEXT NOT NULL,
    provision_type TEXT NOT NULL,
    pricing_plan   TEXT NOT NULL,
    provided       INTEGER NOT NULL CHECK (provided >= 0),
    used           INTEGER NOT NULL CHECK (used >= 0),
    discount_rate  TEXT,
    credit         INTEGER CHECK (credit IS NULL OR credit >= 0),
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL CHECK (valid_to >= valid_from),
    PRIMARY KEY (name, service)
) STRICT, WITHOUT ROWID;
