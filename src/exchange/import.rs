//! Importing the CSV interchange files (SPEC §11) into the ledger.
//!
//! Each importer first parses and checks every row — against the file and against what the
//! ledger already holds — and only then stores them, so a file with one bad row changes
//! nothing. Rows are upserted by their natural key, so importing the same file twice adds
//! nothing the second time, and a corrected row replaces the one imported before.

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;
use serde::Serialize;

use super::table::{optional, required, Column, Table};
use crate::billing::facts::{quantity_to_milli, Contract, FeeLine, Plan, QUANTITY_SCALE};
use crate::calendar::Month;
use crate::error::{Error, Result};
use crate::ledger::holidays::Upserted;
use crate::ledger::promotions::Promotion;
use crate::ledger::{contracts, fees, holidays, promotions};
use rust_decimal::Decimal;

/// The kinds of interchange file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
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
}

impl Summary {
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
    optional("end_date"),
];

/// The usage columns.
pub const USAGE_COLUMNS: &[Column] = &[
    required("contract_no"),
    required("date"),
    required("quantity"),
];

/// The fees columns, in the order `export` writes them.
pub const FEE_COLUMNS: &[Column] = &[
    required("month"),
    required("region"),
    required("service"),
    required("contract_no"),
    required("item"),
    required("quantity"),
    required("unit"),
    required("unit_price"),
    required("used_amount"),
    required("discount_amount"),
    required("estimated_payment_amount"),
];

/// The promotions columns.
pub const PROMOTION_COLUMNS: &[Column] = &[
    required("name"),
    required("service"),
    required("provision_type"),
    required("pricing_plan"),
    required("provided"),
    required("used"),
    optional("discount_rate"),
    optional("credit"),
    required("valid_from"),
    required("valid_to"),
];

/// The holidays columns.
pub const HOLIDAY_COLUMNS: &[Column] = &[required("date"), required("name")];

/// Metered prices may have up to four decimals (NCP prices some units at fractions of a won).
const PRICE_SCALE: u32 = 4;

/// Imports one file of `kind` into the ledger inside the caller's transaction.
pub fn import(conn: &Connection, kind: Kind, bytes: &[u8]) -> Result<Summary> {
    match kind {
        Kind::Contracts => import_contracts(conn, bytes),
        Kind::Usage => import_usage(conn, bytes),
        Kind::Fees => import_fees(conn, bytes),
        Kind::Promotions => import_promotions(conn, bytes),
        Kind::Holidays => import_holidays(conn, bytes),
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
        return Err(Error::invalid(format!(
            "line {line}: {} appears twice (first on line {first}); keep one row",
            what()
        )));
    }
    Ok(())
}

fn import_contracts(conn: &Connection, bytes: &[u8]) -> Result<Summary> {
    let table = Table::parse(bytes, CONTRACT_COLUMNS)?;
    let mut parsed = Vec::with_capacity(table.len());
    let mut seen = HashMap::new();
    for row in table.rows() {
        let contract_no = row.id("contract_no")?;
        let plan = Plan::parse(row.raw("plan").trim())
            .ok_or_else(|| row.error("plan", "monthly or metered"))?;
        let price = match plan {
            Plan::Monthly => row.krw("price")?.to_decimal(),
            Plan::Metered => row.decimal("price", PRICE_SCALE)?,
        };
        let start_date = row.date("start_date")?;
        let end_date = row.optional_date("end_date")?;
        if end_date.is_some_and(|end| end < start_date) {
            return Err(row.error(
                "end_date",
                format!("a date on or after start_date {start_date} (or empty while active)"),
            ));
        }
        first_seen(&mut seen, contract_no.clone(), row.line, || {
            format!("contract {contract_no}")
        })?;
        parsed.push(Contract {
            service: row.text("service", 100)?,
            region: row.region("region")?,
            unit: row.text("unit", 40)?,
            contract_no,
            plan,
            price,
            start_date,
            end_date,
        });
    }
    let mut summary = Summary::default();
    for c in &parsed {
        summary.count(contracts::upsert(conn, c)?);
    }
    Ok(summary)
}

