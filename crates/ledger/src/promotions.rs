//! Promotions and credits as imported (SPEC §11 promotions). Their discounts are applied by
//! the billing rules of PR1–PR2.

use crate::values::RowExt;
use rusqlite::{params, Connection};

use super::date_col;
use crate::error::{Error, Result};
use crate::upsert::{self, Upserted};

pub use ncp_usage_core::billing::promotion::Promotion;

/// Adds a promotion, or updates the one with the same name and service.
pub fn upsert(conn: &Connection, p: &Promotion) -> Result<Upserted> {
    let values = params![
        p.name,
        p.service,
        p.provision_type,
        p.pricing_plan,
        p.provided,
        p.used,
        p.discount_rate.map(|r| r.normalize().to_string()),
        p.credit.map(ncp_usage_core::money::Krw::won),
        p.valid_from.to_string(),
        p.valid_to.to_string(),
    ];
    upsert::row(
        conn,
        concat!(
            "INSERT OR IGNORE INTO promotions (account_id, name, service, provision_type,
                 pricing_plan, provided, used, discount_rate, credit, valid_from, valid_to,
                 recorded_at)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ",
            crate::ledger_recorded!(),
            ")"
        ),
        concat!(
            "UPDATE promotions SET provision_type = ?3, pricing_plan = ?4, provided = ?5, used = ?6,
                 discount_rate = ?7, credit = ?8, valid_from = ?9, valid_to = ?10
             WHERE ",
            this_account!(),
            " AND name = ?1 AND service = ?2
               AND (provision_type, pricing_plan, provided, used, discount_rate, credit, valid_from, valid_to)
                   IS NOT (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        values,
    )
}

/// Every promotion, by name and service, as recorded at the running instant (T2).
pub fn all(conn: &Connection) -> Result<Vec<Promotion>> {
    let mut stmt = conn.prepare(
        "SELECT name, service, provision_type, pricing_plan, provided, used, discount_rate,
                credit, valid_from, valid_to
         FROM promotions_asof ORDER BY name, service",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let rate: Option<String> = r.get(6)?;
        out.push(Promotion {
            name: r.get(0)?,
            service: r.get(1)?,
            provision_type: r.get(2)?,
            pricing_plan: r.get(3)?,
            provided: r.get(4)?,
            used: r.get(5)?,
            discount_rate: rate
                .map(|t| {
                    t.parse().map_err(|_| {
                        Error::ledger(format!("a promotion holds a damaged rate '{t}'"))
                    })
                })
                .transpose()?,
            credit: r.krw_opt(7)?,
            valid_from: date_col(&r.get::<_, String>(8)?)?,
            valid_to: date_col(&r.get::<_, String>(9)?)?,
        });
    }
    Ok(out)
}
