//! One currency per month: NCP bills a member in one currency (`payCurrency`: KRW, USD or
//! JPY), and every per-service, per-contract, per-group and per-item line of a month is in
//! its bill's. A line in another currency cannot be compared with the bill or summed with
//! the other lines (100.25 KRW is not 100.25 USD), so an import holding one is refused,
//! naming the line and the bill, rather than its figures checked or shown as if they were
//! the bill's.

use std::collections::BTreeMap;

use crate::billing::ncp::{Body, Page};
use crate::calendar::Month;
use crate::error::{Error, Result};
use crate::exact::Currency;

/// Each line of `pages` is in the currency of its month's bill, when the pages hold that
/// bill. `names` names the pages, in order.
pub fn one_currency(pages: &[Page], names: &[String]) -> Result<()> {
    let name = |i: usize| names.get(i).map_or("a body", String::as_str);
    let mut bills: BTreeMap<Month, (&Currency, String)> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if let Body::DemandCosts(rows) = &page.body {
            for (r, d) in rows.iter().enumerate() {
                let at = format!("{}: {}[{r}]", name(i), page.list_path);
                bills.entry(d.month).or_insert((&d.currency, at));
            }
        }
    }
    if bills.is_empty() {
        return Ok(());
    }
    for (i, page) in pages.iter().enumerate() {
        for (r, (month, currency)) in lines(&page.body).into_iter().enumerate() {
            let Some((billed_in, bill)) = bills.get(&month) else {
                continue;
            };
            if currency != *billed_in {
                return Err(Error::invalid(format!(
                    "{}: {}[{r}].payCurrency: the {month} line is in {}, and NCP's bill of {month} ({bill}) is in {}: amounts in two currencies cannot be compared or summed; nothing was written",
                    name(i),
                    page.list_path,
                    currency.code(),
                    billed_in.code()
                ))
                .with_hint("import the bill and the lines NCP gave for the same member and currency"));
            }
        }
    }
    Ok(())
}

/// The month and currency of each line of a body (none for bills and other records).
fn lines(body: &Body) -> Vec<(Month, &Currency)> {
    match body {
        Body::ProductCosts(v) | Body::ContractCosts(v) => v
            .iter()
            .filter_map(|l| Some((l.month, &l.ncp.as_ref()?.currency)))
            .collect(),
        Body::GroupCosts(v) => v.iter().map(|g| (g.cost.month, &g.cost.currency)).collect(),
        Body::ItemCosts(v) => v.iter().map(|i| (i.cost.month, &i.cost.currency)).collect(),
        _ => Vec::new(),
    }
}
