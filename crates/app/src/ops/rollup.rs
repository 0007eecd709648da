//! `--all-accounts` roll-ups (issue 15): each account's own op, run in turn in the one read
//! transaction (the scope switched by [`work_for`], each account caught up to "now" as a
//! command for it would be), and the totals per currency from core's
//! [`rollup::totals`], an Organization's integrated bill counted once.

use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::rollup::{self, BillRef, Part};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::{accounts, ncp, work_for, AccountId, Connection};

use super::catch_up::catch_up;
use super::history::{self, HistoryRequest};
use super::status::{self, StatusRequest};
use super::trend::{self, TrendRequest};
use super::{pay_show, promotions};
use crate::report::accounts::Accounts;
use crate::report::history::History;
use crate::report::pay::PayView;
use crate::report::promotions::Promotions;
use crate::report::rollup::{Block, Rollup};
use crate::report::status::Status;
use crate::report::trend::Trend;

/// Runs `view` for every account, in the order they were made, then sums what `parts` takes
/// from each view (reading the account's NCP bills while it is in scope).
fn across<T>(
    tx: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
    summing: &'static str,
    view: impl Fn(&Connection) -> Result<T>,
    parts: impl Fn(&Connection, &str, &T) -> Result<Vec<Part>>,
) -> Result<Rollup<T>> {
    let mut blocks = Vec::new();
    let mut all = Vec::new();
    for a in accounts::list(tx)? {
        work_for(tx, AccountId(a.id))?;
        catch_up(tx, now, gateway)?;
        let v = view(tx)?;
        all.extend(parts(tx, &a.name, &v)?);
        blocks.push(Block {
            account: a.name,
            member_no: a.member_no,
            view: v,
        });
    }
    let totals = rollup::totals(&all).ok_or_else(overflow)?;
    Ok(Rollup {
        summing,
        accounts: blocks,
        totals,
    })
}

fn overflow() -> Error {
    Error::other("the totals across accounts overflow")
}

/// NCP's numbers of the account's bill of `month`, when NCP's bill is imported.
fn bill_ref(tx: &Connection, month: Month) -> Result<Option<BillRef>> {
    Ok(ncp::demand_cost(tx, month)?.map(|d| BillRef {
        demand_no: d.demand_no,
        integration_demand_no: d.integration_demand_no,
    }))
}

fn krw(amount: Krw) -> Exact {
    Exact::from(amount)
}

/// `history --all-accounts`: each account's month and the month's totals per currency.
pub fn history(
    tx: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
    request: &HistoryRequest,
) -> Result<Rollup<History>> {
    across(
        tx,
        now,
        gateway,
        "the month's totals",
        |tx| history::run(tx, now, request),
        |tx, name, h: &History| {
            let bill = bill_ref(tx, h.month)?;
            // A month NCP billed in another currency is summed in it, as NCP wrote it.
            let part = match h.ncp_bill.as_ref().filter(|b| !b.currency.is_krw()) {
                Some(b) => Part {
                    account: name.to_string(),
                    currency: b.currency.clone(),
                    amounts: vec![
                        ("used_amount", b.use_amount),
                        ("discount_amount", b.discount_amount),
                        ("vat_amount", b.vat_amount),
                        ("billed_amount", b.billed_amount.unwrap_or_default()),
                    ],
                    bill,
                },
                None => Part {
                    account: name.to_string(),
                    currency: Currency::krw(),
                    amounts: vec![
                        ("used_amount", krw(h.totals.used_amount)),
                        ("discount_amount", krw(h.totals.discount_amount)),
                        ("vat_amount", krw(h.totals.vat_amount)),
                        ("billed_amount", krw(h.totals.billed_amount)),
                    ],
                    bill,
                },
            };
            Ok(vec![part])
        },
    )
}

