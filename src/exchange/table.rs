//! A strict reader for the CSV interchange files (SPEC §11).
//!
//! Header row required, columns in any order, unknown or missing columns refused by name,
//! every row as wide as the header, UTF-8 only (a leading byte-order mark is accepted, as
//! spreadsheets write one). Field accessors return errors that name the line, the column and
//! what was expected.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::Month;
use crate::clock;
use crate::error::{Error, Result};
use crate::money::{parse_decimal, Krw, MoneyError};

/// What a column holds and whether it may be left empty.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The header name.
    pub name: &'static str,
    /// Whether the header must have it.
    pub required: bool,
}

/// A required column.
pub const fn required(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

/// A column the header may leave out.
pub const fn optional(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

/// A parsed file: its column positions and rows.
pub struct Table {
    index: HashMap<&'static str, usize>,
    rows: Vec<(u64, Vec<String>)>,
}

/// One data row, with its line number in the file.
pub struct Row<'a> {
    /// The 1-based line the row starts on.
    pub line: u64,
    index: &'a HashMap<&'static str, usize>,
    fields: &'a [String],
}

impl Table {
    /// Reads `bytes` as a CSV file with exactly the given columns.
    pub fn parse(bytes: &[u8], columns: &[Column]) -> Result<Table> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // P11: a card number is refused before any other message could quote it.
        if let Some(last4) = crate::billing::account::find_card_number(bytes) {
            let line = bytes
                .split(|&b| b == b'\n')
                .position(|l| crate::billing::account::find_card_number(l).is_some())
                .map_or(1, |i| i + 1);
            return Err(Error::invalid(format!(
                "line {line}: holds what looks like a full card number (ending {last4}); ncp-usage never stores card numbers, remove it or keep only the last 4 digits"
            )));
        }
        // A NUL in a data row is reported with its column below; one in the header here.
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            if !bytes[..pos].contains(&b'\n') {
                return Err(Error::invalid(
                    "line 1: contains a NUL byte; this is not a text CSV file",
                ));
            }
        }
        let unclosed = unclosed_quote(bytes);
        if let Some((1, _)) = unclosed {
            return Err(Error::invalid(
                "line 1: a quoted field is never closed; add the closing \" or remove the opening one",
            ));
        }
        let expected = || columns.iter().map(|c| c.name).collect::<Vec<_>>().join(",");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(bytes);
        let header = reader.byte_headers().map_err(csv_error)?.clone();
        if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
            return Err(Error::invalid(format!(
                "the file is empty; it needs a header row: {}",
                expected()
            )));
        }
        let mut index = HashMap::new();
        let mut unknown = Vec::new();
        for (i, raw) in header.iter().enumerate() {
            let name = std::str::from_utf8(raw)
                .map_err(|_| {
                    Error::invalid("line 1: the header is not valid UTF-8; save the file as UTF-8")
                })?
                .trim();
            match columns.iter().find(|c| c.name == name) {
                Some(c) if index.insert(c.name, i).is_some() => {
                    return Err(Error::invalid(format!(
                        "line 1: column '{name}' appears twice in the header"
                    )))
                }
                Some(_) => {}
                None => unknown.push(shown(name)),
            }
        }
        if !unknown.is_empty() {
            return Err(Error::invalid(format!(
                "line 1: unknown column(s) {}; expected the columns {}",
                unknown.join(", "),
                expected()
            )));
        }
        let missing: Vec<_> = columns
            .iter()
            .filter(|c| c.required && !index.contains_key(c.name))
            .map(|c| c.name)
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid(format!(
                "line 1: missing column(s) {}; expected the columns {}",
                missing.join(", "),
                expected()
            )));
        }
        let column_name = |i: usize| {
            header.get(i).map_or_else(
                || format!("#{}", i + 1),
                |c| String::from_utf8_lossy(c).into_owned(),
            )
        };
        if let Some((line, field)) = unclosed {
            return Err(Error::invalid(format!(
                "line {line}, column {}: a quoted field is never closed; add the closing \" or remove the opening one",
                column_name(field)
            )));
        }
        let mut rows = Vec::new();
        for record in reader.byte_records() {
            let record = record.map_err(csv_error)?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() == 1 && record[0].is_empty() {
                continue;
            }
            let fields = record
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if f.contains(&0) {
                        return Err(Error::invalid(format!(
                            "line {line}, column {}: contains a NUL byte; this is not a text CSV file",
                            column_name(i)
                        )));
                    }
                    String::from_utf8(f.to_vec()).map_err(|_| {
                        Error::invalid(format!(
                            "line {line}, column {}: not valid UTF-8; save the file as UTF-8",
                            column_name(i)
                        ))
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            rows.push((line, fields));
        }
        Ok(Table { index, rows })
    }

    /// The data rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|(line, fields)| Row {
            line: *line,
            index: &self.index,
            fields,
        })
    }

    /// How many data rows the file has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the file has no data rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Where a quoted field opens and never closes, as the csv reader would read the bytes: its
