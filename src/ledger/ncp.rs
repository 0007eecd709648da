//! Storing NCP's own figures (`import ncp`, `sync`): bills, per-service and per-contract
//! amounts, contract counts and daily quantities, as NCP computed them.
//!
//! Re-importing a month replaces NCP's earlier figures for it: a bill written before the
//! month ended is superseded by the final one, never added to it.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::bills::{self, Bill, NewPayment};
use super::fees;
use crate::billing::facts::FeeLine;
use crate::billing::payment::allocate;
use crate::billing::penalty::default_ratio;
use crate::billing::schedule;
use crate::billing::statement::Totals;
use crate::calendar::Month;
use crate::clock::{self, Instant};
use crate::error::Result;
use crate::exchange::ncp::{Body, ContractSummary, DailyUsage, DemandCost, Page};
use crate::money::Krw;

/// What an NCP import stored.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stored {
    /// Rows read per API action.
    pub rows: BTreeMap<&'static str, usize>,
    /// Months whose bill NCP's figures now stand for.
    pub bills: Vec<Month>,
    /// Months whose per-service or per-contract amounts were replaced.
    pub months: Vec<Month>,
    /// Where NCP's per-service amounts do not add up to its bill.
    pub differences: Vec<String>,
}

/// Fee lines of one month and source, merged by region, service, contract and item.
type LinesByKey = BTreeMap<(String, String, String, String), FeeLine>;

/// NCP's contract counts of a month: (service name, region, contracts held).
pub type ContractCounts = (Month, Vec<(String, String, i64)>);

