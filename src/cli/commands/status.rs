//! `status`: contracts held per service and region at "now" (SPEC S1).

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::status;
use ncp_usage_core::error::Result;

/// Show the services in use per region and how many contracts each holds, with a link to
/// the console.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Limit the rows to one region (KR, SGN, JPN…).
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
}

/// Runs `status`.
pub fn run(ctx: &Context, args: StatusArgs) -> Result<()> {
    let view = ctx.read(|tx| status::run(tx, ctx.now, args.region.as_deref()))?;
    ctx.print(&view)
}
