-- Issue 15: many NCP accounts in one ledger (docs/ACCOUNTS.md).
--
-- `accounts` names each account; row 1 is `main`, which every row of an older ledger belongs
-- to. Every table of one account's facts and money gets `account_id` first in its key, and
-- its references to bills, contracts, payments, payment methods and credits become
-- (account_id, key) pairs, so the schema itself refuses a payment applied to another
-- account's bill. Shared by every account: `meta` (the ledger's one clock), the holiday
-- calendar and NCP's cost relation codes (NCP's catalogue, not an account's).
--
-- SQLite cannot add a column to a key in place, so each table is rebuilt (create, copy,
-- drop, rename), with foreign keys off for the migration and `foreign_key_check` run
-- before it commits (crates/ledger/src/lib.rs). No `account_id` has a default: a statement
-- that forgets to say whose row it writes fails instead of writing into `main`.

CREATE TABLE accounts (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE
               CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^A-Za-z0-9_-]*'),
    member_no  TEXT UNIQUE,
    created_at TEXT NOT NULL,
    -- T2 per account: how far a writing command last walked this account's payment
    -- calendar (catch-up). The ledger's latest instant stays one, in `meta`: one clock.
    caught_up_to TEXT
) STRICT;
INSERT INTO accounts (id, name, member_no, created_at, caught_up_to) VALUES (
    1,
    'main',
    -- The NCP member number the ledger's NCP data names (one member per ledger until now).
    (SELECT m FROM (
         SELECT member_no AS m FROM ncp_demand_costs
         UNION ALL SELECT member FROM ncp_bills
         UNION ALL SELECT member_no FROM ncp_credits WHERE kind = 'credit'
         UNION ALL SELECT member_no FROM ncp_discount_list
         UNION ALL SELECT member_no FROM ncp_product_discounts
         UNION ALL SELECT json_extract(exact, '$.member_no') FROM fee_lines WHERE exact IS NOT NULL)
     WHERE m <> '' AND m NOT GLOB '*[^0-9]*' LIMIT 1),
    COALESCE((SELECT created_at FROM account), ''),
    (SELECT value FROM meta WHERE key = 'caught_up_to')
);
DELETE FROM meta WHERE key = 'caught_up_to';

-- The member of an account (A1), one row per account, keyed by the account.
CREATE TABLE account_new (
    id            INTEGER PRIMARY KEY REFERENCES accounts (id),
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT NOT NULL,
    member_type   TEXT NOT NULL CHECK (member_type IN ('individual', 'business')),
    expatriate    INTEGER NOT NULL CHECK (expatriate IN (0, 1)),
    billing_email TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    phone         TEXT,
    company       TEXT,
    business_no   TEXT
) STRICT;
INSERT INTO account_new (id, first_name, last_name, email, member_type, expatriate, billing_email, created_at, phone, company, business_no)
    SELECT id, first_name, last_name, email, member_type, expatriate, billing_email, created_at, phone, company, business_no FROM account;
DROP TABLE account;
ALTER TABLE account_new RENAME TO account;

CREATE TABLE account_changes_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id    INTEGER PRIMARY KEY,
    at    TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL
, initial INTEGER NOT NULL DEFAULT 0 CHECK (initial IN (0, 1))
) STRICT;
INSERT INTO account_changes_new (account_id, id, at, field, value, initial) SELECT 1, id, at, field, value, initial FROM account_changes;
CREATE TABLE payment_methods_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('card', 'transfer', 'deposit')),
    label         TEXT,
    last4         TEXT CHECK (last4 IS NULL OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
    expiry        TEXT,
    monthly_limit INTEGER CHECK (monthly_limit IS NULL OR monthly_limit >= 0),
    balance       INTEGER CHECK (balance IS NULL OR balance >= 0),
    registered_at TEXT NOT NULL,
    UNIQUE (account_id, id)
) STRICT;
INSERT INTO payment_methods_new (account_id, id, kind, label, last4, expiry, monthly_limit, balance, registered_at) SELECT 1, id, kind, label, last4, expiry, monthly_limit, balance, registered_at FROM payment_methods;
CREATE TABLE contracts_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    contract_no TEXT NOT NULL,
    service     TEXT NOT NULL,
    region      TEXT NOT NULL,
    plan        TEXT NOT NULL CHECK (plan IN ('monthly', 'metered')),
    price       TEXT NOT NULL,
    unit        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT CHECK (end_date IS NULL OR end_date >= start_date)
