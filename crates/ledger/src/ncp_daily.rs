//! NCP's daily usage (getContractUsageListByDaily) in the ledger: stored by day, contract,
//! contract product and metering type — every row NCP sends — and read back for
//! `history --daily` as the ledger stood at the command's instant (T2).

use rusqlite::{params, Connection};

use crate::date_col;
use crate::error::{Error, Result};
use crate::values::RowExt;
use ncp_usage_core::billing::ncp_daily::DailyUsage;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::Exact;

/// Stores merged rows (see [`ncp_usage_core::billing::ncp_daily::merge`]): a row already held
/// for the same key is replaced by NCP's later figures, its earlier version kept (T2).
pub fn store(conn: &Connection, rows: &[DailyUsage]) -> Result<()> {
    let mut stmt = conn.prepare(concat!(
        "INSERT INTO ncp_daily_usage (date, contract_no, product_sequence, metering_type, service,
             region, quantity, unit, user_quantity, user_unit, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (date, contract_no, product_sequence, metering_type) DO UPDATE SET
             service = excluded.service, region = excluded.region, quantity = excluded.quantity,
             unit = excluded.unit, user_quantity = excluded.user_quantity,
             user_unit = excluded.user_unit
         WHERE (service, region, quantity, unit, user_quantity, user_unit) IS NOT
               (excluded.service, excluded.region, excluded.quantity, excluded.unit,
                excluded.user_quantity, excluded.user_unit)"
    ))?;
    for u in rows {
        stmt.execute(params![
            u.date.to_string(),
            u.contract_no,
            u.product,
            u.metering_type,
            u.service,
            u.region.as_deref().unwrap_or(""),
            u.quantity.to_string(),
            u.unit,
            u.user_quantity.map(|q| q.to_string()),
            u.user_unit,
        ])?;
    }
    Ok(())
}

/// The daily usage of `month` as it stood at the running instant, by day, contract, metering
/// type and product.
pub fn month(conn: &Connection, month: Month) -> Result<Vec<DailyUsage>> {
    let mut stmt = conn.prepare(
        "SELECT date, contract_no, product_sequence, metering_type, service, region, quantity,
                unit, user_quantity, user_unit
         FROM ncp_daily_usage_asof WHERE date BETWEEN ?1 AND ?2
         ORDER BY date, contract_no, metering_type, product_sequence",
    )?;
    let rows = stmt
        .query_map(
            params![month.first_day().to_string(), month.last_day().to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.spelled::<Exact>(6, "daily usage quantity")?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(date, contract_no, product, metering_type, service, region, quantity, unit, uq, uu)| {
                let user_quantity = uq
                    .map(|t| {
                        t.parse::<Exact>().map_err(|_| {
                            Error::ledger(format!(
                                "the ledger holds a damaged daily usage quantity '{t}'; restore it from a backup"
                            ))
                        })
                    })
                    .transpose()?;
                Ok(DailyUsage {
                    date: date_col(&date)?,
                    contract_no,
                    product,
                    service,
                    region: Some(region).filter(|r| !r.is_empty()),
                    metering_type,
                    quantity,
                    unit,
                    user_quantity,
                    user_unit: uu,
                })
            },
        )
        .collect()
}
