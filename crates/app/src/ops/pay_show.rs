//! `pay` without an action: the bills, what is unpaid and whether instant payment is open
//! (SPEC P4, P9).

use ncp_usage_core::billing::payment::{blocked_since, instant_window};
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{account, bills, ncp, Connection};

use crate::report::ncp_bill::NcpBill;
use crate::report::pay::{BillRow, InstantView, PayView};
use crate::report::MethodView;

/// What is owed at `now`.
pub fn run(tx: &Connection, now: Instant) -> Result<PayView> {
    let balances = bills::balances(tx, now)?;
    let window = instant_window(now);
    Ok(PayView {
        as_of: clock::rfc3339(now),
        instant: InstantView {
            open: window.open,
            next_opens_at: window.next_opens_at.map(clock::rfc3339),
            payable_amount: balances.iter().map(|b| b.unpaid()).sum(),
        },
        bills: balances.iter().map(|b| BillRow::new(b, now)).collect(),
        credit_balance: bills::credit_balance(tx, now)?,
        pending_adjustment_amount: bills::pending_adjustments(tx, now)?,
        payment_method: MethodView::new(account::current_method(tx, now)?.as_ref()),
        blocked_since: blocked_since(&balances, now).map(clock::rfc3339),
        ncp_bills: ncp_bills(tx)?,
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
