-- Schema 4: what NCP itself says (`import ncp`, `sync`), kept as NCP computed it.

-- NCP's state of a month's bill (getDemandCostList): paid-up and overdue fields.
CREATE TABLE ncp_bills (
    month              TEXT PRIMARY KEY REFERENCES bills (month),
    member             TEXT,
    demand_no          TEXT,
    paid_up            INTEGER NOT NULL CHECK (paid_up IN (0, 1)),
    paid_up_at         TEXT,
    overdue_at         TEXT,
    written_at         TEXT,
    imported_at        TEXT NOT NULL
) STRICT;

-- Contracts held per region and type in a month (getContractSummaryList), for `status`.
CREATE TABLE ncp_contract_summaries (
    month              TEXT NOT NULL,
    region             TEXT NOT NULL,
    contract_type      TEXT NOT NULL,
    contract_type_name TEXT NOT NULL,
    status             TEXT NOT NULL,
    contracts          INTEGER NOT NULL CHECK (contracts >= 0),
    PRIMARY KEY (month, region, contract_type, status)
) STRICT, WITHOUT ROWID;

-- Daily quantities per contract product (getContractUsageListByDaily): NCP sends no amounts.
CREATE TABLE ncp_daily_usage (
    contract_no TEXT NOT NULL,
    date        TEXT NOT NULL,
    product     TEXT NOT NULL,
    quantity    TEXT NOT NULL,
    unit        TEXT NOT NULL,
    PRIMARY KEY (contract_no, date, product)
) STRICT, WITHOUT ROWID;
