//! Importing the CSV interchange files (SPEC §11) into the ledger.
//!
//! Files are streamed: each row is checked — against the file and against what the ledger
//! already holds — and stored as it is read, inside the command's one transaction, so a file
//! with one bad row changes nothing (the transaction rolls back) and a file of millions of
//! rows needs no more memory than a few rows. Rows are upserted by their natural key, so
//! importing the same file twice adds nothing the second time, and a corrected row replaces
//! the one imported before.

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write as _};

use chrono::{Datelike, NaiveDate};
use ncp_usage_ledger::{usage, Connection};
use serde::Serialize;

use super::fees_format::FEE_COLUMNS;
use super::strict_csv::{required, Column, Reader, Row};
use ncp_usage_core::billing::facts::{
    quantity_to_milli, validate_contract_dates, Contract, Fault, FeeLine, Plan, QUANTITY_SCALE,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::money::{MAX_DAY_WON, MAX_WON, MAX_WON_TEXT};
use ncp_usage_ledger::promotions::Promotion;
use ncp_usage_ledger::upsert::Upserted;
use ncp_usage_ledger::{contracts, fees, holidays, promotions};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The kinds of interchange file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `contract_no,service,region,plan,price,unit,start_date,end_date`
    Contracts,
    /// `contract_no,date,quantity`
    Usage,
    /// `month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount`
    Fees,
    /// `name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to`
    Promotions,
    /// `date,name`
    Holidays,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Data rows in the file.
    pub rows: usize,
    /// Rows that were new.
    pub added: usize,
    /// Rows that replaced different values imported before.
    pub updated: usize,
    /// Rows already in the ledger as given.
    pub unchanged: usize,
    /// The earliest month whose amounts the rows may have changed: from it to "now", each
    /// month is checked against the ceiling ([`check_month_ceilings`]).
    #[serde(skip)]
    pub first_month: Option<Month>,
}

impl Summary {
    /// Notes that the amounts of `month` (and later ones) may have changed.
    pub fn touch(&mut self, month: Month) {
        self.first_month = Some(self.first_month.map_or(month, |m| m.min(month)));
    }

    fn count(&mut self, u: Upserted) {
        self.rows += 1;
        match u {
            Upserted::Added => self.added += 1,
            Upserted::Updated => self.updated += 1,
            Upserted::Unchanged => self.unchanged += 1,
        }
    }
}

/// The contracts columns.
pub const CONTRACT_COLUMNS: &[Column] = &[
    required("contract_no"),
    required("service"),
    required("region"),
    required("plan"),
    required("price"),
    required("unit"),
    required("start_date"),
    // Every column is required, as the README says; a value may be empty (still active).
    required("end_date"),
];

/// The usage columns.
pub const USAGE_COLUMNS: &[Column] = &[
    required("contract_no"),
    required("date"),
    required("quantity"),
];

/// The promotions columns.
pub const PROMOTION_COLUMNS: &[Column] = &[
    required("name"),
    required("service"),
    required("provision_type"),
    required("pricing_plan"),
    required("provided"),
    required("used"),
    // Required columns, empty values allowed (a promotion has a rate or a credit).
    required("discount_rate"),
    required("credit"),
    required("valid_from"),
    required("valid_to"),
];

/// The holidays columns.
pub const HOLIDAY_COLUMNS: &[Column] = &[required("date"), required("name")];

/// Metered prices may have up to four decimals (NCP prices some units at fractions of a won).
const PRICE_SCALE: u32 = 4;

/// A fee line's unit price may have as many decimals as the ledger holds (28, rust_decimal's
/// scale): it is NCP's own price kept as NCP sent it (`0.10125`), and `export` writes it
/// back, so `import fees` takes every price `export` can write (export → import round-trips).
/// The price is shown, never multiplied: the line's amounts are its own columns.
const FEE_PRICE_SCALE: u32 = 28;

/// Imports one file of `kind`, held in memory, into the ledger inside the caller's
/// transaction.
pub fn import(conn: &Connection, kind: Kind, bytes: &[u8]) -> Result<Summary> {
    import_from(conn, kind, bytes)
}