/// Stores the bodies of one import or sync, inside the caller's transaction.
pub fn store(conn: &Connection, pages: &[Page], now: Instant) -> Result<Stored> {
    let mut stored = Stored::default();
    let mut demand: BTreeMap<Month, DemandCost> = BTreeMap::new();
    let mut lines: BTreeMap<(Month, &'static str), LinesByKey> = BTreeMap::new();
    let mut unmonthed: Vec<&ContractSummary> = Vec::new();
    let mut daily: Vec<&DailyUsage> = Vec::new();
    for page in pages {
        *stored.rows.entry(page.body.action()).or_default() += page.body.len();
        match &page.body {
            // A later body for the same month (a re-import, a later page) supersedes.
            Body::DemandCosts(rows) => {
                for d in rows {
                    demand.insert(d.month, d.clone());
                }
            }
            Body::ProductCosts(rows) | Body::ContractCosts(rows) => {
                let source = if matches!(page.body, Body::ProductCosts(_)) {
                    "ncp_product"
                } else {
                    "ncp_contract"
                };
                for l in rows {
                    let key = (
                        l.region.clone(),
                        l.service.clone(),
                        l.contract_no.clone(),
                        l.item.clone(),
                    );
                    lines
                        .entry((l.month, source))
                        .or_default()
                        .entry(key)
                        .and_modify(|m| merge(m, l))
                        .or_insert_with(|| l.clone());
                }
            }
            Body::ContractSummaries(rows) => unmonthed.extend(rows),
            Body::DailyUsage(rows) => daily.extend(rows),
        }
    }
    // Contract summary rows carry no month: they count the month the other bodies of the
    // same import are about, or the month of "now".
    let mut months: Vec<Month> = demand
        .keys()
        .copied()
        .chain(lines.keys().map(|(m, _)| *m))
        .collect();
    months.sort();
    months.dedup();
    let fallback = if months.len() == 1 {
        months[0]
    } else {
        Month::of(now.date_naive())
    };
    let mut summaries: BTreeMap<Month, Vec<&ContractSummary>> = BTreeMap::new();
    for s in unmonthed {
        summaries
            .entry(s.month.unwrap_or(fallback))
            .or_default()
            .push(s);
    }
    for ((month, source), month_lines) in &lines {
        fees::replace_month(conn, *month, source, month_lines.values())?;
        if !stored.months.contains(month) {
            stored.months.push(*month);
        }
    }
    for (month, rows) in &summaries {
        conn.execute(
            "DELETE FROM ncp_contract_summaries WHERE month = ?1",
            [month.to_string()],
        )?;
        for s in rows {
            conn.execute(
                "INSERT INTO ncp_contract_summaries (month, region, contract_type, contract_type_name, status, contracts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (month, region, contract_type, status) DO UPDATE SET contracts = contracts + excluded.contracts",
                params![month.to_string(), s.region, s.contract_type, s.contract_type_name, s.status, s.contracts],
            )?;
        }
    }
    for u in daily {
        conn.execute(
            "INSERT INTO ncp_daily_usage (contract_no, date, product, quantity, unit) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (contract_no, date, product) DO UPDATE SET quantity = excluded.quantity, unit = excluded.unit",
            params![u.contract_no, u.date.to_string(), u.product, u.quantity.to_string(), u.unit],
        )?;
    }
    for d in demand.values() {
        store_bill(conn, d, now)?;
        stored.bills.push(d.month);
        // The cross-check: NCP's per-service amounts add up to its bill.
        if let Some(product) = lines.get(&(d.month, "ncp_product")) {
            let sum: Krw = product.values().map(|l| l.used_amount).sum();
            if sum != d.use_amount {
                stored.differences.push(format!(
                    "{}: the per-service used amounts add up to {} KRW but the bill says {} KRW (difference {})",
                    d.month,
                    sum.grouped(),
                    d.use_amount.grouped(),
                    (sum - d.use_amount).grouped()
                ));
            }
        }
    }
    stored.months.sort();
    Ok(stored)
}

fn merge(into: &mut FeeLine, more: &FeeLine) {
    into.quantity += more.quantity;
    into.used_amount += more.used_amount;
    into.discount_amount += more.discount_amount;
    into.estimated_payment_amount += more.estimated_payment_amount;
}

/// NCP's bill of a month: it becomes the ledger's bill for that month (source `ncp`), and
/// NCP's paid-up state becomes a payment of kind `ncp`, replaced on every re-import.
fn store_bill(conn: &Connection, d: &DemandCost, now: Instant) -> Result<()> {
    let month = d.month.to_string();
    let estimated = d.use_amount - d.discount_amount;
    let totals = Totals {
        used_amount: d.use_amount,
        discount_amount: d.discount_amount,
        estimated_payment_amount: estimated,
        rounddown_discount_amount: d.rounddown_discount_amount,
        vat_amount: d.vat_amount,
        billed_amount: d.billed_amount.clamp_zero(),
    };
    // NCP's own instants, but never later than "now": the ledger records nothing ahead of
    // its clock (T2).
    let issued_at = d
        .written_at
        .unwrap_or_else(|| schedule::issued_at(d.month))
        .min(now);
    let ratio = d.overdue_ratio.unwrap_or_else(default_ratio);
    if bills::exists(conn, d.month)? {
        conn.execute(
            "UPDATE bills SET used_amount = ?2, discount_amount = ?3, rounddown_discount_amount = ?4,
                 vat_amount = ?5, billed_amount = ?6, overdue_ratio = ?7, source = 'ncp'
             WHERE month = ?1",
            params![
                month,
                totals.used_amount,
                totals.discount_amount,
                totals.rounddown_discount_amount,
                totals.vat_amount,
                totals.billed_amount,
                ratio.to_string()
            ],
        )?;
    } else {
        bills::insert(
            conn,
            &Bill {
                month: d.month,
                totals,
                overdue_ratio: ratio,
                source: "ncp".to_string(),
                issued_at: clock::rfc3339(issued_at),
            },
        )?;
    }
    conn.execute(
        "INSERT INTO ncp_bills (month, member, demand_no, paid_up, paid_up_at, overdue_at, written_at, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (month) DO UPDATE SET member = excluded.member, demand_no = excluded.demand_no,
             paid_up = excluded.paid_up, paid_up_at = excluded.paid_up_at, overdue_at = excluded.overdue_at,
             written_at = excluded.written_at, imported_at = excluded.imported_at",
        params![
            month,
            d.member,
            d.demand_no,
            d.paid_up,
            d.paid_up_at.map(clock::rfc3339),
            d.overdue_at.map(clock::rfc3339),
            d.written_at.map(clock::rfc3339),
            clock::rfc3339(now)
        ],
    )?;
    // NCP's paid-up state, replaced: drop the payment of an earlier import first.
    let key = format!("ncp-paid-up:{month}");
    let earlier: Option<i64> = conn
        .query_row(
            "SELECT id FROM payments WHERE idempotency_key = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = earlier {
        conn.execute(
            "DELETE FROM payment_applications WHERE payment_id = ?1",
            [id],
        )?;
        conn.execute(
            "UPDATE auto_attempts SET payment_id = NULL WHERE payment_id = ?1",
            [id],
        )?;
        conn.execute("DELETE FROM payments WHERE id = ?1", [id])?;
    }
    if d.paid_up {
        let at = d.paid_up_at.or(d.written_at).unwrap_or(now).min(now);
        let balance = bills::balances(conn, at.max(issued_at))?
            .into_iter()
            .filter(|b| b.month == d.month)
            .collect::<Vec<_>>();
        let owed: Krw = balance.iter().map(|b| b.unpaid()).sum();
        if !owed.is_zero() {
            let at = at.max(issued_at);
            let id = bills::insert_payment(
                conn,
                &NewPayment {
                    kind: "ncp",
                    method: "ncp",
                    method_id: None,
                    amount: owed,
                    paid_at: at,
                    reference: d.demand_no.as_deref(),
                    idempotency_key: Some(&key),
                    request: Some("ncp paid-up state"),
                },
            )?;
            let (apps, _) = allocate(owed, &balance);
            for a in &apps {
                bills::apply(conn, id, a, at)?;
            }
        }
    }
    Ok(())
}

/// The contract counts NCP reported for `month` itself: (month, rows of service name, region,
/// contracts held). S1 counts "as of now", so an older month's summary never stands for
/// this one (contracts taken or ended since would be missed); without one, `None`.
pub fn contract_summaries(conn: &Connection, month: Month) -> Result<Option<ContractCounts>> {
    let latest: Option<String> = conn
        .query_row(
            "SELECT MAX(month) FROM ncp_contract_summaries WHERE month = ?1",
            [month.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(latest) = latest else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT contract_type_name, region, SUM(contracts) FROM ncp_contract_summaries
         WHERE month = ?1 AND status = 'NOML' GROUP BY contract_type_name, region
         ORDER BY region, contract_type_name",
    )?;
    let rows = stmt
        .query_map([&latest], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let m = latest
        .parse()
        .map_err(|_| crate::error::Error::ledger("a damaged NCP contract summary month"))?;
    Ok(Some((m, rows)))
}
