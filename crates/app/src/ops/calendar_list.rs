//! `calendar list`: the holidays that business days skip (SPEC C1).

use ncp_usage_ledger::{holidays, Connection};

use crate::report::calendar::Holidays;
use ncp_usage_core::error::Result;

/// Lists the holidays, only those of `year` (`--year`) when given.
pub fn run(tx: &Connection, year: Option<i32>) -> Result<Holidays> {
    Ok(Holidays {
        year,
        holidays: holidays::list(tx, year)?,
    })
}
