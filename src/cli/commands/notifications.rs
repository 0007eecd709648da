//! `notifications`: the email and SMS outbox — bills issued, failed automatic payments,
//! outstanding amounts, blocking notices, late penalties (SPEC P1, P9, P10).

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::notifications;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

/// List the messages sent by email and SMS.
#[derive(Debug, Args)]
pub struct NotificationsArgs {
    /// Only those about this bill month.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<Month>,
}

/// Runs `notifications`.
pub fn run(ctx: &Context, args: NotificationsArgs) -> Result<()> {
    let view = ctx.read(|tx| notifications::run(tx, ctx.now, args.month))?;
    ctx.print(&view)
}
