//! An older NCP bill never supersedes a newer one (issue 14, money safety).
//!
//! NCP writes a month's bill (v1 `writeDate`, v2 `createdDateTime`) and may write it again
//! later, with other figures; between writings only its paid-up and overdue state moves. A
//! re-sync of an old saved body, or a retried old page, must never bring the ledger's bill,
//! its paid-up state or NCP's payment back in time. [`writing`] compares two bills of one
//! month by their writing; [`may_supersede`] is the rule `import ncp` and `sync` apply to each
//! incoming bill against the one the ledger holds, before anything is written; and
//! [`later_written`] picks, among the bodies of one import, the bill NCP wrote last.
//!
//! A bill without a write date (either one) is compared as before this rule: the incoming
//! bill supersedes the stored one, and two different bills of one import are refused. A bill
//! stored before the ledger kept NCP's figures (schema 9) is known by its write date alone
//! ([`not_older_than`]).

use std::collections::BTreeMap;

use crate::billing::facts::FeeLine;
use crate::billing::ncp::{Api, Body, DemandCost, Page};
use crate::billing::ncp_v2;
use crate::calendar::Month;
use crate::clock::Instant;
use crate::error::{Error, Result};
use crate::exact::Exact;

/// How an incoming bill of a month stands against another bill of the same month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// Written later: it supersedes.
    Later,
    /// The same writing with the same figures and state: nothing to do.
    Same,
    /// The same writing; only NCP's paid-up or overdue state differs: it supersedes.
    StateOnly,
    /// The same writing instant with other figures: NCP gives one bill per writing.
    Rewritten,
    /// Written earlier: it never supersedes.
    Earlier,
    /// One of the two has no write date: compared as before (the incoming supersedes).
    Undated,
}

/// One figure of a bill's writing: its name in v1's and in v2's bodies, whether only one API
/// has it (compared only between bills of one API), and its value as text (`None`: absent).
type Figure = (&'static str, &'static str, bool, Option<String>);

/// The figures of a bill's writing (its money figures, rates, dates, numbers and member),
/// without its paid-up and overdue state, which NCP moves without writing the bill again.
fn figures(d: &DemandCost) -> Vec<Figure> {
    let e = |x: Exact| Some(x.to_string());
    let o = |x: Option<Exact>| x.map(|x| x.to_string());
    let t = |x: &Option<String>| x.clone();
    let disc = &d.discounts;
    vec![
        ("memberNo", "memberNo", false, t(&d.member)),
        (
            "payCurrency",
            "payCurrency",
            false,
            Some(d.currency.code().to_string()),
        ),
        ("useAmount", "useAmount", false, e(d.use_amount)),
        (
            "promiseDiscountAmount",
            "promiseDiscountAmount",
            false,
            e(disc.promise),
        ),
        (
            "promotionDiscountAmount",
            "promotionDiscountAmount",
            false,
            e(disc.promotion),
        ),
        ("etcDiscountAmount", "etcDiscountAmount", false, e(disc.etc)),
        (
            "savingsPlanDiscountAmount",
            "savingsPlanDiscountAmount",
            true,
            e(disc.savings_plan),
        ),
        (
            "customerDiscountAmount",
            "customerDiscountAmount",
            false,
            e(disc.customer),
        ),
        (
            "productDiscountAmount",
            "productDiscountAmount",
            false,
            e(disc.product),
        ),
        (
            "creditDiscountAmount",
            "creditDiscountAmount",
            false,
            e(disc.credit),
        ),
        (
            "memberPriceDiscountAmount",
            "memberPriceDiscountAmount",
            false,
            e(disc.member_price),
        ),
        (
            "memberPromiseDiscountAddAmount",
            "memberPromiseDiscountAddAmount",
            false,
            e(disc.member_promise),
        ),
        (
            "rounddownDiscountAmount",
            "roundDownDiscountAmount",
            false,
            e(disc.rounddown),
        ),
        (
            "currencyDiscountAmount",
            "currencyDiscountAmount",
            false,
            e(disc.currency),
        ),
        ("coinUseAmount", "coinUseAmount", false, e(disc.coin)),
        ("defaultAmount", "penaltyAmount", false, e(d.default_amount)),
        (
            "thisMonthDemandAmount",
            "demandAmount",
            false,
            o(d.demand_amount),
        ),
        ("thisMonthVatRatio", "vatRate", false, o(d.vat_rate)),
        ("thisMonthVatAmount", "vatAmount", false, e(d.vat_amount)),
        (
            "thisMonthAmountIncludingVat",
            "demandAmountIncludingVat",
            false,
            o(d.including_vat),
        ),
        (
            "thisMonthAppliedExchangeRate",
            "appliedExchangeRate",
            false,
            o(d.exchange_rate),
        ),
        (
            "writeDate",
            "createdDateTime",
            false,
            d.written_at.map(crate::clock::rfc3339),
        ),
        // NCP's numbers and codes: each API numbers and spells them its own way.
        ("demandNo", "demandCostId", true, t(&d.demand_no)),
        (
            "integrationDemandNo",
            "integrationDemandCostId",
            true,
            t(&d.integration_demand_no),
        ),
        (
            "beforeMonthDemandNo",
            "previousMonthDemandCostId",
            true,
            t(&d.previous_demand_no),
        ),
        ("demandAttribute", "demandAttribute", true, t(&d.attribute)),
    ]
}