/// 1-based line and 0-based field index. The reader itself silently runs such a field to the
/// end of the file, which would accept a broken file.
fn unclosed_quote(bytes: &[u8]) -> Option<(u64, usize)> {
    #[derive(Clone, Copy)]
    enum State {
        Start,
        Unquoted,
        Quoted,
        AfterQuote,
    }
    let mut state = State::Start;
    let (mut line, mut field) = (1u64, 0usize);
    let mut open = (1, 0);
    for &b in bytes {
        state = match (state, b) {
            (State::Quoted, b'"') => State::AfterQuote,
            (State::Quoted, _) => State::Quoted,
            (State::Start, b'"') => {
                open = (line, field);
                State::Quoted
            }
            (_, b',') => {
                field += 1;
                State::Start
            }
            (_, b'\n' | b'\r') => {
                field = 0;
                State::Start
            }
            (State::AfterQuote, b'"') => State::Quoted,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    matches!(state, State::Quoted).then_some(open)
}

fn csv_error(e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::invalid(format!(
            "line {line}: has {len} field(s) but the header has {expected_len}; check for a missing or extra comma, or quote fields that contain commas"
        )),
        csv::ErrorKind::Io(io) => Error::invalid(format!("cannot read the file: {io}")),
        _ => Error::invalid(format!("line {line}: not well-formed CSV ({e})")),
    }
}

/// A value as it can be shown in a message: short, control characters escaped.
pub fn shown(value: &str) -> String {
    let escaped: String = value.escape_debug().collect();
    if escaped.chars().count() > 40 {
        format!("'{}…'", escaped.chars().take(40).collect::<String>())
    } else {
        format!("'{escaped}'")
    }
}

/// Undoes the formula neutralisation of exports (a leading `'`), so that export → import
/// round-trips exactly.
pub fn unneutralize(value: &str) -> &str {
    value.strip_prefix('\'').unwrap_or(value)
}

impl Row<'_> {
    /// The raw text of a column; empty when the header left the column out.
    pub fn raw(&self, column: &str) -> &str {
        self.index
            .get(column)
            .and_then(|&i| self.fields.get(i))
            .map_or("", String::as_str)
    }

    /// An error about one field.
    pub fn error(&self, column: &str, expected: impl std::fmt::Display) -> Error {
        Error::invalid(format!(
            "line {}, column {column}: expected {expected}, got {}",
            self.line,
            shown(self.raw(column))
        ))
    }

    /// A non-empty text of at most `max` characters without control characters.
    pub fn text(&self, column: &str, max: usize) -> Result<String> {
        let v = unneutralize(self.raw(column).trim());
        if v.is_empty() || v.chars().count() > max || v.chars().any(char::is_control) {
            return Err(self.error(
                column,
                format!("a text of 1 to {max} characters without control characters"),
            ));
        }
        Ok(v.to_string())
    }

    /// An identifier: 1–64 letters, digits and `-_.:/`.
    pub fn id(&self, column: &str) -> Result<String> {
        let v = unneutralize(self.raw(column).trim());
        let ok = !v.is_empty()
            && v.len() <= 64
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.:/".contains(c));
        if ok {
            Ok(v.to_string())
        } else {
            Err(self.error(
                column,
                "an identifier of letters, digits and -_.:/ (e.g. KR-SVR-1001)",
            ))
        }
    }

    /// A region code: 1–10 capital letters or digits (`KR`, `SGN`, `USWN`).
    pub fn region(&self, column: &str) -> Result<String> {
        let v = unneutralize(self.raw(column).trim());
        if !v.is_empty()
            && v.len() <= 10
            && v.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            Ok(v.to_string())
        } else {
            Err(self.error(column, "a region code in capitals, e.g. KR, SGN or JPN"))
        }
    }

    /// A date, `YYYY-MM-DD`.
    pub fn date(&self, column: &str) -> Result<NaiveDate> {
        clock::parse_date(self.raw(column)).ok_or_else(|| self.error(column, "a date YYYY-MM-DD"))
    }

    /// A date, or nothing when the field is empty.
    pub fn optional_date(&self, column: &str) -> Result<Option<NaiveDate>> {
        if self.raw(column).trim().is_empty() {
            Ok(None)
        } else {
            self.date(column).map(Some)
        }
    }

    /// A month, `YYYY-MM`.
    pub fn month(&self, column: &str) -> Result<Month> {
        self.raw(column)
            .trim()
            .parse()
            .map_err(|_| self.error(column, "a month YYYY-MM"))
    }

    /// A whole, non-negative amount of won.
    pub fn krw(&self, column: &str) -> Result<Krw> {
        Krw::parse_non_negative(self.raw(column)).map_err(|e| {
            let what = match e {
                MoneyError::Negative(_) => "an amount of 0 won or more",
                MoneyError::TooLarge(_) => "an amount under 10^15 won",
                MoneyError::NotWhole(_) => "a whole amount of won (digits only, no separators)",
            };
            self.error(column, what)
        })
    }

    /// A whole amount of won, or nothing when the field is empty.
    pub fn optional_krw(&self, column: &str) -> Result<Option<Krw>> {
        if self.raw(column).trim().is_empty() {
            Ok(None)
        } else {
            self.krw(column).map(Some)
        }
    }

    /// A non-negative decimal with at most `scale` decimals.
    pub fn decimal(&self, column: &str, scale: u32) -> Result<Decimal> {
        parse_decimal(self.raw(column), scale).ok_or_else(|| {
            self.error(
                column,
                format!("a number of 0 or more with at most {scale} decimals (e.g. 12.5)"),
            )
        })
    }

    /// A non-negative whole count.
    pub fn count(&self, column: &str) -> Result<i64> {
        let v = self.raw(column).trim();
        if !v.is_empty() && v.len() <= 15 && v.bytes().all(|b| b.is_ascii_digit()) {
            v.parse()
                .map_err(|_| self.error(column, "a whole number of 0 or more"))
        } else {
            Err(self.error(column, "a whole number of 0 or more"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: &[Column] = &[required("date"), required("name")];

    fn err(bytes: &[u8]) -> String {
        match Table::parse(bytes, COLS) {
            Ok(_) => panic!("accepted"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn refuses_unknown_and_missing_columns_by_name() {
        assert!(err(b"date,name,colour\n").contains("unknown column(s) 'colour'"));
        assert!(err(b"date\n").contains("missing column(s) name"));
        assert!(err(b"").contains("empty"));
    }

    #[test]
    fn names_the_line_of_a_bad_row() {
        assert!(err(b"date,name\n2024-01-01,a\n2024-01-02\n").starts_with("line 3: has 1 field(s)"));
        assert!(err(b"date,name\n2024-01-01,\xff\xfe\n")
            .starts_with("line 2, column name: not valid UTF-8"));
        assert!(err(b"date,name\n2024-01-01,a\0b\n")
            .starts_with("line 2, column name: contains a NUL byte"));
        assert!(err(b"date,name\n2024-01-01,a\n2024-01-02,\"b\n")
            .starts_with("line 3, column name: a quoted field is never closed"));
        assert!(err(b"date,na\"me\n").starts_with("line 1: unknown column(s)"));
    }

    #[test]
    fn accepts_a_bom_and_any_column_order() {
        let t = Table::parse(b"\xEF\xBB\xBFname,date\nNew Year,2024-01-01\n", COLS).unwrap();
        let row = t.rows().next().unwrap();
        assert_eq!(row.line, 2);
        assert_eq!(row.date("date").unwrap().to_string(), "2024-01-01");
        assert_eq!(row.text("name", 80).unwrap(), "New Year");
    }

    #[test]
    fn field_errors_say_what_was_expected() {
        let t = Table::parse(b"date,name\n2024-13-01,x\n", COLS).unwrap();
        let e = t.rows().next().unwrap().date("date").unwrap_err();
        assert_eq!(
            e.message,
            "line 2, column date: expected a date YYYY-MM-DD, got '2024-13-01'"
        );
    }
}
