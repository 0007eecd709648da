-- Schema 3: automatic issuance of cash receipts (SPEC R1) and usage confirmations (H5).

-- R1: each application for automatic issuance, with the consent given, until cancelled.
CREATE TABLE cash_receipt_enrollments (
    id           INTEGER PRIMARY KEY,
    applied_at   TEXT NOT NULL,
    consent      TEXT NOT NULL,
    cancelled_at TEXT CHECK (cancelled_at IS NULL OR cancelled_at >= applied_at)
) STRICT;

-- H5: one confirmation number per month, kept when it is issued again.
CREATE TABLE confirmations (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    month           TEXT NOT NULL UNIQUE,
    first_issued_at TEXT NOT NULL,
    last_issued_at  TEXT NOT NULL,
    times_issued    INTEGER NOT NULL CHECK (times_issued >= 1)
) STRICT;