/// Imports one file of `kind`, read as a stream, into the ledger inside the caller's
/// transaction.
pub fn import_from(conn: &Connection, kind: Kind, input: impl Read) -> Result<Summary> {
    match kind {
        Kind::Contracts => import_contracts(conn, input),
        Kind::Usage => import_usage(conn, input),
        Kind::Fees => import_fees(conn, input),
        Kind::Promotions => import_promotions(conn, input),
        Kind::Holidays => import_holidays(conn, input),
    }
}

/// Runs `f` on every row; the first error it returns is settled against the rest of the file
/// (see [`Reader::refuse`]).
fn each_row<R: Read>(
    reader: &mut Reader<R>,
    mut f: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    loop {
        let outcome = match reader.next_row()? {
            None => return Ok(()),
            Some(row) => f(&row),
        };
        if let Err(e) = outcome {
            return Err(reader.refuse(e));
        }
    }
}

/// Refuses a second row with the same key in one file, naming both lines.
fn first_seen<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, u64>,
    key: K,
    line: u64,
    what: impl Fn() -> String,
) -> Result<()> {
    if let Some(first) = seen.insert(key, line) {
        return Err(duplicate(line, first, &what()));
    }
    Ok(())
}

fn duplicate(line: u64, first: u64, what: &str) -> Error {
    Error::invalid(format!(
        "line {line}: {what} appears twice (first on line {first}); keep one row"
    ))
}

fn import_contracts(conn: &Connection, input: impl Read) -> Result<Summary> {
    let mut reader = Reader::new(input, CONTRACT_COLUMNS)?;
    let mut seen = HashMap::new();
    let mut summary = Summary::default();
    each_row(&mut reader, |row| {
        let contract_no = row.id("contract_no")?;
        let plan = Plan::parse(row.raw("plan").trim())
            .ok_or_else(|| row.error("plan", "monthly or metered"))?;
        let price = match plan {
            Plan::Monthly => row.krw("price")?.to_decimal(),
            Plan::Metered => row.decimal("price", PRICE_SCALE)?,
        };
        let start_date = row.date("start_date")?;
        let end_date = row.optional_date("end_date")?;
        if validate_contract_dates(start_date, end_date).is_err() {
            return Err(row.error(
                "end_date",
                format!("a date on or after start_date {start_date} (or empty while active)"),
            ));
        }
        first_seen(&mut seen, contract_no.clone(), row.line, || {
            format!("contract {contract_no}")
        })?;
        refuse_orphaned_usage(conn, row, &contract_no, start_date, end_date)?;
        if plan == Plan::Metered {
            refuse_price_beyond_ceiling(conn, row, &contract_no, price)?;
        }
        let c = Contract {
            service: row.text("service", 100)?,
            region: row.region("region")?,
            unit: row.text("unit", 40)?,
            contract_no,
            plan,
            price,
            start_date,
            end_date,
        };
        let upserted = contracts::upsert(conn, &c)?;
        if upserted != Upserted::Unchanged {
            summary.touch(Month::of(start_date));
        }
        summary.count(upserted);
        Ok(())
    })?;
    Ok(summary)
}

/// A corrected contract whose new dates leave recorded usage outside them is refused (exit
/// 2): that usage would stay billed while `history` and `check` say the contract was not held.
/// The error names the contract, the usage days outside and the column to correct.
fn refuse_orphaned_usage(
    conn: &Connection,
    row: &Row<'_>,
    contract_no: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<()> {
    let Some((days, first, last)) = contracts::usage_outside(conn, contract_no, start, end)? else {
        return Ok(());
    };
    let recorded = if days == 1 {
        format!("usage on {first}")
    } else {
        format!("usage on {days} days from {first} to {last}")
    };
    let (column, keep) = if first < start {
        ("start_date", format!("a start date on or before {first}"))
    } else {
        (
            "end_date",
            format!("an end date on or after {last} (or empty)"),
        )
    };
    Err(row.error(
        column,
        format!("{keep}: contract {contract_no} has {recorded} outside the new dates, which would stay billed"),
    ))
}

/// M1: a metered price that would make a month of the usage already recorded cost more than
/// [`MAX_WON`] is refused at its `price` column (new usage is bounded per day on import).
fn refuse_price_beyond_ceiling(
    conn: &Connection,
    row: &Row<'_>,
    contract_no: &str,
    price: Decimal,
) -> Result<()> {
    let milli = contracts::max_monthly_quantity(conn, contract_no)?;
    if milli == 0 || price * Decimal::new(milli, 3) <= Decimal::from(MAX_WON) {
        return Ok(());
    }
    let most = Decimal::from(MAX_WON) / Decimal::new(milli, 3);
    Err(row.error(
        "price",
        format!(
            "a price of at most {} won: contract {contract_no} has a month of {} units recorded, and a fee line may not exceed {MAX_WON_TEXT} won",
            most.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero).normalize(),
            Decimal::new(milli, 3).normalize()
        ),
    ))
}

