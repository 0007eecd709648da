//! `export`: a month's fee lines to `.xlsx` or `.csv` (SPEC H4).

use std::path::PathBuf;

use clap::Args;

use crate::cli::{Context, Format};
use ncp_usage_app::ops::export;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

/// Write a month's fee lines to a spreadsheet or CSV (the fees format, which `import fees`
/// reads back), or with `--format focus` the month as a FOCUS 1.2 CSV.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The usage month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Month,
    /// The file to write: .xlsx or .csv (created with mode 0600).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `export`.
pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    if ctx.format == Format::Focus {
        let request = export::Request::focus(args.month, args.output)?;
        return ctx.print(&ctx.read(|tx| export::run_focus(tx, ctx.now, &request))?);
    }
    let request = export::Request::new(args.month, args.output)?;
    ctx.print(&ctx.read(|tx| export::run(tx, ctx.now, &request))?)
}
