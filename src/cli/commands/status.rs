//! `status`: contracts held per service and region at "now" (SPEC S1).

use clap::Args;

use crate::billing::payment::blocked_since;
use crate::billing::status::{holdings, Holding};
use crate::cli::Context;
use crate::clock;
use crate::error::Result;
use crate::ledger::{bills, contracts};
use crate::report::status::Status;

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
    let region = args.region.map(|r| r.trim().to_ascii_uppercase());
    let today = ctx.now.date_naive();
    let (held, balances) = ctx.read(|tx| {
        Ok((
            contracts::held_between(tx, today, today)?,
            bills::balances(tx, ctx.now)?,
        ))
    })?;
    let blocked = blocked_since(&balances, ctx.now).is_some();
    let services = holdings(&held, today)
        .into_iter()
        .filter(|h| region.as_deref().is_none_or(|r| r == h.region))
        .map(|h| Holding { blocked, ..h })
        .collect();
    ctx.print(&Status {
        as_of: clock::rfc3339(ctx.now),
        region,
        services,
    })
}
