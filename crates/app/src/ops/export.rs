//! `export`: a month's fee lines to `.xlsx` or `.csv` (SPEC H4), in the fees format that
//! `import fees` reads back.

use std::path::PathBuf;

use ncp_usage_core::billing::period::usage_period;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::text::plural;
use ncp_usage_ledger::{fees, ncp, Connection};

use crate::exchange::export::{write_file, FeeFile, FileFormat};
use crate::ops::month;
use crate::report::import::Done;

/// A month and the file to write it to.
#[derive(Debug, Clone)]
pub struct Request {
    month: Month,
    output: PathBuf,
}

impl Request {
    /// Refuses a file name that is neither `.xlsx` nor `.csv` before the ledger is opened.
    pub fn new(month: Month, output: PathBuf) -> Result<Request> {
        FileFormat::for_path(&output)?;
        Ok(Request { month, output })
    }
}

/// Writes the month's fee lines: the imported statement when there is one, else the lines
/// rated from contracts and usage.
pub fn run(tx: &Connection, now: Instant, request: &Request) -> Result<Done> {
    let Request { month, output } = request;
    let sheet = month.to_string();
    // The same check `month::load` makes first: a month that has not started is refused.
    usage_period(*month, now.date_naive())?;
    // The fees format is in won: a month NCP billed in another currency would be written as
    // won it never was.
    if let Some(currency) = ncp::foreign_currency(tx, *month)? {
        return Err(Error::invalid(format!(
            "{month} is NCP's bill in {currency}, and the fees format `export` writes is in won; `history --month {month} --detail --json` shows NCP's exact figures in {currency}"
        )));
    }
    let lines = if fees::has_month(tx, *month)? {
        // An imported statement (a million lines, say) streams from the ledger to the file
        // without being held in memory.
        let mut file = FeeFile::create(output, &sheet)?;
        fees::for_each_of_month(tx, *month, |l| {
            file.line(&l).map_err(ncp_usage_ledger::error::Error)
        })?;
        file.finish()?
    } else {
        let fees = month::load(tx, *month, now)?;
        write_file(output, &sheet, &fees.lines)?;
        fees.lines.len()
    };
    Ok(Done {
        message: format!(
            "Wrote {} of {month} to {}.",
            plural(lines, "fee line", "fee lines"),
            output.display()
        ),
    })
}
