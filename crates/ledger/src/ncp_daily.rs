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
        "INSERT INTO ncp_daily_usage (account_id, date, contract_no, product_sequence,
             metering_type, service, region, quantity, unit, user_quantity, user_unit, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, date, contract_no, product_sequence, metering_type) DO UPDATE SET
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
                    member_no: None,
                })
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    /// Schema 10 keeps every daily row of an older ledger (its product becomes the product
    /// sequence, its metering type unknown) and turns NCP's `-` regions into none.
    #[test]
    fn schema_10_migrates_old_daily_rows_and_dash_regions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let old = Connection::open(&path).unwrap();
        for sql in &crate::MIGRATIONS[..9] {
            old.execute_batch(sql).unwrap();
        }
        old.execute_batch(
            "INSERT INTO ncp_daily_usage (contract_no, date, product, quantity, unit, recorded_at)
                 VALUES ('30020001', '2024-05-02', '7001', '4.1', 'GB', '2024-06-20T00:00:00+09:00');
             INSERT INTO fee_lines (month, source, region, service, contract_no, item, quantity,
                 unit, unit_price, used_amount, discount_amount, estimated_payment_amount)
                 VALUES ('2024-05', 'ncp_product', '-', 'Server', 'VSVR', 'Server (NCP)', '1',
                         'month', '20000', 20000, 0, 20000);",
        )
        .unwrap();
        old.pragma_update(None, "application_id", crate::APPLICATION_ID)
            .unwrap();
        old.pragma_update(None, "user_version", 9).unwrap();
        drop(old);
        let mut ledger = Ledger::open(&path, None).unwrap();
        let rows = ledger
            .read(|tx| month(tx, "2024-05".parse().unwrap()))
            .unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            (
                r.date.to_string(),
                r.product.as_str(),
                r.metering_type.as_str(),
                r.quantity.to_string(),
                r.unit.as_str(),
                r.region.as_deref()
            ),
            (
                "2024-05-02".to_string(),
                "7001",
                "",
                "4.1".to_string(),
                "GB",
                None
            )
        );
        let region: String = ledger
            .read(|tx| {
                Ok::<_, crate::error::Error>(tx.query_row(
                    concat!(
                        "SELECT region FROM fee_lines WHERE account_id = ",
                        crate::ledger_account!(),
                        " AND contract_no = 'VSVR'"
                    ),
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(region, "");
    }
}
