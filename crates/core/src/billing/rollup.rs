//! Roll-ups across accounts (issue 15): a total per currency of what each account's view
//! shows, with an Organization's integrated bill counted once.
//!
//! An account whose NCP bill names an integrated bill (v1 `integrationDemandNo`, v2
//! `integrationDemandCostId`) that another account of the roll-up holds (its `demandNo` /
//! `demandCostId`, v2 `demandAttribute` INTEGRATED) is covered by it: the integrated bill is
//! counted, the member bill is left out of the totals (it still shows in its own block). A
//! member bill whose integrated bill the ledger does not hold is counted as any bill.

use std::collections::BTreeMap;

use crate::exact::{Currency, Exact};

/// NCP's numbers of an account's bill, for finding integrated bills.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillRef {
    /// The bill's own number (`demandNo`, `demandCostId`).
    pub demand_no: Option<String>,
    /// The integrated bill it is part of (`integrationDemandNo`, `integrationDemandCostId`).
    pub integration_demand_no: Option<String>,
}

/// What one account adds to the totals: amounts by name in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The account's name.
    pub account: String,
    /// The currency of the amounts.
    pub currency: Currency,
    /// The amounts, by name (the same names in every part of one roll-up).
    pub amounts: Vec<(&'static str, Exact)>,
    /// The NCP bill behind the amounts, when there is one.
    pub bill: Option<BillRef>,
}

/// One currency's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    /// The currency.
    pub currency: Currency,
    /// The accounts counted, in order.
    pub accounts: Vec<String>,
    /// The sums, by name, in the order the parts named them.
    pub amounts: Vec<(&'static str, Exact)>,
    /// Accounts left out because an integrated bill counted covers theirs: (member account,
    /// account holding the integrated bill, the integrated bill's number).
    pub covered: Vec<Covered>,
}

/// A member bill left out of the totals for the integrated bill that covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    /// The member's account.
    pub account: String,
    /// The account holding the integrated bill.
    pub by: String,
    /// The integrated bill's number.
    pub integration_demand_no: String,
}

/// The account whose bill is the integrated bill `part` is covered by, if the roll-up holds it.
fn covering<'a>(part: &Part, parts: &'a [Part]) -> Option<(&'a Part, String)> {
    let wanted = part.bill.as_ref()?.integration_demand_no.as_ref()?;
    parts
        .iter()
        .filter(|p| p.account != part.account)
        .find(|p| {
            p.bill
                .as_ref()
                .and_then(|b| b.demand_no.as_ref())
                .is_some_and(|n| n == wanted)
        })
        .map(|p| (p, wanted.clone()))
}

/// The totals per currency (ordered by currency code, KRW first), each amount summed exactly;
/// `None` when a sum overflows.
pub fn totals(parts: &[Part]) -> Option<Vec<CurrencyTotal>> {
    let mut by: BTreeMap<(bool, Currency), CurrencyTotal> = BTreeMap::new();
    for part in parts {
        let key = (!part.currency.is_krw(), part.currency.clone());
        let total = by.entry(key).or_insert_with(|| CurrencyTotal {
            currency: part.currency.clone(),
            accounts: Vec::new(),
            amounts: Vec::new(),
            covered: Vec::new(),
        });
        if let Some((p, number)) = covering(part, parts) {
            total.covered.push(Covered {
                account: part.account.clone(),
                by: p.account.clone(),
                integration_demand_no: number,
            });
            continue;
        }
        if !total.accounts.contains(&part.account) {
            total.accounts.push(part.account.clone());
        }
        for (name, amount) in &part.amounts {
            match total.amounts.iter_mut().find(|(n, _)| n == name) {
                Some((_, sum)) => *sum = sum.checked_add(*amount)?,
                None => total.amounts.push((name, *amount)),
            }
        }
    }
    Some(by.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(account: &str, currency: &str, used: &str, bill: Option<(&str, Option<&str>)>) -> Part {
        Part {
            account: account.to_string(),
            currency: Currency::new(currency),
            amounts: vec![("used_amount", used.parse().unwrap())],
            bill: bill.map(|(n, i)| BillRef {
                demand_no: Some(n.to_string()),
                integration_demand_no: i.map(str::to_string),
            }),
        }
    }

    #[test]
    fn totals_are_per_currency_and_exact() {
        let t = totals(&[
            part("a", "KRW", "1000", None),
            part("b", "USD", "18.75", None),
            part("c", "KRW", "2345", None),
            part("d", "USD", "0.25", None),
        ])
        .unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].currency, Currency::krw());
        assert_eq!(t[0].amounts, vec![("used_amount", "3345".parse().unwrap())]);
        assert_eq!(t[0].accounts, vec!["a", "c"]);
        assert_eq!(t[1].currency, Currency::new("USD"));
        assert_eq!(
            t[1].amounts,
            vec![("used_amount", "19.00".parse().unwrap())]
        );
    }

    #[test]
    fn an_integrated_bill_is_counted_once() {
        let t = totals(&[
            part("org", "KRW", "30000", Some(("900", None))),
            part("m1", "KRW", "10000", Some(("901", Some("900")))),
            part("m2", "KRW", "20000", Some(("902", Some("900")))),
            // Its integrated bill is not in the ledger: counted as any bill.
            part("m3", "KRW", "5", Some(("903", Some("999")))),
        ])
        .unwrap();
        assert_eq!(
            t[0].amounts,
            vec![("used_amount", "30005".parse().unwrap())]
        );
        assert_eq!(t[0].accounts, vec!["org", "m3"]);
        assert_eq!(t[0].covered.len(), 2);
        assert_eq!(t[0].covered[0].by, "org");
        assert_eq!(t[0].covered[0].integration_demand_no, "900");
    }

    #[test]
    fn a_bill_naming_itself_is_not_covered() {
        let t = totals(&[part("org", "KRW", "7", Some(("900", Some("900"))))]).unwrap();
        assert_eq!(t[0].amounts, vec![("used_amount", "7".parse().unwrap())]);
        assert!(t[0].covered.is_empty());
    }
}
