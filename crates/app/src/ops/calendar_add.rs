//! `calendar add`: a holiday that business days skip (SPEC C1), or a new name for the one on
//! that day.

use chrono::NaiveDate;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::holidays;
use ncp_usage_ledger::upsert::Upserted;
use ncp_usage_ledger::Connection;

use crate::report::import::Done;

/// A holiday, its name checked before the ledger is opened.
#[derive(Debug, Clone)]
pub struct Request {
    date: NaiveDate,
    name: String,
}

impl Request {
    /// The name as stored: trimmed, NFC, 1 to 100 characters, no control characters.
    pub fn new(date: NaiveDate, name: &str) -> Result<Request> {
        let name = ncp_usage_core::text::clean(name, 100).map_err(|_| {
            Error::invalid(
                "the holiday name must be 1 to 100 characters without control characters",
            )
        })?;
        Ok(Request { date, name })
    }
}

/// Adds or renames the holiday.
pub fn run(tx: &Connection, request: &Request) -> Result<Done> {
    let Request { date, name } = request;
    let message = match holidays::upsert(tx, *date, name)? {
        Upserted::Added => format!("Added {date} ({name}) to the holiday calendar."),
        Upserted::Updated => format!("Renamed the holiday on {date} to {name}."),
        Upserted::Unchanged => format!("{date} ({name}) was already in the holiday calendar."),
    };
    Ok(Done { message })
}
