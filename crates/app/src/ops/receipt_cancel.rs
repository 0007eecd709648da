//! `receipt cancel`: stop automatic issuance of cash receipts from now on (SPEC R1).

use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{receipts, Connection};

use crate::ops::receipt_apply::check;
use crate::report::import::Done;

/// Turns automatic issuance off from `now`.
pub fn run(tx: &Connection, now: Instant) -> Result<Done> {
    check(tx)?;
    receipts::cancel(tx, now)?;
    Ok(Done {
        message: "Automatic issuance of cash receipts is off from now on.".to_string(),
    })
}
