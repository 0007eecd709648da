//! `pay` without an action: the bills, what is unpaid and whether instant payment is open
//! (SPEC P4, P9).

use ncp_usage_core::billing::payment::{blocked_since, instant_window};
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::{Kind, Result};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::{account, bills, ncp, Connection};

use crate::ops::pay::{preview_instant, InstantRequest};
use crate::report::ncp_bill::NcpBill;
use crate::report::pay::{BillRow, InstantView, PayView};
use crate::report::MethodView;

/// What is owed at `now`.
pub fn run(tx: &Connection, now: Instant) -> Result<PayView> {
    let balances = bills::balances(tx, now)?;
    let window = instant_window(now);
    let payable_amount: Krw = balances.iter().map(|b| b.unpaid()).sum();
    // What `pay --instant` would answer now, so the page never suggests a payment a rule (P7,
    // P8, a missing method) would refuse: the same preview the paying command runs.
    let refusal = if window.open && !payable_amount.is_zero() {
        match preview_instant(tx, now, &InstantRequest::every_bill()) {
            Ok(_) => None,
            Err(e) if matches!(e.kind, Kind::Refused | Kind::Invalid) => {
                Some(e.sentence().to_string())
            }
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let ncp_bills = ncp_bills(tx)?;
    Ok(PayView {
        as_of: clock::rfc3339(now),
        instant: InstantView {
            open: window.open,
            next_opens_at: window.next_opens_at.map(clock::rfc3339),
            payable_amount,
            refusal,
        },
        // A month NCP billed in another currency has no bill of won: the 0-won bill the
        // ledger issued before NCP's arrived is not a bill "paid", NCP's is listed below as
        // every such month's is (with something billed, paid or charged on it, it stays).
        bills: balances
            .iter()
            .filter(|b| {
                let foreign = ncp_bills
                    .iter()
                    .any(|n| n.month == b.month && !n.payable_here);
                !(foreign
                    && b.billed_amount.is_zero()
                    && b.penalty_amount.is_zero()
                    && b.paid().is_zero())
            })
            .map(|b| BillRow::new(b, now))
            .collect(),
        credit_balance: bills::credit_balance(tx, now)?,
        pending_adjustment_amount: bills::pending_adjustments(tx, now)?,
        payment_method: MethodView::new(account::current_method(tx, now)?.as_ref()),
        blocked_since: blocked_since(&balances, now).map(clock::rfc3339),
        ncp_bills,
    })
}

/// NCP's bills of every month NCP billed, exact and in their currency.
pub fn ncp_bills(tx: &Connection) -> Result<Vec<NcpBill>> {
    let mut out = Vec::new();
    for month in ncp::demand_cost_months(tx)? {
        out.extend(ncp::demand_cost(tx, month)?.as_ref().map(NcpBill::new));
    }
    Ok(out)
}