, recorded_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, contract_no)
) STRICT;
INSERT INTO contracts_new (account_id, contract_no, service, region, plan, price, unit, start_date, end_date, recorded_at) SELECT 1, contract_no, service, region, plan, price, unit, start_date, end_date, recorded_at FROM contracts;
CREATE TABLE usage_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    date           TEXT NOT NULL,
    contract_no    TEXT NOT NULL,
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0), recorded_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, date, contract_no),
    FOREIGN KEY (account_id, contract_no) REFERENCES contracts (account_id, contract_no)
) STRICT, WITHOUT ROWID;
INSERT INTO usage_new (account_id, date, contract_no, quantity_milli, recorded_at) SELECT 1, date, contract_no, quantity_milli, recorded_at FROM usage;
CREATE TABLE usage_monthly_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month          TEXT NOT NULL,
    contract_no    TEXT NOT NULL,
    quantity_milli INTEGER NOT NULL CHECK (quantity_milli >= 0), recorded_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, month, contract_no),
    FOREIGN KEY (account_id, contract_no) REFERENCES contracts (account_id, contract_no)
) STRICT, WITHOUT ROWID;
INSERT INTO usage_monthly_new (account_id, month, contract_no, quantity_milli, recorded_at) SELECT 1, month, contract_no, quantity_milli, recorded_at FROM usage_monthly;
CREATE TABLE promotions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    name           TEXT NOT NULL,
    service        TEXT NOT NULL,
    provision_type TEXT NOT NULL,
    pricing_plan   TEXT NOT NULL,
    provided       INTEGER NOT NULL CHECK (provided >= 0),
    used           INTEGER NOT NULL CHECK (used >= 0),
    discount_rate  TEXT,
    credit         INTEGER CHECK (credit IS NULL OR credit >= 0),
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL CHECK (valid_to >= valid_from), recorded_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, name, service)
) STRICT, WITHOUT ROWID;
INSERT INTO promotions_new (account_id, name, service, provision_type, pricing_plan, provided, used, discount_rate, credit, valid_from, valid_to, recorded_at) SELECT 1, name, service, provision_type, pricing_plan, provided, used, discount_rate, credit, valid_from, valid_to, recorded_at FROM promotions;
CREATE TABLE bills_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month                     TEXT NOT NULL,
    used_amount               INTEGER NOT NULL,
    discount_amount           INTEGER NOT NULL,
    rounddown_discount_amount INTEGER NOT NULL,
    vat_amount                INTEGER NOT NULL,
    billed_amount             INTEGER NOT NULL CHECK (billed_amount >= 0),
    overdue_ratio             TEXT NOT NULL,
    source                    TEXT NOT NULL CHECK (source IN ('rated', 'imported', 'ncp')),
    issued_at                 TEXT NOT NULL,
    PRIMARY KEY (account_id, month)
) STRICT;
INSERT INTO bills_new (account_id, month, used_amount, discount_amount, rounddown_discount_amount, vat_amount, billed_amount, overdue_ratio, source, issued_at) SELECT 1, month, used_amount, discount_amount, rounddown_discount_amount, vat_amount, billed_amount, overdue_ratio, source, issued_at FROM bills;
CREATE TABLE bill_adjustments_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id           INTEGER PRIMARY KEY,
    month        TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    carried_into TEXT,
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month),
    FOREIGN KEY (account_id, carried_into) REFERENCES bills (account_id, month)
) STRICT;
INSERT INTO bill_adjustments_new (account_id, id, month, amount, reason, recorded_at, carried_into) SELECT 1, id, month, amount, reason, recorded_at, carried_into FROM bill_adjustments;
CREATE TABLE payments_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('instant', 'auto', 'deposit', 'ncp')),
    method          TEXT NOT NULL CHECK (method IN ('card', 'transfer', 'deposit', 'ncp')),
    method_id       INTEGER,
    amount          INTEGER NOT NULL CHECK (amount > 0),
    paid_at         TEXT NOT NULL,
    reference       TEXT,
    idempotency_key TEXT UNIQUE,
    request         TEXT,
    FOREIGN KEY (account_id, method_id) REFERENCES payment_methods (account_id, id),
    UNIQUE (account_id, id)
) STRICT;
INSERT INTO payments_new (account_id, id, kind, method, method_id, amount, paid_at, reference, idempotency_key, request) SELECT 1, id, kind, method, method_id, amount, paid_at, reference, idempotency_key, request FROM payments;
CREATE TABLE payment_applications_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id             INTEGER PRIMARY KEY,
    payment_id     INTEGER NOT NULL,
    month          TEXT NOT NULL,
    principal      INTEGER NOT NULL CHECK (principal >= 0),
    penalty        INTEGER NOT NULL CHECK (penalty >= 0),
    applied_at     TEXT NOT NULL,
    CHECK (principal + penalty > 0),
    FOREIGN KEY (account_id, payment_id) REFERENCES payments (account_id, id),
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month)
) STRICT;
INSERT INTO payment_applications_new (account_id, id, payment_id, month, principal, penalty, applied_at) SELECT 1, id, payment_id, month, principal, penalty, applied_at FROM payment_applications;
CREATE TABLE auto_attempts_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month      TEXT NOT NULL,
    attempt_on TEXT NOT NULL,
    at         TEXT NOT NULL,
    method_id  INTEGER,
    amount     INTEGER NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('approved', 'declined')),
    reason     TEXT,
    payment_id INTEGER,
    PRIMARY KEY (account_id, month, attempt_on),
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month),
    FOREIGN KEY (account_id, method_id) REFERENCES payment_methods (account_id, id),
    FOREIGN KEY (account_id, payment_id) REFERENCES payments (account_id, id)
) STRICT, WITHOUT ROWID;
INSERT INTO auto_attempts_new (account_id, month, attempt_on, at, method_id, amount, outcome, reason, payment_id) SELECT 1, month, attempt_on, at, method_id, amount, outcome, reason, payment_id FROM auto_attempts;
CREATE TABLE notifications_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    channel   TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    month     TEXT NOT NULL,
    sent_at   TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject   TEXT NOT NULL,
    UNIQUE (account_id, kind, channel, month, sent_at)
) STRICT;
INSERT INTO notifications_new (account_id, id, kind, channel, month, sent_at, recipient, subject) SELECT 1, id, kind, channel, month, sent_at, recipient, subject FROM notifications;
CREATE TABLE cash_receipt_enrollments_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id           INTEGER PRIMARY KEY,
    applied_at   TEXT NOT NULL,
    consent      TEXT NOT NULL,
    cancelled_at TEXT CHECK (cancelled_at IS NULL OR cancelled_at >= applied_at)
) STRICT;
INSERT INTO cash_receipt_enrollments_new (account_id, id, applied_at, consent, cancelled_at) SELECT 1, id, applied_at, consent, cancelled_at FROM cash_receipt_enrollments;
CREATE TABLE confirmations_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    month           TEXT NOT NULL,
    first_issued_at TEXT NOT NULL,
    last_issued_at  TEXT NOT NULL,
    times_issued    INTEGER NOT NULL CHECK (times_issued >= 1),
    UNIQUE (account_id, month)
) STRICT;
INSERT INTO confirmations_new (account_id, id, number, month, first_issued_at, last_issued_at, times_issued) SELECT 1, id, number, month, first_issued_at, last_issued_at, times_issued FROM confirmations;
CREATE TABLE ncp_bills_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month              TEXT NOT NULL,
    member             TEXT,
    demand_no          TEXT,
    paid_up            INTEGER NOT NULL CHECK (paid_up IN (0, 1)),
    paid_up_at         TEXT,
    overdue_at         TEXT,
    written_at         TEXT,
    imported_at        TEXT NOT NULL,
    PRIMARY KEY (account_id, month),
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month)
) STRICT;
INSERT INTO ncp_bills_new (account_id, month, member, demand_no, paid_up, paid_up_at, overdue_at, written_at, imported_at) SELECT 1, month, member, demand_no, paid_up, paid_up_at, overdue_at, written_at, imported_at FROM ncp_bills;
CREATE TABLE ncp_contract_summaries_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month              TEXT NOT NULL,
    region             TEXT NOT NULL,
    contract_type      TEXT NOT NULL,
    contract_type_name TEXT NOT NULL,
    status             TEXT NOT NULL,
    contracts          INTEGER NOT NULL CHECK (contracts >= 0), recorded_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, month, region, contract_type, status)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_contract_summaries_new (account_id, month, region, contract_type, contract_type_name, status, contracts, recorded_at) SELECT 1, month, region, contract_type, contract_type_name, status, contracts, recorded_at FROM ncp_contract_summaries;
