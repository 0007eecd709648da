//! `trend`: usage and billing over the last months (SPEC TR1), with a month-end projection.

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::rollup;
use ncp_usage_app::ops::trend::{self, TrendRequest};
use ncp_usage_core::error::Result;

/// Usage over every region and the billing history of the last months, ending with the
/// month of the day before "now".
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// How many months (1–120).
    #[arg(long, default_value_t = 6, value_name = "N", allow_negative_numbers = true, value_parser = month_count)]
    pub months: u32,
    /// Every account of the ledger: one block per account, then a total per currency.
    #[arg(long)]
    pub all_accounts: bool,
}

/// `--months`: a count; `-1` or `abc` is told what a count is (the range is the request's).
fn month_count(text: &str) -> std::result::Result<u32, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number of months; give 1 to 120"))
}

/// Runs `trend`.
pub fn run(ctx: &Context, args: TrendArgs) -> Result<()> {
    let request = TrendRequest::new(args.months)?;
    if args.all_accounts {
        let view = ctx.read_all(|tx| rollup::trend(tx, ctx.now, &ctx.gateway, &request))?;
        return ctx.print(&view);
    }
    let view = ctx.read(|tx| trend::run(tx, ctx.now, &request))?;
    ctx.print(&view)
}
