//! A strict reader for the CSV interchange files (SPEC §11).
//!
//! Header row required, columns in any order, unknown or missing columns refused by name,
//! every row as wide as the header, UTF-8 only (a leading byte-order mark is accepted, as
//! spreadsheets write one; a UTF-16 file or a workbook is recognised and refused with how to
//! save it as UTF-8 CSV). Line ends may be LF, CRLF or CR: they are read as LF before the CSV
//! parser sees them, so errors name the real line. Field accessors return errors that name the
//! line, the column and what was expected.
//!
//! [`Reader`] streams a file row by row in constant memory, for imports of millions of rows,
//! yet reports the error the file as a whole deserves, as if it had been checked whole before
//! any row was read: a card number anywhere first, then the header, an unclosed quote, a
//! malformed row, and only then the first row the importer refuses.

use std::io::{BufRead, BufReader, Cursor, Read};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::fees_format::unneutralize;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::money::{parse_decimal, Krw, MoneyError};

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

/// The most columns a file can have: every known column once (more are refused by name).
const MAX_COLUMNS: usize = 16;

/// Where each known column is in the file.
type Index = Vec<(&'static str, usize)>;

/// One data row, with its line number in the file.
pub struct Row<'a> {
    /// The 1-based line the row starts on.
    pub line: u64,
    index: &'a [(&'static str, usize)],
    fields: [&'a str; MAX_COLUMNS],
}

/// Checks a header against the expected columns and returns where each one is.
fn header_index(header: &csv::ByteRecord, columns: &[Column]) -> Result<Index> {
    let expected = || columns.iter().map(|c| c.name).collect::<Vec<_>>().join(",");
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        return Err(Error::invalid(format!(
            "the file is empty; it needs a header row: {}",
            expected()
        )));
    }
    let mut index = Index::new();
    let mut unknown = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw)
            .map_err(|_| {
                Error::invalid("line 1: the header is not valid UTF-8; save the file as UTF-8")
            })?
            .trim();
        match columns.iter().find(|c| c.name == name) {
            Some(c) if index.iter().any(|(n, _)| *n == c.name) => {
                return Err(Error::invalid(format!(
                    "line 1: column '{name}' appears twice in the header"
                )))
            }
            Some(c) => index.push((c.name, i)),
            None => unknown.push(shown(name)),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::invalid(format!(
            "line 1: unknown {} {}; expected the columns {}",
            if unknown.len() == 1 {
                "column"
            } else {
                "columns"
            },
            unknown.join(", "),
            expected()
        )));
    }
    let missing: Vec<_> = columns
        .iter()
        .filter(|c| c.required && !index.iter().any(|(n, _)| *n == c.name))
        .map(|c| c.name)
        .collect();
    if !missing.is_empty() {
        return Err(Error::invalid(format!(
            "line 1: missing {} {}; expected the columns {}",
            if missing.len() == 1 {
                "column"
            } else {
                "columns"
            },
            missing.join(", "),
            expected()
        )));
    }
    Ok(index)
}

/// The error for a file that is not UTF-8 text at all, told by its first bytes: a UTF-16
/// file (with a byte-order mark, or ASCII text with every other byte NUL) or a spreadsheet
/// workbook. Says what the file is and how to save it as UTF-8 CSV.
fn not_a_utf8_csv(head: &[u8]) -> Option<Error> {
    const SAVE_AS: &str = "save it as UTF-8 CSV (Excel: File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"; LibreOffice: Save As > Text CSV, character set Unicode (UTF-8)) and import that file";
    let what = match head {
        [b'P', b'K', 3, 4, ..] => "a spreadsheet workbook (.xlsx), not a CSV file".to_string(),
        [0xD0, 0xCF, 0x11, 0xE0, ..] => {
            "an Excel 97-2003 workbook (.xls), not a CSV file".to_string()
        }
        [0xFF, 0xFE, ..] => "UTF-16 text (byte-order mark FF FE), not UTF-8".to_string(),
        [0xFE, 0xFF, ..] => "UTF-16 text (byte-order mark FE FF), not UTF-8".to_string(),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => {
            "UTF-16 text (little-endian, every other byte NUL), not UTF-8".to_string()
        }
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => {
            "UTF-16 text (big-endian, every other byte NUL), not UTF-8".to_string()
        }
        _ => return None,
    };
    Some(Error::invalid(format!("the file is {what}; {SAVE_AS}")))
}

