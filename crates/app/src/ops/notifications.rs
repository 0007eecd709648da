//! `notifications`: the email and SMS outbox — bills issued, failed automatic payments,
//! outstanding amounts, blocking notices, late penalties (SPEC P1, P9, P10).

use ncp_usage_ledger::{bills, Connection};

use crate::report::pay::Outbox;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;

/// Lists the messages sent by `now`, only those about `month` (`--month`) when given.
pub fn run(tx: &Connection, now: Instant, month: Option<Month>) -> Result<Outbox> {
    Ok(Outbox {
        notifications: bills::notifications(tx, now, month)?,
    })
}
