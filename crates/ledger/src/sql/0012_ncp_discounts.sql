-- Schema 12 (issue 14): NCP's Discount API. The credits NCP granted a member (v1
-- getCreditHistoryList's Credit, v2 /credit-discounts' CreditDiscount) and the coins it
-- charged (v1 getCoinHistoryList's Coin, v2 /coin-discounts' CoinDiscount; `kind` says
-- which), one row per member and discount number, and how each was used (v1
-- CreditUseHistory, CoinUseHistory), one row per discount number, use month and service (for
-- a coin: the member who used it); and the discounts getDiscountList lists. Amounts stay
-- exact TEXT as NCP sent them, with their currency; `services` is the JSON list of the
-- service names a credit may pay for. A later import or sync replaces a row in place (its
-- earlier version kept, T2), never adds a second one.
CREATE TABLE ncp_credits (
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
    PRIMARY KEY (member_no, discount_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE ncp_credits_versions (
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

CREATE TABLE ncp_credit_uses (
    discount_no  TEXT NOT NULL,
    use_month    TEXT NOT NULL,
    service_code TEXT NOT NULL,
    service      TEXT NOT NULL,
    used         TEXT NOT NULL,
    unused       TEXT,
    remaining    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (discount_no, use_month, service_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE ncp_credit_uses_versions (
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

CREATE TABLE ncp_discount_list (
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
    PRIMARY KEY (member_no, discount_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE ncp_discount_list_versions (
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

-- Product discounts (v1 getProductDiscountHistoryList's ProductDiscount, v2
-- /product-discounts): a rate (`rate`, as NCP sent it: a percent) off the services named,
-- perhaps only from `minimum_amount` up (`conditional` 1) and up to `maximum_amount`
-- (`capped` 1); and what each took off (v1 ProductDiscountUseHistory), one row per discount
-- number, use month and service.
CREATE TABLE ncp_product_discounts (
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
    PRIMARY KEY (member_no, discount_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE ncp_product_discounts_versions (
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

CREATE TABLE ncp_product_discount_uses (
    discount_no  TEXT NOT NULL,
    use_month    TEXT NOT NULL,
    service_code TEXT NOT NULL,
    service      TEXT NOT NULL,
    target       TEXT NOT NULL,
    applied      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (discount_no, use_month, service_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE ncp_product_discount_uses_versions (
    discount_no   TEXT NOT NULL,
    use_month     TEXT NOT NULL,
    service_code  TEXT NOT NULL,
    service       TEXT NOT NULL,
    target        TEXT NOT NULL,
    applied       TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT NOT NULL
) STRICT;