/// The input with every line end read as LF: CRLF becomes LF and a lone CR becomes LF. The
/// csv parser counts lines by LF and starts a record's position before the LF of a CRLF, so
/// without this every error past line 1 of a CRLF file named the line before the real one.
struct LineEnds<R> {
    inner: BufReader<R>,
    /// The last byte handed out was a CR that ended a chunk: an LF right after it is dropped.
    after_cr: bool,
}

impl<R: Read> LineEnds<R> {
    fn new(inner: R) -> LineEnds<R> {
        LineEnds {
            inner: BufReader::with_capacity(1 << 16, inner),
            after_cr: false,
        }
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let avail = self.inner.fill_buf()?;
            if avail.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            let mut taken = 0;
            if self.after_cr {
                self.after_cr = false;
                if avail[0] == b'\n' {
                    taken = 1;
                }
            }
            let mut out = 0;
            while taken < avail.len() && out < buf.len() {
                let rest = &avail[taken..];
                let room = buf.len() - out;
                match rest.iter().take(room).position(|&b| b == b'\r') {
                    None => {
                        let n = rest.len().min(room);
                        buf[out..out + n].copy_from_slice(&rest[..n]);
                        out += n;
                        taken += n;
                    }
                    Some(p) => {
                        buf[out..out + p].copy_from_slice(&rest[..p]);
                        buf[out + p] = b'\n';
                        out += p + 1;
                        taken += p + 1;
                        match avail.get(taken) {
                            Some(b'\n') => taken += 1,
                            Some(_) => {}
                            None => self.after_cr = true,
                        }
                    }
                }
            }
            self.inner.consume(taken);
            if out > 0 {
                return Ok(out);
            }
        }
    }
}

/// A column's name as the header has it, for messages.
fn column_name(header: &csv::ByteRecord, i: usize) -> String {
    header.get(i).map_or_else(
        || format!("#{}", i + 1),
        |c| String::from_utf8_lossy(c).into_owned(),
    )
}

fn unclosed_error(header: &csv::ByteRecord, line: u64, field: usize) -> Error {
    if line == 1 {
        return Error::invalid(
            "line 1: a quoted field is never closed; add the closing \" or remove the opening one",
        );
    }
    Error::invalid(format!(
        "line {line}, column {}: a quoted field is never closed; add the closing \" or remove the opening one",
        column_name(header, field)
    ))
}

fn card_error(line: u64, last4: &str) -> Error {
    Error::invalid(format!(
        "line {line}: holds what looks like a full card number (ending {last4}); ncp-usage never stores card numbers, remove it or keep only the last 4 digits"
    ))
}

/// Whether `bytes` could hold a card number: a run of at least 13 digits among digits,
/// spaces, dashes, dots and slashes (a superset of what `find_card_number` accepts, so the
/// exact check runs only on the rare field that passes this cheap one).
pub(crate) fn may_hold_card_number(bytes: &[u8]) -> bool {
    let mut digits = 0u32;
    for &b in bytes {
        if b.is_ascii_digit() {
            digits += 1;
            if digits >= 13 {
                return true;
            }
        } else if !matches!(b, b' ' | b'-' | b'.' | b'/') {
            digits = 0;
        }
    }
    false
}

/// The state of the quote scanner (see [`Scan`]).
#[derive(Clone, Copy)]
enum QuoteState {
    Start,
    Unquoted,
    Quoted,
    AfterQuote,
}

impl QuoteState {
    fn step(self, b: u8, line: u64, field: &mut usize, open: &mut (u64, usize)) -> QuoteState {
        match (self, b) {
            (QuoteState::Quoted, b'"') => QuoteState::AfterQuote,
            (QuoteState::Quoted, _) => QuoteState::Quoted,
            (QuoteState::Start, b'"') => {
                *open = (line, *field);
                QuoteState::Quoted
            }
            (_, b',') => {
                *field += 1;
                QuoteState::Start
            }
            (_, b'\n' | b'\r') => {
                *field = 0;
                QuoteState::Start
            }
            (QuoteState::AfterQuote, b'"') => QuoteState::Quoted,
            _ => QuoteState::Unquoted,
        }
    }
}

