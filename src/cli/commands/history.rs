//! `history` (alias `usage`): a month's usage by service and region (SPEC H1–H4).

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::history::{self, HistoryRequest};
use ncp_usage_app::ops::rollup;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

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
    #[arg(long, conflicts_with = "daily")]
    pub detail: bool,
    /// List NCP's daily usage instead: one row per day, contract and metering type, as
    /// imported from getContractUsageListByDaily.
    #[arg(long)]
    pub daily: bool,
    /// Every account of the ledger: one block per account, then a total per currency.
    #[arg(long, conflicts_with_all = ["daily"])]
    pub all_accounts: bool,
}

/// Runs `history`.
pub fn run(ctx: &Context, args: HistoryArgs) -> Result<()> {
    let request = HistoryRequest {
        month: args.month,
        region: args.region,
        detail: args.detail,
    };
    if args.all_accounts {
        let view = ctx.read_all(|tx| rollup::history(tx, ctx.now, &ctx.gateway, &request))?;
        return ctx.print(&view);
    }
    if args.daily {
        let view = ctx.read(|tx| history::daily(tx, ctx.now, &request))?;
        return ctx.print(&view);
    }
    let view = ctx.read(|tx| history::run(tx, ctx.now, &request))?;
    ctx.print(&view)
}
