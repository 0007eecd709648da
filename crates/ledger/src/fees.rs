//! Imported fee lines: a month's statement as NCP (or another ledger's export) gave it.

use std::borrow::Borrow;

use crate::values::RowExt;
use rusqlite::{params, Connection, OptionalExtension, Row, Statement};
use rust_decimal::Decimal;

use crate::detail;
use crate::error::{Error, Result};
use crate::upsert::Upserted;
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::ncp::{standing_lines, LineLevel};
use ncp_usage_core::billing::ncp_detail::NcpDetail;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::Currency;

/// Adds a fee line, or replaces the amounts of the same line (month, region, service,
/// contract, item) imported before.
pub fn upsert(conn: &Connection, l: &FeeLine) -> Result<Upserted> {
    let mut insert = conn.prepare_cached(concat!(
        "INSERT OR IGNORE INTO fee_lines (account_id, month, region, service, contract_no, item,
             quantity, unit, unit_price, used_amount, discount_amount, estimated_payment_amount,
             recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ",
        crate::ledger_recorded!(),
        ")"
    ))?;
    bind(&mut insert, l)?;
    if insert.raw_execute()? == 1 {
        return Ok(Upserted::Added);
    }
    let mut update = conn.prepare_cached(concat!(
        "UPDATE fee_lines SET quantity = ?6, unit = ?7, unit_price = ?8, used_amount = ?9,
             discount_amount = ?10, estimated_payment_amount = ?11
         WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1 AND source = 'csv' AND region = ?2 AND service = ?3 AND contract_no = ?4 AND item = ?5
           AND (quantity, unit, unit_price, used_amount, discount_amount, estimated_payment_amount)
               IS NOT (?6, ?7, ?8, ?9, ?10, ?11)"
    ))?;
    bind(&mut update, l)?;
    Ok(if update.raw_execute()? == 1 {
        Upserted::Updated
    } else {
        Upserted::Unchanged
    })
}

/// Binds a fee line to parameters `?1` to `?11`, in the column order of `fee_lines`: month,
/// region, service, contract, item, quantity, unit, unit price and the three amounts.
fn bind(stmt: &mut Statement<'_>, l: &FeeLine) -> Result<()> {
    stmt.raw_bind_parameter(1, l.month.to_string())?;
    stmt.raw_bind_parameter(2, &l.region)?;
    stmt.raw_bind_parameter(3, &l.service)?;
    stmt.raw_bind_parameter(4, &l.contract_no)?;
    stmt.raw_bind_parameter(5, &l.item)?;
    stmt.raw_bind_parameter(6, l.quantity.normalize().to_string())?;
    stmt.raw_bind_parameter(7, &l.unit)?;
    stmt.raw_bind_parameter(8, l.unit_price.normalize().to_string())?;
    stmt.raw_bind_parameter(9, l.used_amount.won())?;
    stmt.raw_bind_parameter(10, l.discount_amount.won())?;
    stmt.raw_bind_parameter(11, l.estimated_payment_amount.won())?;
    Ok(())
}

/// Replaces a month's lines of one source (`ncp_product`, `ncp_contract`, `ncp_group`,
/// `ncp_item`) with `lines`: NCP's figures for a month stand whole, never added to earlier
/// ones. Each line's currency and NCP's exact detail are kept beside its whole-won columns.
pub fn replace_month<'a>(
    conn: &Connection,
    month: Month,
    source: &str,
    lines: impl IntoIterator<Item = &'a FeeLine>,
) -> Result<()> {
    conn.execute(
        concat!(
            "DELETE FROM fee_lines WHERE account_id = ",
            crate::ledger_account!(),
            " AND month = ?1 AND source = ?2"
        ),
        params![month.to_string(), source],
    )?;
    insert_lines(conn, source, lines)
}

/// Replaces a month's lines of one source for the `services` (`fee_lines.service`) that
/// `lines` hold, keeping the month's lines of every other service: a body NCP filtered to
/// some services (`productDemandTypeCode=BST`, `demandTypeCode=BST`) never removes the
/// others' lines.
pub fn replace_services<'a>(
    conn: &Connection,
    month: Month,
    source: &str,
    services: &std::collections::BTreeSet<&str>,
    lines: impl IntoIterator<Item = &'a FeeLine>,
) -> Result<()> {
    let mut delete = conn.prepare_cached(concat!(
        "DELETE FROM fee_lines WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1 AND source = ?2 AND service = ?3"
    ))?;
    for service in services {
        delete.execute(params![month.to_string(), source, service])?;
    }
    insert_lines(conn, source, lines)
}

/// Replaces only the lines of one source that `lines` hold (by month, region, service,
/// contract and item), keeping the month's others: an answer known to be incomplete (a saved
/// page whose `totalRows` is above its rows) never removes a line it does not hold.
pub fn replace_lines<'a>(
    conn: &Connection,
    source: &str,
    lines: impl IntoIterator<Item = &'a FeeLine> + Clone,
) -> Result<()> {
    let mut delete = conn.prepare_cached(concat!(
        "DELETE FROM fee_lines WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1 AND region = ?2 AND service = ?3
             AND contract_no = ?4 AND item = ?5 AND source = ?6"
    ))?;
    for l in lines.clone() {
        delete.execute(params![
            l.month.to_string(),
            l.region,
            l.service,
            l.contract_no,
            l.item,
            source
        ])?;
    }
    insert_lines(conn, source, lines)
}

