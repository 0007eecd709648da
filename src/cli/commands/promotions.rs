//! `promotions`: the promotions and credits, what each credit has left and when it runs out
//! (SPEC PR1, PR2).

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::{promotions, rollup};
use ncp_usage_core::error::Result;

/// Show the promotions and credits: what they give, what is left, when credits run out.
#[derive(Debug, Args)]
pub struct PromotionsArgs {
    /// Every account of the ledger: one block per account, then a total per currency.
    #[arg(long)]
    pub all_accounts: bool,
}

/// Runs `promotions`.
pub fn run(ctx: &Context, args: PromotionsArgs) -> Result<()> {
    if args.all_accounts {
        let view = ctx.read_all(|tx| rollup::promotions(tx, ctx.now, &ctx.gateway))?;
        return ctx.print(&view);
    }
    let view = ctx.read(|tx| promotions::run(tx, ctx.now))?;
    ctx.print(&view)
}
