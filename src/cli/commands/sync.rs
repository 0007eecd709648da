//! `sync`: pull billing data from NCP's Billing API into the ledger, all of it in one
//! transaction or none of it.

use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::Context;
use ncp_usage_app::exchange::ncp_api::{credentials, Client};
use ncp_usage_app::ops::sync;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

/// Fetch bills, per-service and per-contract amounts and contract counts from NCP's Billing
/// API. Keys: NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY, or ~/.ncloud/configure.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// First month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Month,
    /// Last month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Month,
    /// The Billing API base URL [default: https://billingapi.apigw.ntruss.com/billing/v1].
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Runs `sync`.
pub fn run(ctx: &Context, args: SyncArgs) -> Result<()> {
    let request = sync::Request::new(args.from, args.to, ctx.now)?;
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let creds = credentials(|k| std::env::var(k).ok(), home.as_deref())?;
    let mut client = Client::new(args.endpoint.as_deref(), creds)?;
    // For tests and slow links: smaller pages, shorter backoff.
    if let Some(n) = env_number("NCP_USAGE_SYNC_PAGE_SIZE") {
        client.page_size = u32::try_from(n.clamp(1, 1000)).unwrap_or(1000);
    }
    if let Some(ms) = env_number("NCP_USAGE_SYNC_BACKOFF_MS") {
        client.backoff = Duration::from_millis(ms);
    }
    let calls = &request.calls;
    // Drawn on stderr only when it is a terminal: scripts and pipes see nothing.
    let bar = ProgressBar::with_draw_target(Some(calls.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} syncing {pos}/{len} {bar:30} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut pages = Vec::new();
    for call in calls {
        let window: Vec<&str> = call.query.iter().map(|(_, v)| v.as_str()).collect();
        bar.set_message(format!("{} {}", call.action, window.join("–")));
        let fetched = client.fetch(call, &mut |_, page| {
            if page > 1 {
                bar.set_message(format!("{} {} page {page}", call.action, window.join("–")));
            }
        });
        match fetched {
            Ok(p) => pages.extend(p),
            Err(e) => {
                bar.abandon();
                return Err(e);
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let fetched = sync::Fetched::check(&request, pages, ctx.now, &ctx.gateway)?;
    let synced = ctx.write(|tx| sync::run(tx, ctx.now, &fetched))?;
    for d in &synced.stored.differences {
        eprintln!("warning: {d}");
    }
    ctx.print(&synced)
}