CREATE TABLE contracts_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
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
INSERT INTO contracts_versions_new (account_id, contract_no, service, region, plan, price, unit, start_date, end_date, recorded_at, superseded_at) SELECT 1, contract_no, service, region, plan, price, unit, start_date, end_date, recorded_at, superseded_at FROM contracts_versions;
CREATE TABLE usage_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    date           TEXT NOT NULL,
    contract_no    TEXT NOT NULL,
    quantity_milli INTEGER NOT NULL,
    recorded_at    TEXT NOT NULL,
    superseded_at  TEXT NOT NULL
) STRICT;
INSERT INTO usage_versions_new (account_id, date, contract_no, quantity_milli, recorded_at, superseded_at) SELECT 1, date, contract_no, quantity_milli, recorded_at, superseded_at FROM usage_versions;
CREATE TABLE fee_lines_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
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
, currency TEXT NOT NULL DEFAULT 'KRW', exact TEXT
) STRICT;
INSERT INTO fee_lines_versions_new (account_id, month, source, region, service, contract_no, item, quantity, unit, unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at, superseded_at, currency, exact) SELECT 1, month, source, region, service, contract_no, item, quantity, unit, unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at, superseded_at, currency, exact FROM fee_lines_versions;
CREATE TABLE promotions_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
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
INSERT INTO promotions_versions_new (account_id, name, service, provision_type, pricing_plan, provided, used, discount_rate, credit, valid_from, valid_to, recorded_at, superseded_at) SELECT 1, name, service, provision_type, pricing_plan, provided, used, discount_rate, credit, valid_from, valid_to, recorded_at, superseded_at FROM promotions_versions;
CREATE TABLE ncp_contract_summaries_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month              TEXT NOT NULL,
    region             TEXT NOT NULL,
    contract_type      TEXT NOT NULL,
    contract_type_name TEXT NOT NULL,
    status             TEXT NOT NULL,
    contracts          INTEGER NOT NULL,
    recorded_at        TEXT NOT NULL,
    superseded_at      TEXT NOT NULL
) STRICT;
INSERT INTO ncp_contract_summaries_versions_new (account_id, month, region, contract_type, contract_type_name, status, contracts, recorded_at, superseded_at) SELECT 1, month, region, contract_type, contract_type_name, status, contracts, recorded_at, superseded_at FROM ncp_contract_summaries_versions;
CREATE TABLE credits_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    month       TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month),
    UNIQUE (account_id, id)
) STRICT;
INSERT INTO credits_new (account_id, id, month, amount, reason, recorded_at) SELECT 1, id, month, amount, reason, recorded_at FROM credits;
CREATE TABLE credit_applications_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    id         INTEGER PRIMARY KEY,
    credit_id  INTEGER NOT NULL,
    month      TEXT NOT NULL,
    principal  INTEGER NOT NULL CHECK (principal >= 0),
    penalty    INTEGER NOT NULL CHECK (penalty >= 0),
    applied_at TEXT NOT NULL,
    CHECK (principal + penalty > 0),
    FOREIGN KEY (account_id, credit_id) REFERENCES credits (account_id, id),
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month)
) STRICT;
INSERT INTO credit_applications_new (account_id, id, credit_id, month, principal, penalty, applied_at) SELECT 1, id, credit_id, month, principal, penalty, applied_at FROM credit_applications;
CREATE TABLE payment_keys_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    key         TEXT PRIMARY KEY,
    payment_id  INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    FOREIGN KEY (account_id, payment_id) REFERENCES payments (account_id, id)
) STRICT;
INSERT INTO payment_keys_new (account_id, key, payment_id, recorded_at) SELECT 1, key, payment_id, recorded_at FROM payment_keys;
CREATE TABLE fee_lines_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month                    TEXT NOT NULL,
    source                   TEXT NOT NULL DEFAULT 'csv'
                             CHECK (source IN ('csv', 'ncp_product', 'ncp_contract', 'ncp_group', 'ncp_item')),
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
    recorded_at              TEXT NOT NULL DEFAULT '',
    currency                 TEXT NOT NULL DEFAULT 'KRW',
    exact                    TEXT CHECK (exact IS NULL OR json_type(exact) = 'object'),
    CHECK (estimated_payment_amount = used_amount - discount_amount),
    PRIMARY KEY (account_id, month, source, region, service, contract_no, item)
) STRICT, WITHOUT ROWID;
INSERT INTO fee_lines_new (account_id, month, source, region, service, contract_no, item, quantity, unit, unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at, currency, exact) SELECT 1, month, source, region, service, contract_no, item, quantity, unit, unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at, currency, exact FROM fee_lines;
CREATE TABLE ncp_demand_costs_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month                           TEXT NOT NULL,
    member_no                       TEXT,
    api                             TEXT NOT NULL CHECK (api IN ('v1', 'v2')),
    demand_no                       TEXT,
    integration_demand_no           TEXT,
    previous_demand_no              TEXT,
    attribute                       TEXT,
    currency                        TEXT NOT NULL,
    exchange_rate                   TEXT,
    use_amount                      TEXT NOT NULL,
    promise_discount_amount         TEXT NOT NULL,
    promotion_discount_amount       TEXT NOT NULL,
    etc_discount_amount             TEXT NOT NULL,
    savings_plan_discount_amount    TEXT NOT NULL,
    customer_discount_amount        TEXT NOT NULL,
    product_discount_amount         TEXT NOT NULL,
    credit_discount_amount          TEXT NOT NULL,
    member_price_discount_amount    TEXT NOT NULL,
    member_promise_discount_amount  TEXT NOT NULL,
    rounddown_discount_amount       TEXT NOT NULL,
    currency_discount_amount        TEXT NOT NULL,
    -- coinUseAmount.
    coin_discount_amount            TEXT NOT NULL,
    default_amount                  TEXT NOT NULL,
    demand_amount                   TEXT,
    vat_rate                        TEXT,
    vat_amount                      TEXT NOT NULL,
    including_vat_amount            TEXT,
    total_demand_amount             TEXT,
    overdue_plus_amount             TEXT,
    this_month_overdue_amount       TEXT,
    total_overdue_amount            TEXT,
    overdue_ratio                   TEXT,
    paid_up                         INTEGER NOT NULL CHECK (paid_up IN (0, 1)),
    paid_up_at                      TEXT,
    overdue_at                      TEXT,
    written_at                      TEXT,
    imported_at                     TEXT NOT NULL,
    recorded_at                     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, month)
) STRICT;
INSERT INTO ncp_demand_costs_new (account_id, month, member_no, api, demand_no, integration_demand_no, previous_demand_no, attribute, currency, exchange_rate, use_amount, promise_discount_amount, promotion_discount_amount, etc_discount_amount, savings_plan_discount_amount, customer_discount_amount, product_discount_amount, credit_discount_amount, member_price_discount_amount, member_promise_discount_amount, rounddown_discount_amount, currency_discount_amount, coin_discount_amount, default_amount, demand_amount, vat_rate, vat_amount, including_vat_amount, total_demand_amount, overdue_plus_amount, this_month_overdue_amount, total_overdue_amount, overdue_ratio, paid_up, paid_up_at, overdue_at, written_at, imported_at, recorded_at) SELECT 1, month, member_no, api, demand_no, integration_demand_no, previous_demand_no, attribute, currency, exchange_rate, use_amount, promise_discount_amount, promotion_discount_amount, etc_discount_amount, savings_plan_discount_amount, customer_discount_amount, product_discount_amount, credit_discount_amount, member_price_discount_amount, member_promise_discount_amount, rounddown_discount_amount, currency_discount_amount, coin_discount_amount, default_amount, demand_amount, vat_rate, vat_amount, including_vat_amount, total_demand_amount, overdue_plus_amount, this_month_overdue_amount, total_overdue_amount, overdue_ratio, paid_up, paid_up_at, overdue_at, written_at, imported_at, recorded_at FROM ncp_demand_costs;
CREATE TABLE ncp_demand_costs_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month                           TEXT NOT NULL,
    member_no                       TEXT,
    api                             TEXT NOT NULL,
    demand_no                       TEXT,
    integration_demand_no           TEXT,
    previous_demand_no              TEXT,
    attribute                       TEXT,
    currency                        TEXT NOT NULL,
    exchange_rate                   TEXT,
    use_amount                      TEXT NOT NULL,
    promise_discount_amount         TEXT NOT NULL,
    promotion_discount_amount       TEXT NOT NULL,
    etc_discount_amount             TEXT NOT NULL,
    savings_plan_discount_amount    TEXT NOT NULL,
    customer_discount_amount        TEXT NOT NULL,
    product_discount_amount         TEXT NOT NULL,
    credit_discount_amount          TEXT NOT NULL,
    member_price_discount_amount    TEXT NOT NULL,
    member_promise_discount_amount  TEXT NOT NULL,
    rounddown_discount_amount       TEXT NOT NULL,
    currency_discount_amount        TEXT NOT NULL,
    coin_discount_amount            TEXT NOT NULL,
    default_amount                  TEXT NOT NULL,
    demand_amount                   TEXT,
    vat_rate                        TEXT,
    vat_amount                      TEXT NOT NULL,
    including_vat_amount            TEXT,
    total_demand_amount             TEXT,
    overdue_plus_amount             TEXT,
    this_month_overdue_amount       TEXT,
    total_overdue_amount            TEXT,
    overdue_ratio                   TEXT,
    paid_up                         INTEGER NOT NULL,
    paid_up_at                      TEXT,
    overdue_at                      TEXT,
    written_at                      TEXT,
    imported_at                     TEXT NOT NULL,
    recorded_at                     TEXT NOT NULL,
    superseded_at                   TEXT NOT NULL
) STRICT;
INSERT INTO ncp_demand_costs_versions_new (account_id, month, member_no, api, demand_no, integration_demand_no, previous_demand_no, attribute, currency, exchange_rate, use_amount, promise_discount_amount, promotion_discount_amount, etc_discount_amount, savings_plan_discount_amount, customer_discount_amount, product_discount_amount, credit_discount_amount, member_price_discount_amount, member_promise_discount_amount, rounddown_discount_amount, currency_discount_amount, coin_discount_amount, default_amount, demand_amount, vat_rate, vat_amount, including_vat_amount, total_demand_amount, overdue_plus_amount, this_month_overdue_amount, total_overdue_amount, overdue_ratio, paid_up, paid_up_at, overdue_at, written_at, imported_at, recorded_at, superseded_at) SELECT 1, month, member_no, api, demand_no, integration_demand_no, previous_demand_no, attribute, currency, exchange_rate, use_amount, promise_discount_amount, promotion_discount_amount, etc_discount_amount, savings_plan_discount_amount, customer_discount_amount, product_discount_amount, credit_discount_amount, member_price_discount_amount, member_promise_discount_amount, rounddown_discount_amount, currency_discount_amount, coin_discount_amount, default_amount, demand_amount, vat_rate, vat_amount, including_vat_amount, total_demand_amount, overdue_plus_amount, this_month_overdue_amount, total_overdue_amount, overdue_ratio, paid_up, paid_up_at, overdue_at, written_at, imported_at, recorded_at, superseded_at FROM ncp_demand_costs_versions;
CREATE TABLE ncp_daily_usage_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    date             TEXT NOT NULL,
    contract_no      TEXT NOT NULL,
    product_sequence TEXT NOT NULL,
    metering_type    TEXT NOT NULL,
    service          TEXT NOT NULL,
    region           TEXT NOT NULL,
    quantity         TEXT NOT NULL,
    unit             TEXT NOT NULL,
    user_quantity    TEXT,
    user_unit        TEXT,
    recorded_at      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, date, contract_no, product_sequence, metering_type)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_daily_usage_new (account_id, date, contract_no, product_sequence, metering_type, service, region, quantity, unit, user_quantity, user_unit, recorded_at) SELECT 1, date, contract_no, product_sequence, metering_type, service, region, quantity, unit, user_quantity, user_unit, recorded_at FROM ncp_daily_usage;
