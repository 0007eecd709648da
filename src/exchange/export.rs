//! Writing a month's fee lines to `.csv` (the fees format of SPEC §11, so export → import
//! round-trips) or `.xlsx` (real numeric cells, a header row, one sheet per month) (SPEC H4).
//!
//! Text cells that a spreadsheet could run as a formula — beginning with `=`, `+`, `-`, `@`,
//! a tab or a carriage return — get a leading `'`; so does text already beginning with `'`,
//! which keeps the mapping reversible (the importer strips one leading `'`). Files are written
//! to a private temporary file beside the target (mode 0600) and renamed into place, so a
//! failed export never leaves half a file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook};

use super::import::FEE_COLUMNS;
use crate::billing::facts::FeeLine;
use crate::error::{Error, Result};

/// The formats `export` writes, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma-separated values in the fees format.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl FileFormat {
    /// The format for a file name, by its extension.
    pub fn for_path(path: &Path) -> Result<FileFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(FileFormat::Csv),
            Some("xlsx") => Ok(FileFormat::Xlsx),
            _ => Err(Error::invalid(format!(
                "cannot tell the format of '{}'; name the output file .xlsx or .csv",
                path.display()
            ))),
        }
    }
}

/// H4: a text cell that a spreadsheet will show as text, never run.
pub fn neutralize(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The fees-format row of a line, text cells neutralised.
pub fn csv_record(l: &FeeLine) -> [String; 11] {
    [
        l.month.to_string(),
        neutralize(&l.region),
        neutralize(&l.service),
        neutralize(&l.contract_no),
        neutralize(&l.item),
        l.quantity.normalize().to_string(),
        neutralize(&l.unit),
        l.unit_price.normalize().to_string(),
        l.used_amount.to_string(),
        l.discount_amount.to_string(),
        l.estimated_payment_amount.to_string(),
    ]
}

/// Writes fee lines as fees-format CSV.
pub fn write_csv(out: impl Write, lines: &[FeeLine]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Error::other(format!("cannot write CSV: {e}"));
    w.write_record(FEE_COLUMNS.iter().map(|c| c.name))
        .map_err(io)?;
    for l in lines {
        w.write_record(csv_record(l)).map_err(io)?;
    }
    w.flush()
        .map_err(|e| Error::other(format!("cannot write CSV: {e}")))?;
    Ok(())
}

/// Builds the workbook: one sheet named after the month, a bold frozen header row, numbers in
/// numeric cells.
fn workbook(sheet_name: &str, lines: &[FeeLine]) -> Result<Workbook> {
    let xerr =
        |e: rust_xlsxwriter::XlsxError| Error::other(format!("cannot build the workbook: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(xerr)?;
    let bold = Format::new().set_bold();
    let won = Format::new().set_num_format("#,##0");
    for (col, c) in FEE_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, c.name, &bold)
            .map_err(xerr)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xerr)?;
    for (i, l) in lines.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| Error::invalid("too many lines for one sheet"))?;
        let text = [
            (0, l.month.to_string()),
            (1, neutralize(&l.region)),
            (2, neutralize(&l.service)),
            (3, neutralize(&l.contract_no)),
            (4, neutralize(&l.item)),
            (6, neutralize(&l.unit)),
        ];
        for (col, value) in text {
            sheet.write_string(r, col, value).map_err(xerr)?;
        }
        // Spreadsheet numbers are doubles; won amounts below 2^53 and three-decimal
        // quantities are represented exactly enough to read back the same decimal.
        let number = |d: rust_decimal::Decimal| d.to_f64().unwrap_or_default();
        sheet.write_number(r, 5, number(l.quantity)).map_err(xerr)?;
        sheet
            .write_number(r, 7, number(l.unit_price))
            .map_err(xerr)?;
        let amounts = [l.used_amount, l.discount_amount, l.estimated_payment_amount];
        for (col, a) in (8u16..).zip(amounts) {
            sheet
                .write_number_with_format(r, col, number(a.to_decimal()), &won)
                .map_err(xerr)?;
        }
    }
    sheet.autofit();
    Ok(book)
}

/// Writes `lines` to `path` in the format its extension names.
pub fn write_file(path: &Path, sheet_name: &str, lines: &[FeeLine]) -> Result<()> {
    let format = FileFormat::for_path(path)?;
    write_atomically(path, |file| match format {
        FileFormat::Csv => write_csv(BufWriter::new(file), lines),
        FileFormat::Xlsx => {
            let mut book = workbook(sheet_name, lines)?;
            book.save_to_writer(BufWriter::new(file))
                .map_err(|e| Error::other(format!("cannot write {}: {e}", path.display())))
        }
    })
}

/// Writes a file through a private temporary file (mode 0600) in the same folder, renamed
/// into place once complete: the file appears whole or not at all.
pub fn write_atomically(path: &Path, fill: impl FnOnce(&File) -> Result<()>) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| {
        Error::other(format!(
            "cannot write {}: {e}; check the folder exists and is writable",
            path.display()
        ))
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ncp-usage-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let tmp = builder.tempfile_in(dir).map_err(fail)?;
    fill(tmp.as_file())?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h4_neutralizes_formula_starts() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-1"), "'-1");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("\rx"), "'\rx");
        assert_eq!(neutralize("'quoted"), "''quoted");
        assert_eq!(neutralize("Server"), "Server");
    }

    #[test]
    fn h4_neutralizing_is_undone_by_the_importer() {
        for s in ["=1+1", "'x", "''y", "plain", "-5"] {
            assert_eq!(super::super::table::unneutralize(&neutralize(s)), s);
        }
    }
}
