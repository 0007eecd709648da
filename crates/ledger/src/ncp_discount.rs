//! NCP's Discount API in the ledger: credits, coins and product discounts by member and
//! discount number, their use by discount number, use month and service, and
//! getDiscountList's discounts by member and discount number, every amount exact TEXT with its currency. A later import or sync
//! replaces a row in place (its earlier version kept, T2); the same body twice changes
//! nothing, not even the instant a row was recorded at.

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use crate::values::RowExt;
use ncp_usage_core::billing::ncp::Api;
use ncp_usage_core::billing::ncp_discount::{
    Credit, CreditKind, CreditUse, Discount, ProductDiscount, ProductDiscountUse,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::{Currency, Exact};

/// Stores credits and coins read from `api`'s bodies, and their use.
pub fn store_credits(conn: &Connection, api: Api, credits: &[Credit]) -> Result<()> {
    let mut credit = conn.prepare(concat!(
        "INSERT INTO ncp_credits (account_id, member_no, discount_no, kind, api, name,
             type_code, type_name, received, remaining, valid_from, valid_to, currency,
             services, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, member_no, discount_no) DO UPDATE SET
             kind = excluded.kind, api = excluded.api, name = excluded.name,
             type_code = excluded.type_code,
             type_name = excluded.type_name, received = excluded.received,
             remaining = excluded.remaining, valid_from = excluded.valid_from,
             valid_to = excluded.valid_to, currency = excluded.currency,
             services = excluded.services
         WHERE (kind, api, name, type_code, type_name, received, remaining, valid_from,
                valid_to, currency, services) IS NOT
               (excluded.kind, excluded.api, excluded.name, excluded.type_code, excluded.type_name,
                excluded.received, excluded.remaining, excluded.valid_from, excluded.valid_to,
                excluded.currency, excluded.services)"
    ))?;
    let mut usage = conn.prepare(concat!(
        "INSERT INTO ncp_credit_uses (account_id, discount_no, use_month, service_code,
             service, used, unused, remaining, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, discount_no, use_month, service_code) DO UPDATE SET
             service = excluded.service, used = excluded.used, unused = excluded.unused,
             remaining = excluded.remaining
         WHERE (service, used, unused, remaining) IS NOT
               (excluded.service, excluded.used, excluded.unused, excluded.remaining)"
    ))?;
    for c in credits {
        let services = names(&c.services)?;
        credit.execute(params![
            c.member_no.as_deref().unwrap_or(""),
            c.discount_no,
            c.kind.as_str(),
            api.as_str(),
            c.name,
            c.type_code,
            c.type_name,
            c.received.to_string(),
            c.remaining.to_string(),
            c.valid_from.to_string(),
            c.valid_to.to_string(),
            c.currency.code(),
            services,
        ])?;
        for u in &c.uses {
            usage.execute(params![
                c.discount_no,
                u.month.to_string(),
                u.service_code,
                u.service,
                u.used_amount.to_string(),
                u.unused_amount.map(|a| a.to_string()),
                u.remaining_amount.to_string(),
            ])?;
        }
    }
    Ok(())
}

/// A list of names as the ledger keeps it (JSON text).
fn names(list: &[String]) -> Result<String> {
    serde_json::to_string(list)
        .map_err(|e| Error::ledger(format!("cannot record a list of services: {e}")))
}

/// A list of names as [`names`] kept it; `what` names its row in the error.
fn read_names(text: &str, what: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|_| {
        Error::ledger(format!(
            "the ledger holds damaged services '{}' of {}; restore it from a backup",
            text, what
        ))
    })
}

