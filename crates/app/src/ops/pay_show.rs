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
    Ok(PayView {
        as_of: clock::rfc3339(now),
        instant: InstantView {
            open: window.open,
            next_opens_at: window.next_opens_at.map(clock::rfc3339),
            payable_amount,
            refusal,
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