/// The raw bytes on their way to the csv reader: scanned for a quoted field that never
/// closes, which the csv reader itself would silently run to the end of the file.
struct Scan<R> {
    inner: R,
    eof: bool,
    state: QuoteState,
    line: u64,
    field: usize,
    open: (u64, usize),
    /// The byte before the next one (to tell a blank line).
    last: u8,
    /// The blank lines outside quoted fields, in order.
    blank: Vec<u64>,
}

impl<R: Read> Scan<R> {
    fn track(&mut self, chunk: &[u8]) {
        // Most files hold no quote at all: then only lines and commas need counting.
        if matches!(self.state, QuoteState::Start | QuoteState::Unquoted) && !chunk.contains(&b'"')
        {
            let mut previous = self.last;
            for &b in chunk {
                if b == b'\n' {
                    if previous == b'\n' {
                        self.blank.push(self.line);
                    }
                    self.line += 1;
                }
                previous = b;
            }
            self.last = previous;
            let commas = |s: &[u8]| s.iter().filter(|&&b| b == b',').count();
            match chunk.iter().rposition(|&b| b == b'\n' || b == b'\r') {
                Some(p) => self.field = commas(&chunk[p + 1..]),
                None => self.field += commas(chunk),
            }
            if let Some(&last) = chunk.last() {
                self.state = if matches!(last, b',' | b'\n' | b'\r') {
                    QuoteState::Start
                } else {
                    QuoteState::Unquoted
                };
            }
            return;
        }
        for &b in chunk {
            let outside_quotes = !matches!(self.state, QuoteState::Quoted);
            self.state = self
                .state
                .step(b, self.line, &mut self.field, &mut self.open);
            if b == b'\n' {
                if outside_quotes && self.last == b'\n' {
                    self.blank.push(self.line);
                }
                self.line += 1;
            }
            self.last = b;
        }
    }

    /// The line a record the csv reader places on `line` really starts on: the csv reader
    /// skips blank lines before a record but dates the record from the first of them.
    fn first_line_of_record(&self, mut line: u64) -> u64 {
        let mut skipped = self.blank.partition_point(|&b| b < line);
        while self.blank.get(skipped) == Some(&line) {
            line += 1;
            skipped += 1;
        }
        line
    }

    /// Once the whole input went by: where a quoted field opened and never closed.
    fn unclosed(&self) -> Option<(u64, usize)> {
        (self.eof && matches!(self.state, QuoteState::Quoted)).then_some(self.open)
    }
}

impl<R: Read> Read for Scan<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.eof = !buf.is_empty();
        } else {
            self.track(&buf[..n]);
        }
        Ok(n)
    }
}

/// How an error ranks against errors found later in the file (the highest-ranked one in the
/// file is reported).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// A row the importer refused (or could not store).
    Row,
    /// A malformed row: field count, NUL, UTF-8.
    Malformed,
    /// The header.
    Header,
    /// A NUL on line 1.
    HeaderNul,
    /// A card number: refused before any other message could quote it.
    Card,
}

/// The input with its first bytes (read to tell the encoding) put back in front.
type Head<R> = std::io::Chain<Cursor<Vec<u8>>, R>;

/// A CSV file read row by row (see the module documentation).
pub struct Reader<R: Read> {
    csv: csv::Reader<Scan<LineEnds<Head<R>>>>,
    header: csv::ByteRecord,
    index: Index,
    record: csv::ByteRecord,
    done: bool,
}