CREATE TABLE ncp_daily_usage_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    date             TEXT NOT NULL,
    contract_no      TEXT NOT NULL,
    product_sequence TEXT NOT NULL,
    metering_type    TEXT NOT NULL,
    service          TEXT NOT NULL,
    region           TEXT NOT NULL,
    quantity         TEXT NOT NULL,
    unit             TEXT NOT NULL,
    user_quantity    TEXT,
    user_unit        TEXT,
    recorded_at      TEXT NOT NULL,
    superseded_at    TEXT NOT NULL
) STRICT;
INSERT INTO ncp_daily_usage_versions_new (account_id, date, contract_no, product_sequence, metering_type, service, region, quantity, unit, user_quantity, user_unit, recorded_at, superseded_at) SELECT 1, date, contract_no, product_sequence, metering_type, service, region, quantity, unit, user_quantity, user_unit, recorded_at, superseded_at FROM ncp_daily_usage_versions;
CREATE TABLE ncp_credits_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    member_no   TEXT NOT NULL,
    discount_no TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('credit', 'coin')),
    api         TEXT NOT NULL CHECK (api IN ('v1', 'v2')),
    name        TEXT NOT NULL,
    type_code   TEXT,
    type_name   TEXT,
    received    TEXT NOT NULL,
    remaining   TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    currency    TEXT NOT NULL,
    services    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (account_id, member_no, discount_no)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_credits_new (account_id, member_no, discount_no, kind, api, name, type_code, type_name, received, remaining, valid_from, valid_to, currency, services, recorded_at) SELECT 1, member_no, discount_no, kind, api, name, type_code, type_name, received, remaining, valid_from, valid_to, currency, services, recorded_at FROM ncp_credits;
