-- Schema 9 (issue 14): NCP's figures exactly as NCP computed them, in their currency.
--
-- `fee_lines` gains the v2 levels (`ncp_group`, `ncp_item`), the line's `currency` and
-- `exact`: a JSON object of NCP's exact figures and details (codes, names, quantities, unit
-- price, productSize, every discount, the demand amount…; NULL for rated and CSV lines). The
-- whole-won columns stay what the ledger sums: M2's truncation of NCP's figures. SQLite
-- cannot change a CHECK, so the table is rebuilt with its rows; its `_versions` twin gains
-- the two columns (0005: the connection's triggers copy every column into it).

CREATE TABLE fee_lines_rebuilt (
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
    PRIMARY KEY (month, source, region, service, contract_no, item)
) STRICT, WITHOUT ROWID;

INSERT INTO fee_lines_rebuilt (month, source, region, service, contract_no, item, quantity, unit,
    unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at)
SELECT month, source, region, service, contract_no, item, quantity, unit, unit_price,
       used_amount, discount_amount, estimated_payment_amount, recorded_at
FROM fee_lines;

DROP TABLE fee_lines;
ALTER TABLE fee_lines_rebuilt RENAME TO fee_lines;

ALTER TABLE fee_lines_versions ADD COLUMN currency TEXT NOT NULL DEFAULT 'KRW';
ALTER TABLE fee_lines_versions ADD COLUMN exact TEXT;

-- A month's bill as NCP wrote it (v1 getDemandCostList, v2 /demand-costs), every figure
-- exact as text, in its currency. Rates are fractions (v2's percents divided by 100). A
-- figure NCP did not send is NULL, except the discounts and the default charge, which are 0
-- then. `overdue_plus_amount` is the late penalty NCP had charged when it wrote the bill
-- (overduePlusAmount); `default_amount` is v1's defaultAmount and v2's penaltyAmount, which
-- stands in its place (위약금, a charge before the demand). Only a KRW bill also becomes the
-- ledger's payable `bills` row; a bill in another
-- currency is kept here only. Bills imported before this schema have no row here: their
-- `bills` and `ncp_bills` rows stand for them until the month is imported again.
CREATE TABLE ncp_demand_costs (
    month                           TEXT PRIMARY KEY,
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
    recorded_at                     TEXT NOT NULL DEFAULT ''
) STRICT;

-- Its earlier versions (0005), so a read at an earlier --as-of sees the bill that stood then.
CREATE TABLE ncp_demand_costs_versions (
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
CREATE INDEX ncp_demand_costs_versions_by_month ON ncp_demand_costs_versions (month);