/// M1: every month the import can change must bill, with VAT, at most [`MAX_WON`] (fee
/// lines before discounts, which only lower them); else the import is refused naming the
/// month, so no bill is ever past the ceiling later. A month before the month of `now` is
/// rated as history rates it (every day); the running month and every later month a
/// contract touches are rated as the whole month will bill, so an import on the 1st or
/// mid-month is refused as it would be once the month is over.
pub fn check_month_ceilings(
    conn: &Connection,
    from: Month,
    now: ncp_usage_core::clock::Instant,
) -> Result<()> {
    use ncp_usage_core::billing::period::{usage_period, Period};
    let running = Month::of(now.date_naive());
    let mut month = from;
    while month < running {
        let period = usage_period(month, now.date_naive())?;
        check_month_ceiling(conn, month, &period)?;
        month = month.next();
    }
    // From the running month on, a month bills what the month before it did unless a
    // contract starts or ends, or usage or fee lines are recorded, in it or the month before.
    let first = from.max(running);
    let mut months = std::collections::BTreeSet::from([first, first.next()]);
    for m in contracts::changing_months(conn, first)? {
        months.insert(m);
        months.insert(m.next());
    }
    for month in months {
        let whole = Period {
            from: month.first_day(),
            to: Some(month.last_day()),
            complete: false,
        };
        check_month_ceiling(conn, month, &whole)?;
    }
    Ok(())
}

/// M1: one month's fee lines in `period` (imported ones if any, else rated) against the
/// ceiling.
fn check_month_ceiling(
    conn: &Connection,
    month: Month,
    period: &ncp_usage_core::billing::period::Period,
) -> Result<()> {
    let mut lines = fees::of_month(conn, month)?;
    if lines.is_empty() {
        if let Some(to) = period.to {
            let held = contracts::held_between(conn, period.from, to)?;
            let quantities = contracts::metered_quantities(conn, month, period)?;
            lines = ncp_usage_core::billing::rating::month_lines(&held, &quantities, month, period);
        }
    }
    if ncp_usage_core::billing::statement::summarize(&lines).is_err() {
        return Err(Error::invalid(format!(
            "the {month} bill would come to more than {MAX_WON_TEXT} won, more than the ledger holds; correct the prices, quantities or amounts imported for {month}"
        )));
    }
    Ok(())
}

/// The lines on which one contract's days appeared in a usage file: a window of days indexed
/// from the first day seen (dense usage costs 4 bytes a row), with a map for days far
/// outside it.
#[derive(Default)]
struct DaysSeen {
    base: i32,
    lines: Vec<u32>,
    far: HashMap<i32, u64>,
    count: usize,
}

impl DaysSeen {
    /// Records `day` on `line`; the line it was first seen on if it was seen before.
    fn insert(&mut self, day: i32, line: u64) -> Option<u64> {
        self.count += 1;
        if !self.far.is_empty() {
            if let Some(&first) = self.far.get(&day) {
                return Some(first);
            }
        }
        let room = 4 * self.count + 1024;
        if self.lines.is_empty() {
            self.base = day;
            self.lines.push(0);
        }
        let mut offset = i64::from(day) - i64::from(self.base);
        if offset < 0 {
            let grow = (-offset) as usize;
            if self.lines.len() + grow <= room {
                // Grow at the front with slack, so a file in descending order stays linear.
                let grow = grow.max(self.lines.len()).min(room - self.lines.len());
                let mut lines = vec![0; grow];
                lines.extend_from_slice(&self.lines);
                self.lines = lines;
                self.base -= grow as i32;
                offset = i64::from(day) - i64::from(self.base);
            }
        } else if offset as usize >= self.lines.len() && (offset as usize) < room {
            self.lines.resize(offset as usize + 1, 0);
        }
        match usize::try_from(offset)
            .ok()
            .and_then(|o| self.lines.get_mut(o))
        {
            Some(slot) if *slot != 0 => Some(u64::from(*slot)),
            Some(slot) if line <= u64::from(u32::MAX) => {
                *slot = line as u32;
                None
            }
            _ => self.far.insert(day, line),
        }
    }
}