CREATE TABLE ncp_credits_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    member_no     TEXT NOT NULL,
    discount_no   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    api           TEXT NOT NULL,
    name          TEXT NOT NULL,
    type_code     TEXT,
    type_name     TEXT,
    received      TEXT NOT NULL,
    remaining     TEXT NOT NULL,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT NOT NULL,
    currency      TEXT NOT NULL,
    services      TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;
INSERT INTO ncp_credits_versions_new (account_id, member_no, discount_no, kind, api, name, type_code, type_name, received, remaining, valid_from, valid_to, currency, services, recorded_at, superseded_at) SELECT 1, member_no, discount_no, kind, api, name, type_code, type_name, received, remaining, valid_from, valid_to, currency, services, recorded_at, superseded_at FROM ncp_credits_versions;
CREATE TABLE ncp_credit_uses_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    discount_no  TEXT NOT NULL,
    use_month    TEXT NOT NULL,
    service_code TEXT NOT NULL,
    service      TEXT NOT NULL,
    used         TEXT NOT NULL,
    unused       TEXT,
    remaining    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, discount_no, use_month, service_code)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_credit_uses_new (account_id, discount_no, use_month, service_code, service, used, unused, remaining, recorded_at) SELECT 1, discount_no, use_month, service_code, service, used, unused, remaining, recorded_at FROM ncp_credit_uses;
