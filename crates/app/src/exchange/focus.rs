//! Writing a month as a FOCUS 1.2 cost and usage CSV (issue 18, docs/FOCUS.md): a header of
//! [`COLUMNS`], then one record per [`FocusMonth::rows`] row. No byte-order mark (the file is
//! for FinOps tools, not spreadsheets); text cells a spreadsheet could run as a formula are
//! neutralised as the fees format's are ([`neutralize`]), numbers never. Written through a
//! private temporary file (mode 0600) renamed into place, so a failed export never leaves half
//! a file.

use std::path::Path;

use ncp_usage_core::billing::focus::{FocusMonth, COLUMNS};
use ncp_usage_core::error::{Error, Result};

use super::export::write_atomically;
use super::fees_format::neutralize;

/// The columns that hold numbers (decimals), written as they are.
const NUMERIC: [&str; 8] = [
    "BilledCost",
    "ConsumedQuantity",
    "ContractedCost",
    "EffectiveCost",
    "ListCost",
    "PricingQuantity",
    "x_NcpUnitPrice",
    "x_NcpDiscountAmount",
];

/// Writes the month's FOCUS rows to `path`; returns how many rows were written.
pub fn write_focus(path: &Path, month: &FocusMonth<'_>) -> Result<usize> {
    let rows = month.rows()?;
    write_atomically(path, |file| {
        let mut w = csv::Writer::from_writer(file);
        let io = |e: csv::Error| Error::other(format!("cannot write CSV: {e}"));
        w.write_record(COLUMNS).map_err(io)?;
        let numeric: Vec<bool> = COLUMNS.iter().map(|c| NUMERIC.contains(c)).collect();
        for r in &rows {
            let record = month.record(r).into_iter().zip(&numeric).map(|(cell, n)| {
                if *n {
                    cell
                } else {
                    neutralize(&cell)
                }
            });
            w.write_record(record).map_err(io)?;
        }
        w.flush()
            .map_err(|e| Error::other(format!("cannot write CSV: {e}")))
    })?;
    Ok(rows.len())
}
