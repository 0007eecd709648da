//! Contracts and their daily metered usage.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;

use super::date_col;
use crate::error::{Error, Result};
use crate::upsert::{self, Upserted};
use ncp_usage_core::billing::facts::{quantity_from_milli, Contract, Plan, Quantities};
use ncp_usage_core::billing::period::Period;
use ncp_usage_core::calendar::Month;

/// The contract columns, in the order `read_contract` reads them.
macro_rules! columns {
    () => {
        "contract_no, service, region, plan, price, unit, start_date, end_date"
    };
}

/// A contract from a row of [`columns!`]. The plan, price and dates are parsed from the
/// row's text where it lies, not copied into `String`s first: a month's history reads every
/// contract held in it.
fn read_contract(r: &Row<'_>) -> Result<Contract> {
    let text = |i: usize| -> rusqlite::Result<Option<&str>> {
        r.get_ref(i)?.as_str_or_null().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let contract_no: String = r.get(0)?;
    let damaged = |what: &str| {
        Error::ledger(format!(
            "contract {contract_no} has a damaged {what} in the ledger; restore the ledger from a backup"
        ))
    };
    let plan = text(3)?
        .and_then(Plan::parse)
        .ok_or_else(|| damaged("plan"))?;
    let price = text(4)?
        .and_then(|p| p.parse::<Decimal>().ok())
        .ok_or_else(|| damaged("price"))?;
    let start_date = date_col(text(6)?.unwrap_or_default())?;
    let end_date = text(7)?.map(date_col).transpose()?;
    Ok(Contract {
        plan,
        price,
        start_date,
        end_date,
        service: r.get(1)?,
        region: r.get(2)?,
        unit: r.get(5)?,
        contract_no,
    })
}

/// Every contract of `stmt`'s rows.
fn read_contracts(
    stmt: &mut rusqlite::Statement<'_>,
    p: impl rusqlite::Params,
) -> Result<Vec<Contract>> {
    let mut rows = stmt.query(p)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(read_contract(r)?);
    }
    Ok(out)
}

/// Adds a contract, or updates the one with the same number (a contract that ended gets its
/// end date this way).
pub fn upsert(conn: &Connection, c: &Contract) -> Result<Upserted> {
    let values = params![
        c.contract_no,
        c.service,
        c.region,
        c.plan.as_str(),
        c.price.normalize().to_string(),
        c.unit,
        c.start_date.to_string(),
        c.end_date.map(|d| d.to_string()),
    ];
    upsert::row(
        conn,
        concat!(
            "INSERT OR IGNORE INTO contracts (account_id, ",
            columns!(),
            ", recorded_at) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ",
            crate::ledger_recorded!(),
            ")"
        ),
        concat!(
            "UPDATE contracts SET service = ?2, region = ?3, plan = ?4, price = ?5, unit = ?6,
                start_date = ?7, end_date = ?8
         WHERE account_id = ",
            crate::ledger_account!(),
            " AND contract_no = ?1
           AND (service, region, plan, price, unit, start_date, end_date)
               IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        values,
    )
}

/// Every contract, by number.
pub fn all(conn: &Connection) -> Result<HashMap<String, Contract>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT ",
        columns!(),
        " FROM contracts WHERE account_id = ",
        crate::ledger_account!()
    ))?;
    Ok(read_contracts(&mut stmt, [])?
        .into_iter()
        .map(|c| (c.contract_no.clone(), c))
        .collect())
}

/// The contracts held on at least one day between `from` and `to`, by region, service and
/// number, as recorded at the running instant (T2).
///
/// A scan, sorted here: `contracts_by_start` would pick nearly every row of a recent month
/// one rowid lookup at a time, and SQLite's sorter serialises each row again (a month of
/// 34,000 contracts: 0.23 s of SQL against 0.06 s scanned). Rust's `str` order is SQLite's
/// BINARY collation, so the order is the one `ORDER BY` gave.
pub fn held_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Contract>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT ",
        columns!(),
        " FROM contracts_asof
         WHERE +start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1)"
    ))?;
    let mut held = read_contracts(&mut stmt, params![from.to_string(), to.to_string()])?;
    in_line_order(&mut held);
    Ok(held)
}

/// Sorts contracts by region, service and number: the order of a month's lines.
fn in_line_order(contracts: &mut [Contract]) {
    contracts.sort_unstable_by(|a, b| {
        (&a.region, &a.service, &a.contract_no).cmp(&(&b.region, &b.service, &b.contract_no))
    });
}

