//! `confirmation`: issue the printable usage confirmation of a month (SPEC H5).

use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::exchange::confirmation;
use ncp_usage_app::ops::{self, confirmation::ConfirmationRequest};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

/// Issue a usage confirmation: a printable document with the month's services, amounts,
/// VAT, payment status and a unique number (reissuing keeps the number).
#[derive(Debug, Args)]
pub struct ConfirmationArgs {
    /// The usage month, YYYY-MM (a month that has ended).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Month,
    /// The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `confirmation`.
pub fn run(ctx: &Context, args: ConfirmationArgs) -> Result<()> {
    let request = ConfirmationRequest::new(args.month, &args.output, ctx.now)?;
    let (doc, warnings) = ctx.write(|tx| {
        let doc = ops::confirmation::run(tx, ctx.now, &request)?;
        // Written inside the transaction: if the file cannot be written, the issue is not
        // recorded either.
        let warnings = confirmation::write(&doc, &args.output)?;
        Ok((doc, warnings))
    })?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    ctx.print(&doc)
}