impl<R: Read> Reader<R> {
    /// Opens a CSV stream with exactly the given columns and checks its header.
    pub fn new(mut input: R, columns: &[Column]) -> Result<Reader<R>> {
        // A leading byte-order mark is dropped.
        let mut head = Vec::with_capacity(4);
        while head.len() < 4 {
            let mut b = [0u8; 4];
            let want = 4 - head.len();
            match input.read(&mut b[..want]) {
                Ok(0) => break,
                Ok(n) => head.extend_from_slice(&b[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::invalid(format!("cannot read the file: {e}"))),
            }
        }
        if let Some(e) = not_a_utf8_csv(&head) {
            return Err(e);
        }
        if head.starts_with(b"\xEF\xBB\xBF") {
            head.drain(..3);
        }
        let scan = Scan {
            inner: LineEnds::new(Cursor::new(head).chain(input)),
            eof: false,
            state: QuoteState::Start,
            line: 1,
            field: 0,
            open: (1, 0),
            last: 0,
            blank: Vec::new(),
        };
        let csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .buffer_capacity(1 << 16)
            .from_reader(scan);
        let mut reader = Reader {
            csv,
            header: csv::ByteRecord::new(),
            index: Index::new(),
            record: csv::ByteRecord::new(),
            done: false,
        };
        let header = match reader.csv.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(reader.settle(csv_error(e), Rank::Header)),
        };
        reader.header = header;
        if let Some(e) = card_in(&reader.header, 1) {
            return Err(reader.settle(e, Rank::Card));
        }
        // A NUL on line 1 (the header); one in a data row is reported with its column.
        let nul_on_line_1 = reader
            .header
            .as_slice()
            .iter()
            .take_while(|&&b| b != b'\n')
            .any(|&b| b == 0);
        if nul_on_line_1 {
            let e = Error::invalid("line 1: contains a NUL byte; this is not a text CSV file");
            return Err(reader.settle(e, Rank::HeaderNul));
        }
        match header_index(&reader.header, columns) {
            Ok(index) => reader.index = index,
            Err(e) => return Err(reader.settle(e, Rank::Header)),
        }
        if let Some((line, field)) = reader.csv.get_ref().unclosed() {
            return Err(reader.settle(unclosed_error(&reader.header, line, field), Rank::Row));
        }
        Ok(reader)
    }

    /// The next data row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>> {
        loop {
            if self.done {
                return Ok(None);
            }
            let more = self.csv.read_byte_record(&mut self.record);
            if let Some((line, field)) = self.csv.get_ref().unclosed() {
                let e = unclosed_error(&self.header, line, field);
                return Err(self.settle(e, Rank::Row));
            }
            match more {
                Err(e) => return Err(self.settle(csv_error(e), Rank::Malformed)),
                Ok(false) => {
                    self.done = true;
                    return Ok(None);
                }
                Ok(true) => {}
            }
            if self.record.len() == 1 && self.record[0].is_empty() {
                continue;
            }
            let line = self
                .record
                .position()
                .map_or(0, |p| self.csv.get_ref().first_line_of_record(p.line()));
            if let Some(e) = check_record(&self.header, &self.record, line) {
                return Err(self.settle(e.0, e.1));
            }
            let mut fields = [""; MAX_COLUMNS];
            for (slot, f) in fields.iter_mut().zip(self.record.iter()) {
                // Checked just above; an empty field is never used in place of a bad one.
                *slot = std::str::from_utf8(f).unwrap_or_default();
            }
            return Ok(Some(Row {
                line,
                index: &self.index,
                fields,
            }));
        }
    }

    /// The error to report when the importer refuses the current row (or cannot store it):
    /// a card number, a malformed row or an unclosed quote later in the file comes first,
    /// as it would had the whole file been parsed before any row was checked.
    pub fn refuse(&mut self, e: Error) -> Error {
        self.settle(e, Rank::Row)
    }

    /// Reads the rest of the input and returns the error the whole file deserves.
    fn settle(&mut self, mut e: Error, mut rank: Rank) -> Error {
        if rank == Rank::Card {
            self.done = true;
            return e;
        }
        let mut card = None;
        if !self.done {
            loop {
                match self.csv.read_byte_record(&mut self.record) {
                    Ok(false) => break,
                    Ok(true) => {
                        let line = self
                            .record
                            .position()
                            .map_or(0, |p| self.csv.get_ref().first_line_of_record(p.line()));
                        match check_record(&self.header, &self.record, line) {
                            Some((c, Rank::Card)) => {
                                card = Some(c);
                                break;
                            }
                            Some((m, r)) if r > rank && rank == Rank::Row => {
                                (e, rank) = (m, r);
                            }
                            _ => {}
                        }
                    }
                    Err(err) => {
                        if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                            break;
                        }
                        if rank == Rank::Row {
                            (e, rank) = (csv_error(err), Rank::Malformed);
                        }
                    }
                }
            }
            self.done = true;
            // Past a card number, the rest still has to go through the quote scanner.
            let _ = std::io::copy(self.csv.get_mut(), &mut std::io::sink());
        }
        if let Some(c) = card {
            return c;
        }
        if rank == Rank::HeaderNul {
            return e;
        }
        let unclosed = self.csv.get_ref().unclosed();
        if let Some((1, field)) = unclosed {
            return unclosed_error(&self.header, 1, field);
        }
        if rank == Rank::Header {
            return e;
        }
        if let Some((line, field)) = unclosed {
            return unclosed_error(&self.header, line, field);
        }
        e
    }
}

