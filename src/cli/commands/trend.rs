//! `trend`: usage and billing over the last months (SPEC TR1), with a month-end projection.

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::month;
use ncp_usage_app::report::trend::{Projection, Trend, TrendMonth};
use ncp_usage_core::billing::statement::summarize;
use ncp_usage_core::billing::trend::{month_status, window};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{account, bills};

/// Usage over every region and the billing history of the last months, ending with the
/// month of the day before "now".
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// How many months (1–120).
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub months: u32,
}

/// Runs `trend`.
pub fn run(ctx: &Context, args: TrendArgs) -> Result<()> {
    if !(1..=120).contains(&args.months) {
        return Err(Error::invalid(format!(
            "--months {} is out of range; give 1 to 120",
            args.months
        )));
    }
    let today = ctx.now.date_naive();
    let (first, last) = window(today, args.months);
    let doc = ctx.read(|tx| {
        let balances = bills::balances(tx, ctx.now)?;
        let first_billed = account::created_at(tx)?.map(|t| Month::of(t.date_naive()));
        let mut months = Vec::new();
        let mut m = first;
        while m <= last {
            let fees = month::load(tx, m, ctx.now)?;
            let used = summarize(&fees.lines)?.totals.used_amount;
            let bill = balances.iter().find(|b| b.month == m);
            let status = month_status(m, first_billed, bill.map(|b| b.status(ctx.now)));
            months.push(TrendMonth {
                month: m,
                used_amount: used,
                complete: fees.period.complete,
                billed_amount: bill.map(|b| b.billed_amount).unwrap_or_default(),
                paid_amount: bill.map(|b| b.paid()).unwrap_or_default(),
                outstanding_amount: bill.map(|b| b.outstanding(ctx.now)).unwrap_or_default(),
                penalty_amount: bill.map(|b| b.penalty_amount).unwrap_or_default(),
                status,
            });
            m = m.next();
        }
        let payments = bills::payments(tx, ctx.now)?
            .into_iter()
            .filter(|p| {
                clock::parse_as_of(&p.paid_at)
                    .map(|t| Month::of(t.date_naive()))
                    .is_ok_and(|pm| first <= pm && pm <= last)
            })
            .collect();
        let running = Month::of(today);
        let projection = if running == last {
            month::projection(tx, running, ctx.now)?.map(|p| Projection {
                month: running,
                used_so_far: months.last().map(|m| m.used_amount).unwrap_or_default(),
                projected_used_amount: p,
                basis: "monthly contracts to the end of the month + metered usage at its daily rate so far",
            })
        } else {
            None
        };
        Ok(Trend {
            from_month: first,
            to_month: last,
            months,
            payments,
            projection,
        })
    })?;
    ctx.print(&doc)
}