/// The first figure of `incoming`'s writing that differs from `other`'s, named as
/// `incoming`'s API spells it, with the two values (`other`'s first; `none` when absent).
/// Between the two APIs (the same bill read through v1 and v2) only what both give is
/// compared: not the API, not the spelling of codes, not a field one of them lacks.
pub fn first_difference(
    other: &DemandCost,
    incoming: &DemandCost,
) -> Option<(&'static str, String, String)> {
    let across = other.api != incoming.api;
    figures(other).into_iter().zip(figures(incoming)).find_map(
        |((_, _, one_api, was), (v1, v2, _, is))| {
            if across && (one_api || was.is_none() || is.is_none()) {
                return None;
            }
            (was != is).then(|| {
                let name = match incoming.api {
                    crate::billing::ncp::Api::V1 => v1,
                    crate::billing::ncp::Api::V2 => v2,
                };
                let none = || "none".to_string();
                (name, was.unwrap_or_else(none), is.unwrap_or_else(none))
            })
        },
    )
}

/// How `incoming` stands against `other`, a bill of the same month.
pub fn writing(other: &DemandCost, incoming: &DemandCost) -> Writing {
    let (Some(was), Some(is)) = (other.written_at, incoming.written_at) else {
        return Writing::Undated;
    };
    if is > was {
        Writing::Later
    } else if is < was {
        Writing::Earlier
    } else if other == incoming {
        Writing::Same
    } else if first_difference(other, incoming).is_none() {
        Writing::StateOnly
    } else {
        Writing::Rewritten
    }
}

/// Whether `incoming` may be stored over `stored`, the bill of its month the ledger holds:
/// refused (exit 2, naming the month, both write dates and the fix) when NCP wrote it
/// earlier, or at the same instant with other figures (naming the first that differs), or
/// when it is an older page of the same writing: a bill NCP reported paid up never goes back
/// to unpaid at one writing.
pub fn may_supersede(stored: &DemandCost, incoming: &DemandCost) -> Result<()> {
    let at = |d: &DemandCost| d.written_at.map(crate::clock::rfc3339).unwrap_or_default();
    match writing(stored, incoming) {
        Writing::Earlier => Err(Error::older_ncp_bill(
            incoming.month,
            &at(incoming),
            &at(stored),
        )),
        Writing::Rewritten => {
            let (field, was, is) = first_difference(stored, incoming).unwrap_or_default();
            Err(Error::rewritten_ncp_bill(
                incoming.month,
                &at(incoming),
                field,
                &was,
                &is,
            ))
        }
        Writing::StateOnly if stored.paid_up && !incoming.paid_up => {
            let paid = stored.paid_up_at.or(stored.written_at);
            Err(Error::unpaid_older_page(
                incoming.month,
                &paid.map(crate::clock::rfc3339).unwrap_or_default(),
                &at(incoming),
            ))
        }
        Writing::Later | Writing::Same | Writing::StateOnly | Writing::Undated => Ok(()),
    }
}