/// `trend --all-accounts`: each account's months, summed over the months shown.
pub fn trend(
    tx: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
    request: &TrendRequest,
) -> Result<Rollup<Trend>> {
    across(
        tx,
        now,
        gateway,
        "summed over the months shown",
        |tx| trend::run(tx, now, request),
        |tx, name, t: &Trend| {
            let mut parts = Vec::new();
            for m in &t.months {
                let bill = bill_ref(tx, m.month)?;
                parts.push(match &m.other_currency {
                    Some(o) => Part {
                        account: name.to_string(),
                        currency: o.currency.clone(),
                        amounts: vec![
                            ("used_amount", o.use_amount),
                            ("billed_amount", o.billed_amount),
                        ],
                        bill,
                    },
                    None => Part {
                        account: name.to_string(),
                        currency: Currency::krw(),
                        amounts: vec![
                            ("used_amount", krw(m.used_amount)),
                            ("billed_amount", krw(m.billed_amount)),
                            ("paid_amount", krw(m.paid_amount)),
                            ("outstanding_amount", krw(m.outstanding_amount)),
                            ("penalty_amount", krw(m.penalty_amount)),
                        ],
                        bill,
                    },
                });
            }
            Ok(parts)
        },
    )
}

/// `pay --all-accounts` (read only): each account's bills, summed.
pub fn pay(tx: &Connection, now: Instant, gateway: &dyn Gateway) -> Result<Rollup<PayView>> {
    across(
        tx,
        now,
        gateway,
        "every bill shown",
        |tx| pay_show::run(tx, now),
        |tx, name, p: &PayView| {
            let mut parts = Vec::new();
            for b in &p.bills {
                parts.push(Part {
                    account: name.to_string(),
                    currency: Currency::krw(),
                    amounts: vec![
                        ("billed_amount", krw(b.billed_amount)),
                        ("paid_amount", krw(b.paid_amount)),
                        ("penalty_amount", krw(b.penalty_amount)),
                        ("unpaid_amount", krw(b.unpaid_amount)),
                    ],
                    bill: bill_ref(tx, b.month)?,
                });
            }
            if parts.is_empty() {
                parts.push(Part {
                    account: name.to_string(),
                    currency: Currency::krw(),
                    amounts: vec![
                        ("billed_amount", Exact::ZERO),
                        ("paid_amount", Exact::ZERO),
                        ("penalty_amount", Exact::ZERO),
                        ("unpaid_amount", Exact::ZERO),
                    ],
                    bill: None,
                });
            }
            Ok(parts)
        },
    )
}

/// `status --all-accounts`: each account's contracts, counted.
pub fn status(
    tx: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
    request: &StatusRequest,
) -> Result<Rollup<Status>> {
    across(
        tx,
        now,
        gateway,
        "contracts held",
        |tx| status::run(tx, now, request),
        |_, name, s: &Status| {
            let held = s.services.iter().map(|h| h.contracts).sum::<usize>();
            Ok(vec![Part {
                account: name.to_string(),
                currency: Currency::krw(),
                amounts: vec![("contracts", Exact(held.into()))],
                bill: None,
            }])
        },
    )
}

/// `promotions --all-accounts`: each account's promotions, with the credit left summed.
pub fn promotions(
    tx: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
) -> Result<Rollup<Promotions>> {
    across(
        tx,
        now,
        gateway,
        "credit left",
        |tx| promotions::run(tx, now),
        |_, name, p: &Promotions| {
            let left = p
                .promotions
                .iter()
                .filter_map(|r| r.credit_remaining)
                .try_fold(Krw::ZERO, |sum, a| sum.checked_add(a))
                .ok_or_else(overflow)?;
            Ok(vec![Part {
                account: name.to_string(),
                currency: Currency::krw(),
                amounts: vec![("credit_remaining", krw(left))],
                bill: None,
            }])
        },
    )
}

/// `accounts --all-accounts`: the list, with a total per currency of what the accounts used
/// in the month of "now" (in each month's currency) and what they owe (won).
pub fn accounts(tx: &Connection, now: Instant, gateway: &dyn Gateway) -> Result<Accounts> {
    let mut list = super::accounts::list(tx, now, gateway)?;
    let mut parts = Vec::new();
    for (a, row) in accounts::list(tx)?.iter().zip(&list.accounts) {
        work_for(tx, AccountId(a.id))?;
        parts.push(Part {
            account: row.name.clone(),
            currency: row.currency.clone(),
            amounts: vec![("month_used_amount", row.month_used_amount)],
            bill: bill_ref(tx, row.month)?,
        });
        parts.push(Part {
            account: row.name.clone(),
            currency: Currency::krw(),
            amounts: vec![("outstanding_amount", krw(row.outstanding_amount))],
            bill: None,
        });
    }
    list.totals = Some(rollup::totals(&parts).ok_or_else(overflow)?);
    Ok(list)
}
