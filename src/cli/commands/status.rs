//! `status`: contracts held per service and region at "now" (SPEC S1).

use clap::Args;

use crate::cli::Context;
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
}

/// Runs `status`.
pub fn run(ctx: &Context, args: StatusArgs) -> Result<()> {
    let request = StatusRequest::new(args.month, args.region, ctx.now)?;
    let view = ctx.read(|tx| status::run(tx, ctx.now, &request))?;
    ctx.print(&view)
}
