-- Schema 7: credit balance that is not money received (SPEC P1, P3, P6).
-- A negative adjustment larger than the bill it is carried into leaves that bill at 0 and the
-- rest as a credit, which pays the following bills like money received and not yet applied.

-- The part of the adjustments carried into `month`'s bill that went below 0.
CREATE TABLE credits (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    month       TEXT NOT NULL REFERENCES bills (month),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;

-- How each credit was applied, as payment_applications are for payments.
CREATE TABLE credit_applications (
    id         INTEGER PRIMARY KEY,
    credit_id  INTEGER NOT NULL REFERENCES credits (id),
    month      TEXT NOT NULL REFERENCES bills (month),
    principal  INTEGER NOT NULL CHECK (principal >= 0),
    penalty    INTEGER NOT NULL CHECK (penalty >= 0),
    applied_at TEXT NOT NULL,
    CHECK (principal + penalty > 0)
) STRICT;

CREATE INDEX credit_applications_by_month ON credit_applications (month);
CREATE INDEX credit_applications_by_credit ON credit_applications (credit_id);
