//! `export`: a month's fee lines to `.xlsx` or `.csv` (SPEC H4).

use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::exchange::export::{write_file, FeeFile, FileFormat};
use ncp_usage_app::ops::month;
use ncp_usage_app::report::import::Done;
use ncp_usage_core::billing::period::usage_period;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::fees;

/// Write a month's fee lines to a spreadsheet or CSV (the fees format, which `import fees`
/// reads back).
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
    FileFormat::for_path(&args.output)?;
    let sheet = args.month.to_string();
    let lines = ctx.read(|tx| {
        // The same check `month::load` makes first: a month that has not started is refused.
        usage_period(args.month, ctx.now.date_naive())?;
        if fees::has_month(tx, args.month)? {
            // An imported statement (a million lines, say) streams from the ledger to the
            // file without being held in memory.
            let mut file = FeeFile::create(&args.output, &sheet)?;
            fees::for_each_of_month(tx, args.month, |l| {
                file.line(&l).map_err(ncp_usage_ledger::error::Error)
            })?;
            file.finish()
        } else {
            let fees = month::load(tx, args.month, ctx.now)?;
            write_file(&args.output, &sheet, &fees.lines)?;
            Ok(fees.lines.len())
        }
    })?;
    ctx.print(&Done {
        message: format!(
            "Wrote {} of {} to {}.",
            ncp_usage_core::text::plural(lines, "fee line", "fee lines"),
            args.month,
            args.output.display()
        ),
    })
}
