//! `sync`: pull billing data from NCP's Billing API into the ledger, all of it in one
//! transaction or none of it.

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::Context;
use ncp_usage_app::exchange::ncp_api::Scope;
use ncp_usage_app::ops::sync;
use ncp_usage_core::billing::ncp::is_member_number;
use ncp_usage_core::billing::ncp::Api;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::{Error, Result};

/// Fetch bills and their cost lines from NCP's Billing API: v1's per-service and
/// per-contract amounts and contract counts, or v2's per-group and per-resource costs and the
/// names of their codes. Keys: NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY, or ~/.ncloud/configure.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// First month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    pub from: Month,
    /// Last month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    pub to: Month,
    /// Which Billing API: v1 (`/billing/v1/cost/…`, page numbers) or v2 (`/billing/v2/…`,
    /// cursor pages; a sub account needs v2's own policy actions).
    #[arg(long, value_enum, default_value_t = ApiArg::V1)]
    pub api: ApiArg,
    /// The Billing API base URL [default: https://billingapi.apigw.ntruss.com/billing/v1, or
    /// …/billing/v2 with --api v2].
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Pull these NCP members' data in the one run, each member's into its account (an
    /// Organization master's or partner representative's key): v1 memberNoList.N, v2
    /// targetMemberNo.
    #[arg(
        long,
        value_name = "N,N…",
        value_delimiter = ',',
        group = "members_scope"
    )]
    pub members: Vec<String>,
    /// Pull every member account of the key's Organization (its master's key), each into its
    /// account: v1 isOrganization, v2 scope=ORGANIZATION.
    #[arg(long, group = "members_scope")]
    pub organization: bool,
    /// Pull every customer of the key's partner (its representative's key), each into its
    /// account: v1 isPartner (v2 has none).
    #[arg(long, group = "members_scope")]
    pub partner: bool,
    /// With --members, --organization or --partner: refuse a member no account holds,
    /// instead of making its account.
    #[arg(long, requires = "members_scope")]
    pub no_create: bool,
}

/// `--api`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApiArg {
    /// Billing API v1.
    V1,
    /// Billing API v2.
    V2,
}

impl From<ApiArg> for Api {
    fn from(a: ApiArg) -> Api {
        match a {
            ApiArg::V1 => Api::V1,
            ApiArg::V2 => Api::V2,
        }
    }
}

/// Runs `sync`.
pub fn run(ctx: &Context, args: SyncArgs) -> Result<()> {
    let api = Api::from(args.api);
    let scope = if args.organization {
        Scope::Organization
    } else if args.partner {
        Scope::Partner
    } else if args.members.is_empty() {
        Scope::Own
    } else {
        let mut members: Vec<String> = Vec::new();
        for m in &args.members {
            let m = m.trim();
            if !is_member_number(m) {
                return Err(Error::invalid(format!(
                    "--members: '{m}' is not an NCP member number; give the members' numbers (digits), comma-separated"
                )));
            }
            if !members.iter().any(|k| k == m) {
                members.push(m.to_string());
            }
        }
        Scope::Members(members)
    };
    let request = sync::Request::new(api, args.from, args.to, ctx.now)?.scoped(api, scope)?;
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let client = sync::client(
        api,
        args.endpoint.as_deref(),
        |k| std::env::var(k).ok(),
        home.as_deref(),
    )?;
    // Drawn on stderr only when it is a terminal: scripts and pipes see nothing.
    let bar = ProgressBar::with_draw_target(
        Some(request.calls.len() as u64),
        ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} syncing {pos}/{len} {bar:30} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let pages = sync::fetch(&request, &client, &mut |step| match step {
        sync::Step::Fetching(what) => bar.set_message(what),
        sync::Step::Fetched => bar.inc(1),
    });
    let pulled = match pages {
        Ok(pulled) => {
            bar.finish_and_clear();
            pulled
        }
        Err(e) => {
            bar.abandon();
            return Err(e);
        }
    };
    let mut fetched = sync::Fetched::check(&request, pulled, ctx.now, &ctx.gateway)?;
    let synced = if fetched.members.is_some() {
        ctx.write_routed(|tx, chosen| {
            sync::run_members(tx, ctx.now, &mut fetched, chosen, !args.no_create)
        })?
    } else {
        ctx.write(|tx| sync::run(tx, ctx.now, &fetched))?
    };
    for action in &synced.skipped {
        eprintln!(
            "warning: NCP did not let the API key read {action} (401/403): the costs were synced, NCP's credits and discounts were not; give the key the Discount API's permissions to sync them"
        );
    }
    for d in &synced.stored.differences {
        eprintln!("warning: {d}");
    }
    for w in &synced.stored.warnings {
        eprintln!("warning: {w}");
    }
    ctx.print(&synced)
}
