//! `pay --auto`: the automatic payments due by now (what cron runs daily, SPEC P2, P3).
//!
//! It is the catch-up every writing command runs first, run on its own so that it can report
//! what it did: the command opens its transaction without the usual catch-up.

use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{bills, Connection};

use crate::ops::catch_up::catch_up_for_write;
use crate::report::pay::AutoDoc;

/// Catches the ledger up to `now`, charging what falls due with `gateway`.
pub fn run(tx: &Connection, now: Instant, gateway: &dyn Gateway) -> Result<AutoDoc> {
    let done = catch_up_for_write(tx, now, gateway)?;
    let payments = done
        .attempts
        .iter()
        .filter_map(|a| a.payment_id)
        .map(|id| bills::payment(tx, id))
        .collect::<ncp_usage_ledger::error::Result<Vec<_>>>()?;
    // An earlier command's catch-up may already have made (or been declined) today's attempt:
    // saying "nothing was due" then would hide it, so the document names those attempts.
    let today = now.date_naive();
    let earlier_today = if done.attempts.is_empty() {
        bills::attempts(tx, now)?
            .into_iter()
            .filter(|a| a.at.date_naive() == today)
            .collect()
    } else {
        Vec::new()
    };
    Ok(AutoDoc {
        as_of: clock::rfc3339(now),
        payments,
        attempts: done.attempts,
        earlier_today,
    })
}
