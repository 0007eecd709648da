//! `receipt list`: cash receipts and tax invoices with the days they can be checked
//! (SPEC R1–R3).

use ncp_usage_ledger::{account, bills, holidays, receipts, Connection};

use crate::report::receipt::Receipts;
use ncp_usage_core::billing::receipt::{documents, MemberTypes, PaidFact};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::Result;

/// Lists the documents issued by `now`, only those of `month` (`--month`) when given.
pub fn run(tx: &Connection, now: Instant, month: Option<Month>) -> Result<Receipts> {
    let member = account::require_member(tx)?;
    let calendar = holidays::calendar(tx)?;
    let enrollments = receipts::enrollments(tx)?;
    let payments: Vec<PaidFact> = bills::payments(tx, now)?
        .into_iter()
        .map(|p| PaidFact {
            issuance_on: receipts::issuance_on(&enrollments, &clock::rfc3339(p.paid_at)),
            paid_on: p.paid_at.date_naive(),
            months: p.applied.iter().map(|a| a.month).collect(),
            payment_id: p.payment_id,
            method: p.method,
            amount: p.amount,
        })
        .collect();
    let changes = account::member_type_changes(tx)?;
    let member_types = MemberTypes {
        changes: &changes,
        current: member.member_type,
    };
    let bills = bills::balances(tx, now)?;
    Ok(Receipts {
        automatic_issuance: receipts::issuance_on(&enrollments, &clock::rfc3339(now)),
        receipts: documents(
            &payments,
            &bills,
            &member_types,
            &calendar,
            now.date_naive(),
            month,
        ),
    })
}
