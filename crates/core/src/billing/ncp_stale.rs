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

use crate::billing::ncp::{Body, DemandCost, Page};
use crate::calendar::Month;
use crate::clock::Instant;
use crate::error::{Error, Result};

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

/// The bill's paid-up and overdue state, cleared: what is left is its writing (figures,
/// numbers, member), which NCP does not change without writing the bill again.
fn writing_only(d: &DemandCost) -> DemandCost {
    DemandCost {
        paid_up: false,
        paid_up_at: None,
        overdue_at: None,
        overdue_plus: None,
        this_month_overdue: None,
        total_overdue: None,
        total_demand: None,
        overdue_ratio: None,
        ..d.clone()
    }
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
    } else if writing_only(other) == writing_only(incoming) {
        Writing::StateOnly
    } else {
        Writing::Rewritten
    }
}

/// Whether `incoming` may be stored over `stored`, the bill of its month the ledger holds:
/// refused (exit 2, naming the month, both write dates and the fix) when NCP wrote it
/// earlier, or at the same instant with other figures.
pub fn may_supersede(stored: &DemandCost, incoming: &DemandCost) -> Result<()> {
    let at = |d: &DemandCost| d.written_at.map(crate::clock::rfc3339).unwrap_or_default();
    match writing(stored, incoming) {
        Writing::Earlier => Err(Error::older_ncp_bill(
            incoming.month,
            &at(incoming),
            &at(stored),
        )),
        Writing::Rewritten => Err(Error::rewritten_ncp_bill(incoming.month, &at(incoming))),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::ncp::Api;
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
            "NCP's bill of 2024-05 being imported was written 2024-06-01T08:00:00+09:00 like the one the ledger holds, with other figures: NCP writes one bill per writing; import the body NCP sent with a later write date, or nothing needs doing if the ledger's bill is NCP's latest"
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
}