/// A contract as a usage import sees it.
struct Known {
    contract: Contract,
    /// Days since the common era of its first and last day.
    start: i32,
    end: Option<i32>,
    seen: DaysSeen,
    /// Its place in the order of contract numbers.
    rank: u32,
    /// Thousandths added per month (`year * 12 + month - 1`) by rows new to the ledger.
    added: Vec<(i32, i64)>,
    /// The most thousandths one day may hold at its price (M1: a day costs at most
    /// [`MAX_DAY_WON`], so a month's line stays under [`MAX_WON`]).
    max_milli: i64,
}

/// M1: the most thousandths of a unit one day of a contract at `price` may hold.
fn max_day_milli(price: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    if price.is_zero() {
        return i64::MAX;
    }
    (Decimal::from(MAX_DAY_WON) * Decimal::from(1000) / price)
        .floor()
        .to_i64()
        .unwrap_or(i64::MAX)
}

/// A date written exactly `YYYY-MM-DD`, the way nearly every row writes it, without the
/// general parser; `None` for anything else, which the general parser then judges.
fn plain_date(text: &str) -> Option<Option<NaiveDate>> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    Some(NaiveDate::from_ymd_opt(y as i32, m, d).filter(|d| d.year() >= 1))
}

/// A quantity written as plain digits with up to three decimals, in thousandths, without the
/// general parser; `None` for anything else.
fn plain_milli(text: &str) -> Option<i64> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty()
        || frac.len() > 3
        || (frac.is_empty() && text.ends_with('.'))
        || int.trim_start_matches('0').len() > 15
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = |s: &str| s.bytes().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    let scale = [1000, 100, 10, 1][frac.len()];
    Some(digits(int) * 1000 + digits(frac) * scale)
}

/// How many checked usage rows wait to be stored, sorted by key: rows in the table's order
/// append to its B-tree instead of splitting pages in the middle.
const USAGE_BUFFER: usize = 1 << 14;

/// A checked usage row waiting for its batch.
struct PendingUsage {
    /// Day and the contract number's rank: the order of the table's key.
    key: (i32, u32),
    contract: usize,
    date: [u8; 12],
    date_len: usize,
    milli: i64,
    month: i32,
}

impl PendingUsage {
    fn date(&self) -> &str {
        std::str::from_utf8(&self.date[..self.date_len]).unwrap_or_default()
    }
}

/// A date as the ledger writes it, `YYYY-MM-DD` (what `to_string` gives), without the
/// formatting machinery for the common four-digit years.
fn date_text(date: NaiveDate) -> ([u8; 12], usize) {
    let mut text = [0u8; 12];
    let (y, m, d) = (date.year(), date.month(), date.day());
    if (0..=9999).contains(&y) {
        let y = y as u32;
        let digits = [
            y / 1000,
            y / 100 % 10,
            y / 10 % 10,
            y % 10,
            m / 10,
            m % 10,
            d / 10,
            d % 10,
        ];
        let at = [0, 1, 2, 3, 5, 6, 8, 9];
        for (i, v) in at.into_iter().zip(digits) {
            text[i] = b'0' + v as u8;
        }
        text[4] = b'-';
        text[7] = b'-';
        return (text, 10);
    }
    let mut cursor = std::io::Cursor::new(&mut text[..]);
    let _ = write!(cursor, "{date}");
    let len = cursor.position() as usize;
    (text, len)
}

/// The month of a `year * 12 + month - 1` key.
fn month_of_key(key: i32) -> Option<Month> {
    Month::new(key.div_euclid(12), key.rem_euclid(12) as u32 + 1)
}

/// Checked usage rows on their way to the ledger, a buffer at a time in key order, a batch
/// of the ledger's [`usage::BATCH`] per statement: a batch whose rows were all new adds to
/// the monthly sums; one with rows stored before updates those rows instead.
struct UsageBuffer<'c> {
    writer: usage::UsageWriter<'c>,
    pending: Vec<PendingUsage>,
    /// Months where a stored row changed (or where new and old rows mixed in one batch):
    /// their summaries are summed again from the days.
    resum: BTreeSet<Month>,
    summary: Summary,
}

