//! `export`: a month's fee lines to `.xlsx` or `.csv` (SPEC H4), in the fees format that
//! `import fees` reads back.

use std::path::PathBuf;

use ncp_usage_core::billing::focus::{FocusAccount, FocusMonth};
use ncp_usage_core::billing::period::usage_period;
use ncp_usage_core::billing::statement::{shown_totals, summarize};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::money::Krw;
use ncp_usage_core::text::plural;
use ncp_usage_ledger::{accounts, bills, fees, ncp, Connection};

use crate::exchange::export::{write_file, FeeFile, FileFormat};
use crate::exchange::focus::write_focus;
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

    /// `export --format focus`: a FOCUS file is `.csv` (no Parquet: docs/FOCUS.md); anything
    /// else is refused before the ledger is opened.
    pub fn focus(month: Month, output: PathBuf) -> Result<Request> {
        if FileFormat::for_path(&output).ok() != Some(FileFormat::Csv) {
            return Err(Error::invalid(format!(
                "`export --format focus` writes FOCUS as CSV; name the output file .csv, not '{}'",
                output.display()
            )));
        }
        Ok(Request { month, output })
    }
}

/// `export --format focus`: the month as FOCUS 1.2 rows (docs/FOCUS.md), from the lines and
/// totals `history --month` shows, so that the rows' BilledCost adds up to the month's bill.
pub fn run_focus(tx: &Connection, now: Instant, request: &Request) -> Result<Done> {
    let Request { month, output } = request;
    let fees = month::load(tx, *month, now)?;
    if let Some(currency) = ncp::foreign_currency(tx, *month)? {
        return Err(Error::invalid(format!(
            "{month} is NCP's bill in {currency}, and `export --format focus` writes won only; `history --month {month} --detail --json` shows NCP's exact figures in {currency}"
        )));
    }
    let issued = bills::issued(tx, now)?;
    let ncp_billed = month::ncp_totals(tx, *month, &issued)?;
    let totals = shown_totals(summarize(&fees.lines)?.totals, ncp_billed);
    let demand = ncp::demand_cost(tx, *month)?;
    let penalty = match &demand {
        Some(d) => d.default_amount.to_krw().ok_or_else(|| {
            Error::invalid(format!(
                "{month}: NCP's penalty charge is beyond what the ledger holds"
            ))
        })?,
        None => Krw::ZERO,
    };
    let account = accounts::running(tx)?;
    let focus = FocusMonth {
        month: *month,
        account: FocusAccount {
            name: account.name,
            member_no: account.member_no,
        },
        lines: &fees.lines,
        totals,
        penalty,
        invoice_id: demand.and_then(|d| d.demand_no),
    };
    let rows = write_focus(output, &focus)?;
    Ok(Done {
        message: format!(
            "Wrote {} of {month} to {} (FOCUS 1.2; billed {} KRW).",
            plural(rows, "FOCUS row", "FOCUS rows"),
            output.display(),
            totals.billed_amount.grouped()
        ),
    })
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
