//! `status`: contracts held per service and region at "now" (SPEC S1).

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::rollup;
use ncp_usage_app::ops::status::{self, StatusRequest};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

/// Show the services in use per region and how many contracts each holds, with a link to
/// the console.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The month, YYYY-MM: the contracts held during it (NCP's contract summary of it when
    /// imported) [default: the month of --as-of, counting the contracts held that day].
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<Month>,
    /// Limit the rows to one region (KR, SGN, JPN…).
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
    /// Every account of the ledger: one block per account, then a total per currency.
    #[arg(long)]
    pub all_accounts: bool,
}

/// Runs `status`.
pub fn run(ctx: &Context, args: StatusArgs) -> Result<()> {
    let request = StatusRequest::new(args.month, args.region, ctx.now)?;
    if args.all_accounts {
        let view = ctx.read_all(|tx| rollup::status(tx, ctx.now, &ctx.gateway, &request))?;
        return ctx.print(&view);
    }
    let view = ctx.read(|tx| status::run(tx, ctx.now, &request))?;
    ctx.print(&view)
}
