//! Storing NCP's Billing API v2 cost lines (`import ncp`, `sync --api v2`): a month's
//! per-group costs become its per-service fee lines (source `ncp_group`), its per-item and
//! per-resource costs the detail (source `ncp_item`), each with NCP's exact figures and
//! details in `exact`; the names of the codes go to `ncp_cost_relation_codes`.
//!
//! NCP gives every row a new id when it re-settles a month, so rows are replaced by month and
//! codes, never by id: a group's line by its service and group codes, a group's items all
//! together when they add up to the group (a re-settlement may drop a resource), else only
//! the lines they hold (a body filtered to some items, an incomplete answer). The member is
//! the running account's one member.

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
/// checks NCP's sums: each row's own arithmetic, then its parts against their wholes.
pub fn store_pages(conn: &Connection, pages: &[Page], stored: &mut Stored) -> Result<()> {
    let rows = V2Rows::of(pages)?;
    if rows.is_empty() {
        return Ok(());
    }
    let groups: Vec<RowSums> = rows.groups.values().map(|g| g.sums()).collect();
    let items: Vec<RowSums> = rows.items.values().map(|i| i.sums()).collect();
    let merged = store(conn, &rows, &items, stored.incomplete(ITEMS))?;
    stored.differences.extend(check_rows(&groups));
    stored.differences.extend(check_rows(&items));
    checks(conn, &groups, &items, &merged, stored)?;
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

/// A v2 group: its month, service code and group code.
type GroupKey = (Month, String, String);

/// NCP's sums of v2 parts against their wholes, each whole as the ledger holds it once the
/// rows are stored (this import's, else an earlier one's: [`check_parts`], the check v1's
/// per-service lines go through too): the items against their groups, the groups against
/// their month's bill. `items` are the rows given; a group in `merged` kept stored items
/// besides them, and is checked with every item the ledger holds for it.
fn checks(
    conn: &Connection,
    groups: &[RowSums],
    items: &[RowSums],
    merged: &BTreeSet<GroupKey>,
    stored: &mut Stored,
) -> Result<()> {
    let months = |rows: &[RowSums]| -> BTreeSet<Month> { rows.iter().map(|r| r.month).collect() };
    check_parts(
        stored,
        ITEMS,
        months(items),
        |month| Ok(Some(sums(conn, month, "ncp_group")?)),
        |groups| {
            let (kept, whole): (Vec<RowSums>, Vec<RowSums>) = groups
                .iter()
                .cloned()
                .partition(|g| merged.contains(&key(g)));
            let mut out = check_items(&whole, items);
            if let Some(month) = kept.first().map(|g| g.month) {
                let held: Vec<RowSums> = sums(conn, month, "ncp_item")?
                    .into_iter()
                    .filter(|i| merged.contains(&key(i)))
                    .collect();
                out.extend(check_items(&kept, &held));
            }
            Ok(out)
        },
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

/// The groups the ledger holds for each of `months` (those of bills an import brought
/// without their groups) against the month's bill: [`check_groups`], through [`check_parts`]
/// as every check of parts. A month with no stored groups has nothing to check.
pub(crate) fn check_stored_groups(
    conn: &Connection,
    months: impl IntoIterator<Item = Month>,
    stored: &mut Stored,
) -> Result<()> {
    check_parts(
        stored,
        "getDemandCostList",
        months,
        |month| super::ncp::demand_cost(conn, month),
        |bill| Ok(check_groups(bill, &sums(conn, bill.month, "ncp_group")?)),
    )
}

/// The group a row belongs to.
fn key(r: &RowSums) -> GroupKey {
    (r.month, r.service_code.clone(), r.group_code.clone())
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
        let (groups, items) = (
            sums(conn, month, "ncp_group")?,
            sums(conn, month, "ncp_item")?,
        );
        out.differences.extend(check_rows(&groups));
        out.differences.extend(check_rows(&items));
        checks(conn, &groups, &items, &BTreeSet::new(), &mut out)?;
    }
    Ok(out.differences)
}

/// Stores the rows inside the caller's transaction (`items` are the items' sums, in their
/// order). A group's items replace every item stored for it when they add up to the group as
/// the ledger now holds it (or it holds none): they are the whole group, and a resource a
/// re-settlement dropped goes. Otherwise — a body NCP filtered to some items or resources,
/// or pages known to be an incomplete answer (`items_partial`) — they replace only the lines
/// they hold, and the group's other stored items stay. Returns those groups.
fn store(
    conn: &Connection,
    rows: &V2Rows<'_>,
    items: &[RowSums],
    items_partial: bool,
) -> Result<BTreeSet<GroupKey>> {
    let mut groups = Vec::new();
    for g in rows.groups.values() {
        let c = &g.cost;
        remove(conn, "ncp_group", c.month, &c.service_code, &c.group_code)?;
        groups.push(g.fee_line().ok_or_else(|| ceiling(c.month))?);
    }
    fees::insert_lines(conn, "ncp_group", &groups)?;
    let mut merged = BTreeSet::new();
    let mut held: BTreeMap<Month, Vec<RowSums>> = BTreeMap::new();
    // Items come in key order: a group's are side by side.
    for mine in items.chunk_by(|a, b| key(a) == key(b)) {
        let (month, service, group) = key(&mine[0]);
        let month_groups = match held.entry(month) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(sums(conn, month, "ncp_group")?)
            }
        };
        let whole = month_groups
            .iter()
            .find(|g| g.service_code == service && g.group_code == group)
            .is_none_or(|g| check_items(std::slice::from_ref(g), mine).is_empty());
        if whole && !items_partial {
            remove(conn, "ncp_item", month, &service, &group)?;
        } else {
            merged.insert((month, service, group));
        }
    }
    if let Some(i) = rows.items.values().find(|i| !i.fits()) {
        return Err(ceiling(i.cost.month));
    }
    // Two items of one resource may share a name: the item's code tells them apart.
    let mut taken = BTreeSet::new();
    let line_key = |l: &FeeLine| {
        (
            l.month,
            l.region.clone(),
            l.service.clone(),
            l.contract_no.clone(),
            l.item.clone(),
        )
    };
    let mut line_of = |i: &ItemCost| {
        let mut line = i.fee_line()?;
        if !taken.insert(line_key(&line)) {
            line.item = format!("{} ({})", line.item, i.item_code);
            taken.insert(line_key(&line));
        }
        Some(line)
    };
    let in_merged = |i: &ItemCost| {
        let c = &i.cost;
        !merged.is_empty()
            && merged.contains(&(c.month, c.service_code.clone(), c.group_code.clone()))
    };
    // Each line is stored as it is made, never all of them held at once: a month of a
    // million resources would hold a million details.
    let whole = rows.items.values().filter(|i| !in_merged(i));
    fees::insert_lines(conn, "ncp_item", whole.filter_map(|i| line_of(i)))?;
    if !merged.is_empty() {
        // A filtered body's or a saved page's few: held at once.
        let some: Vec<FeeLine> = rows
            .items
            .values()
            .filter(|i| in_merged(i))
            .filter_map(|i| line_of(i))
            .collect();
        fees::replace_lines(conn, "ncp_item", &some)?;
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
    Ok(merged)
}

/// Removes the lines of `source` NCP gave earlier for a month's service and group, whatever
/// their ids: a re-settlement replaces them.
fn remove(conn: &Connection, source: &str, month: Month, service: &str, group: &str) -> Result<()> {
    conn.execute(
        concat!(
            "DELETE FROM fee_lines WHERE account_id = ",
            crate::ledger_account!(),
            " AND month = ?1 AND source = ?2
               AND json_extract(exact, '$.service_code') = ?3 AND json_extract(exact, '$.group_code') = ?4"
        ),
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
/// running instant: each service with its groups and their items, by code. The codes are
/// NCP's catalogue, every account's alike: no account filters them.
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
                store(tx, &rows, &[], false)?;
                assert_eq!(cost_relation_codes(tx)?, codes);
                Ok(())
            })
            .unwrap();
    }
}