/// Every contract as recorded at the running instant (T2), read once for a command that
/// rates month after month (`trend`, the catch-up's bills): [`held_between`] scans every
/// contract for each month, which made a 49-month trend of a 10-year ledger spend two
/// thirds of its time reading the same contracts 49 times. Valid while the command does not
/// change contracts.
pub struct Held(Vec<Contract>);

impl Held {
    /// Reads every contract, in [`held_between`]'s order.
    pub fn read(conn: &Connection) -> Result<Held> {
        let mut stmt = conn.prepare(concat!("SELECT ", columns!(), " FROM contracts_asof"))?;
        let mut all = read_contracts(&mut stmt, [])?;
        in_line_order(&mut all);
        Ok(Held(all))
    }

    /// What [`held_between`] reads: the contracts held on at least one day between `from`
    /// and `to`, in the same order.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> Vec<&Contract> {
        self.0
            .iter()
            .filter(|c| {
                text_le(c.start_date, to) && c.end_date.is_none_or(|end| text_le(from, end))
            })
            .collect()
    }
}

/// `a <= b` as SQLite compares the dates' stored text (`to_string`), which is date order for
/// the four-digit years nearly every date has.
fn text_le(a: NaiveDate, b: NaiveDate) -> bool {
    use chrono::Datelike;
    let plain = |d: NaiveDate| (0..=9999).contains(&d.year());
    if plain(a) && plain(b) {
        a <= b
    } else {
        a.to_string() <= b.to_string()
    }
}

/// M1: the months from `from` on in which what a month bills can change, as recorded at the
/// running instant (T2): those a contract starts or ends in, and those with metered usage or
/// imported fee lines. Between two of them every contract held covers whole months, so a
/// month that is none of them nor follows one bills what the month before it did.
pub fn changing_months(conn: &Connection, from: Month) -> Result<BTreeSet<Month>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT substr(start_date, 1, 7) FROM contracts_asof WHERE start_date >= ?1
         UNION SELECT substr(end_date, 1, 7) FROM contracts_asof WHERE end_date >= ?1
         UNION SELECT month FROM usage_monthly WHERE account_id = ",
        crate::ledger_account!(),
        " AND month >= ?2
         UNION SELECT month FROM fee_lines_asof WHERE month >= ?2"
    ))?;
    let rows = stmt.query_map(
        params![from.first_day().to_string(), from.to_string()],
        |r| r.get::<_, String>(0),
    )?;
    let mut out = BTreeSet::new();
    for r in rows {
        let text = r?;
        let month = text
            .parse::<Month>()
            .map_err(|_| Error::ledger(format!("the ledger holds a damaged month '{text}'")))?;
        out.insert(month);
    }
    Ok(out)
}

/// The region codes the ledger knows of, sorted: those of its contracts and of NCP's
/// contract summaries (both small tables; fee lines are left to the month that shows them).
pub fn regions(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT region FROM contracts WHERE account_id = ",
        crate::ledger_account!(),
        " UNION SELECT region FROM ncp_contract_summaries WHERE account_id = ",
        crate::ledger_account!(),
        " ORDER BY 1"
    ))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