/// Adds NCP's `lines` of one source, each with its currency and NCP's exact detail; the
/// caller has removed the lines they replace.
pub fn insert_lines(
    conn: &Connection,
    source: &str,
    lines: impl IntoIterator<Item = impl Borrow<FeeLine>>,
) -> Result<()> {
    let mut insert = conn.prepare_cached(concat!(
        "INSERT INTO fee_lines (account_id, month, region, service, contract_no, item, quantity,
             unit, unit_price, used_amount, discount_amount, estimated_payment_amount, source,
             currency, exact, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ",
        crate::ledger_recorded!(),
        ")"
    ))?;
    for l in lines {
        let l = l.borrow();
        bind(&mut insert, l)?;
        insert.raw_bind_parameter(12, source)?;
        let (currency, exact) = match &l.ncp {
            Some(n) => (n.currency.code(), Some(detail::to_json(&n.fields)?)),
            None => ("KRW", None),
        };
        insert.raw_bind_parameter(13, currency)?;
        insert.raw_bind_parameter(14, exact)?;
        insert.raw_execute()?;
    }
    Ok(())
}

/// The imported fee lines of a month, by region, service, contract and item; empty when the
/// month was not imported.
pub fn of_month(conn: &Connection, month: Month) -> Result<Vec<FeeLine>> {
    let mut out = Vec::new();
    for_each_of_month(conn, month, |l| {
        out.push(l);
        Ok(())
    })?;
    Ok(out)
}

/// The imported fee lines of a month, one at a time and in the order of [`of_month`], without
/// holding them all: an export of a million lines streams from here to the file. Returns
/// how many there were.
///
/// One statement per month: NCP's lines when NCP sent any (each service at its most
/// detailed complete level, [`standing_lines`]), else a fees CSV's. A month NCP's lines came
/// for through both APIs shows one API's only ([`shown_api`]): v1's and v2's lines are two
/// views of the same month, never added together.
pub fn for_each_of_month(
    conn: &Connection,
    month: Month,
    mut f: impl FnMut(FeeLine) -> Result<()>,
) -> Result<usize> {
    let mut ncp = conn.prepare_cached(
        "SELECT region, service, contract_no, item, quantity, unit, unit_price, used_amount,
                discount_amount, estimated_payment_amount, currency, exact, source
         FROM fee_lines_asof
         -- Each level by the key (month, source): a month of a million CSV lines is not read
         -- twice.
         WHERE month = ?1 AND source IN ('ncp_product', 'ncp_group', 'ncp_contract', 'ncp_item')",
    )?;
    let shown = shown_api(conn, month)?;
    let mut rows = ncp.query([month.to_string()])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        let source: String = r.get(12)?;
        if shown.is_some_and(|api| api_of(&source) != Some(api)) {
            continue;
        }
        let level = match source.as_str() {
            "ncp_product" | "ncp_group" => LineLevel::Service,
            "ncp_contract" => LineLevel::Contract,
            _ => LineLevel::Item,
        };
        lines.push((level, read_line(r, month)?));
    }
    if !lines.is_empty() {
        let standing = standing_lines(lines);
        let count = standing.len();
        for l in standing {
            f(l)?;
        }
        return Ok(count);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT region, service, contract_no, item, quantity, unit, unit_price, used_amount,
                discount_amount, estimated_payment_amount, currency, exact
         FROM fee_lines_asof
         WHERE month = ?1 AND source = 'csv'
         ORDER BY region, service, contract_no, item",
    )?;
    let mut rows = stmt.query([month.to_string()])?;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        f(read_line(r, month)?)?;
        count += 1;
    }
    Ok(count)
}

/// The NCP API (`v1`, `v2`) a line of `source` came through; `None` for a fees CSV's.
fn api_of(source: &str) -> Option<&'static str> {
    match source {
        "ncp_product" | "ncp_contract" => Some("v1"),
        "ncp_group" | "ncp_item" => Some("v2"),
        _ => None,
    }
}

