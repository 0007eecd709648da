//! The accounts of a ledger (issue 15, docs/ACCOUNTS.md): their names and NCP member numbers.
//! Which account a transaction works for is its scope ([`crate::as_of::set_scope`]); these
//! are the only statements that look across accounts.

use rusqlite::{params, Connection, OptionalExtension};

use crate::as_of::AccountId;
use crate::error::Result;
use ncp_usage_core::billing::accounts::{self as accounts_rule, check_name, AccountRef};
use ncp_usage_core::clock::{self, Instant};

/// The tables holding an account's rows, children before the tables they refer to, so that
/// removing an account deletes in this order. A unit test holds it to the schema: every
/// table with an `account_id` is here.
const ACCOUNT_TABLES: &[&str] = &[
    "payment_keys",
    "payment_applications",
    "credit_applications",
    "auto_attempts",
    "bill_adjustments",
    "penalties",
    "credits",
    "ncp_bills",
    "payments",
    "bills",
    "bills_versions",
    "payment_methods",
    "account_changes",
    "notifications",
    "cash_receipt_enrollments",
    "confirmations",
    "usage",
    "usage_versions",
    "usage_monthly",
    "contracts",
    "contracts_versions",
    "fee_lines",
    "fee_lines_versions",
    "promotions",
    "promotions_versions",
    "ncp_contract_summaries",
    "ncp_contract_summaries_versions",
    "ncp_demand_costs",
    "ncp_demand_costs_versions",
    "ncp_daily_usage",
    "ncp_daily_usage_versions",
    "ncp_credit_uses",
    "ncp_credit_uses_versions",
    "ncp_credits",
    "ncp_credits_versions",
    "ncp_discount_list",
    "ncp_discount_list_versions",
    "ncp_product_discount_uses",
    "ncp_product_discount_uses_versions",
    "ncp_product_discounts",
    "ncp_product_discounts_versions",
];

/// Every account, in the order they were made.
pub fn list(conn: &Connection) -> Result<Vec<AccountRef>> {
    let mut stmt = conn.prepare("SELECT id, name, member_no FROM accounts ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(AccountRef {
            id: r.get(0)?,
            name: r.get(1)?,
            member_no: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The account the running transaction works for.
pub fn running(conn: &Connection) -> Result<AccountRef> {
    Ok(conn.query_row(
        concat!(
            "SELECT id, name, member_no FROM accounts WHERE id = ",
            crate::ledger_account!()
        ),
        [],
        |r| {
            Ok(AccountRef {
                id: r.get(0)?,
                name: r.get(1)?,
                member_no: r.get(2)?,
            })
        },
    )?)
}

/// Adds an account named `name`, with its NCP member number when known.
pub fn add(
    conn: &Connection,
    name: &str,
    member_no: Option<&str>,
    now: Instant,
) -> Result<AccountId> {
    check_name(name)?;
    refuse_taken(conn, name, member_no, None)?;
    conn.execute(
        "INSERT INTO accounts (name, member_no, created_at) VALUES (?1, ?2, ?3)",
        params![name, member_no, clock::rfc3339(now)],
    )?;
    Ok(AccountId(conn.last_insert_rowid()))
}

/// Gives account `id` the name `name`.
pub fn rename(conn: &Connection, id: AccountId, name: &str) -> Result<()> {
    check_name(name)?;
    refuse_taken(conn, name, None, Some(id))?;
    conn.execute(
        "UPDATE accounts SET name = ?1 WHERE id = ?2",
        params![name, id.0],
    )?;
    Ok(())
}

/// Records account `id`'s NCP member number (the first NCP body that names it).
pub fn set_member_no(conn: &Connection, id: AccountId, member_no: &str) -> Result<()> {
    refuse_taken(conn, "", Some(member_no), Some(id))?;
    conn.execute(
        "UPDATE accounts SET member_no = ?1 WHERE id = ?2",
        params![member_no, id.0],
    )?;
    Ok(())
}

/// Every account with its NCP member (issue 15): the number it was given, else the one its
/// NCP figures name (an account whose member was not recorded when its bodies were
/// imported). The running transaction goes on working for the account it worked for.
pub fn with_members(conn: &Connection) -> Result<Vec<AccountRef>> {
    let running = running(conn)?;
    let mut all = list(conn)?;
    for a in all.iter_mut().filter(|a| a.member_no.is_none()) {
        crate::as_of::set_scope(conn, AccountId(a.id))?;
        a.member_no = crate::ncp::held_member(conn)?;
    }
    crate::as_of::set_scope(conn, AccountId(running.id))?;
    Ok(all)
}

/// Whether account `id` holds money: a bill or a payment (removing it would lose them).
pub fn holds_money(conn: &Connection, id: AccountId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM bills WHERE account_id = ?1)
             OR EXISTS (SELECT 1 FROM payments WHERE account_id = ?1)",
        [id.0],
        |r| r.get(0),
    )?)
}

/// Removes account `id` and every row it holds. The caller has asked (`--force` after a
/// prompt) when [`holds_money`] says it holds money.
pub fn remove(conn: &Connection, id: AccountId) -> Result<()> {
    for table in ACCOUNT_TABLES {
        // The table names are this module's constants, never input.
        let sql = ["DELETE FROM ", table, " WHERE account_id = ?1"].concat();
        conn.execute(&sql, [id.0])?;
    }
    conn.execute("DELETE FROM account WHERE id = ?1", [id.0])?;
    conn.execute("DELETE FROM accounts WHERE id = ?1", [id.0])?;
    Ok(())
}

/// Refuses a name or member number another account (not `except`) already has.
fn refuse_taken(
    conn: &Connection,
    name: &str,
    member_no: Option<&str>,
    except: Option<AccountId>,
) -> Result<()> {
    let except = except.map_or(0, |a| a.0);
    let by_name: Option<String> = conn
        .query_row(
            "SELECT name FROM accounts WHERE name = ?1 AND id <> ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()?;
    if by_name.is_some() {
        return Err(accounts_rule::name_taken(name).into());
    }
    if let Some(member_no) = member_no {
        let holder: Option<String> = conn
            .query_row(
                "SELECT name FROM accounts WHERE member_no = ?1 AND id <> ?2",
                params![member_no, except],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(holder) = holder {
            return Err(accounts_rule::member_taken(member_no, &holder).into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_with_an_account_is_removed_with_it() {
        let ledger = crate::Ledger::in_memory().unwrap();
        let conn = &ledger.conn;
        let mut stmt = conn
            .prepare(
                "SELECT m.name FROM sqlite_schema m
                 WHERE m.type = 'table'
                   AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'account_id')
                 ORDER BY m.name",
            )
            .unwrap();
        let mut scoped: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut listed: Vec<String> = ACCOUNT_TABLES.iter().map(|t| t.to_string()).collect();
        scoped.sort();
        listed.sort();
        assert_eq!(listed, scoped);
    }
}
