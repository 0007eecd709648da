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

use super::fees;
use super::ncp::{check_parts, Stored};
use crate::error::{Error, Result};
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::ncp::Difference;
use ncp_usage_core::billing::ncp::{Body, Page};
use ncp_usage_core::billing::ncp_v2::{
    check_groups, check_items, check_rows, CodeGroup, CostRelationCode, GroupCost, ItemCost,
    ItemKey, RowSums,
};
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
                                let key =
                                    format!("group {}/{}", g.cost.service_code, g.cost.group_code);
                                return Err(twice(
                                    "billing-item group",
                                    g.cost.month,
                                    &key,
                                    &old.cost.id,
                                    &g.cost.id,
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
                                return Err(twice(
                                    "billing item",
                                    i.cost.month,
                                    &key,
                                    &old.cost.id,
                                    &i.cost.id,
                                ));
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

/// Stores the v2 rows of an import's or sync's `pages` inside the caller's transaction, and
/// checks NCP's sums ([`checks`]).
pub fn store_pages(conn: &Connection, pages: &[Page], stored: &mut Stored) -> Result<()> {
    let rows = V2Rows::of(pages)?;
    if rows.is_empty() {
        return Ok(());
    }
    store(conn, &rows, stored.incomplete(ITEMS))?;
    let groups: Vec<RowSums> = rows.groups.values().map(|g| g.sums()).collect();
    let items: Vec<RowSums> = rows.items.values().map(|i| i.sums()).collect();
    checks(conn, &groups, &items, stored)?;
    for month in rows.months() {
        if !stored.months.contains(&month) {
            stored.months.push(month);
        }
    }
    Ok(())
}

/// The actions of v2's group and item bodies, as incomplete pages name them.
const GROUPS: &str = "listBillingItemGroupCosts";
const ITEMS: &str = "listBillingItemCosts";

/// NCP's sums of v2 rows: each row's own arithmetic, the items against their groups and the
/// groups against their month's bill, each whole as the ledger holds it once the rows are
/// stored (this import's, else an earlier one's: [`check_parts`], the check v1's
/// per-service lines go through too).
fn checks(
    conn: &Connection,
    groups: &[RowSums],
    items: &[RowSums],
    stored: &mut Stored,
) -> Result<()> {
    stored.differences.extend(check_rows(groups));
    stored.differences.extend(check_rows(items));
    let months = |rows: &[RowSums]| -> BTreeSet<Month> { rows.iter().map(|r| r.month).collect() };
    // A month's items are all this import's: it replaced the stored items of their groups.
    check_parts(
        stored,
        ITEMS,
        months(items),
        |month| Ok(Some(sums(conn, month, "ncp_group")?)),
        |groups| Ok(check_items(groups, items)),
    )?;
    // The month's groups as the ledger holds them: a body NCP filtered to some services
    // (`serviceCode`) replaced only its own.
    check_parts(
        stored,
        GROUPS,
        months(groups),
        |month| super::ncp::demand_cost(conn, month),
        |bill| Ok(check_groups(bill, &sums(conn, bill.month, "ncp_group")?)),
    )
}

/// The sums of a month's stored lines of `source` (`ncp_group`, `ncp_item`), from their
/// exact detail.
fn sums(conn: &Connection, month: Month, source: &str) -> Result<Vec<RowSums>> {
    Ok(fees::ncp_lines(conn, month, source)?
        .iter()
        .filter_map(RowSums::of_line)
        .collect())
}

/// NCP's sums of every month's stored v2 lines, recomputed from their exact detail (`check`).
pub fn differences(conn: &Connection) -> Result<Vec<Difference>> {
    let months: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT month FROM fee_lines_asof WHERE source IN ('ncp_group', 'ncp_item')
             ORDER BY month",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Stored::default();
    for m in months {
        let month: Month = m
            .parse()
            .map_err(|_| Error::ledger(format!("a fee line holds a damaged month '{m}'")))?;
        checks(
            conn,
            &sums(conn, month, "ncp_group")?,
            &sums(conn, month, "ncp_item")?,
            &mut out,
        )?;
    }
    Ok(out.differences)
}

/// Stores the rows inside the caller's transaction. Items replace every stored item of their
/// groups (a re-settlement may drop a resource), unless their pages are known to be an
/// incomplete answer (`items_partial`): then they replace only the lines they hold, and the
/// groups' other stored items stay.
fn store(conn: &Connection, rows: &V2Rows<'_>, items_partial: bool) -> Result<()> {
    let mut groups = Vec::new();
    for g in rows.groups.values() {
        let c = &g.cost;
        remove(conn, "ncp_group", c.month, &c.service_code, &c.group_code)?;
        groups.push(g.fee_line().ok_or_else(|| ceiling(c.month))?);
    }
    fees::insert_lines(conn, "ncp_group", &groups)?;
    let replaced: BTreeSet<(Month, &str, &str)> = rows
        .items
        .values()
        .map(|i| {
            (
                i.cost.month,
                i.cost.service_code.as_str(),
                i.cost.group_code.as_str(),
            )
        })
        .collect();
    if !items_partial {
        for (month, service, group) in &replaced {
            remove(conn, "ncp_item", *month, service, group)?;
        }
    }
    if let Some(i) = rows.items.values().find(|i| !i.fits()) {
        return Err(ceiling(i.cost.month));
    }
    // Two items of one resource may share a name: the item's code tells them apart.
    let mut taken = BTreeSet::new();
    let key = |l: &FeeLine| {
        (
            l.month,
            l.region.clone(),
            l.service.clone(),
            l.contract_no.clone(),
            l.item.clone(),
        )
    };
    // Each line is stored as it is made, never all of them held at once: a month of a
    // million resources would hold a million details.
    let items = rows.items.values().filter_map(|i| {
        let mut line = i.fee_line()?;
        if !taken.insert(key(&line)) {
            line.item = format!("{} ({})", line.item, i.item_code);
            taken.insert(key(&line));
        }
        Some(line)
    });
    if items_partial {
        // A saved page or two: held at once.
        let items: Vec<FeeLine> = items.collect();
        fees::replace_lines(conn, "ncp_item", &items)?;
    } else {
        fees::insert_lines(conn, "ncp_item", items)?;
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

/// Removes the lines of `source` NCP gave earlier for a month's service and group, whatever
/// their ids: a re-settlement replaces them.
fn remove(conn: &Connection, source: &str, month: Month, service: &str, group: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM fee_lines WHERE month = ?1 AND source = ?2
           AND json_extract(exact, '$.service_code') = ?3 AND json_extract(exact, '$.group_code') = ?4",
        params![month.to_string(), source, service, group],
    )?;
    Ok(())
}

fn ceiling(month: Month) -> Error {
    let message = format!("{month}: NCP's cost lines are more than the ledger holds");
    Error::invalid(message)
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

/// The names of the codes as NCP gave them (`listCostRelationCodes`), as recorded by the
/// running instant: each service with its groups and their items, by code.
pub fn cost_relation_codes(conn: &Connection) -> Result<Vec<CostRelationCode>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT service_code, group_code, item_code, name FROM ncp_cost_relation_codes
         WHERE recorded_at <= ",
        crate::ledger_visible!(),
        " ORDER BY service_code, group_code, item_code"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<CostRelationCode> = Vec::new();
    while let Some(r) = rows.next()? {
        let (service, group, item, name): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        if out.last().is_none_or(|c| c.service_code != service) {
            out.push(CostRelationCode {
                service_code: service.clone(),
                service_name: service.clone(),
                groups: Vec::new(),
            });
        }
        let Some(c) = out.last_mut() else { continue };
        match (group.is_empty(), item.is_empty()) {
            (true, _) => c.service_name = name,
            (false, true) => c.groups.push(CodeGroup {
                code: group,
                name,
                items: Vec::new(),
            }),
            (false, false) => match c.groups.last_mut().filter(|g| g.code == group) {
                Some(g) => g.items.push((item, name)),
                // An item whose group has no name of its own: the code stands for it.
                None => c.groups.push(CodeGroup {
                    code: group.clone(),
                    name: group,
                    items: vec![(item, name)],
                }),
            },
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    #[test]
    fn code_names_come_back_as_ncps_tree() {
        let mut ledger = Ledger::in_memory().unwrap();
        let codes = vec![CostRelationCode {
            service_code: "VSVR".into(),
            service_name: "Server (VPC)".into(),
            groups: vec![CodeGroup {
                code: "VSVR".into(),
                name: "Server (VPC)".into(),
                items: vec![
                    ("VSVR-NETOUT".into(), "Network Out".into()),
                    ("VSVR-VSVR".into(), "VPC Server".into()),
                ],
            }],
        }];
        let now = ncp_usage_core::clock::parse_as_of("2026-07-05").unwrap();
        ledger
            .write(now, |tx| -> Result<()> {
                let rows = V2Rows {
                    codes: codes.iter().collect(),
                    ..V2Rows::default()
                };
                store(tx, &rows, false)?;
                assert_eq!(cost_relation_codes(tx)?, codes);
                Ok(())
            })
            .unwrap();
    }
}