/// The usage a contract would leave outside `start`..=`end` (`end` `None`: open) if its dates
/// became these: how many days, the first and the last, or `None` when every day stays
/// inside. Usage lies inside the stored dates (imports check it), so only the days the new
/// dates give up are read, as date ranges of the usage table's key.
pub fn usage_outside(
    conn: &Connection,
    contract_no: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<Option<(i64, NaiveDate, NaiveDate)>> {
    let stored: Option<(String, Option<String>)> = conn
        .query_row(
            concat!(
                "SELECT start_date, end_date FROM contracts WHERE account_id = ",
                crate::ledger_account!(),
                " AND contract_no = ?1"
            ),
            [contract_no],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((old_start, old_end)) = stored else {
        return Ok(None);
    };
    let (old_start, old_end) = (
        date_col(&old_start)?,
        old_end.as_deref().map(date_col).transpose()?,
    );
    let mut ranges: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    if start > old_start {
        ranges.push((old_start, start.pred_opt()));
    }
    if let Some(end) = end {
        if old_end.is_none_or(|old| end < old) {
            if let Some(after) = end.succ_opt() {
                ranges.push((after, old_end));
            }
        }
    }
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT COUNT(*), MIN(date), MAX(date) FROM usage
         WHERE account_id = ",
        crate::ledger_account!(),
        " AND date >= ?2 AND date <= COALESCE(?3, '9999-12-31') AND contract_no = ?1"
    ))?;
    let mut found: Option<(i64, NaiveDate, NaiveDate)> = None;
    for (from, to) in ranges {
        let (count, first, last): (i64, Option<String>, Option<String>) = stmt.query_row(
            params![contract_no, from.to_string(), to.map(|d| d.to_string())],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if let (Some(f), Some(l)) = (first, last) {
            let (f, l) = (date_col(&f)?, date_col(&l)?);
            found = Some(match found {
                None => (count, f, l),
                Some((n, f0, l0)) => (n + count, f0.min(f), l0.max(l)),
            });
        }
    }
    Ok(found)
}

/// The largest monthly quantity (thousandths) recorded for a contract, 0 without usage.
pub fn max_monthly_quantity(conn: &Connection, contract_no: &str) -> Result<i64> {
    Ok(conn.query_row(
        concat!(
            "SELECT COALESCE(MAX(quantity_milli), 0) FROM usage_monthly WHERE account_id = ",
            crate::ledger_account!(),
            " AND contract_no = ?1"
        ),
        [contract_no],
        |r| r.get(0),
    )?)
}

/// Records one day's usage of a metered contract, or corrects it.
pub fn upsert_usage(
    conn: &Connection,
    contract_no: &str,
    date: NaiveDate,
    milli: i64,
) -> Result<Upserted> {
    upsert::row(
        conn,
        concat!(
            "INSERT OR IGNORE INTO usage (account_id, date, contract_no, quantity_milli, recorded_at)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ",
            crate::ledger_recorded!(),
            ")"
        ),
        concat!(
            "UPDATE usage SET quantity_milli = ?3
         WHERE account_id = ",
            crate::ledger_account!(),
            " AND date = ?1 AND contract_no = ?2 AND quantity_milli <> ?3"
        ),
        params![date.to_string(), contract_no, milli],
    )
}

/// Recomputes the monthly usage summary of the given months from the daily rows.
pub fn refresh_monthly(conn: &Connection, months: &BTreeSet<Month>) -> Result<()> {
    let mut delete = conn.prepare_cached(concat!(
        "DELETE FROM usage_monthly WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1"
    ))?;
    let mut fill = conn.prepare_cached(concat!(
        "INSERT INTO usage_monthly (account_id, month, contract_no, quantity_milli, recorded_at)
         SELECT ",
        crate::ledger_account!(),
        ", ?1, contract_no, SUM(quantity_milli), MAX(recorded_at) FROM usage
         WHERE account_id = ",
        crate::ledger_account!(),
        " AND date BETWEEN ?2 AND ?3 GROUP BY contract_no"
    ))?;
    for month in months {
        let m = month.to_string();
        delete.execute([&m])?;
        fill.execute(params![
            m,
            month.first_day().to_string(),
            month.last_day().to_string()
        ])?;
    }
    Ok(())
}

/// The metered quantity of each contract used inside `period` of `month`, as recorded at the
/// running instant (T2): from the monthly summary for a whole month, from the daily rows for
/// the running one, and for a contract whose summary changed after the running instant.
pub fn metered_quantities(conn: &Connection, month: Month, period: &Period) -> Result<Quantities> {
    let Some(to) = period.to else {
        return Ok(Quantities::default());
    };
    // A period of the whole month (a past month, or the month as a whole will bill, which
    // an import checks against the ceiling) is what the monthly summaries hold: summing the
    // month's days instead read and sorted every usage row of it.
    let whole = period.complete || (period.from == month.first_day() && to == month.last_day());
    let mut out = Quantities::default();
    let mut collect = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<()> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query(p)?;
        while let Some(r) = rows.next()? {
            out.insert(r.get::<_, String>(0)?, quantity_from_milli(r.get(1)?));
        }
        Ok(())
    };
    if whole {
        collect(
            concat!(
                "SELECT contract_no, quantity_milli FROM usage_monthly
                 WHERE account_id = ",
                crate::ledger_account!(),
                " AND month = ?1 AND recorded_at <= ",
                crate::ledger_visible!()
            ),
            &[&month.to_string()],
        )?;
        // SQLite does not push the `IN` list into the `usage_asof` union: the query reads
        // every day of the month even when no summary changed later (a month with 34,000
        // contracts: 1.7 s of 1.8). Asked first, the common case costs one key lookup.
        let later: bool = conn
            .prepare_cached(concat!(
                "SELECT EXISTS (SELECT 1 FROM usage_monthly WHERE account_id = ",
                crate::ledger_account!(),
                " AND month = ?1 AND recorded_at > ",
                crate::ledger_visible!(),
                ")"
            ))?
            .query_row([month.to_string()], |r| r.get(0))?;
        if later {
            collect(
                concat!(
                    "SELECT contract_no, SUM(quantity_milli) FROM usage_asof
                     WHERE date BETWEEN ?2 AND ?3
                       AND contract_no IN (SELECT contract_no FROM usage_monthly
                           WHERE account_id = ",
                    crate::ledger_account!(),
                    " AND month = ?1 AND recorded_at > ",
                    crate::ledger_visible!(),
                    ") GROUP BY contract_no"
                ),
                &[
                    &month.to_string(),
                    &month.first_day().to_string(),
                    &month.last_day().to_string(),
                ],
            )?;
        }
    } else {
        collect(
            "SELECT contract_no, SUM(quantity_milli) FROM usage_asof
             WHERE date BETWEEN ?1 AND ?2 GROUP BY contract_no",
            &[&period.from.to_string(), &to.to_string()],
        )?;
    }
    Ok(out)
}

/// The metered quantity of each contract used from `from` through `to`, as recorded at the
/// running instant (T2): where a promotion's validity splits a line (PR2).
pub fn quantities_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Quantities> {
    let mut stmt = conn.prepare_cached(
        "SELECT contract_no, SUM(quantity_milli) FROM usage_asof
         WHERE date BETWEEN ?1 AND ?2 GROUP BY contract_no",
    )?;
    let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
    let mut out = Quantities::default();
    while let Some(r) = rows.next()? {
        out.insert(r.get::<_, String>(0)?, quantity_from_milli(r.get(1)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;
    use ncp_usage_core::clock;

    /// The contracts read once give every period exactly what `held_between` reads for it,
    /// in the same order, at the edges of each contract's dates, and as recorded at the
    /// running instant (a contract recorded later is in neither).
    #[test]
    fn held_once_picks_what_held_between_reads() {
        let mut ledger = Ledger::in_memory().unwrap();
        let at = |t: &str| clock::parse_as_of(t).unwrap();
        let d = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        let contract =
            |no: &str, region: &str, service: &str, start: &str, end: Option<&str>| Contract {
                contract_no: no.into(),
                service: service.into(),
                region: region.into(),
                plan: Plan::Metered,
                price: Decimal::new(125, 1),
                unit: "hour".into(),
                start_date: d(start),
                end_date: end.map(d),
            };
        let early = [
            contract("KR-SVR-2", "KR", "Server", "2024-01-01", None),
            contract("KR-SVR-1", "KR", "Server", "2024-02-15", Some("2024-03-31")),
            contract(
                "JPN-LB-1",
                "JPN",
                "Load Balancer",
                "2023-12-01",
                Some("2024-01-31"),
            ),
            contract(
                "KR-CDN-1",
                "KR",
                "Global CDN",
                "2024-03-01",
                Some("2024-03-01"),
            ),
        ];
        ledger
            .write(at("2024-01-01"), |tx| {
                early.iter().try_for_each(|c| upsert(tx, c).map(|_| ()))
            })
            .unwrap();
        let late = contract("DEN-NAS-1", "DEN", "NAS", "2024-01-01", None);
        ledger
            .write(at("2024-06-01"), |tx| upsert(tx, &late).map(|_| ()))
            .unwrap();
        let periods = [
            ("2024-01-01", "2024-01-31"),
            ("2024-01-31", "2024-02-14"),
            ("2024-02-01", "2024-02-29"),
            ("2024-03-01", "2024-03-01"),
            ("2024-03-02", "2024-03-31"),
            ("2024-04-01", "2024-04-30"),
            ("2023-01-01", "2023-11-30"),
        ];
        for instant in ["2024-05-01", "2024-06-01"] {
            ledger
                .read_as_of(Some(at(instant)), |tx| {
                    let once = Held::read(tx)?;
                    for (from, to) in periods {
                        let read = held_between(tx, d(from), d(to))?;
                        let picked: Vec<Contract> =
                            once.between(d(from), d(to)).into_iter().cloned().collect();
                        assert_eq!(picked, read, "{instant}: {from} to {to}");
                    }
                    let jan: Vec<&str> = once
                        .between(d("2024-01-01"), d("2024-01-31"))
                        .iter()
                        .map(|c| c.contract_no.as_str())
                        .collect();
                    let want: &[&str] = if instant == "2024-06-01" {
                        &["DEN-NAS-1", "JPN-LB-1", "KR-SVR-2"]
                    } else {
                        &["JPN-LB-1", "KR-SVR-2"]
                    };
                    assert_eq!(jan, want, "{instant}");
                    Ok::<_, Error>(())
                })
                .unwrap();
        }
    }
}
