//! T2 for facts: the ledger as it stood at the command's instant.
//!
//! Every fact row carries `recorded_at`, the "now" of the command that recorded it. Each
//! connection keeps the instant of its running transaction in `temp.as_of` (set by
//! [`crate::Ledger::write`] and [`crate::Ledger::read_as_of`]); SQL stamps new
//! rows with it ([`RECORDED`]) and loaders read the `<table>_asof` views, which show the rows
//! recorded by then and, for a row replaced or deleted later, the version that stood then.
//! Temporary triggers keep those versions: an `UPDATE` or `DELETE` of a row recorded before
//! the running instant first copies it into `<table>_versions` with the instant it was
//! superseded at, and an update stamps the row with the running instant.

use rusqlite::Connection;

use crate::error::Result;
use ncp_usage_core::clock::{self, Instant};

/// SQL for the running command's instant, to stamp a new row with (`''`, "always", when no
/// instant is set). A macro, so that SQL can be put together with `concat!`.
#[macro_export]
#[doc(hidden)]
macro_rules! ledger_recorded {
    () => {
        "COALESCE((SELECT now FROM temp.as_of), '')"
    };
}

/// SQL for the instant reads filter by: the running one, else everything.
#[macro_export]
#[doc(hidden)]
macro_rules! ledger_visible {
    () => {
        "COALESCE((SELECT now FROM temp.as_of), '9999')"
    };
}

/// SQL for the account the running transaction works for (issue 15, docs/ACCOUNTS.md): every
/// statement on an account's rows names it, as every one stamps the instant. Set by
/// [`crate::Ledger::write`] and [`crate::Ledger::read_as_of`] ([`set_scope`]); without one,
/// an account's rows are out of reach (`NULL` matches no `account_id`) and inserting one
/// fails, so a forgotten scope shows nothing and writes nothing, never another account's.
#[macro_export]
#[doc(hidden)]
macro_rules! ledger_account {
    () => {
        "(SELECT account_id FROM temp.scope)"
    };
}

/// [`ledger_account!`] as a constant.
pub const ACCOUNT: &str = crate::ledger_account!();

/// [`ledger_recorded!`] as a constant.
pub const RECORDED: &str = crate::ledger_recorded!();

/// The view, and the triggers that keep versions, of one fact table: its name, its key
/// columns and its other columns. An account's table (the default) is keyed and filtered by
/// the running account ([`ledger_account!`]); a `shared` one (the holiday calendar) is every
/// account's.
macro_rules! versioned {
    ($table:literal, [$($key:literal),+], [$($col:literal),+]) => {
        versioned!(@ $table, "account_id = (SELECT account_id FROM temp.scope) AND ",
            ["account_id", $($key),+], [$($col),+])
    };
    (shared $table:literal, [$($key:literal),+], [$($col:literal),+]) => {
        versioned!(@ $table, "", [$($key),+], [$($col),+])
    };
    (@ $table:literal, $scoped:literal, [$($key:literal),+], [$($col:literal),+]) => {
        concat!(
            "CREATE TEMP VIEW IF NOT EXISTS ", $table, "_asof AS SELECT ",
            $($key, ", ",)+ $($col, ", ",)+ "recorded_at FROM main.", $table,
            " WHERE ", $scoped, "recorded_at <= ", crate::ledger_visible!(),
            " UNION ALL SELECT ", $($key, ", ",)+ $($col, ", ",)+ "recorded_at FROM main.",
            $table, "_versions WHERE ", $scoped, "recorded_at <= ", crate::ledger_visible!(),
            " AND superseded_at > ", crate::ledger_visible!(), ";\n",
            "CREATE TEMP TRIGGER IF NOT EXISTS ", $table, "_keep_updated AFTER UPDATE ON main.",
            $table, " WHEN OLD.recorded_at < (SELECT now FROM temp.as_of) BEGIN INSERT INTO ",
            $table, "_versions (", $($key, ", ",)+ $($col, ", ",)+ "recorded_at, superseded_at) VALUES (",
            $("OLD.", $key, ", ",)+ $("OLD.", $col, ", ",)+
            "OLD.recorded_at, (SELECT now FROM temp.as_of)); UPDATE ", $table,
            " SET recorded_at = (SELECT now FROM temp.as_of) WHERE ",
            $($key, " = NEW.", $key, " AND ",)+ "1; END;\n",
            "CREATE TEMP TRIGGER IF NOT EXISTS ", $table, "_keep_deleted AFTER DELETE ON main.",
            $table, " WHEN OLD.recorded_at < (SELECT now FROM temp.as_of) BEGIN INSERT INTO ",
            $table, "_versions (", $($key, ", ",)+ $($col, ", ",)+ "recorded_at, superseded_at) VALUES (",
            $("OLD.", $key, ", ",)+ $("OLD.", $col, ", ",)+
            "OLD.recorded_at, (SELECT now FROM temp.as_of)); END;\n"
        )
    };
}

