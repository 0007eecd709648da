-- Schema 10 (issue 14): NCP's daily usage keyed as NCP sends it. A contract product has
-- several rows a day, one per metering type (a server's run time VSVR, its stop time VSVRT,
-- its base storage VSVR_BBST, its network out NETOT); the old key (contract, date, product)
-- kept one of them. Quantities stay exact TEXT in NCP's metering unit (`unit`, a CommonCode
-- code such as USAGE_SEC), with NCP's user-unit figure beside them; the service and region
-- are kept for `history --daily`. `region` is '' when NCP names none.
--
-- Old rows keep their figures: their product becomes the product sequence, and their
-- metering type, never stored before, is '' (unknown).

CREATE TABLE ncp_daily_usage_new (
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
    PRIMARY KEY (date, contract_no, product_sequence, metering_type)
) STRICT, WITHOUT ROWID;

INSERT INTO ncp_daily_usage_new (date, contract_no, product_sequence, metering_type, service,
                                 region, quantity, unit, user_quantity, user_unit, recorded_at)
SELECT date, contract_no, product, '', '', '', quantity, unit, NULL, NULL, recorded_at
FROM ncp_daily_usage;

DROP TABLE ncp_daily_usage;
ALTER TABLE ncp_daily_usage_new RENAME TO ncp_daily_usage;

-- T2: the versions a later import replaced, as 0005 keeps them for the other fact tables.
CREATE TABLE ncp_daily_usage_versions (
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
CREATE INDEX ncp_daily_usage_versions_by_date ON ncp_daily_usage_versions (date);

-- NCP's lines without a region (older product rows, services NCP bills without one) were
-- stored with the region '-', which views showed as if it were a region and CSV exported as
-- `'-`. They hold '' now; views show it as documented in the README.
UPDATE fee_lines SET region = '' WHERE region = '-' AND source LIKE 'ncp!_%' ESCAPE '!';
UPDATE fee_lines_versions SET region = '' WHERE region = '-' AND source LIKE 'ncp!_%' ESCAPE '!';
