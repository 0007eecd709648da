//! `promotions`: the promotions and credits, what each credit has left and when it runs out
//! (SPEC PR1, PR2).

use crate::cli::Context;
use ncp_usage_app::ops::promotions;
use ncp_usage_core::error::Result;

/// Runs `promotions`.
pub fn run(ctx: &Context) -> Result<()> {
    let view = ctx.read(|tx| promotions::run(tx, ctx.now))?;
    ctx.print(&view)
}
