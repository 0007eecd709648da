//! `trend`: usage and billing over the last months (SPEC TR1), with a month-end projection
//! of the running month.

use ncp_usage_ledger::{account, bills, ncp, Connection};

use super::month;
use crate::report::correction::Correction;
use crate::report::trend::{OtherCurrency, Projection, Trend, TrendMonth};
use ncp_usage_core::billing::statement::summarize;
use ncp_usage_core::billing::trend::{
    check_length, month_status, projected_month, window, PROJECTION_BASIS,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_core::money::Krw;

/// `trend` as asked on the command line: checked before the ledger is opened.
#[derive(Debug, Clone, Copy)]
pub struct TrendRequest {
    months: u32,
}

impl TrendRequest {
    /// `--months N`: TR1 shows 1 to 120 months.
    pub fn new(months: u32) -> Result<TrendRequest> {
        Ok(TrendRequest {
            months: check_length(months)?,
        })
    }
}

/// Shows the months of the trend ending with the month of the day before `now`.
pub fn run(tx: &Connection, now: Instant, request: &TrendRequest) -> Result<Trend> {
    let today = now.date_naive();
    let (first, last) = window(today, request.months);
    let balances = bills::balances(tx, now)?;
    let issued = bills::issued(tx, now)?;
    let first_billed = account::created_at(tx)?.map(|t| Month::of(t.date_naive()));
    let mut months = Vec::new();
    let mut loaded = month::Months::default();
    let mut m = first;
    while m <= last {
        let fees = loaded.load(tx, m, now)?;
        let bill = balances.iter().find(|b| b.month == m);
        let other_currency = ncp::demand_cost(tx, m)?
            .filter(|d| !d.currency.is_krw())
            .map(|d| OtherCurrency {
                billed_amount: d.billed().unwrap_or_default(),
                currency: d.currency,
                use_amount: d.use_amount,
                paid_up: d.paid_up,
            });
        // A month NCP billed in another currency uses nothing in won: its lines are in that
        // currency, and never summed with won.
        // A month NCP billed uses what NCP's latest bill says (as `history` shows it), with
        // or without its per-service lines.
        let used_amount = match (&other_currency, month::ncp_totals(tx, m, &issued)?) {
            (Some(_), _) => Krw::ZERO,
            (None, Some(totals)) => totals.used_amount,
            (None, None) => summarize(&fees.lines)?.totals.used_amount,
        };
        months.push(TrendMonth {
            month: m,
            used_amount,
            complete: fees.period.complete,
            billed_amount: bill.map(|b| b.billed_amount).unwrap_or_default(),
            paid_amount: bill.map(|b| b.paid()).unwrap_or_default(),
            outstanding_amount: bill.map(|b| b.outstanding(now)).unwrap_or_default(),
            penalty_amount: bill.map(|b| b.penalty_amount).unwrap_or_default(),
            status: month_status(m, first_billed, bill.map(|b| b.status(now))),
            other_currency,
            corrections: bills::adjustments(tx, m, now)?
                .0
                .into_iter()
                .map(Correction::from)
                .collect(),
        });
        m = m.next();
    }
    let payments = bills::payments(tx, now)?
        .into_iter()
        .filter(|p| (first..=last).contains(&Month::of(p.paid_at.date_naive())))
        .collect();
    let projection = match projected_month(today, last) {
        Some(running) => month::projection(tx, running, now)?.map(|p| Projection {
            month: running,
            used_so_far: months.last().map(|m| m.used_amount).unwrap_or_default(),
            projected_used_amount: p,
            basis: PROJECTION_BASIS,
        }),
        None => None,
    };
    Ok(Trend {
        from_month: first,
        to_month: last,
        months,
        payments,
        projection,
    })
}
