//! Storing NCP's Billing API v2 cost lines (`import ncp`, `sync --api v2`): a month's
//! per-group costs become its per-service fee lines (source `ncp_group`), its per-item and
//! per-resource costs the detail (source `ncp_item`), each with NCP's exact figures and
//! details in `exact`; the names of the codes go to `ncp_cost_relation_codes`.
//!
//! NCP gives every row a new id when it re-settles a month, so rows are replaced by month and
//! codes, never by id: a group's line by its service and group codes, a group's items all
//! together (a re-settlement may drop a resource). The member is the ledger's one member.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::ncp::{Body, Page};
use ncp_usage_core::billing::ncp_v2::{CostRelationCode, GroupCost, ItemCost, ItemKey};
use ncp_usage_core::calendar::Month;

/// The v2 rows of one import or sync, merged across its pages and files: the same row given
/// twice (an overlapping page) counts once; two different rows under one key (two
/// settlements of a month in one import) are refused.
#[derive(Default)]
pub struct V2Rows<'a> {
    /// Group costs by month, service and group code.
    pub groups: BTreeMap<(Month, String, String), &'a GroupCost>,
    /// Item costs by month, codes, resource and line.
    pub items: BTreeMap<ItemKey, &'a ItemCost>,
    /// The code trees.
    pub codes: Vec<&'a CostRelationCode>,
}

fn twice(what: &str, month: Month, key: &str, a: &str, b: &str) -> Error {
    Error::invalid(format!(
        "NCP's {what} {key} of {month} is given twice with different figures (ids {a} and {b}): import one settlement of the month at a time"
    ))
}

impl<'a> V2Rows<'a> {
    /// The v2 rows of `pages`.
    pub fn of(pages: &'a [Page]) -> Result<V2Rows<'a>> {
        let mut rows = V2Rows::default();
        for page in pages {
            match &page.body {
                Body::GroupCosts(v) => {
                    for g in v {
                        if let Some(old) = rows.groups.insert(g.key(), g) {
                            if old != g {
                                let key = format!("group {}/{}", g.service_code, g.group_code);
                                return Err(twice(
                                    "billing-item group",
                                    g.month,
                                    &key,
                                    &old.id,
                                    &g.id,
                                ));
                            }
                        }
                    }
                }
                Body::ItemCosts(v) => {
                    for i in v {
                        if let Some(old) = rows.items.insert(i.key(), i) {
                            if old != i {
                                let k = i.key();
                                let key = format!(
                                    "item {}/{}/{} of resource '{}' line {}",
                                    k.service_code,
                                    k.group_code,
                                    k.item_code,
                                    k.resource_id,
                                    k.line
                                );
                                return Err(twice("billing item", i.month, &key, &old.id, &i.id));
                            }
                        }
                    }
                }
                Body::CostRelationCodes(v) => rows.codes.extend(v),
                _ => {}
            }
        }
        Ok(rows)
    }

    /// Whether there is anything to store.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.items.is_empty() && self.codes.is_empty()
    }

    /// The months whose fee lines they replace.
    pub fn months(&self) -> BTreeSet<Month> {
        self.groups
            .keys()
            .map(|k| k.0)
            .chain(self.items.keys().map(|k| k.month))
            .collect()
    }
}

/// Stores the rows inside the caller's transaction.
pub fn store(conn: &Connection, rows: &V2Rows<'_>) -> Result<()> {
    for g in rows.groups.values() {
        conn.execute(
            "DELETE FROM fee_lines WHERE month = ?1 AND source = 'ncp_group'
               AND json_extract(exact, '$.service_code') = ?2 AND json_extract(exact, '$.group_code') = ?3",
            params![g.month.to_string(), g.service_code, g.group_code],
        )?;
        let line = g.fee_line().ok_or_else(|| ceiling(g.month))?;
        insert(conn, &line, "ncp_group", g.currency.code(), &detail(g)?)?;
    }
    let replaced: BTreeSet<(Month, &str, &str)> = rows
        .items
        .values()
        .map(|i| (i.month, i.service_code.as_str(), i.group_code.as_str()))
        .collect();
    for (month, service, group) in &replaced {
        conn.execute(
            "DELETE FROM fee_lines WHERE month = ?1 AND source = 'ncp_item'
               AND json_extract(exact, '$.service_code') = ?2 AND json_extract(exact, '$.group_code') = ?3",
            params![month.to_string(), service, group],
        )?;
    }
    // Two items of one resource may share a name: the item's code tells them apart.
    let mut taken = BTreeSet::new();
    for i in rows.items.values() {
        let mut line = i.fee_line().ok_or_else(|| ceiling(i.month))?;
        let key = |l: &FeeLine| {
            (
                l.month,
                l.region.clone(),
                l.service.clone(),
                l.contract_no.clone(),
                l.item.clone(),
            )
        };
        if !taken.insert(key(&line)) {
            line.item = format!("{} ({})", line.item, i.item_code);
            taken.insert(key(&line));
        }
        insert(conn, &line, "ncp_item", i.currency.code(), &detail(i)?)?;
    }
    for c in &rows.codes {
        name(conn, &c.service_code, "", "", &c.service_name)?;
        for g in &c.groups {
            name(conn, &c.service_code, &g.code, "", &g.name)?;
            for (code, item) in &g.items {
                name(conn, &c.service_code, &g.code, code, item)?;
            }
        }
    }
    Ok(())
}

fn ceiling(month: Month) -> Error {
    Error::invalid(format!(
        "NCP's cost lines of {month} are more than the ledger holds"
    ))
}

/// NCP's row as the `exact` JSON object: every figure exact, every code and name.
fn detail(row: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(row)
        .map_err(|e| Error::ledger(format!("cannot write NCP's figures: {e}")))
}

fn insert(conn: &Connection, l: &FeeLine, source: &str, currency: &str, exact: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(concat!(
        "INSERT INTO fee_lines (month, region, service, contract_no, item, quantity, unit,
             unit_price, used_amount, discount_amount, estimated_payment_amount, source, currency,
             exact, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ",
        crate::ledger_recorded!(),
        ")"
    ))?;
    stmt.execute(params![
        l.month.to_string(),
        l.region,
        l.service,
        l.contract_no,
        l.item,
        l.quantity.normalize().to_string(),
        l.unit,
        l.unit_price.normalize().to_string(),
        l.used_amount.won(),
        l.discount_amount.won(),
        l.estimated_payment_amount.won(),
        source,
        currency,
        exact
    ])?;
    Ok(())
}

fn name(conn: &Connection, service: &str, group: &str, item: &str, name: &str) -> Result<()> {
    conn.execute(
        concat!(
            "INSERT INTO ncp_cost_relation_codes (service_code, group_code, item_code, name, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ",
            crate::ledger_recorded!(),
            ") ON CONFLICT (service_code, group_code, item_code)
               DO UPDATE SET name = excluded.name, recorded_at = excluded.recorded_at
               WHERE name IS NOT excluded.name"
        ),
        params![service, group, item, name],
    )?;
    Ok(())
}

/// Every code's name, by service, group and item code (empty codes for services' and
/// groups' own rows), as recorded by the running instant.
pub fn code_names(conn: &Connection) -> Result<Vec<((String, String, String), String)>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT service_code, group_code, item_code, name FROM ncp_cost_relation_codes
         WHERE recorded_at <= ",
        crate::ledger_visible!(),
        " ORDER BY service_code, group_code, item_code"
    ))?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
