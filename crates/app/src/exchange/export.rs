//! Writing a month's fee lines to `.csv` (the fees format of SPEC §11, so export → import
//! round-trips; a file starts with a UTF-8 byte-order mark for spreadsheets) or `.xlsx` (real
//! numeric cells, a header row, one sheet per month) (SPEC H4).
//!
//! Text cells that a spreadsheet could run as a formula are neutralised as the fees format
//! says ([`super::fees_format::neutralize`]). Files are written to a private temporary file
//! beside the target (mode 0600) and renamed into place, so a failed export never leaves half
//! a file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook};

use super::fees_format::{header, neutralize, per_service_item, record};
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::error::{Error, Result};

/// The UTF-8 byte-order mark that starts an exported `.csv` file.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// Writes fee lines as fees-format CSV.
pub fn write_csv(out: impl Write, lines: &[FeeLine]) -> Result<()> {
    let mut w = CsvSink::new(out)?;
    for l in lines {
        w.line(l)?;
    }
    w.finish()
}

fn csv_io(e: csv::Error) -> Error {
    Error::other(format!("cannot write CSV: {e}"))
}

/// Fees-format CSV written line by line.
struct CsvSink<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    fn new(out: W) -> Result<CsvSink<W>> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header()).map_err(csv_io)?;
        Ok(CsvSink { w })
    }

    fn line(&mut self, l: &FeeLine) -> Result<()> {
        self.w.write_record(record(l)).map_err(csv_io)
    }

    fn finish(mut self) -> Result<()> {
        self.w
            .flush()
            .map_err(|e| Error::other(format!("cannot write CSV: {e}")))
    }
}

fn xerr(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::other(format!("cannot build the workbook: {e}"))
}

/// The workbook written line by line: one sheet named after the month, a bold frozen header
/// row, numbers in numeric cells.
struct XlsxSink {
    book: Workbook,
    won: Format,
    row: u32,
}

impl XlsxSink {
    fn new(sheet_name: &str) -> Result<XlsxSink> {
        let mut book = Workbook::new();
        // Constant memory: rows go to a private temporary file as they are written, so a
        // million-line export does not grow with its size. Columns get fixed widths, since
        // autofit only sees rows still in memory.
        let sheet = book.add_worksheet_with_constant_memory();
        sheet.set_name(sheet_name).map_err(xerr)?;
        for (col, width) in [8, 8, 22, 18, 40, 12, 10, 12, 14, 14, 22]
            .into_iter()
            .enumerate()
        {
            sheet.set_column_width(col as u16, width).map_err(xerr)?;
        }
        let bold = Format::new().set_bold();
        for (col, name) in header().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, name, &bold)
                .map_err(xerr)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xerr)?;
        Ok(XlsxSink {
            book,
            won: Format::new().set_num_format("#,##0"),
            row: 0,
        })
    }

    fn line(&mut self, l: &FeeLine) -> Result<()> {
        let r = self
            .row
            .checked_add(1)
            .filter(|r| *r < 1_048_576)
            .ok_or_else(|| Error::invalid("too many lines for one sheet"))?;
        self.row = r;
        let sheet = self.book.worksheet_from_index(0).map_err(xerr)?;
        sheet
            .write_string(r, 0, l.month.to_string())
            .map_err(xerr)?;
        // Spreadsheet numbers are doubles; won amounts below 2^53 and three-decimal
        // quantities are represented exactly enough to read back the same decimal.
        let number = |d: rust_decimal::Decimal| d.to_f64().unwrap_or_default();
        // NCP's per-service lines name no contract, quantity, unit or price: cells left empty.
        let per_service = per_service_item(l);
        let text = [
            (1, l.region.as_str()),
            (2, l.service.as_str()),
            (
                3,
                if per_service.is_some() {
                    ""
                } else {
                    &l.contract_no
                },
            ),
            (4, per_service.as_deref().unwrap_or(&l.item)),
            (6, if per_service.is_some() { "" } else { &l.unit }),
        ];
        for (col, value) in text {
            sheet
                .write_string(r, col, neutralize(value))
                .map_err(xerr)?;
        }
        if per_service.is_none() {
            sheet.write_number(r, 5, number(l.quantity)).map_err(xerr)?;
            sheet
                .write_number(r, 7, number(l.unit_price))
                .map_err(xerr)?;
        }
        let amounts = [l.used_amount, l.discount_amount, l.estimated_payment_amount];
        for (col, a) in (8u16..).zip(amounts) {
            sheet
                .write_number_with_format(r, col, number(a.to_decimal()), &self.won)
                .map_err(xerr)?;
        }
        Ok(())
    }

    fn finish(mut self, mut out: BufWriter<File>, path: &Path) -> Result<()> {
        self.book
            .save_to_writer(&mut out)
            .map_err(|e| Error::other(format!("cannot write {}: {e}", path.display())))?;
        out.flush().map_err(|e| write_error(path, e))
    }
}

