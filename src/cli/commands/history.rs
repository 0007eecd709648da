//! `history` (alias `usage`): a month's usage by service and region (SPEC H1–H4).

use clap::Args;

use crate::cli::commands::check_region;
use crate::cli::Context;
use ncp_usage_app::ops::month;
use ncp_usage_app::report::history::History;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{account, bills, contracts};

/// Show a month's used amounts, discounts and estimated payment per service and region,
/// with the month's totals (rounding discount, VAT, billed amount).
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The usage month, YYYY-MM [default: the month of --as-of, up to the day before].
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<Month>,
    /// Limit the rows to one region (KR, SGN, JPN…); totals stay over every region.
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
    /// List the fee lines behind each service.
    #[arg(long)]
    pub detail: bool,
}

/// Runs `history`.
pub fn run(ctx: &Context, args: HistoryArgs) -> Result<()> {
    let month = args
        .month
        .unwrap_or_else(|| Month::of(ctx.now.date_naive()));
    let report = ctx.read(|tx| {
        let fees = month::load(tx, month, ctx.now)?;
        let region = match &args.region {
            Some(r) => {
                let mut in_use = contracts::regions(tx)?;
                in_use.extend(fees.lines.iter().map(|l| l.region.clone()));
                in_use.sort();
                in_use.dedup();
                Some(check_region(r, &in_use)?)
            }
            None => None,
        };
        let member = account::member(tx)?;
        let method = account::current_method(tx, ctx.now)?;
        // A month NCP billed shows NCP's own totals (its rounding, VAT and bill-level
        // discounts), not ones recomputed from its per-service lines.
        let ncp_totals = bills::issued(tx, ctx.now)?
            .into_iter()
            .find(|b| b.month == month && b.source == "ncp")
            .map(|b| b.totals);
        let mut report = History::new(
            month,
            fees.period,
            fees.source,
            fees.lines,
            region,
            args.detail,
            member.as_ref(),
            method.as_ref(),
        )?;
        if let Some(totals) = ncp_totals {
            report.totals = totals;
        }
        Ok(report)
    })?;
    ctx.print(&report)
}