/// Stores product discounts read from `api`'s bodies, and what they took off.
pub fn store_product_discounts(
    conn: &Connection,
    api: Api,
    discounts: &[ProductDiscount],
) -> Result<()> {
    let mut discount = conn.prepare(concat!(
        "INSERT INTO ncp_product_discounts (account_id, member_no, discount_no, api, name,
             rate, conditional, minimum_amount, capped, maximum_amount, valid_from, valid_to,
             currency, services, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, member_no, discount_no) DO UPDATE SET
             api = excluded.api, name = excluded.name, rate = excluded.rate,
             conditional = excluded.conditional, minimum_amount = excluded.minimum_amount,
             capped = excluded.capped, maximum_amount = excluded.maximum_amount,
             valid_from = excluded.valid_from, valid_to = excluded.valid_to,
             currency = excluded.currency, services = excluded.services
         WHERE (api, name, rate, conditional, minimum_amount, capped, maximum_amount,
                valid_from, valid_to, currency, services) IS NOT
               (excluded.api, excluded.name, excluded.rate, excluded.conditional,
                excluded.minimum_amount, excluded.capped, excluded.maximum_amount,
                excluded.valid_from, excluded.valid_to, excluded.currency, excluded.services)"
    ))?;
    let mut usage = conn.prepare(concat!(
        "INSERT INTO ncp_product_discount_uses (account_id, discount_no, use_month,
             service_code, service, target, applied, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, discount_no, use_month, service_code) DO UPDATE SET
             service = excluded.service, target = excluded.target, applied = excluded.applied
         WHERE (service, target, applied) IS NOT
               (excluded.service, excluded.target, excluded.applied)"
    ))?;
    for d in discounts {
        discount.execute(params![
            d.member_no.as_deref().unwrap_or(""),
            d.discount_no,
            api.as_str(),
            d.name,
            d.rate.to_string(),
            d.conditional,
            d.minimum_amount.map(|a| a.to_string()),
            d.capped,
            d.maximum_amount.map(|a| a.to_string()),
            d.valid_from.to_string(),
            d.valid_to.to_string(),
            d.currency.code(),
            names(&d.services)?,
        ])?;
        for u in &d.uses {
            usage.execute(params![
                d.discount_no,
                u.month.to_string(),
                u.service_code,
                u.service,
                u.target_amount.to_string(),
                u.applied_amount.to_string(),
            ])?;
        }
    }
    Ok(())
}

