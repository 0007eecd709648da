-- Schema 2: bills, payments and what follows from them (SPEC P1–P10).
-- Every row carries the instant it happened at, so a read at an earlier --as-of shows the
-- ledger as it stood then, and natural keys make the catch-up idempotent.

ALTER TABLE account ADD COLUMN phone TEXT;

-- P1: a month's bill, final from its issue instant on.
CREATE TABLE bills (
    month                     TEXT PRIMARY KEY,
    used_amount               INTEGER NOT NULL,
    discount_amount           INTEGER NOT NULL,
    rounddown_discount_amount INTEGER NOT NULL,
    vat_amount                INTEGER NOT NULL,
    billed_amount             INTEGER NOT NULL CHECK (billed_amount >= 0),
    overdue_ratio             TEXT NOT NULL,
    source                    TEXT NOT NULL CHECK (source IN ('rated', 'imported', 'ncp')),
    issued_at                 TEXT NOT NULL
) STRICT;

-- P1: corrections of an issued bill are entries of their own, never a silent change. Each
-- is carried into the next bill issued after it was recorded, and paid with that bill.
CREATE TABLE bill_adjustments (
    id           INTEGER PRIMARY KEY,
    month        TEXT NOT NULL REFERENCES bills (month),
    amount       INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    carried_into TEXT REFERENCES bills (month)
) STRICT;

-- Money received: instant and automatic charges, direct deposits.
CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('instant', 'auto', 'deposit', 'ncp')),
    method          TEXT NOT NULL CHECK (method IN ('card', 'transfer', 'deposit', 'ncp')),
    method_id       INTEGER REFERENCES payment_methods (id),
    amount          INTEGER NOT NULL CHECK (amount > 0),
    paid_at         TEXT NOT NULL,
    reference       TEXT,
    idempotency_key TEXT UNIQUE,
    request         TEXT
) STRICT;

CREATE INDEX payments_by_time ON payments (paid_at);

-- P3: how each payment was applied; what is not applied is the member's credit balance.
CREATE TABLE payment_applications (
    id             INTEGER PRIMARY KEY,
    payment_id     INTEGER NOT NULL REFERENCES payments (id),
    month          TEXT NOT NULL REFERENCES bills (month),
    principal      INTEGER NOT NULL CHECK (principal >= 0),
    penalty        INTEGER NOT NULL CHECK (penalty >= 0),
    applied_at     TEXT NOT NULL,
    CHECK (principal + penalty > 0)
) STRICT;

CREATE INDEX applications_by_month ON payment_applications (month);
CREATE INDEX applications_by_payment ON payment_applications (payment_id);

-- P2: one automatic attempt a day from the 10th to the 14th.
CREATE TABLE auto_attempts (
    month      TEXT NOT NULL REFERENCES bills (month),
    attempt_on TEXT NOT NULL,
    at         TEXT NOT NULL,
    method_id  INTEGER REFERENCES payment_methods (id),
    amount     INTEGER NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('approved', 'declined')),
    reason     TEXT,
    payment_id INTEGER REFERENCES payments (id),
    PRIMARY KEY (month, attempt_on)
) STRICT, WITHOUT ROWID;

-- P10: a late penalty charged on the 1st of a month the bill was still unpaid.
CREATE TABLE penalties (
    month      TEXT NOT NULL REFERENCES bills (month),
    charged_on TEXT NOT NULL,
    base       INTEGER NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (month, charged_on)
) STRICT, WITHOUT ROWID;

-- The email and SMS outbox: bills issued, outstanding amounts, notices, penalties.
CREATE TABLE notifications (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    channel   TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    month     TEXT NOT NULL,
    sent_at   TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject   TEXT NOT NULL,
    UNIQUE (kind, channel, month, sent_at)
) STRICT;
