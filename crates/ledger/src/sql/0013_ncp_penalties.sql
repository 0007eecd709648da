-- Issue 14: NCP's own late penalty (`overduePlusAmount`) enters the ledger beside P10's.
-- A penalty row is P10's (charged by the catch-up on a penalty day, the 1st of a month) or
-- NCP's (what NCP had charged the bill when it wrote it, dated that day, which may be any
-- day). Both may fall on one day, so the source is part of the key: the table is rebuilt.
CREATE TABLE penalties_by_source (
    month      TEXT NOT NULL REFERENCES bills (month),
    charged_on TEXT NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('p10', 'ncp')),
    base       INTEGER NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (month, charged_on, source)
) STRICT, WITHOUT ROWID;
INSERT INTO penalties_by_source (month, charged_on, source, base, amount)
    SELECT month, charged_on, 'p10', base, amount FROM penalties;
DROP TABLE penalties;
ALTER TABLE penalties_by_source RENAME TO penalties;
