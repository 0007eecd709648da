//! Loading a month's fee lines: shared by `history` and `export`, so both always show the
//! same lines.

use rusqlite::Connection;

use crate::billing::facts::FeeLine;
use crate::billing::period::{usage_period, Period};
use crate::billing::rating::month_lines;
use crate::calendar::Month;
use crate::clock::Instant;
use crate::error::Result;
use crate::ledger::{contracts, fees};
use crate::report::history::Source;

/// A month's fee lines as of an instant.
pub struct MonthFees {
    /// The days counted (H2).
    pub period: Period,
    /// Rated or imported.
    pub source: Source,
    /// The lines, by region, service and contract.
    pub lines: Vec<FeeLine>,
}

/// H1–H3: an imported statement if the month has one; otherwise every contract held in the
/// period, rated.
pub fn load(conn: &Connection, month: Month, now: Instant) -> Result<MonthFees> {
    let period = usage_period(month, now.date_naive())?;
    let imported = fees::of_month(conn, month)?;
    if !imported.is_empty() {
        return Ok(MonthFees {
            period,
            source: Source::Imported,
            lines: imported,
        });
    }
    let lines = match period.to {
        Some(to) => {
            let held = contracts::held_between(conn, period.from, to)?;
            let quantities = contracts::metered_quantities(conn, month, &period)?;
            month_lines(&held, &quantities, month, &period)
        }
        None => Vec::new(),
    };
    Ok(MonthFees {
        period,
        source: Source::Rated,
        lines,
    })
}
