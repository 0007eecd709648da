//! `export`: a month's fee lines to `.xlsx` or `.csv` (SPEC H4).

use std::path::PathBuf;

use clap::Args;

use crate::calendar::Month;
use crate::cli::Context;
use crate::error::Result;
use crate::exchange::export::write_file;
use crate::ops::month;
use crate::report::import::Done;

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
    crate::exchange::export::FileFormat::for_path(&args.output)?;
    let fees = ctx.read(|tx| month::load(tx, args.month, ctx.now))?;
    write_file(&args.output, &args.month.to_string(), &fees.lines)?;
    ctx.print(&Done {
        message: format!(
            "Wrote {} fee line(s) of {} to {}.",
            fees.lines.len(),
            args.month,
            args.output.display()
        ),
    })
}