/// A card number in a record, as an error.
fn card_in(record: &csv::ByteRecord, line: u64) -> Option<Error> {
    let mut line = line;
    for f in record {
        if may_hold_card_number(f) {
            for (i, part) in f.split(|&b| b == b'\n').enumerate() {
                if let Some(last4) = ncp_usage_core::billing::account::find_card_number(part) {
                    return Some(card_error(line + i as u64, &last4));
                }
            }
        }
        line += f.iter().filter(|&&b| b == b'\n').count() as u64;
    }
    None
}

/// What is wrong with a data record before any field is read: a card number, a NUL or a
/// field that is not UTF-8.
fn check_record(
    header: &csv::ByteRecord,
    record: &csv::ByteRecord,
    line: u64,
) -> Option<(Error, Rank)> {
    // One pass decides the common case: plain ASCII, no NUL, no long digit run.
    let plain = record.iter().all(|f| {
        let mut digits = 0u32;
        f.iter().all(|&b| {
            if b.is_ascii_digit() {
                digits += 1;
            } else if !matches!(b, b' ' | b'-' | b'.' | b'/') {
                digits = 0;
            }
            b != 0 && b < 0x80 && digits < 13
        })
    });
    if plain {
        return None;
    }
    if let Some(e) = card_in(record, line) {
        return Some((e, Rank::Card));
    }
    for (i, f) in record.iter().enumerate() {
        if f.contains(&0) {
            return Some((
                Error::invalid(format!(
                    "line {line}, column {}: contains a NUL byte; this is not a text CSV file",
                    column_name(header, i)
                )),
                Rank::Malformed,
            ));
        }
        if std::str::from_utf8(f).is_err() {
            return Some((
                Error::invalid(format!(
                    "line {line}, column {}: not valid UTF-8; save the file as UTF-8",
                    column_name(header, i)
                )),
                Rank::Malformed,
            ));
        }
    }
    None
}

