//! `promotions`: the promotions and credits, what each credit has left and when it runs out
//! (SPEC PR1, PR2).

use ncp_usage_ledger::{ncp, ncp_discount, promotions, Connection};

use super::month;
use crate::report::promotions::{NcpCredit, NcpDiscount, PromotionRow, Promotions};
use ncp_usage_core::billing::ncp_detail::Detail;
use ncp_usage_core::billing::promotion::{credit_counted_month, credit_outlook};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::exact::Exact;

/// Shows every promotion as of `now`.
pub fn run(tx: &Connection, now: Instant) -> Result<Promotions> {
    let today = now.date_naive();
    let current = Month::of(today);
    let promos = promotions::all(tx)?;
    let fees = month::load(tx, current, now)?;
    let before = month::credits_used_before(tx, current, &promos)?;
    let mut rows = Vec::new();
    for p in &promos {
        let key = p.key();
        let outlook = match p.credit {
            None => None,
            Some(credit) => {
                let used = match credit_counted_month(p, today) {
                    None => None,
                    Some(m) if m == current => fees.credits_used.get(&key).copied(),
                    Some(m) => month::load(tx, m, now)?.credits_used.get(&key).copied(),
                }
                .unwrap_or_default();
                let used_before = before.get(&key).copied().unwrap_or_default();
                Some(credit_outlook(
                    p,
                    credit,
                    used,
                    used_before,
                    fees.period.days(),
                    today,
                ))
            }
        };
        rows.push(PromotionRow {
            promotion: p.clone(),
            credit_remaining: outlook.map(|o| o.remaining),
            credit_status: outlook.map(|o| o.status),
            projected_run_out: outlook.and_then(|o| o.runs_out),
        });
    }
    Ok(Promotions {
        as_of: clock::rfc3339(now),
        promotions: rows,
        ncp_discounts: ncp_discounts(tx, now)?,
        ncp_credits: ncp_credits(tx)?,
        ncp_product_discounts: ncp_discount::product_discounts(tx)?,
        ncp_discount_list: ncp_discount::discounts(tx)?,
    })
}

/// The credits and coins NCP's Discount API recorded, with what each used.
fn ncp_credits(tx: &Connection) -> Result<Vec<NcpCredit>> {
    ncp_discount::credits(tx)?
        .into_iter()
        .map(|c| {
            let used = c.used().ok_or_else(|| {
                Error::ledger(format!(
                    "NCP credit {} holds amounts no decimal can subtract; restore the ledger from a backup",
                    c.discount_no
                ))
            })?;
            Ok(NcpCredit {
                credit: c,
                used_amount: used,
            })
        })
        .collect()
}

/// Every discount above 0 NCP applied, each once: per service from that month's lines, then
/// of each month's bill only what its lines do not name a service for (the bill's figure less
/// its lines' of the same discount and currency, when above 0; all of it for a bill NCP sent
/// without lines), so that a column of them never counts a discount twice.
fn ncp_discounts(tx: &Connection, now: Instant) -> Result<Vec<NcpDiscount>> {
    let mut out = Vec::new();
    for month in ncp::demand_cost_months(tx)? {
        let Some(bill) = ncp::demand_cost(tx, month)? else {
            continue;
        };
        let from = out.len();
        for line in month::load(tx, month, now)?.lines {
            let Some(detail) = &line.ncp else { continue };
            let Some(Detail::Object(discounts)) = detail.fields.get("discounts") else {
                continue;
            };
            for (name, amount) in discounts {
                if let Detail::Number(amount) = amount {
                    if !amount.is_zero() {
                        out.push(NcpDiscount {
                            month,
                            service: Some(line.service.clone()),
                            discount: name.clone(),
                            amount: *amount,
                            currency: detail.currency.clone(),
                        });
                    }
                }
            }
        }
        let mut unnamed = Vec::new();
        for (name, amount) in bill.discounts.named() {
            if name == "rounddown" || amount.is_zero() {
                continue;
            }
            let named = out[from..]
                .iter()
                .filter(|d| d.discount == name && d.currency == bill.currency)
                .try_fold(Exact::ZERO, |sum, d| sum.checked_add(d.amount));
            let rest = named.and_then(|n| amount.checked_sub(n)).ok_or_else(|| {
                Error::ledger(format!(
                    "NCP's {name} discounts of {month} hold amounts no decimal can add; restore the ledger from a backup"
                ))
            })?;
            if rest > Exact::ZERO {
                unnamed.push(NcpDiscount {
                    month,
                    service: None,
                    discount: name.to_string(),
                    amount: rest,
                    currency: bill.currency.clone(),
                });
            }
        }
        out.extend(unnamed);
    }
    Ok(out)
}
