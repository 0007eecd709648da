-- Schema 8: idempotency keys that name a payment recorded under another key (SPEC P6).
-- A deposit retried with its reference and a key it was not recorded with is the same
-- deposit (a replay); from then on that key names it too, so the key reused with other
-- arguments is refused instead of recording a second deposit.
CREATE TABLE payment_keys (
    key         TEXT PRIMARY KEY,
    payment_id  INTEGER NOT NULL REFERENCES payments (id),
    recorded_at TEXT NOT NULL
) STRICT;