enum Sink {
    Csv(Box<CsvSink<BufWriter<File>>>),
    Xlsx(Box<XlsxSink>, BufWriter<File>),
}

/// A fee file being written line by line (`.csv` streams to disk as it goes), through a
/// private temporary file renamed into place by [`FeeFile::finish`]: the file appears whole
/// or not at all.
pub struct FeeFile {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    sink: Sink,
    lines: usize,
}

impl FeeFile {
    /// Starts writing `path`, in the format its extension names.
    pub fn create(path: &Path, sheet_name: &str) -> Result<FeeFile> {
        let format = FileFormat::for_path(path)?;
        let tmp = private_temp(path)?;
        let file = tmp
            .as_file()
            .try_clone()
            .map_err(|e| write_error(path, e))?;
        let sink = match format {
            FileFormat::Csv => {
                // A byte-order mark, so that spreadsheets (Excel in Korea) read the file as
                // UTF-8 and show 서버, not mojibake; the importer skips it. CSV on stdout
                // (`--format csv`) has none.
                let mut out = BufWriter::with_capacity(1 << 16, file);
                out.write_all(UTF8_BOM).map_err(|e| write_error(path, e))?;
                Sink::Csv(Box::new(CsvSink::new(out)?))
            }
            FileFormat::Xlsx => {
                Sink::Xlsx(Box::new(XlsxSink::new(sheet_name)?), BufWriter::new(file))
            }
        };
        Ok(FeeFile {
            path: path.to_path_buf(),
            tmp,
            sink,
            lines: 0,
        })
    }

    /// Adds one fee line.
    pub fn line(&mut self, l: &FeeLine) -> Result<()> {
        self.lines += 1;
        match &mut self.sink {
            Sink::Csv(w) => w.line(l),
            Sink::Xlsx(w, _) => w.line(l),
        }
    }

    /// Completes the file and moves it into place; returns how many lines it holds.
    pub fn finish(self) -> Result<usize> {
        match self.sink {
            Sink::Csv(w) => w.finish()?,
            Sink::Xlsx(w, out) => w.finish(out, &self.path)?,
        }
        persist(self.tmp, &self.path)?;
        Ok(self.lines)
    }
}

/// Writes `lines` to `path` in the format its extension names.
pub fn write_file(path: &Path, sheet_name: &str, lines: &[FeeLine]) -> Result<()> {
    let mut file = FeeFile::create(path, sheet_name)?;
    for l in lines {
        file.line(l)?;
    }
    file.finish().map(drop)
}

fn write_error(path: &Path, e: std::io::Error) -> Error {
    // The temporary file's errors name its own path ("… at path \"/x/.ncp-usage-SAA1vK\""):
    // the user asked for `path`, so only the cause is shown beside it.
    let text = e.to_string();
    let cause = text.split(" at path \"").next().unwrap_or(&text);
    Error::other(format!(
        "cannot write {}: {cause}; check the folder exists and is writable",
        path.display()
    ))
}

/// A private temporary file (mode 0600) in the folder of `path`.
fn private_temp(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ncp-usage-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    builder.tempfile_in(dir).map_err(|e| write_error(path, e))
}

/// Flushes a complete temporary file to disk and renames it to `path`.
fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.as_file().sync_all().map_err(|e| write_error(path, e))?;
    tmp.persist(path).map_err(|e| write_error(path, e.error))?;
    Ok(())
}

/// Writes a file through a private temporary file (mode 0600) in the same folder, renamed
/// into place once complete: the file appears whole or not at all.
pub fn write_atomically(path: &Path, fill: impl FnOnce(&File) -> Result<()>) -> Result<()> {
    let tmp = private_temp(path)?;
    fill(tmp.as_file())?;
    persist(tmp, path)
}