/// [`may_supersede`] against a bill the ledger holds only the write date of (`held`, a bill
/// imported before the ledger kept NCP's figures exactly, schema 9): refused when NCP wrote
/// `incoming` earlier; its figures cannot be compared, so a bill of the same instant is stored
/// as before.
pub fn not_older_than(held: Instant, incoming: &DemandCost) -> Result<()> {
    match incoming.written_at {
        Some(is) if is < held => Err(Error::older_ncp_bill(
            incoming.month,
            &crate::clock::rfc3339(is),
            &crate::clock::rfc3339(held),
        )),
        _ => Ok(()),
    }
}

/// Among the pages of one import, the bill of each month NCP wrote last: every bill of a
/// month written earlier than another page's bill of it is dropped, whatever the order of
/// the files. Bills of one writing instant that differ, undated ones, and two bills of one
/// page stay, for [`super::ncp::one_answer`] to refuse when they differ.
pub fn later_written(pages: &mut [Page]) {
    let mut latest: BTreeMap<Month, (usize, DemandCost)> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let Body::DemandCosts(rows) = &page.body else {
            continue;
        };
        for d in rows {
            match latest.get(&d.month) {
                Some((_, best)) if writing(best, d) != Writing::Later => {}
                _ => {
                    latest.insert(d.month, (i, d.clone()));
                }
            }
        }
    }
    for (i, page) in pages.iter_mut().enumerate() {
        let Body::DemandCosts(rows) = &mut page.body else {
            continue;
        };
        rows.retain(|d| {
            latest
                .get(&d.month)
                .is_none_or(|(page, best)| *page == i || writing(best, d) != Writing::Earlier)
        });
    }
}

/// When NCP wrote a line (v1 `writeDate`, v2 `createdDateTime`), from NCP's detail the
/// ledger keeps beside it: `None` for a line without one.
pub fn line_written_at(l: &FeeLine) -> Option<Instant> {
    let d = l.ncp.as_ref()?;
    d.text("written_at")
        .and_then(|t| Api::V1.parse_instant(t))
        .or_else(|| d.text("created_at").and_then(|t| Api::V2.parse_instant(t)))
}

fn created(cost: &ncp_v2::Cost) -> Option<Instant> {
    cost.created_at
        .as_deref()
        .and_then(|t| Api::V2.parse_instant(t))
}

/// The line level of a body: its API action and the ledger's source of its lines.
pub fn line_level(body: &Body) -> Option<(&'static str, &'static str)> {
    match body {
        Body::ProductCosts(_) => Some(("getProductDemandCostList", "ncp_product")),
        Body::ContractCosts(_) => Some(("getContractDemandCostList", "ncp_contract")),
        Body::GroupCosts(_) => Some(("listBillingItemGroupCosts", "ncp_group")),
        Body::ItemCosts(_) => Some(("listBillingItemCosts", "ncp_item")),
        _ => None,
    }
}

