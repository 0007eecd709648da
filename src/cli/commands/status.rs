//! `status`: contracts held per service and region at "now" (SPEC S1).

use clap::Args;

use crate::cli::commands::check_region;
use crate::cli::Context;
use ncp_usage_app::report::status::Status;
use ncp_usage_core::billing::payment::blocked_since;
use ncp_usage_core::billing::status::{console_url, holdings, Holding};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{bills, contracts, ncp};

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
    let today = ctx.now.date_naive();
    let (region, held, balances, reported) = ctx.read(|tx| {
        let region = match &args.region {
            Some(r) => Some(check_region(r, &contracts::regions(tx)?)?),
            None => None,
        };
        Ok((
            region,
            contracts::held_between(tx, today, today)?,
            bills::balances(tx, ctx.now)?,
            ncp::contract_summaries(tx, Month::of(today))?,
        ))
    })?;
    let blocked = blocked_since(&balances, ctx.now).is_some();
    // NCP's own counts, when imported, stand for the contracts it knows; contracts imported
    // from CSV count as before.
    let (source, rows) = match reported {
        Some((month, rows)) => (
            format!("ncp {month}"),
            rows.into_iter()
                .map(|(service, region, contracts)| Holding {
                    console_url: console_url(&region),
                    contracts: usize::try_from(contracts).unwrap_or(0),
                    service,
                    region,
                    blocked: false,
                })
                .collect(),
        ),
        None => ("contracts".to_string(), holdings(&held, today)),
    };
    let services = rows
        .into_iter()
        .filter(|h| region.as_deref().is_none_or(|r| r == h.region))
        .map(|h| Holding { blocked, ..h })
        .collect();
    ctx.print(&Status {
        source,
        as_of: clock::rfc3339(ctx.now),
        region,
        services,
    })
}