impl<'c> UsageBuffer<'c> {
    fn new(conn: &'c Connection) -> Result<UsageBuffer<'c>> {
        Ok(UsageBuffer {
            writer: usage::UsageWriter::new(conn)?,
            pending: Vec::with_capacity(USAGE_BUFFER),
            resum: BTreeSet::new(),
            summary: Summary::default(),
        })
    }

    fn push(&mut self, row: PendingUsage, known: &mut [Known]) -> Result<()> {
        self.pending.push(row);
        if self.pending.len() == USAGE_BUFFER {
            self.flush(known)?;
        }
        Ok(())
    }

    /// Stores every waiting row, in key order.
    fn flush(&mut self, known: &mut [Known]) -> Result<()> {
        self.pending.sort_unstable_by_key(|p| p.key);
        let mut pending = std::mem::take(&mut self.pending);
        for batch in pending.chunks(usage::BATCH) {
            self.store(batch, known)?;
        }
        pending.clear();
        self.pending = pending;
        Ok(())
    }

    fn store(&mut self, batch: &[PendingUsage], known: &mut [Known]) -> Result<()> {
        let n = batch.len();
        if n == 0 {
            return Ok(());
        }
        let rows = || {
            batch.iter().map(|p| {
                (
                    p.date(),
                    known[p.contract].contract.contract_no.as_str(),
                    p.milli,
                )
            })
        };
        let added = self.writer.insert_new(rows())?;
        self.summary.rows += n;
        self.summary.added += added;
        // Every row stored before with the same quantity (a file imported again): nothing to
        // update, nothing to sum again.
        if added == 0 && self.writer.differing(rows())? == 0 {
            self.summary.unchanged += n;
            return Ok(());
        }
        if added == n {
            for p in batch {
                let k = &mut known[p.contract];
                match k.added.iter_mut().rev().find(|(m, _)| *m == p.month) {
                    Some((_, sum)) => *sum += p.milli,
                    None => k.added.push((p.month, p.milli)),
                }
            }
        } else {
            let mut updated = 0;
            for p in batch {
                let contract_no = &known[p.contract].contract.contract_no;
                let changed = self.writer.update(p.date(), contract_no, p.milli)?;
                if changed == 1 || added > 0 {
                    self.resum.extend(month_of_key(p.month));
                }
                updated += changed;
            }
            self.summary.updated += updated;
            self.summary.unchanged += n - added - updated;
        }
        Ok(())
    }
}

fn import_usage(conn: &Connection, input: impl Read) -> Result<Summary> {
    let mut reader = Reader::new(input, USAGE_COLUMNS)?;
    let mut known: Vec<Known> = Vec::new();
    // FxHash: contract numbers are looked up once per usage row, and a local file needs no
    // protection against hash flooding.
    let mut by_no: FxHashMap<String, usize> = FxHashMap::default();
    for (no, contract) in contracts::all(conn)? {
        by_no.insert(no, known.len());
        known.push(Known {
            max_milli: max_day_milli(contract.price),
            start: contract.start_date.num_days_from_ce(),
            end: contract.end_date.map(|d| d.num_days_from_ce()),
            contract,
            seen: DaysSeen::default(),
            rank: 0,
            added: Vec::new(),
        });
    }
    let mut order: Vec<usize> = (0..known.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        known[a]
            .contract
            .contract_no
            .cmp(&known[b].contract.contract_no)
    });
    for (rank, &i) in order.iter().enumerate() {
        known[i].rank = rank as u32;
    }
    let mut writer = UsageBuffer::new(conn)?;
    let mut last: Option<usize> = None;
    let mut first_month: Option<i32> = None;
    each_row(&mut reader, |row| {
        let contract_no = row.id_str("contract_no")?;
        let i = match last.filter(|&i| known[i].contract.contract_no == contract_no) {
            Some(i) => i,
            None => *by_no.get(contract_no).ok_or_else(|| {
                row.error(
                    "contract_no",
                    "a contract already in the ledger (import contracts first)",
                )
            })?,
        };
        last = Some(i);
        let k = &mut known[i];
        if k.contract.plan != Plan::Metered {
            return Err(row.error(
                "contract_no",
                "a metered contract (monthly contracts have no usage rows)",
            ));
        }
        let date = match plain_date(row.raw("date")) {
            Some(Some(d)) => d,
            Some(None) => return Err(row.error("date", "a date YYYY-MM-DD")),
            None => row.date("date")?,
        };
        let day = date.num_days_from_ce();
        if day < k.start || k.end.is_some_and(|end| day > end) {
            let c = &k.contract;
            let period = match c.end_date {
                Some(end) => format!("{} to {end}", c.start_date),
                None => format!("from {} on", c.start_date),
            };
            return Err(row.error(
                "date",
                format!("a day within contract {contract_no}'s period {period}"),
            ));
        }
        let milli = match plain_milli(row.raw("quantity")) {
            Some(m) => Some(m),
            None => quantity_to_milli(row.decimal("quantity", QUANTITY_SCALE)?),
        }
        .filter(|m| *m <= 1_000_000_000_000)
        .ok_or_else(|| row.error("quantity", "a quantity under 10^9 units a day"))?;
        if milli > k.max_milli {
            return Err(row.error(
                "quantity",
                format!(
                    "a quantity of at most {} a day: at contract {contract_no}'s price of {} won a {}, a day may cost at most {MAX_DAY_WON} won, so that a month stays under {MAX_WON_TEXT} won",
                    Decimal::new(k.max_milli, 3).normalize(),
                    k.contract.price.normalize(),
                    k.contract.unit
                ),
            ));
        }
        if let Some(first) = k.seen.insert(day, row.line) {
            return Err(duplicate(
                row.line,
                first,
                &format!("contract {contract_no} on {date}"),
            ));
        }
        // As the ledger writes dates: `YYYY-MM-DD`.
        let (text, date_len) = date_text(date);
        let month_key = date.year() * 12 + date.month0() as i32;
        first_month = Some(first_month.map_or(month_key, |m| m.min(month_key)));
        writer.push(
            PendingUsage {
                key: (day, known[i].rank),
                contract: i,
                date: text,
                date_len,
                milli,
                month: date.year() * 12 + date.month0() as i32,
            },
            &mut known,
        )
    })?;
    writer.flush(&mut known)?;
    // The monthly summaries: a month where a stored row changed is summed again from its
    // days; elsewhere the new rows' quantities are added to what the summary holds.
    let UsageBuffer {
        mut writer,
        resum,
        mut summary,
        ..
    } = writer;
    if let Some(month) = first_month.and_then(month_of_key) {
        summary.touch(month);
    }
    contracts::refresh_monthly(conn, &resum)?;
    for k in &known {
        for &(m, milli) in &k.added {
            match month_of_key(m) {
                Some(month) if !resum.contains(&month) => {
                    writer.add_monthly(&month.to_string(), &k.contract.contract_no, milli)?;
                }
                _ => {}
            }
        }
    }
    Ok(summary)
}