CREATE TABLE ncp_credit_uses_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    discount_no   TEXT NOT NULL,
    use_month     TEXT NOT NULL,
    service_code  TEXT NOT NULL,
    service       TEXT NOT NULL,
    used          TEXT NOT NULL,
    unused        TEXT,
    remaining     TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;
INSERT INTO ncp_credit_uses_versions_new (account_id, discount_no, use_month, service_code, service, used, unused, remaining, recorded_at, superseded_at) SELECT 1, discount_no, use_month, service_code, service, used, unused, remaining, recorded_at, superseded_at FROM ncp_credit_uses_versions;
CREATE TABLE ncp_discount_list_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    member_no   TEXT NOT NULL,
    discount_no TEXT NOT NULL,
    type_code   TEXT NOT NULL,
    type_name   TEXT,
    name        TEXT NOT NULL,
    method_code TEXT,
    method_name TEXT,
    value       TEXT,
    valid_from  TEXT,
    valid_to    TEXT,
    currency    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (account_id, member_no, discount_no)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_discount_list_new (account_id, member_no, discount_no, type_code, type_name, name, method_code, method_name, value, valid_from, valid_to, currency, recorded_at) SELECT 1, member_no, discount_no, type_code, type_name, name, method_code, method_name, value, valid_from, valid_to, currency, recorded_at FROM ncp_discount_list;
CREATE TABLE ncp_discount_list_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    member_no     TEXT NOT NULL,
    discount_no   TEXT NOT NULL,
    type_code     TEXT NOT NULL,
    type_name     TEXT,
    name          TEXT NOT NULL,
    method_code   TEXT,
    method_name   TEXT,
    value         TEXT,
    valid_from    TEXT,
    valid_to      TEXT,
    currency      TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;