fn csv_error(e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::invalid(format!(
            "line {line}: has {} but the header has {expected_len}; check for a missing or extra comma, or quote fields that contain commas",
            ncp_usage_core::text::plural(*len as usize, "field", "fields")
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

impl<'a> Row<'a> {
    /// The raw text of a column; empty when the header left the column out.
    pub fn raw(&self, column: &str) -> &'a str {
        self.index
            .iter()
            .find(|(name, _)| *name == column)
            .and_then(|&(_, i)| self.fields.get(i))
            .copied()
            .unwrap_or("")
    }

    /// An error about one field.
    pub fn error(&self, column: &str, expected: impl std::fmt::Display) -> Error {
        Error::invalid(format!(
            "line {}, column {column}: expected {expected}, got {}",
            self.line,
            shown(self.raw(column))
        ))
    }

    /// A non-empty text of at most `max` characters without control characters, in NFC
    /// ([`ncp_usage_core::text::clean`]).
    pub fn text(&self, column: &str, max: usize) -> Result<String> {
        ncp_usage_core::text::clean(unneutralize(self.raw(column).trim()), max).map_err(|_| {
            self.error(
                column,
                format!("a text of 1 to {max} characters without control characters"),
            )
        })
    }

    /// An identifier: 1–64 letters, digits and `-_.:/`.
    pub fn id(&self, column: &str) -> Result<String> {
        self.id_str(column).map(str::to_string)
    }

    /// [`Row::id`] without a copy.
    pub fn id_str(&self, column: &str) -> Result<&'a str> {
        let v = unneutralize(self.raw(column).trim());
        let ok = !v.is_empty()
            && v.len() <= 64
            && v.bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.:/".contains(&c));
        if ok {
            Ok(v)
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

    /// A reader that hands out one byte per call, to cross every chunk boundary.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    /// The first error of reading every row of `input`, or the number of rows.
    fn read_all(input: impl Read) -> std::result::Result<usize, String> {
        let mut reader = Reader::new(input, COLS).map_err(|e| e.message)?;
        let mut n = 0;
        while reader.next_row().map_err(|e| e.message)?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// [`read_all`] of `bytes`, which must not depend on how the input arrives: whole, or
    /// one byte per read.
    #[track_caller]
    fn stream(bytes: &[u8]) -> std::result::Result<usize, String> {
        let whole = read_all(bytes);
        assert_eq!(
            read_all(Trickle(bytes)),
            whole,
            "{}",
            String::from_utf8_lossy(bytes)
        );
        whole
    }

    #[track_caller]
    fn err(bytes: &[u8]) -> String {
        match stream(bytes) {
            Ok(_) => panic!("accepted"),
            Err(e) => e,
        }
    }

    /// What `look` says of the first data row of `bytes`.
    #[track_caller]
    fn first_row<T>(bytes: &[u8], look: impl FnOnce(&Row<'_>) -> T) -> T {
        let mut reader = Reader::new(bytes, COLS).unwrap();
        let row = reader.next_row().unwrap().expect("a data row");
        look(&row)
    }

    #[test]
    fn refuses_unknown_and_missing_columns_by_name() {
        assert!(err(b"date,name,colour\n").contains("unknown column 'colour'"));
        assert!(err(b"date\n").contains("missing column name"));
        assert!(err(b"").contains("empty"));
    }

    #[test]
    fn names_the_line_of_a_bad_row() {
        assert!(err(b"date,name\n2024-01-01,a\n2024-01-02\n").starts_with("line 3: has 1 field"));
        assert!(err(b"date,name\n2024-01-01,\xff\xfe\n")
            .starts_with("line 2, column name: not valid UTF-8"));
        assert!(err(b"date,name\n2024-01-01,a\0b\n")
            .starts_with("line 2, column name: contains a NUL byte"));
        assert!(err(b"date,name\n2024-01-01,a\n2024-01-02,\"b\n")
            .starts_with("line 3, column name: a quoted field is never closed"));
        assert!(err(b"date,na\"me\n").starts_with("line 1: unknown column"));
    }

    #[test]
    fn accepts_a_bom_and_any_column_order() {
        first_row(b"\xEF\xBB\xBFname,date\nNew Year,2024-01-01\n", |row| {
            assert_eq!(row.line, 2);
            assert_eq!(row.date("date").unwrap().to_string(), "2024-01-01");
            assert_eq!(row.text("name", 80).unwrap(), "New Year");
        });
    }

    #[test]
    fn rows_after_blank_lines_name_their_own_line() {
        // Blank lines (LF or CRLF, also in quick succession) are skipped but counted; a blank
        // line inside a quoted field is part of the field.
        let text = "date,name\n\n2024-01-01,a\n\n\n2024-01-02,b\r\n\r\n2024-01-03,\"x\n\ny\"\n2024-01-04,c\n";
        let mut reader = Reader::new(text.as_bytes(), COLS).unwrap();
        let mut lines = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            lines.push(row.line);
        }
        assert_eq!(lines, [3, 6, 8, 11]);
    }

    /// The error of a whole file, whatever row it is found on, by precedence: a card number
    /// anywhere, then a NUL on line 1, the header, an unclosed quote, a malformed row.
    #[test]
    fn the_stream_reports_the_error_the_whole_file_deserves() {
        const UNCLOSED: &str =
            "a quoted field is never closed; add the closing \" or remove the opening one";
        const CARD: &str = "holds what looks like a full card number (ending 1111); ncp-usage never stores card numbers, remove it or keep only the last 4 digits";
        const ONE_FIELD: &str = "has 1 field but the header has 2; check for a missing or extra comma, or quote fields that contain commas";
        let long = "2024-01-01,a\n".repeat(20_000);
        let cases: Vec<(Vec<u8>, std::result::Result<usize, String>)> = vec![
            (
                b"".to_vec(),
                Err("the file is empty; it needs a header row: date,name".into()),
            ),
            (b"date,name\n".to_vec(), Ok(0)),
            (
                b"\xEF\xBB\xBFname,date\nNew Year,2024-01-01\n".to_vec(),
                Ok(1),
            ),
            (
                b"date,name,colour\n".to_vec(),
                Err("line 1: unknown column 'colour'; expected the columns date,name".into()),
            ),
            (
                b"date,na\0me\n2024-01-01,a\n".to_vec(),
                Err("line 1: contains a NUL byte; this is not a text CSV file".into()),
            ),
            (
                b"date,\"name\n2024-01-01,a\n".to_vec(),
                Err(format!("line 1: {UNCLOSED}")),
            ),
            (
                b"date,name\n2024-01-01,a\n2024-01-02\n".to_vec(),
                Err(format!("line 3: {ONE_FIELD}")),
            ),
            (
                b"date,name\n2024-01-01,a\n2024-01-02,\"b\n".to_vec(),
                Err(format!("line 3, column name: {UNCLOSED}")),
            ),
            (
                b"date,name\n2024-01-01,\"a\"\"b\"\n2024-01-02,\"b\"\n".to_vec(),
                Ok(2),
            ),
            (
                b"date,name\n2024-01-01,a\0b\n".to_vec(),
                Err("line 2, column name: contains a NUL byte; this is not a text CSV file".into()),
            ),
            (
                b"date,name\n2024-01-01,\xff\n".to_vec(),
                Err("line 2, column name: not valid UTF-8; save the file as UTF-8".into()),
            ),
            (
                b"date,name\n2024-01-01,card 4111 1111 1111 1111\n".to_vec(),
                Err(format!("line 2: {CARD}")),
            ),
            (
                format!("date,name\n{long}2024-01-02\n").into_bytes(),
                Err(format!("line 20002: {ONE_FIELD}")),
            ),
            (
                format!("date,name\n{long}2024-01-02,\"b\n").into_bytes(),
                Err(format!("line 20002, column name: {UNCLOSED}")),
            ),
            (
                format!("date,name\n2024-01-02\n{long}x,4111111111111111\n").into_bytes(),
                Err(format!("line 20003: {CARD}")),
            ),
            (
                [
                    b"date,name\n2024-01-02,\xff\n".as_slice(),
                    long.as_bytes(),
                    b"2024-01-02,\"b\n",
                ]
                .concat(),
                Err(format!("line 20003, column name: {UNCLOSED}")),
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                stream(&bytes),
                expected,
                "{}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
            );
        }
    }

    #[test]
    fn a_refused_row_gives_way_to_a_malformed_one_later() {
        let long = "2024-01-01,a\n".repeat(20_000);
        let bytes = format!("date,name\n2024-01-01,a\n{long}2024-01-02\n");
        let mut reader = Reader::new(bytes.as_bytes(), COLS).unwrap();
        let row = reader.next_row().unwrap().unwrap();
        let refused = row.error("date", "something else");
        let e = reader.refuse(refused);
        assert!(
            e.message.starts_with("line 20003: has 1 field"),
            "{}",
            e.message
        );
        let bytes = format!("date,name\n2024-01-01,a\n{long}");
        let mut reader = Reader::new(bytes.as_bytes(), COLS).unwrap();
        let row = reader.next_row().unwrap().unwrap();
        let refused = row.error("date", "something else");
        let e = reader.refuse(refused);
        assert!(
            e.message
                .starts_with("line 2, column date: expected something else"),
            "{}",
            e.message
        );
    }

    proptest::proptest! {
        /// The cheap card test never lets a card number through.
        #[test]
        fn the_card_prefilter_is_a_superset(text in "[0-9 ./a-]{0,40}") {
            if ncp_usage_core::billing::account::find_card_number(text.as_bytes()).is_some() {
                proptest::prop_assert!(may_hold_card_number(text.as_bytes()));
            }
        }
    }

    #[rstest::rstest]
    #[case::lf(b"a\nb\n", b"a\nb\n")]
    #[case::crlf(b"a\r\nb\r\n", b"a\nb\n")]
    #[case::lone_cr(b"a\rb\r", b"a\nb\n")]
    #[case::mixed(b"a\r\n\r\nb\rc\n\r", b"a\n\nb\nc\n\n")]
    #[case::cr_then_lf_apart(b"\r\r\n\n", b"\n\n\n")]
    #[case::none(b"", b"")]
    fn line_ends_are_read_as_lf(#[case] input: &[u8], #[case] expected: &[u8]) {
        let mut whole = Vec::new();
        LineEnds::new(input).read_to_end(&mut whole).unwrap();
        assert_eq!(whole, expected);
        let mut trickled = Vec::new();
        LineEnds::new(Trickle(input))
            .read_to_end(&mut trickled)
            .unwrap();
        assert_eq!(trickled, expected);
    }

    #[rstest::rstest]
    #[case::lf("\n")]
    #[case::crlf("\r\n")]
    #[case::cr("\r")]
    fn errors_name_the_real_line_whatever_the_line_ends(#[case] eol: &str) {
        let file = |rows: &[&str]| rows.join(eol).into_bytes();
        // Line 2 and the last line (4), with and without a line end after it.
        for (bytes, line) in [
            (file(&["date,name", "2024-13-01,a", "2024-01-02,b", ""]), 2),
            (
                file(&[
                    "date,name",
                    "2024-01-01,a",
                    "2024-01-02,b",
                    "2024-13-04,d",
                    "",
                ]),
                4,
            ),
            (
                file(&["date,name", "2024-01-01,a", "2024-01-02,b", "2024-13-04,d"]),
                4,
            ),
        ] {
            let mut reader = Reader::new(Trickle(&bytes), COLS).unwrap();
            let mut got = None;
            while let Some(row) = reader.next_row().unwrap() {
                if row.date("date").is_err() {
                    got = Some(row.line);
                }
            }
            assert_eq!(got, Some(line), "{bytes:?}");
        }
        // Malformed rows too.
        let bytes = file(&["date,name", "2024-01-01,a", "2024-01-02", ""]);
        let e = err(&bytes);
        assert!(e.starts_with("line 3: has 1 field"), "{e}");
    }

    #[rstest::rstest]
    #[case::xlsx(b"PK\x03\x04\x14\x00\x06\x00", "a spreadsheet workbook (.xlsx)")]
    #[case::xls(b"\xD0\xCF\x11\xE0\xA1\xB1", "an Excel 97-2003 workbook (.xls)")]
    #[case::utf16le_bom(b"\xFF\xFEd\x00a\x00", "UTF-16 text (byte-order mark FF FE)")]
    #[case::utf16be_bom(b"\xFE\xFF\x00d\x00a", "UTF-16 text (byte-order mark FE FF)")]
    #[case::utf16le_no_bom(b"d\x00a\x00t\x00e\x00", "UTF-16 text (little-endian")]
    #[case::utf16be_no_bom(b"\x00d\x00a\x00t\x00e", "UTF-16 text (big-endian")]
    fn a_file_that_is_not_utf8_csv_says_what_it_is(#[case] bytes: &[u8], #[case] what: &str) {
        let message = err(bytes);
        assert!(
            message.starts_with(&format!("the file is {what}")),
            "{message}"
        );
        assert!(message.contains("save it as UTF-8 CSV"), "{message}");
    }

    #[test]
    fn text_fields_are_nfc_without_control_characters() {
        let bytes = "date,name\n2024-01-01,Rene\u{301}\n2024-01-02,\"a\tb\"\n".as_bytes();
        let mut reader = Reader::new(bytes, COLS).unwrap();
        let first = reader.next_row().unwrap().unwrap().text("name", 80);
        assert_eq!(first.unwrap(), "Ren\u{e9}");
        let second = reader.next_row().unwrap().unwrap().text("name", 80);
        assert_eq!(
            second.unwrap_err().message,
            "line 3, column name: expected a text of 1 to 80 characters without control characters, got 'a\\tb'"
        );
    }

    #[test]
    fn field_errors_say_what_was_expected() {
        let e = first_row(b"date,name\n2024-13-01,x\n", |row| {
            row.date("date").unwrap_err()
        });
        assert_eq!(
            e.message,
            "line 2, column date: expected a date YYYY-MM-DD, got '2024-13-01'"
        );
    }
}