fn import_fees(conn: &Connection, input: impl Read) -> Result<Summary> {
    let mut reader = Reader::new(input, FEE_COLUMNS)?;
    let mut seen = HashMap::new();
    let mut summary = Summary::default();
    each_row(&mut reader, |row| {
        let line = FeeLine {
            month: row.month("month")?,
            region: row.region("region")?,
            service: row.text("service", 100)?,
            contract_no: row.id("contract_no")?,
            item: row.text("item", 200)?,
            quantity: row.decimal("quantity", QUANTITY_SCALE)?,
            unit: row.text("unit", 40)?,
            unit_price: row.decimal("unit_price", FEE_PRICE_SCALE)?,
            used_amount: row.krw("used_amount")?,
            discount_amount: row.krw("discount_amount")?,
            estimated_payment_amount: row.krw("estimated_payment_amount")?,
            ncp: None,
        };
        match line.validate() {
            Err(Fault::DiscountAboveUsed) => {
                return Err(row.error(
                    "discount_amount",
                    format!("at most used_amount {}", line.used_amount),
                ))
            }
            Err(Fault::EstimateNotUsedLessDiscount(expected)) => {
                return Err(row.error(
                    "estimated_payment_amount",
                    format!("used_amount − discount_amount = {expected}"),
                ))
            }
            _ => {}
        }
        // One string per key: none of its parts can hold a control character.
        let key = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            line.month, line.region, line.service, line.contract_no, line.item
        );
        first_seen(&mut seen, key, row.line, || {
            format!(
                "the fee line {} {} {} '{}'",
                line.month, line.region, line.contract_no, line.item
            )
        })?;
        let upserted = fees::upsert(conn, &line)?;
        if upserted != Upserted::Unchanged {
            summary.touch(line.month);
        }
        summary.count(upserted);
        Ok(())
    })?;
    Ok(summary)
}