INSERT INTO ncp_discount_list_versions_new (account_id, member_no, discount_no, type_code, type_name, name, method_code, method_name, value, valid_from, valid_to, currency, recorded_at, superseded_at) SELECT 1, member_no, discount_no, type_code, type_name, name, method_code, method_name, value, valid_from, valid_to, currency, recorded_at, superseded_at FROM ncp_discount_list_versions;
CREATE TABLE ncp_product_discounts_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    member_no      TEXT NOT NULL,
    discount_no    TEXT NOT NULL,
    api            TEXT NOT NULL CHECK (api IN ('v1', 'v2')),
    name           TEXT NOT NULL,
    rate           TEXT NOT NULL,
    conditional    INTEGER NOT NULL CHECK (conditional IN (0, 1)),
    minimum_amount TEXT,
    capped         INTEGER NOT NULL CHECK (capped IN (0, 1)),
    maximum_amount TEXT,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL,
    currency       TEXT NOT NULL,
    services       TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (account_id, member_no, discount_no)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_product_discounts_new (account_id, member_no, discount_no, api, name, rate, conditional, minimum_amount, capped, maximum_amount, valid_from, valid_to, currency, services, recorded_at) SELECT 1, member_no, discount_no, api, name, rate, conditional, minimum_amount, capped, maximum_amount, valid_from, valid_to, currency, services, recorded_at FROM ncp_product_discounts;
CREATE TABLE ncp_product_discounts_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    member_no      TEXT NOT NULL,
    discount_no    TEXT NOT NULL,
    api            TEXT NOT NULL,
    name           TEXT NOT NULL,
    rate           TEXT NOT NULL,
    conditional    INTEGER NOT NULL,
    minimum_amount TEXT,
    capped         INTEGER NOT NULL,
    maximum_amount TEXT,
    valid_from     TEXT NOT NULL,
    valid_to       TEXT NOT NULL,
    currency       TEXT NOT NULL,
    services       TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    superseded_at  TEXT NOT NULL
) STRICT;
INSERT INTO ncp_product_discounts_versions_new (account_id, member_no, discount_no, api, name, rate, conditional, minimum_amount, capped, maximum_amount, valid_from, valid_to, currency, services, recorded_at, superseded_at) SELECT 1, member_no, discount_no, api, name, rate, conditional, minimum_amount, capped, maximum_amount, valid_from, valid_to, currency, services, recorded_at, superseded_at FROM ncp_product_discounts_versions;
CREATE TABLE ncp_product_discount_uses_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    discount_no  TEXT NOT NULL,
    use_month    TEXT NOT NULL,
    service_code TEXT NOT NULL,
    service      TEXT NOT NULL,
    target       TEXT NOT NULL,
    applied      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, discount_no, use_month, service_code)
) STRICT, WITHOUT ROWID;
INSERT INTO ncp_product_discount_uses_new (account_id, discount_no, use_month, service_code, service, target, applied, recorded_at) SELECT 1, discount_no, use_month, service_code, service, target, applied, recorded_at FROM ncp_product_discount_uses;
CREATE TABLE ncp_product_discount_uses_versions_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    discount_no   TEXT NOT NULL,
    use_month     TEXT NOT NULL,
    service_code  TEXT NOT NULL,
    service       TEXT NOT NULL,
    target        TEXT NOT NULL,
    applied       TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;
INSERT INTO ncp_product_discount_uses_versions_new (account_id, discount_no, use_month, service_code, service, target, applied, recorded_at, superseded_at) SELECT 1, discount_no, use_month, service_code, service, target, applied, recorded_at, superseded_at FROM ncp_product_discount_uses_versions;
CREATE TABLE penalties_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    month      TEXT NOT NULL,
    charged_on TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('p10', 'ncp')),
    base       INTEGER NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (account_id, month, charged_on, source),
    FOREIGN KEY (account_id, month) REFERENCES bills (account_id, month)
) STRICT, WITHOUT ROWID;
INSERT INTO penalties_new (account_id, month, charged_on, source, base, amount) SELECT 1, month, charged_on, source, base, amount FROM penalties;