fn import_usage(conn: &Connection, bytes: &[u8]) -> Result<Summary> {
    let table = Table::parse(bytes, USAGE_COLUMNS)?;
    let known = contracts::all(conn)?;
    let mut parsed = Vec::with_capacity(table.len());
    let mut seen = HashMap::new();
    let mut months = BTreeSet::new();
    for row in table.rows() {
        let contract_no = row.id("contract_no")?;
        let contract = known.get(&contract_no).ok_or_else(|| {
            row.error(
                "contract_no",
                "a contract already in the ledger (import contracts first)",
            )
        })?;
        if contract.plan != Plan::Metered {
            return Err(row.error(
                "contract_no",
                "a metered contract (monthly contracts have no usage rows)",
            ));
        }
        let date = row.date("date")?;
        if !contract.is_active_on(date) {
            let period = match contract.end_date {
                Some(end) => format!("{} to {end}", contract.start_date),
                None => format!("from {} on", contract.start_date),
            };
            return Err(row.error(
                "date",
                format!("a day within contract {contract_no}'s period {period}"),
            ));
        }
        let quantity = row.decimal("quantity", QUANTITY_SCALE)?;
        let milli = quantity_to_milli(quantity)
            .filter(|m| *m <= 1_000_000_000_000)
            .ok_or_else(|| row.error("quantity", "a quantity under 10^9 units a day"))?;
        first_seen(&mut seen, (contract_no.clone(), date), row.line, || {
            format!("contract {contract_no} on {date}")
        })?;
        months.insert(Month::of(date));
        parsed.push((contract_no, date, milli));
    }
    let mut summary = Summary::default();
    for (contract_no, date, milli) in &parsed {
        summary.count(contracts::upsert_usage(conn, contract_no, *date, *milli)?);
    }
    contracts::refresh_monthly(conn, &months)?;
    Ok(summary)
}

fn import_fees(conn: &Connection, bytes: &[u8]) -> Result<Summary> {
    let table = Table::parse(bytes, FEE_COLUMNS)?;
    let mut parsed = Vec::with_capacity(table.len());
    let mut seen = HashMap::new();
    for row in table.rows() {
        let line = FeeLine {
            month: row.month("month")?,
            region: row.region("region")?,
            service: row.text("service", 100)?,
            contract_no: row.id("contract_no")?,
            item: row.text("item", 200)?,
            quantity: row.decimal("quantity", QUANTITY_SCALE)?,
            unit: row.text("unit", 40)?,
            unit_price: row.decimal("unit_price", PRICE_SCALE)?,
            used_amount: row.krw("used_amount")?,
            discount_amount: row.krw("discount_amount")?,
            estimated_payment_amount: row.krw("estimated_payment_amount")?,
        };
        if line.discount_amount > line.used_amount {
            return Err(row.error(
                "discount_amount",
                format!("at most used_amount {}", line.used_amount),
            ));
        }
        let expected = line.used_amount - line.discount_amount;
        if line.estimated_payment_amount != expected {
            return Err(row.error(
                "estimated_payment_amount",
                format!("used_amount − discount_amount = {expected}"),
            ));
        }
        let key = (
            line.month,
            line.region.clone(),
            line.service.clone(),
            line.contract_no.clone(),
            line.item.clone(),
        );
        first_seen(&mut seen, key, row.line, || {
            format!(
                "the fee line {} {} {} '{}'",
                line.month, line.region, line.contract_no, line.item
            )
        })?;
        parsed.push(line);
    }
    let mut summary = Summary::default();
    for line in &parsed {
        summary.count(fees::upsert(conn, line)?);
    }
    Ok(summary)
}

fn import_promotions(conn: &Connection, bytes: &[u8]) -> Result<Summary> {
    let table = Table::parse(bytes, PROMOTION_COLUMNS)?;
    let mut parsed = Vec::with_capacity(table.len());
    let mut seen = HashMap::new();
    for row in table.rows() {
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
        if p.used > p.provided {
            return Err(row.error("used", format!("at most provided ({})", p.provided)));
        }
        if p.valid_to < p.valid_from {
            return Err(row.error(
                "valid_to",
                format!("a date on or after valid_from {}", p.valid_from),
            ));
        }
        first_seen(
            &mut seen,
            (p.name.clone(), p.service.clone()),
            row.line,
            || format!("promotion '{}' for {}", p.name, p.service),
        )?;
        parsed.push(p);
    }
    let mut summary = Summary::default();
    for p in &parsed {
        summary.count(promotions::upsert(conn, p)?);
    }
    Ok(summary)
}

fn import_holidays(conn: &Connection, bytes: &[u8]) -> Result<Summary> {
    let table = Table::parse(bytes, HOLIDAY_COLUMNS)?;
    let mut parsed = Vec::with_capacity(table.len());
    let mut seen = HashMap::new();
    for row in table.rows() {
        let date = row.date("date")?;
        first_seen(&mut seen, date, row.line, || format!("the date {date}"))?;
        parsed.push((date, row.text("name", 100)?));
    }
    let mut summary = Summary::default();
    for (date, name) in &parsed {
        summary.count(holidays::upsert(conn, *date, name)?);
    }
    Ok(summary)
}
