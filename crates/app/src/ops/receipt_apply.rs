//! `receipt apply`: automatic issuance of cash receipts (SPEC R1), with the member's consent
//! to provide the transaction information to the National Tax Service.

use ncp_usage_core::billing::receipt::{check_may_apply, NTS_CONSENT};
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{account, receipts, Connection};

use crate::report::import::Done;

/// R1: only individual members get cash receipts. Asked before the consent prompt, and again
/// under the lock.
pub fn check(tx: &Connection) -> Result<()> {
    let member = account::require_member(tx)?;
    check_may_apply(member.member_type).map_err(Error::refused)
}

/// Turns automatic issuance on from `now`, the member having consented.
pub fn run(tx: &Connection, now: Instant) -> Result<Done> {
    check(tx)?;
    receipts::apply(tx, NTS_CONSENT, now)?;
    Ok(Done {
        message: "Automatic issuance of cash receipts is on: each payment by account transfer or direct deposit gets a cash receipt, on the NTS website from the next business day.".to_string(),
    })
}
