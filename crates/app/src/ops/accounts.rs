//! `accounts`: the accounts of the ledger, each with its month of "now" (issue 15), and
//! adding, renaming and removing one.
//!
//! The list visits every account in turn in its one read transaction (the scope switched by
//! [`ncp_usage_ledger::work_for`]), catching each up to "now" as a command for it would, and
//! takes each figure from the op that shows it (`history`, `pay`), so an account's row always
//! agrees with that account's own views.

use ncp_usage_core::billing::accounts::AccountRef;
use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::payment::BillStatus;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::{account, accounts, work_for, AccountId, Connection};

use super::catch_up::catch_up;
use super::history::{self, HistoryRequest};
use super::pay_show;
use crate::report::accounts::{AccountRow, Accounts, Changed};

/// Lists every account with its month of "now": used so far, outstanding, blocked.
pub fn list(tx: &Connection, now: Instant, gateway: &dyn Gateway) -> Result<Accounts> {
    let mut rows = Vec::new();
    for a in accounts::list(tx)? {
        work_for(tx, AccountId(a.id))?;
        catch_up(tx, now, gateway)?;
        rows.push(row(tx, now, &a)?);
    }
    Ok(Accounts {
        as_of: ncp_usage_core::clock::rfc3339(now),
        accounts: rows,
        totals: None,
    })
}

fn row(tx: &Connection, now: Instant, a: &AccountRef) -> Result<AccountRow> {
    let member = account::member(tx)?;
    let request = HistoryRequest {
        month: None,
        region: None,
        detail: false,
    };
    let month = history::run(tx, now, &request)?;
    let pay = pay_show::run(tx, now)?;
    let outstanding = pay
        .bills
        .iter()
        .filter(|b| b.status != BillStatus::Paid)
        .try_fold(Krw::ZERO, |sum, b| sum.checked_add(b.unpaid_amount))
        .ok_or_else(|| Error::other("the outstanding amounts overflow"))?;
    Ok(AccountRow {
        name: a.name.clone(),
        member_no: a.member_no.clone(),
        member_type: member.map(|m| m.member_type),
        // A month NCP billed in another currency is that currency's (never summed with won).
        currency: month
            .ncp_bill
            .as_ref()
            .map_or_else(Currency::krw, |b| b.currency.clone()),
        month_used_amount: month
            .ncp_bill
            .as_ref()
            .filter(|b| b.currency != Currency::krw())
            .map_or_else(|| Exact::from(month.totals.used_amount), |b| b.use_amount),
        month: month.month,
        outstanding_amount: outstanding,
        blocked: pay.blocked_since.is_some(),
    })
}

/// Adds an account (`accounts add`).
pub fn add(tx: &Connection, now: Instant, name: &str, member_no: Option<&str>) -> Result<Changed> {
    let id = accounts::add(tx, name, member_no, now)?;
    Ok(Changed::added(id.0, name))
}

/// Renames an account (`accounts rename`).
pub fn rename(tx: &Connection, from: &str, to: &str) -> Result<Changed> {
    let all = accounts::list(tx)?;
    let a = ncp_usage_core::billing::accounts::choose(&all, Some(from))?;
    accounts::rename(tx, AccountId(a.id), to)?;
    Ok(Changed::renamed(a.id, &a.name, to))
}

/// Removes an account (`accounts remove`): refused while it holds a bill or a payment,
/// unless `force` (asked for at a prompt by the command line).
pub fn remove(tx: &Connection, name: &str, force: bool) -> Result<Changed> {
    let all = accounts::list(tx)?;
    let a = ncp_usage_core::billing::accounts::choose(&all, Some(name))?;
    if all.len() == 1 {
        return Err(Error::refused(format!(
            "{} is the ledger's only account; to start again, use a new ledger (--db)",
            a.name
        )));
    }
    if !force && accounts::holds_money(tx, AccountId(a.id))? {
        return Err(Error::refused(format!(
            "account {} holds bills or payments; removing it deletes them: add --force to remove it anyway",
            a.name
        )));
    }
    accounts::remove(tx, AccountId(a.id))?;
    Ok(Changed::removed(a.id, &a.name))
}
