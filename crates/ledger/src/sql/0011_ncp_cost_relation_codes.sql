-- Schema 11 (issue 14): the names NCP gives its cost codes (Billing API v2
-- listCostRelationCodes: service → billing-item group → billing item), so that views can name
-- the codes of NCP's v2 cost lines. One row per code: a service's own row has empty group and
-- item codes, a group's own row an empty item code. Names are not figures: a later sync
-- renames in place, and a read sees the names recorded by its instant (T2).
CREATE TABLE ncp_cost_relation_codes (
    service_code TEXT NOT NULL,
    group_code   TEXT NOT NULL,
    item_code    TEXT NOT NULL,
    name         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (service_code, group_code, item_code)
) STRICT, WITHOUT ROWID;