fn import_promotions(conn: &Connection, input: impl Read) -> Result<Summary> {
    let mut reader = Reader::new(input, PROMOTION_COLUMNS)?;
    let mut seen = HashMap::new();
    let mut summary = Summary::default();
    each_row(&mut reader, |row| {
        let discount_rate = if row.raw("discount_rate").trim().is_empty() {
            None
        } else {
            let rate = row.decimal("discount_rate", 2)?;
            if rate > Decimal::from(100) {
                return Err(row.error("discount_rate", "a percentage from 0 to 100"));
            }
            Some(rate)
        };
        let p = Promotion {
            name: row.text("name", 100)?,
            service: row.text("service", 100)?,
            provision_type: row.text("provision_type", 40)?,
            pricing_plan: row.text("pricing_plan", 40)?,
            provided: row.count("provided")?,
            used: row.count("used")?,
            discount_rate,
            credit: row.optional_krw("credit")?,
            valid_from: row.date("valid_from")?,
            valid_to: row.date("valid_to")?,
        };
        match p.validate() {
            Err(Fault::UsedAboveProvided) => {
                return Err(row.error("used", format!("at most provided ({})", p.provided)))
            }
            Err(Fault::ValidToBeforeFrom) => {
                return Err(row.error(
                    "valid_to",
                    format!("a date on or after valid_from {}", p.valid_from),
                ))
            }
            _ => {}
        }
        first_seen(
            &mut seen,
            (p.name.clone(), p.service.clone()),
            row.line,
            || format!("promotion '{}' for {}", p.name, p.service),
        )?;
        summary.count(promotions::upsert(conn, &p)?);
        Ok(())
    })?;
    Ok(summary)
}

fn import_holidays(conn: &Connection, input: impl Read) -> Result<Summary> {
    let mut reader = Reader::new(input, HOLIDAY_COLUMNS)?;
    let mut seen = HashMap::new();
    let mut summary = Summary::default();
    each_row(&mut reader, |row| {
        let date = row.date("date")?;
        first_seen(&mut seen, date, row.line, || format!("the date {date}"))?;
        let name = row.text("name", 100)?;
        summary.count(holidays::upsert(conn, date, &name)?);
        Ok(())
    })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_parsers_agree_with_the_general_ones() {
        for text in [
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "0000-01-01",
            "0001-01-01",
            "2024-1-01",
            "2024/01/01",
            " 2024-01-01",
            "9999-12-31",
            "2024-00-10",
        ] {
            let general = ncp_usage_core::clock::parse_date(text);
            match plain_date(text) {
                Some(plain) => assert_eq!(plain, general, "{text}"),
                None => assert!(text.len() != 10 || !text.contains('-') || general.is_none()),
            }
        }
        for text in [
            "0",
            "24",
            "12.5",
            "0.125",
            "007.5",
            "1.",
            ".5",
            "1.2345",
            "1e3",
            "-1",
            " 1",
            "999999999999999",
            "1000000000000000",
            "0000000000000001.5",
            "1,5",
        ] {
            let general = ncp_usage_core::money::parse_decimal(text, QUANTITY_SCALE)
                .and_then(quantity_to_milli);
            if let Some(plain) = plain_milli(text) {
                assert_eq!(Some(plain), general, "{text}");
            }
        }
    }

    #[test]
    fn date_text_is_to_string() {
        for (y, m, d) in [
            (2024, 2, 29),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let (text, len) = date_text(date);
            assert_eq!(std::str::from_utf8(&text[..len]).unwrap(), date.to_string());
        }
    }

    #[test]
    fn days_seen_finds_the_first_line_in_any_order() {
        let mut seen = DaysSeen::default();
        for (i, day) in [100, 99, 101, 50, 5_000_000, 98].into_iter().enumerate() {
            assert_eq!(seen.insert(day, i as u64 + 2), None, "{day}");
        }
        assert_eq!(seen.insert(99, 20), Some(3));
        assert_eq!(seen.insert(5_000_000, 21), Some(6));
        assert_eq!(seen.insert(50, 22), Some(5));
        assert_eq!(seen.insert(98, 23), Some(7));
    }
}