/// The connection's temporary table, views and triggers.
pub(crate) const TEMP_SCHEMA: &str = concat!(
    "CREATE TEMP TABLE IF NOT EXISTS as_of (id INTEGER PRIMARY KEY CHECK (id = 1), now TEXT NOT NULL);\n",
    "CREATE TEMP TABLE IF NOT EXISTS scope (id INTEGER PRIMARY KEY CHECK (id = 1), account_id INTEGER NOT NULL);\n",
    versioned!(
        "contracts",
        ["contract_no"],
        ["service", "region", "plan", "price", "unit", "start_date", "end_date"]
    ),
    versioned!("usage", ["date", "contract_no"], ["quantity_milli"]),
    versioned!(
        "fee_lines",
        ["month", "source", "region", "service", "contract_no", "item"],
        [
            "quantity",
            "unit",
            "unit_price",
            "used_amount",
            "discount_amount",
            "estimated_payment_amount",
            "currency",
            "exact"
        ]
    ),
    versioned!(
        "promotions",
        ["name", "service"],
        [
            "provision_type",
            "pricing_plan",
            "provided",
            "used",
            "discount_rate",
            "credit",
            "valid_from",
            "valid_to"
        ]
    ),
    versioned!(shared "holidays", ["date"], ["name", "source"]),
    versioned!(
        "ncp_contract_summaries",
        ["month", "region", "contract_type", "status"],
        ["contract_type_name", "contracts"]
    ),
    versioned!(
        "ncp_daily_usage",
        ["date", "contract_no", "product_sequence", "metering_type"],
        [
            "service",
            "region",
            "quantity",
            "unit",
            "user_quantity",
            "user_unit"
        ]
    ),
    versioned!(
        "ncp_credits",
        ["member_no", "discount_no"],
        [
            "kind",
            "api",
            "name",
            "type_code",
            "type_name",
            "received",
            "remaining",
            "valid_from",
            "valid_to",
            "currency",
            "services"
        ]
    ),
    versioned!(
        "ncp_credit_uses",
        ["discount_no", "use_month", "service_code"],
        ["service", "used", "unused", "remaining"]
    ),
    versioned!(
        "ncp_product_discounts",
        ["member_no", "discount_no"],
        [
            "api",
            "name",
            "rate",
            "conditional",
            "minimum_amount",
            "capped",
            "maximum_amount",
            "valid_from",
            "valid_to",
            "currency",
            "services"
        ]
    ),
    versioned!(
        "ncp_product_discount_uses",
        ["discount_no", "use_month", "service_code"],
        ["service", "target", "applied"]
    ),
    versioned!(
        "ncp_discount_list",
        ["member_no", "discount_no"],
        [
            "type_code",
            "type_name",
            "name",
            "method_code",
            "method_name",
            "value",
            "valid_from",
            "valid_to",
            "currency"
        ]
    ),
    versioned!(
        "bills",
        ["month"],
        [
            "used_amount",
            "discount_amount",
            "rounddown_discount_amount",
            "vat_amount",
            "billed_amount",
            "overdue_ratio",
            "source",
            "issued_at"
        ]
    ),
    versioned!("ncp_demand_costs", ["month"], [
        "member_no",
        "api",
        "demand_no",
        "integration_demand_no",
        "previous_demand_no",
        "attribute",
        "currency",
        "exchange_rate",
        "use_amount",
        "promise_discount_amount",
        "promotion_discount_amount",
        "etc_discount_amount",
        "savings_plan_discount_amount",
        "customer_discount_amount",
        "product_discount_amount",
        "credit_discount_amount",
        "member_price_discount_amount",
        "member_promise_discount_amount",
        "rounddown_discount_amount",
        "currency_discount_amount",
        "coin_discount_amount",
        "default_amount",
        "demand_amount",
        "vat_rate",
        "vat_amount",
        "including_vat_amount",
        "total_demand_amount",
        "overdue_plus_amount",
        "this_month_overdue_amount",
        "total_overdue_amount",
        "overdue_ratio",
        "paid_up",
        "paid_up_at",
        "overdue_at",
        "written_at",
        "imported_at"
    ]),
);

/// Sets the running transaction's instant (`None`: every fact as stored).
pub(crate) fn set(conn: &Connection, now: Option<Instant>) -> Result<()> {
    conn.execute("DELETE FROM temp.as_of", [])?;
    if let Some(now) = now {
        conn.execute(
            "INSERT INTO temp.as_of (id, now) VALUES (1, ?1)",
            [clock::rfc3339(now)],
        )?;
    }
    Ok(())
}

/// Sets the account the running transaction works for (docs/ACCOUNTS.md).
pub(crate) fn set_scope(conn: &Connection, account: AccountId) -> Result<()> {
    conn.execute("DELETE FROM temp.scope", [])?;
    conn.execute(
        "INSERT INTO temp.scope (id, account_id) VALUES (1, ?1)",
        [account.0],
    )?;
    Ok(())
}

/// An account of the ledger, by its row in `accounts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountId(pub i64);

impl AccountId {
    /// The first account: the one an older, one-account ledger becomes (migration 0014).
    pub const MAIN: AccountId = AccountId(1);
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    #[test]
    fn every_account_view_filters_by_the_running_account() {
        // The scoped arm spells the filter out (a macro call is no literal): it must be
        // exactly `ledger_account!`'s SQL.
        assert!(TEMP_SCHEMA.contains(&format!("account_id = {ACCOUNT} AND ")));
        assert!(!TEMP_SCHEMA.contains("FROM main.holidays WHERE account_id"));
    }
}
