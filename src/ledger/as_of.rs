//! T2 for facts: the ledger as it stood at the command's instant.
//!
//! Every fact row carries `recorded_at`, the "now" of the command that recorded it. Each
//! connection keeps the instant of its running transaction in `temp.as_of` (set by
//! [`crate::ledger::Ledger::write`] and [`crate::ledger::Ledger::read_as_of`]); SQL stamps new
//! rows with it ([`RECORDED`]) and loaders read the `<table>_asof` views, which show the rows
//! recorded by then and, for a row replaced or deleted later, the version that stood then.
//! Temporary triggers keep those versions: an `UPDATE` or `DELETE` of a row recorded before
//! the running instant first copies it into `<table>_versions` with the instant it was
//! superseded at, and an update stamps the row with the running instant.

use rusqlite::Connection;

use crate::clock::{self, Instant};
use crate::error::Result;

/// SQL for the running command's instant, to stamp a new row with (`''`, "always", when no
/// instant is set).
pub const RECORDED: &str = "COALESCE((SELECT now FROM temp.as_of), '')";

/// SQL for the instant reads filter by: the running one, else everything.
pub(crate) const VISIBLE: &str = "COALESCE((SELECT now FROM temp.as_of), '9999')";

/// The fact tables with versions: name, key columns, other columns.
const VERSIONED: &[(&str, &[&str], &[&str])] = &[
    (
        "contracts",
        &["contract_no"],
        &[
            "service",
            "region",
            "plan",
            "price",
            "unit",
            "start_date",
            "end_date",
        ],
    ),
    ("usage", &["date", "contract_no"], &["quantity_milli"]),
    (
        "fee_lines",
        &["month", "source", "region", "service", "contract_no", "item"],
        &[
            "quantity",
            "unit",
            "unit_price",
            "used_amount",
            "discount_amount",
            "estimated_payment_amount",
        ],
    ),
    (
        "promotions",
        &["name", "service"],
        &[
            "provision_type",
            "pricing_plan",
            "provided",
            "used",
            "discount_rate",
            "credit",
            "valid_from",
            "valid_to",
        ],
    ),
    ("holidays", &["date"], &["name", "source"]),
    (
        "ncp_contract_summaries",
        &["month", "region", "contract_type", "status"],
        &["contract_type_name", "contracts"],
    ),
];

/// The connection's temporary table, views and triggers.
pub(crate) fn temp_schema() -> String {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS as_of (id INTEGER PRIMARY KEY CHECK (id = 1), now TEXT NOT NULL);\n",
    );
    for (table, key, rest) in VERSIONED {
        let cols: Vec<&str> = key.iter().chain(rest.iter()).copied().collect();
        let list = cols.join(", ");
        let old = cols
            .iter()
            .map(|c| format!("OLD.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let same_key = key
            .iter()
            .map(|c| format!("{c} = NEW.{c}"))
            .collect::<Vec<_>>()
            .join(" AND ");
        let now = "(SELECT now FROM temp.as_of)";
        sql.push_str(&format!(
            "CREATE TEMP VIEW IF NOT EXISTS {table}_asof AS
               SELECT {list} FROM main.{table} WHERE recorded_at <= {VISIBLE}
               UNION ALL
               SELECT {list} FROM main.{table}_versions
               WHERE recorded_at <= {VISIBLE} AND superseded_at > {VISIBLE};
             CREATE TEMP TRIGGER IF NOT EXISTS {table}_keep_updated AFTER UPDATE ON main.{table}
             WHEN OLD.recorded_at < {now}
             BEGIN
               INSERT INTO {table}_versions ({list}, recorded_at, superseded_at)
               VALUES ({old}, OLD.recorded_at, {now});
               UPDATE {table} SET recorded_at = {now} WHERE {same_key};
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS {table}_keep_deleted AFTER DELETE ON main.{table}
             WHEN OLD.recorded_at < {now}
             BEGIN
               INSERT INTO {table}_versions ({list}, recorded_at, superseded_at)
               VALUES ({old}, OLD.recorded_at, {now});
             END;\n"
        ));
    }
    sql
}

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

/// The running transaction's instant, if one is set.
pub fn current(conn: &Connection) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT now FROM temp.as_of", [], |r| r.get(0))
        .optional()?)
}
