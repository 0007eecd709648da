//! `account show`: the member, the billing email, the payment method and every change with
//! its time (SPEC A1, A2, P11).

use ncp_usage_ledger::{account, Connection};

use crate::report::account::AccountView;
use crate::report::MethodView;
use ncp_usage_core::billing::account::PaymentMethod;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;

/// Shows the account as of `now`.
pub fn run(tx: &Connection, now: Instant) -> Result<AccountView> {
    let member = account::require_member(tx)?;
    let method = account::current_method(tx, now)?;
    Ok(AccountView {
        member,
        payment_method_label: method.as_ref().map(PaymentMethod::label),
        payment_method: MethodView::new(method.as_ref()),
        changes: account::changes(tx, now)?,
        business: Some(account::business(tx)?).filter(|b| !b.is_empty()),
    })
}
