//! One currency per month: NCP bills a member in one currency (`payCurrency`: KRW, USD or
//! JPY), and every per-service, per-contract, per-group and per-item line of a month is in
//! its bill's. A line in another currency cannot be compared with the bill or summed with
//! the other lines (100.25 KRW is not 100.25 USD), so an import holding one is refused,
//! naming the line and the bill, rather than its figures checked or shown as if they were
//! the bill's. The same holds across imports: an import's bill and lines of a month are in
//! the currency of NCP's figures the ledger already holds for it ([`with_ledger`]).

use std::collections::{BTreeMap, BTreeSet};

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

/// Which of NCP's figures of a month: its bill or one level of its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Figures {
    /// NCP's bill (`getDemandCostList`, v2 `demand-costs`).
    Bill,
    /// v1 per-service lines (`getProductDemandCostList`).
    ServiceLines,
    /// v1 per-contract lines (`getContractDemandCostList`).
    ContractLines,
    /// v2 per-group lines (`billing-item-group-costs`).
    GroupLines,
    /// v2 per-item lines (`billing-item-costs`).
    ItemLines,
}

impl Figures {
    /// The figures of a ledger's fee-line source (`ncp_product`, `ncp_contract`, `ncp_group`,
    /// `ncp_item`); `None` for a source that is not NCP's.
    pub fn of_source(source: &str) -> Option<Figures> {
        match source {
            "ncp_product" => Some(Figures::ServiceLines),
            "ncp_contract" => Some(Figures::ContractLines),
            "ncp_group" => Some(Figures::GroupLines),
            "ncp_item" => Some(Figures::ItemLines),
            _ => None,
        }
    }

    /// How a message names them, followed by " of <month>".
    fn words(self) -> &'static str {
        match self {
            Figures::Bill => "NCP's bill",
            Figures::ServiceLines => "NCP's per-service lines",
            Figures::ContractLines => "NCP's per-contract lines",
            Figures::GroupLines => "NCP's per-group lines",
            Figures::ItemLines => "NCP's per-item lines",
        }
    }

    /// "is" or "are", as [`Figures::words`] needs.
    fn verb(self) -> &'static str {
        if self == Figures::Bill {
            "is"
        } else {
            "are"
        }
    }
}

/// The months of `pages`' bills and lines, each with the figures and currencies it comes in
/// (each pair once, however many rows hold it): what [`with_ledger`] checks.
pub fn incoming(pages: &[Page]) -> BTreeMap<Month, BTreeSet<(Figures, Currency)>> {
    let mut out: BTreeMap<Month, BTreeSet<(Figures, Currency)>> = BTreeMap::new();
    let mut add = |month: Month, figures: Figures, currency: &Currency| {
        let set = out.entry(month).or_default();
        // Looked up before it is cloned: a month of a million items holds one currency.
        if !set.iter().any(|(f, c)| *f == figures && c == currency) {
            set.insert((figures, currency.clone()));
        }
    };
    for page in pages {
        match &page.body {
            Body::DemandCosts(v) => v
                .iter()
                .for_each(|d| add(d.month, Figures::Bill, &d.currency)),
            Body::ProductCosts(v) | Body::ContractCosts(v) => {
                let figures = if matches!(page.body, Body::ProductCosts(_)) {
                    Figures::ServiceLines
                } else {
                    Figures::ContractLines
                };
                for l in v {
                    if let Some(n) = &l.ncp {
                        add(l.month, figures, &n.currency);
                    }
                }
            }
            Body::GroupCosts(v) => v
                .iter()
                .for_each(|g| add(g.cost.month, Figures::GroupLines, &g.cost.currency)),
            Body::ItemCosts(v) => v
                .iter()
                .for_each(|i| add(i.cost.month, Figures::ItemLines, &i.cost.currency)),
            _ => {}
        }
    }
    out
}

/// One currency per month across imports: the bill and lines an import brings for a month
/// (`incoming`, from [`incoming`]) are in the currency of NCP's figures the ledger already
/// holds for that month (`held`: its stored bill and lines, by month), both ways — lines in
/// won are refused for a month whose stored bill is in dollars, and a bill in dollars for a
/// month whose stored lines are in won. A month the ledger holds nothing of NCP's for takes
/// the import's currency ([`one_currency`] checks the import itself).
pub fn with_ledger(
    incoming: &BTreeMap<Month, BTreeSet<(Figures, Currency)>>,
    held: &BTreeMap<Month, Vec<(Figures, Currency)>>,
) -> Result<()> {
    for (month, brought) in incoming {
        let Some(held) = held.get(month) else {
            continue;
        };
        for (figures, currency) in brought {
            let Some((stored, held_in)) = held.iter().find(|(_, c)| c != currency) else {
                continue;
            };
            return Err(Error::invalid(format!(
                "{} of {month} given now {} in {}, and the ledger already holds {} of {month} in {}: amounts in two currencies cannot be compared or summed; nothing was written",
                figures.words(),
                figures.verb(),
                currency.code(),
                stored.words(),
                held_in.code()
            ))
            .with_hint(format!(
                "import the bill and lines NCP gave for {month} in {}, the currency the ledger holds it in",
                held_in.code()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn brought(
        month: &str,
        figures: Figures,
        code: &str,
    ) -> BTreeMap<Month, BTreeSet<(Figures, Currency)>> {
        BTreeMap::from([(m(month), BTreeSet::from([(figures, Currency::new(code))]))])
    }

    #[test]
    fn lines_in_won_are_refused_for_a_month_whose_stored_bill_is_in_dollars() {
        let held = BTreeMap::from([(m("2024-06"), vec![(Figures::Bill, Currency::new("USD"))])]);
        let e = with_ledger(&brought("2024-06", Figures::ServiceLines, "KRW"), &held).unwrap_err();
        assert_eq!(
            e.to_string(),
            "NCP's per-service lines of 2024-06 given now are in KRW, and the ledger already holds NCP's bill of 2024-06 in USD: amounts in two currencies cannot be compared or summed; nothing was written; import the bill and lines NCP gave for 2024-06 in USD, the currency the ledger holds it in"
        );
        // The same currency, or another month, is accepted.
        with_ledger(&brought("2024-06", Figures::ServiceLines, "USD"), &held).unwrap();
        with_ledger(&brought("2024-07", Figures::ServiceLines, "KRW"), &held).unwrap();
    }

    #[test]
    fn a_bill_in_dollars_is_refused_for_a_month_whose_stored_groups_are_in_won() {
        let held = BTreeMap::from([(
            m("2026-06"),
            vec![(Figures::GroupLines, Currency::new("KRW"))],
        )]);
        let e = with_ledger(&brought("2026-06", Figures::Bill, "USD"), &held).unwrap_err();
        assert!(
            e.to_string().starts_with(
                "NCP's bill of 2026-06 given now is in USD, and the ledger already holds NCP's per-group lines of 2026-06 in KRW:"
            ),
            "{e}"
        );
    }
}