/// NCP's product discounts as they stood at the running instant, by validity and number, each
/// with what it took off by month and service.
pub fn product_discounts(conn: &Connection) -> Result<Vec<ProductDiscount>> {
    let mut stmt = conn.prepare(
        "SELECT member_no, discount_no, name, rate, conditional, minimum_amount, capped,
                maximum_amount, valid_from, valid_to, currency, services
         FROM ncp_product_discounts_asof ORDER BY valid_from, discount_no, member_no",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                ProductDiscount {
                    member_no: Some(r.get::<_, String>(0)?).filter(|m| !m.is_empty()),
                    discount_no: r.get(1)?,
                    name: r.get(2)?,
                    rate: r.spelled::<Exact>(3, "product discount rate")?,
                    conditional: r.get(4)?,
                    minimum_amount: r.spelled_opt::<Exact>(5, "product discount minimum")?,
                    capped: r.get(6)?,
                    maximum_amount: r.spelled_opt::<Exact>(7, "product discount maximum")?,
                    valid_from: r.spelled::<Month>(8, "product discount validity")?,
                    valid_to: r.spelled::<Month>(9, "product discount validity")?,
                    currency: Currency::new(&r.get::<_, String>(10)?),
                    services: Vec::new(),
                    uses: Vec::new(),
                },
                r.get::<_, String>(11)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut uses = conn.prepare(
        "SELECT use_month, service_code, service, target, applied
         FROM ncp_product_discount_uses_asof WHERE discount_no = ?1
         ORDER BY use_month, service_code",
    )?;
    rows.into_iter()
        .map(|(mut d, services)| {
            d.services = read_names(
                &services,
                &format!("NCP product discount {}", d.discount_no),
            )?;
            d.uses = uses
                .query_map([&d.discount_no], |r| {
                    Ok(ProductDiscountUse {
                        month: r.spelled::<Month>(0, "product discount use month")?,
                        service_code: r.get(1)?,
                        service: r.get(2)?,
                        target_amount: r.spelled::<Exact>(3, "product discount target")?,
                        applied_amount: r.spelled::<Exact>(4, "product discount applied")?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(d)
        })
        .collect()
}

/// Stores getDiscountList's discounts.
pub fn store_discounts(conn: &Connection, discounts: &[Discount]) -> Result<()> {
    let mut stmt = conn.prepare(concat!(
        "INSERT INTO ncp_discount_list (account_id, member_no, discount_no, type_code,
             type_name, name, method_code, method_name, value, valid_from, valid_to, currency,
             recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, member_no, discount_no) DO UPDATE SET
             type_code = excluded.type_code, type_name = excluded.type_name,
             name = excluded.name, method_code = excluded.method_code,
             method_name = excluded.method_name, value = excluded.value,
             valid_from = excluded.valid_from, valid_to = excluded.valid_to,
             currency = excluded.currency
         WHERE (type_code, type_name, name, method_code, method_name, value, valid_from,
                valid_to, currency) IS NOT
               (excluded.type_code, excluded.type_name, excluded.name, excluded.method_code,
                excluded.method_name, excluded.value, excluded.valid_from, excluded.valid_to,
                excluded.currency)"
    ))?;
    for d in discounts {
        stmt.execute(params![
            d.member_no.as_deref().unwrap_or(""),
            d.discount_no,
            d.type_code,
            d.type_name,
            d.name,
            d.method_code,
            d.method_name,
            d.value.map(|v| v.to_string()),
            d.valid_from.map(|m| m.to_string()),
            d.valid_to.map(|m| m.to_string()),
            d.currency.code(),
        ])?;
    }
    Ok(())
}

/// NCP's credits, then its coins, as they stood at the running instant, by validity and
/// number, each with its use by month and service (a coin's: by member).
pub fn credits(conn: &Connection) -> Result<Vec<Credit>> {
    let mut stmt = conn.prepare(
        "SELECT member_no, discount_no, name, type_code, type_name, received, remaining,
                valid_from, valid_to, currency, services, kind
         FROM ncp_credits_asof ORDER BY kind DESC, valid_from, discount_no, member_no",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                Credit {
                    kind: r.spelled::<CreditKind>(11, "credit kind")?,
                    member_no: Some(r.get::<_, String>(0)?).filter(|m| !m.is_empty()),
                    discount_no: r.get(1)?,
                    name: r.get(2)?,
                    type_code: r.get(3)?,
                    type_name: r.get(4)?,
                    received: r.spelled::<Exact>(5, "credit received")?,
                    remaining: r.spelled::<Exact>(6, "credit remaining")?,
                    valid_from: r.spelled::<Month>(7, "credit validity")?,
                    valid_to: r.spelled::<Month>(8, "credit validity")?,
                    currency: Currency::new(&r.get::<_, String>(9)?),
                    services: Vec::new(),
                    uses: Vec::new(),
                },
                r.get::<_, String>(10)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut uses = conn.prepare(
        "SELECT use_month, service_code, service, used, unused, remaining
         FROM ncp_credit_uses_asof WHERE discount_no = ?1 ORDER BY use_month, service_code",
    )?;
    rows.into_iter()
        .map(|(mut c, services)| {
            c.services = read_names(&services, &format!("NCP credit {}", c.discount_no))?;
            c.uses = uses
                .query_map([&c.discount_no], |r| {
                    Ok(CreditUse {
                        month: r.spelled::<Month>(0, "credit use month")?,
                        service_code: r.get(1)?,
                        service: r.get(2)?,
                        used_amount: r.spelled::<Exact>(3, "credit used")?,
                        unused_amount: r.spelled_opt::<Exact>(4, "credit unused")?,
                        remaining_amount: r.spelled::<Exact>(5, "credit remaining")?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(c)
        })
        .collect()
}

/// getDiscountList's discounts as they stood at the running instant, by type and number.
pub fn discounts(conn: &Connection) -> Result<Vec<Discount>> {
    let mut stmt = conn.prepare(
        "SELECT member_no, discount_no, type_code, type_name, name, method_code, method_name,
                value, valid_from, valid_to, currency
         FROM ncp_discount_list_asof ORDER BY type_code, discount_no, member_no",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Discount {
                member_no: Some(r.get::<_, String>(0)?).filter(|m| !m.is_empty()),
                discount_no: r.get(1)?,
                type_code: r.get(2)?,
                type_name: r.get(3)?,
                name: r.get(4)?,
                method_code: r.get(5)?,
                method_name: r.get(6)?,
                value: r.spelled_opt::<Exact>(7, "discount value")?,
                valid_from: r.spelled_opt::<Month>(8, "discount validity")?,
                valid_to: r.spelled_opt::<Month>(9, "discount validity")?,
                currency: Currency::new(&r.get::<_, String>(10)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