/// Each line of a line body: its month and when NCP wrote it.
fn line_dates(body: &Body) -> Vec<(Month, Option<Instant>)> {
    match body {
        Body::ProductCosts(rows) | Body::ContractCosts(rows) => {
            rows.iter().map(|l| (l.month, line_written_at(l))).collect()
        }
        Body::GroupCosts(rows) => rows
            .iter()
            .map(|g| (g.cost.month, created(&g.cost)))
            .collect(),
        Body::ItemCosts(rows) => rows
            .iter()
            .map(|i| (i.cost.month, created(&i.cost)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Keeps the lines of a line body `keep` says to keep.
fn retain_lines(body: &mut Body, mut keep: impl FnMut(Month, Option<Instant>) -> bool) {
    match body {
        Body::ProductCosts(rows) | Body::ContractCosts(rows) => {
            rows.retain(|l| keep(l.month, line_written_at(l)))
        }
        Body::GroupCosts(rows) => rows.retain(|g| keep(g.cost.month, created(&g.cost))),
        Body::ItemCosts(rows) => rows.retain(|i| keep(i.cost.month, created(&i.cost))),
        _ => {}
    }
}

/// [`later_written`] for the line levels (v1 per-service and per-contract lines, v2 groups
/// and items): among the pages of one import, the lines of a month and level NCP wrote last
/// stand, whatever the order of the files; every line of that month and level written
/// earlier is dropped. Undated lines stay.
pub fn later_written_lines(pages: &mut [Page]) {
    let mut latest: BTreeMap<(Month, &'static str), Instant> = BTreeMap::new();
    for page in pages.iter() {
        let Some((action, _)) = line_level(&page.body) else {
            continue;
        };
        for (month, at) in line_dates(&page.body) {
            if let Some(at) = at {
                let best = latest.entry((month, action)).or_insert(at);
                *best = (*best).max(at);
            }
        }
    }
    for page in pages.iter_mut() {
        let Some((action, _)) = line_level(&page.body) else {
            continue;
        };
        retain_lines(&mut page.body, |month, at| {
            match (at, latest.get(&(month, action))) {
                (Some(at), Some(best)) => at >= *best,
                _ => true,
            }
        });
    }
}

/// Issue 14 for the line levels: older lines never replace newer ones. Each incoming line
/// NCP wrote earlier than the latest line of its month and level the ledger holds
/// (`held(month, source)`) refuses the import (exit 2, naming the month, the level, both
/// write dates and the fix), before anything is written. Undated lines, on either side, are
/// stored as before.
pub fn lines_not_older(
    pages: &[Page],
    mut held: impl FnMut(Month, &'static str) -> Result<Option<Instant>>,
) -> Result<()> {
    let mut cache: BTreeMap<(Month, &'static str), Option<Instant>> = BTreeMap::new();
    for page in pages {
        let Some((action, source)) = line_level(&page.body) else {
            continue;
        };
        for (month, at) in line_dates(&page.body) {
            let Some(is) = at else { continue };
            let was = match cache.get(&(month, source)) {
                Some(was) => *was,
                None => {
                    let was = held(month, source)?;
                    cache.insert((month, source), was);
                    was
                }
            };
            if let Some(was) = was.filter(|was| is < *was) {
                return Err(Error::older_ncp_lines(
                    month,
                    action,
                    &crate::clock::rfc3339(is),
                    &crate::clock::rfc3339(was),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_as_of;
    use crate::exact::Exact;
    use rust_decimal::Decimal;

    fn bill(written: Option<&str>, use_amount: i64, paid: bool) -> DemandCost {
        let mut d = DemandCost::empty("2024-05".parse().unwrap(), Api::V1);
        d.use_amount = Exact(Decimal::from(use_amount));
        d.vat_amount = Exact(Decimal::from(use_amount / 10));
        d.written_at = written.map(|w| parse_as_of(w).unwrap());
        d.paid_up = paid;
        d
    }

    const JUNE_1: &str = "2024-06-01T08:00:00+09:00";
    const MAY_16: &str = "2024-05-16T08:00:00+09:00";

    #[test]
    fn issue14_an_older_bill_is_refused_naming_the_month_both_dates_and_the_fix() {
        let stored = bill(Some(JUNE_1), 100_000, true);
        let old = bill(Some(MAY_16), 60_000, false);
        assert_eq!(writing(&stored, &old), Writing::Earlier);
        let e = may_supersede(&stored, &old).unwrap_err();
        assert_eq!(e.kind.exit_code(), 2);
        assert_eq!(
            e.to_string(),
            "NCP's bill of 2024-05 being imported was written 2024-05-16T08:00:00+09:00, before the one the ledger holds (written 2024-06-01T08:00:00+09:00): an older bill never supersedes a newer one; import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest bill"
        );
        // The same bill with an older date alone is older still.
        let older_alike = bill(Some(MAY_16), 100_000, true);
        assert!(may_supersede(&stored, &older_alike).is_err());
    }

    #[test]
    fn issue14_a_later_bill_supersedes_and_the_same_one_changes_nothing() {
        let stored = bill(Some(MAY_16), 60_000, false);
        let later = bill(Some(JUNE_1), 100_000, true);
        assert_eq!(writing(&stored, &later), Writing::Later);
        assert!(may_supersede(&stored, &later).is_ok());
        assert_eq!(writing(&later, &later.clone()), Writing::Same);
        assert!(may_supersede(&later, &later.clone()).is_ok());
    }

    #[test]
    fn issue14_at_one_writing_only_the_paid_up_and_overdue_state_may_change() {
        let open = bill(Some(JUNE_1), 100_000, false);
        let mut paid = open.clone();
        paid.paid_up = true;
        paid.paid_up_at = Some(parse_as_of("2024-06-10T09:00:00+09:00").unwrap());
        paid.overdue_plus = Some(Exact(Decimal::from(150)));
        paid.total_demand = Some(Exact(Decimal::from(110_150)));
        assert_eq!(writing(&open, &paid), Writing::StateOnly);
        assert!(may_supersede(&open, &paid).is_ok());
        let mut other = open.clone();
        other.vat_amount = Exact(Decimal::from(10_001));
        assert_eq!(writing(&open, &other), Writing::Rewritten);
        let e = may_supersede(&open, &other).unwrap_err();
        assert_eq!(e.kind.exit_code(), 2);
        assert_eq!(
            e.to_string(),
            "NCP's bill of 2024-05 being imported was written 2024-06-01T08:00:00+09:00 like the one the ledger holds, with other figures (thisMonthVatAmount: the ledger holds 10000, this body 10001): NCP writes one bill per writing; import the body NCP sent with a later write date, or nothing needs doing if the ledger's bill is NCP's latest"
        );
    }

    #[test]
    fn issue14_against_a_bill_known_by_its_write_date_only_an_older_one_is_refused() {
        let held = parse_as_of(JUNE_1).unwrap();
        let e = not_older_than(held, &bill(Some(MAY_16), 60_000, false)).unwrap_err();
        assert_eq!(e.kind.exit_code(), 2);
        assert!(e.to_string().starts_with("NCP's bill of 2024-05 being imported was written 2024-05-16T08:00:00+09:00, before the one the ledger holds (written 2024-06-01T08:00:00+09:00)"), "{e}");
        assert!(not_older_than(held, &bill(Some(JUNE_1), 60_000, false)).is_ok());
        assert!(not_older_than(held, &bill(None, 60_000, false)).is_ok());
    }

    #[test]
    fn issue14_a_bill_without_a_write_date_supersedes_as_before() {
        let stored = bill(Some(JUNE_1), 100_000, true);
        let undated = bill(None, 60_000, false);
        assert_eq!(writing(&stored, &undated), Writing::Undated);
        assert!(may_supersede(&stored, &undated).is_ok());
        assert!(may_supersede(&undated, &stored).is_ok());
    }

    fn page(rows: Vec<DemandCost>) -> Page {
        Page {
            body: Body::DemandCosts(rows),
            total_rows: None,
            next_token: None,
            list_path: String::new(),
        }
    }

    fn months(pages: &[Page]) -> Vec<Vec<i64>> {
        pages
            .iter()
            .map(|p| match &p.body {
                Body::DemandCosts(rows) => rows
                    .iter()
                    .map(|d| i64::try_from(d.use_amount.value()).unwrap())
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn issue14_in_one_import_the_later_written_bill_wins_whatever_the_file_order() {
        let old = bill(Some(MAY_16), 60_000, false);
        let new = bill(Some(JUNE_1), 100_000, true);
        let mut pages = vec![page(vec![new.clone()]), page(vec![old.clone()])];
        later_written(&mut pages);
        assert_eq!(months(&pages), vec![vec![100_000], vec![]]);
        let mut pages = vec![page(vec![old.clone()]), page(vec![new.clone()])];
        later_written(&mut pages);
        assert_eq!(months(&pages), vec![vec![], vec![100_000]]);
        // One writing with other figures, an undated bill, and two bills of one page stay
        // for `one_answer` to refuse.
        let mut rewritten = new.clone();
        rewritten.use_amount = Exact(Decimal::from(100_001));
        let mut pages = vec![page(vec![new.clone()]), page(vec![rewritten])];
        later_written(&mut pages);
        assert_eq!(months(&pages), vec![vec![100_000], vec![100_001]]);
        let mut pages = vec![page(vec![new.clone()]), page(vec![bill(None, 7, false)])];
        later_written(&mut pages);
        assert_eq!(months(&pages), vec![vec![100_000], vec![7]]);
        let mut pages = vec![page(vec![old, new])];
        later_written(&mut pages);
        assert_eq!(months(&pages), vec![vec![60_000, 100_000]]);
    }

    #[test]
    fn issue14_at_one_writing_a_paid_up_bill_never_goes_back_to_unpaid() {
        let mut paid = bill(Some(JUNE_1), 100_000, true);
        paid.paid_up_at = Some(parse_as_of("2024-06-10T09:00:00+09:00").unwrap());
        let open = bill(Some(JUNE_1), 100_000, false);
        let e = may_supersede(&paid, &open).unwrap_err();
        assert_eq!(e.kind.exit_code(), 2);
        assert!(
            e.to_string().starts_with("NCP's bill of 2024-05 being imported is not paid up, but the ledger holds it paid up on 2024-06-10T09:00:00+09:00 from the same writing (2024-06-01T08:00:00+09:00): this body is an older page of the same writing"),
            "{e}"
        );
        assert!(may_supersede(&open, &paid).is_ok());
        // A later writing may be unpaid again (NCP re-settled the month).
        assert!(may_supersede(
            &paid,
            &bill(Some("2024-06-20T08:00:00+09:00"), 100_000, false)
        )
        .is_ok());
    }

    #[test]
    fn issue14_the_same_bill_through_the_other_api_is_compared_by_its_figures() {
        let mut v1 = bill(Some(JUNE_1), 100_000, false);
        v1.attribute = Some("GEN".into());
        v1.demand_no = Some("D1".into());
        let mut v2 = v1.clone();
        v2.api = Api::V2;
        v2.attribute = Some("GENERAL".into());
        v2.integration_demand_no = Some("I9".into());
        v2.discounts.savings_plan = Exact(Decimal::from(3));
        v2.paid_up = true;
        assert_eq!(first_difference(&v1, &v2), None);
        assert_eq!(writing(&v1, &v2), Writing::StateOnly);
        // Within one API the same differences count.
        let mut v1b = v1.clone();
        v1b.attribute = Some("GENERAL".into());
        assert_eq!(
            first_difference(&v1, &v1b),
            Some(("demandAttribute", "GEN".to_string(), "GENERAL".to_string()))
        );
        v2.vat_amount = Exact(Decimal::from(10_001));
        assert_eq!(
            first_difference(&v1, &v2),
            Some(("vatAmount", "10000".to_string(), "10001".to_string()))
        );
    }

    fn v2_groups(created: &str, use_amount: i64) -> Page {
        let cost = ncp_v2::Cost {
            id: "1".into(),
            month: "2024-05".parse().unwrap(),
            member_no: None,
            service_code: "VSVR".into(),
            service_name: "Server".into(),
            group_code: "VSVR".into(),
            group_name: "Server".into(),
            use_amount: Exact(Decimal::from(use_amount)),
            discounts: Default::default(),
            penalty_amount: Exact::ZERO,
            currency: crate::exact::Currency::krw(),
            applied_exchange_rate: None,
            created_at: Some(created.into()),
        };
        Page {
            body: Body::GroupCosts(vec![ncp_v2::GroupCost {
                cost,
                demand_amount: Exact(Decimal::from(use_amount)),
            }]),
            total_rows: None,
            next_token: None,
            list_path: String::new(),
        }
    }

    fn group_amounts(pages: &[Page]) -> Vec<usize> {
        pages.iter().map(|p| p.body.len()).collect()
    }

    #[test]
    fn issue14_older_lines_never_replace_newer_ones() {
        let mut pages = vec![
            v2_groups("2024-06-01T00:00:00Z", 100),
            v2_groups("2024-05-20T00:00:00Z", 50),
        ];
        later_written_lines(&mut pages);
        assert_eq!(group_amounts(&pages), vec![1, 0]);
        let mut pages = vec![
            v2_groups("2024-05-20T00:00:00Z", 50),
            v2_groups("2024-06-01T00:00:00Z", 100),
        ];
        later_written_lines(&mut pages);
        assert_eq!(group_amounts(&pages), vec![0, 1]);
        let held = parse_as_of("2024-06-01T00:00:00Z").unwrap();
        let e = lines_not_older(&[v2_groups("2024-05-20T00:00:00Z", 50)], |_, source| {
            assert_eq!(source, "ncp_group");
            Ok(Some(held))
        })
        .unwrap_err();
        assert_eq!(e.kind.exit_code(), 2);
        assert!(
            e.to_string().starts_with("NCP's listBillingItemGroupCosts lines of 2024-05 being imported were written 2024-05-20T09:00:00+09:00, before the ones the ledger holds (written 2024-06-01T09:00:00+09:00)"),
            "{e}"
        );
        assert!(
            lines_not_older(&[v2_groups("2024-06-01T00:00:00Z", 50)], |_, _| Ok(Some(
                held
            )))
            .is_ok()
        );
        assert!(lines_not_older(&[v2_groups("2024-05-20T00:00:00Z", 50)], |_, _| Ok(None)).is_ok());
    }
}