UPDATE sqlite_sequence SET name = 'credits_keep' WHERE name = 'credits';
DROP TABLE account_changes;
DROP TABLE payment_methods;
DROP TABLE contracts;
DROP TABLE usage;
DROP TABLE usage_monthly;
DROP TABLE promotions;
DROP TABLE bills;
DROP TABLE bill_adjustments;
DROP TABLE payments;
DROP TABLE payment_applications;
DROP TABLE auto_attempts;
DROP TABLE notifications;
DROP TABLE cash_receipt_enrollments;
DROP TABLE confirmations;
DROP TABLE ncp_bills;
DROP TABLE ncp_contract_summaries;
DROP TABLE contracts_versions;
DROP TABLE usage_versions;
DROP TABLE fee_lines_versions;
DROP TABLE promotions_versions;
DROP TABLE ncp_contract_summaries_versions;
DROP TABLE credits;
DROP TABLE credit_applications;
DROP TABLE payment_keys;
DROP TABLE fee_lines;
DROP TABLE ncp_demand_costs;
DROP TABLE ncp_demand_costs_versions;
DROP TABLE ncp_daily_usage;
DROP TABLE ncp_daily_usage_versions;
DROP TABLE ncp_credits;
DROP TABLE ncp_credits_versions;
DROP TABLE ncp_credit_uses;
DROP TABLE ncp_credit_uses_versions;
DROP TABLE ncp_discount_list;
DROP TABLE ncp_discount_list_versions;
DROP TABLE ncp_product_discounts;
DROP TABLE ncp_product_discounts_versions;
DROP TABLE ncp_product_discount_uses;
DROP TABLE ncp_product_discount_uses_versions;
DROP TABLE penalties;
ALTER TABLE account_changes_new RENAME TO account_changes;
ALTER TABLE payment_methods_new RENAME TO payment_methods;
ALTER TABLE contracts_new RENAME TO contracts;
ALTER TABLE usage_new RENAME TO usage;
ALTER TABLE usage_monthly_new RENAME TO usage_monthly;
ALTER TABLE promotions_new RENAME TO promotions;
ALTER TABLE bills_new RENAME TO bills;
ALTER TABLE bill_adjustments_new RENAME TO bill_adjustments;
ALTER TABLE payments_new RENAME TO payments;
ALTER TABLE payment_applications_new RENAME TO payment_applications;
ALTER TABLE auto_attempts_new RENAME TO auto_attempts;
ALTER TABLE notifications_new RENAME TO notifications;
ALTER TABLE cash_receipt_enrollments_new RENAME TO cash_receipt_enrollments;
ALTER TABLE confirmations_new RENAME TO confirmations;
ALTER TABLE ncp_bills_new RENAME TO ncp_bills;
ALTER TABLE ncp_contract_summaries_new RENAME TO ncp_contract_summaries;
ALTER TABLE contracts_versions_new RENAME TO contracts_versions;
ALTER TABLE usage_versions_new RENAME TO usage_versions;
ALTER TABLE fee_lines_versions_new RENAME TO fee_lines_versions;
ALTER TABLE promotions_versions_new RENAME TO promotions_versions;
ALTER TABLE ncp_contract_summaries_versions_new RENAME TO ncp_contract_summaries_versions;
ALTER TABLE credits_new RENAME TO credits;
ALTER TABLE credit_applications_new RENAME TO credit_applications;
ALTER TABLE payment_keys_new RENAME TO payment_keys;
ALTER TABLE fee_lines_new RENAME TO fee_lines;
ALTER TABLE ncp_demand_costs_new RENAME TO ncp_demand_costs;
ALTER TABLE ncp_demand_costs_versions_new RENAME TO ncp_demand_costs_versions;
ALTER TABLE ncp_daily_usage_new RENAME TO ncp_daily_usage;
ALTER TABLE ncp_daily_usage_versions_new RENAME TO ncp_daily_usage_versions;
ALTER TABLE ncp_credits_new RENAME TO ncp_credits;
ALTER TABLE ncp_credits_versions_new RENAME TO ncp_credits_versions;
ALTER TABLE ncp_credit_uses_new RENAME TO ncp_credit_uses;
ALTER TABLE ncp_credit_uses_versions_new RENAME TO ncp_credit_uses_versions;
ALTER TABLE ncp_discount_list_new RENAME TO ncp_discount_list;
ALTER TABLE ncp_discount_list_versions_new RENAME TO ncp_discount_list_versions;
ALTER TABLE ncp_product_discounts_new RENAME TO ncp_product_discounts;
ALTER TABLE ncp_product_discounts_versions_new RENAME TO ncp_product_discounts_versions;
ALTER TABLE ncp_product_discount_uses_new RENAME TO ncp_product_discount_uses;
ALTER TABLE ncp_product_discount_uses_versions_new RENAME TO ncp_product_discount_uses_versions;
ALTER TABLE penalties_new RENAME TO penalties;
DELETE FROM sqlite_sequence WHERE name = 'credits';
UPDATE sqlite_sequence SET name = 'credits' WHERE name = 'credits_keep';
CREATE INDEX contracts_by_start ON contracts (account_id, start_date);
CREATE INDEX payments_by_time ON payments (account_id, paid_at);
CREATE INDEX applications_by_month ON payment_applications (account_id, month);
CREATE INDEX applications_by_payment ON payment_applications (account_id, payment_id);
CREATE INDEX contracts_versions_by_no ON contracts_versions (account_id, contract_no);
CREATE INDEX usage_versions_by_date ON usage_versions (account_id, date, contract_no);
CREATE INDEX fee_lines_versions_by_month ON fee_lines_versions (account_id, month);
CREATE INDEX ncp_contract_summaries_versions_by_month ON ncp_contract_summaries_versions (account_id, month);
CREATE INDEX credit_applications_by_month ON credit_applications (account_id, month);
CREATE INDEX credit_applications_by_credit ON credit_applications (account_id, credit_id);
CREATE INDEX ncp_demand_costs_versions_by_month ON ncp_demand_costs_versions (account_id, month);
CREATE INDEX ncp_daily_usage_versions_by_date ON ncp_daily_usage_versions (account_id, date);
