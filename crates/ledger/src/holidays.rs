//! The holiday calendar (SPEC C1): Korean public holidays shipped with the program, plus the
//! days users add.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::date_col;
use crate::error::{Error, Result};
use crate::upsert::{self, Upserted};
use ncp_usage_core::calendar::Calendar;

/// Korean public holidays 2023–2027, substitute and election days included.
pub const BUILTIN_CSV: &str = include_str!("../../../fixtures/holidays/kr-2023-2027.csv");

/// One holiday.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name.
    pub name: String,
    /// `builtin` (shipped) or `user` (added or imported).
    pub source: String,
}

/// Fills a new ledger with the shipped holidays.
pub(crate) fn seed_builtin(conn: &Connection) -> Result<()> {
    let mut stmt =
        conn.prepare("INSERT INTO holidays (date, name, source) VALUES (?1, ?2, 'builtin')")?;
    for line in BUILTIN_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (date, name) = line
            .split_once(',')
            .ok_or_else(|| Error::other(format!("built-in holiday line '{line}' is malformed")))?;
        stmt.execute(params![date, name])?;
    }
    Ok(())
}

/// Adds a holiday, or renames the one already on that day.
pub fn upsert(conn: &Connection, date: NaiveDate, name: &str) -> Result<Upserted> {
    let date = date.to_string();
    upsert::row(
        conn,
        concat!(
            "INSERT OR IGNORE INTO holidays (date, name, source, recorded_at)
             VALUES (?1, ?2, 'user', ",
            crate::ledger_recorded!(),
            ")"
        ),
        "UPDATE holidays SET name = ?2, source = 'user' WHERE date = ?1 AND name <> ?2",
        params![date, name],
    )
}

/// The holidays, optionally of one year, by date, as recorded at the running instant (T2).
pub fn list(conn: &Connection, year: Option<i32>) -> Result<Vec<Holiday>> {
    let (from, to) = match year {
        Some(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
        None => ("0000".to_string(), "9999-99".to_string()),
    };
    let mut stmt = conn.prepare(
        "SELECT date, name, source FROM holidays_asof WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
    })?;
    rows.map(|row| {
        let (date, name, source) = row?;
        Ok(Holiday {
            date: date_col(&date)?,
            name,
            source,
        })
    })
    .collect()
}

/// The business-day calendar of this ledger.
pub fn calendar(conn: &Connection) -> Result<Calendar> {
    Ok(Calendar::new(list(conn, None)?.into_iter().map(|h| h.date)))
}
