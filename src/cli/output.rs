//! Rendering a report on stdout in the chosen format (SPEC O1).

use std::io::Write;

use serde_json::{Map, Value};

use super::io_error;
use ncp_usage_app::report::{Report, Style};
use ncp_usage_core::error::{Error, Result};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for people.
    Table,
    /// One JSON document.
    Json,
    /// CSV rows with a header, where the output has rows.
    Csv,
    /// `export` only: the month as a FOCUS 1.2 cost and usage file (docs/FOCUS.md).
    Focus,
}

/// The JSON document of a report: its fields, with `"currency": "KRW"` first.
pub fn json_document<R: Report>(report: &R) -> Result<Value> {
    let value = report
        .json()
        .map_err(|e| Error::other(format!("cannot build the JSON output: {e}")))?;
    let mut doc = Map::new();
    doc.insert("currency".to_string(), Value::String("KRW".to_string()));
    match value {
        Value::Object(fields) => doc.extend(fields),
        other => {
            doc.insert("result".to_string(), other);
        }
    }
    Ok(Value::Object(doc))
}

/// Prints a report on stdout.
pub fn print<R: Report>(report: &R, format: Format, style: Style) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Table | Format::Focus => out
            .write_all(report.human(style).as_bytes())
            .map_err(io_error)?,
        Format::Json => {
            let doc = json_document(report)?;
            serde_json::to_writer_pretty(&mut out, &doc).map_err(|e| io_error(e.into()))?;
            out.write_all(b"\n").map_err(io_error)?;
        }
        Format::Csv => {
            let rows = report.csv().ok_or_else(|| {
                Error::invalid("this command has no CSV form; use --format table or --json")
            })?;
            let mut w = csv::Writer::from_writer(&mut out);
            for row in rows {
                w.write_record(&row).map_err(|e| {
                    let text = e.to_string();
                    match e.into_kind() {
                        csv::ErrorKind::Io(io) => io_error(io),
                        _ => Error::other(format!("cannot write output: {text}")),
                    }
                })?;
            }
            w.flush().map_err(io_error)?;
        }
    }
    out.flush().map_err(io_error)
}