/// Which API's lines a month shows when NCP's lines of it came through both v1
/// (getProductDemandCostList, getContractDemandCostList) and v2 (billing-item-group-costs,
/// billing-item-costs), as recorded at the running instant: the API of the month's stored
/// NCP bill, else the API whose lines were imported last (v2 when both came at one instant).
/// `None` when the month's NCP lines came through one API or none: all of them stand.
pub fn shown_api(conn: &Connection, month: Month) -> Result<Option<&'static str>> {
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN source IN ('ncp_group', 'ncp_item') THEN 'v2' ELSE 'v1' END AS api,
                MAX(recorded_at) AS latest
         FROM fee_lines_asof
         WHERE month = ?1 AND source IN ('ncp_product', 'ncp_contract', 'ncp_group', 'ncp_item')
         GROUP BY api ORDER BY latest DESC, api DESC",
    )?;
    let apis: Vec<String> = stmt
        .query_map([month.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if apis.len() < 2 {
        return Ok(None);
    }
    let mut bill = conn.prepare_cached(
        "SELECT api FROM ncp_demand_costs_asof WHERE month = ?1 ORDER BY recorded_at DESC LIMIT 1",
    )?;
    let billed: Option<String> = bill
        .query_row([month.to_string()], |r| r.get(0))
        .optional()?;
    let api = billed.as_deref().unwrap_or(apis[0].as_str());
    Ok(Some(if api == "v2" { "v2" } else { "v1" }))
}

/// The NCP lines of a month that the views leave aside because the month shows the other
/// API's ([`shown_api`]): the API they came through and how many there are, as recorded at
/// the running instant; `None` when none are left aside.
pub fn lines_aside(conn: &Connection, month: Month) -> Result<Option<(&'static str, usize)>> {
    let Some(shown) = shown_api(conn, month)? else {
        return Ok(None);
    };
    let (aside, sources) = if shown == "v2" {
        ("v1", ["ncp_product", "ncp_contract"])
    } else {
        ("v2", ["ncp_group", "ncp_item"])
    };
    let mut stmt = conn.prepare_cached(
        "SELECT COUNT(*) FROM fee_lines_asof WHERE month = ?1 AND source IN (?2, ?3)",
    )?;
    let count: i64 = stmt.query_row(params![month.to_string(), sources[0], sources[1]], |r| {
        r.get(0)
    })?;
    Ok(Some((aside, usize::try_from(count).unwrap_or(0))))
}

/// A `fee_lines` row of `month`, from its columns 0 to 11: region, service, contract, item,
/// quantity, unit, unit price, the three amounts, the currency and NCP's exact detail.
pub(crate) fn read_line(r: &Row<'_>, month: Month) -> Result<FeeLine> {
    let dec = |i: usize| -> Result<Decimal> {
        let text: String = r.get(i)?;
        text.parse().map_err(|_| {
            let damaged = format!("a fee line of {month} holds a damaged number '{text}'");
            Error::ledger(damaged)
        })
    };
    Ok(FeeLine {
        month,
        region: r.get(0)?,
        service: r.get(1)?,
        contract_no: r.get(2)?,
        item: r.get(3)?,
        quantity: dec(4)?,
        unit: r.get(5)?,
        unit_price: dec(6)?,
        used_amount: r.krw(7)?,
        discount_amount: r.krw(8)?,
        estimated_payment_amount: r.krw(9)?,
        ncp: read_detail(r, 10, month)?,
    })
}

/// NCP's detail of a line from its `currency` and `exact` columns (`idx`, `idx + 1`): `None`
/// for a rated or CSV line, which has no `exact`.
fn read_detail(r: &Row<'_>, idx: usize, month: Month) -> Result<Option<NcpDetail>> {
    let exact: Option<String> = r.get(idx + 1)?;
    let Some(exact) = exact else {
        return Ok(None);
    };
    let currency: String = r.get(idx)?;
    let fields = detail::from_json(&exact).ok_or_else(|| {
        let damaged = format!("a fee line of {month} holds damaged NCP figures");
        Error::ledger(damaged)
    })?;
    Ok(Some(NcpDetail {
        currency: Currency::new(&currency),
        fields,
    }))
}

/// A month's NCP lines of one level (`source`: `ncp_product`, `ncp_contract`…), as they
/// stand at the running instant.
pub fn ncp_lines(conn: &Connection, month: Month, source: &str) -> Result<Vec<FeeLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT region, service, contract_no, item, quantity, unit, unit_price, used_amount,
                discount_amount, estimated_payment_amount, currency, exact
         FROM fee_lines_asof WHERE month = ?1 AND source = ?2
         ORDER BY region, service, contract_no, item",
    )?;
    let mut rows = stmt.query(params![month.to_string(), source])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(read_line(r, month)?);
    }
    Ok(out)
}

/// Whether `month` has imported fee lines (then they are its statement), as recorded at the
/// running instant (T2).
pub fn has_month(conn: &Connection, month: Month) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM fee_lines_asof WHERE month = ?1 LIMIT 1")?;
    Ok(stmt.exists([month.to_string()])?)
}

/// The latest month up to `up_to` with NCP lines of one level (`source`: `ncp_contract`…), as
/// recorded at the running instant: where `status` looks for NCP's latest contract lines.
pub fn latest_ncp_month(conn: &Connection, source: &str, up_to: Month) -> Result<Option<Month>> {
    let mut stmt = conn.prepare_cached(
        "SELECT MAX(month) FROM fee_lines_asof WHERE source = ?1 AND month <= ?2",
    )?;
    let month: Option<String> = stmt.query_row(params![source, up_to.to_string()], |r| r.get(0))?;
    month
        .map(|m| {
            m.parse()
                .map_err(|_| crate::error::Error::ledger("a damaged fee line month"))
        })
        .transpose()
}
