//! What is odd in a bill NCP sent, though each field is valid on its own: dates NCP never
//! writes (paid or written before the month began), a v2 rate that reads like a v1 fraction. Such a bill is kept exactly
//! as NCP sent it (the figures are NCP's to state), and each oddity is told once on stderr and
//! in the import's JSON `warnings`, so that a hand-edited or mis-saved body is noticed before
//! its figures are paid.

use chrono::{NaiveTime, TimeZone};
use rust_decimal::Decimal;
use serde::Serialize;

use super::ncp::{Api, DemandCost};
use crate::calendar::Month;
use crate::clock::{self, Instant};
use crate::exact::Exact;
use crate::money::Krw;

/// One thing odd in a month's bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Oddity {
    /// The bill's month.
    pub month: Month,
    /// The field it is about, as NCP names it.
    pub field: &'static str,
    /// What is odd, and what to check.
    pub says: String,
}

impl std::fmt::Display for Oddity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bill: {}: {}", self.month, self.field, self.says)
    }
}

/// The lowest late-penalty rate, as a fraction, that v2 plausibly sends: v2's rates are
/// percents (`overdueRate` 1.0 is 1 % a month, NCP's documented rate), so a rate below 0.1 %
/// is most likely a v1-style fraction (0.015 meant as 1.5 %) read as a percent.
const LOWEST_V2_PENALTY_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 3);

/// Every oddity of `d`.
pub fn of_bill(d: &DemandCost) -> Vec<Oddity> {
    let (flag, paid, written) = match d.api {
        Api::V1 => ("isPaidUp", "paidUpDate", "writeDate"),
        Api::V2 => ("paidUp", "paidUpDateTime", "createdDateTime"),
    };
    let mut out = Vec::new();
    let mut odd = |field: &'static str, says: String| {
        out.push(Oddity {
            month: d.month,
            field,
            says,
        })
    };
    // NCP writes a bill again after it was paid (a re-settlement keeps the paid-up date), and
    // writes and collects some mid-month (the public 2022 partner response,
    // fixtures/ncp/v1/demand-cost-2022-01-partner.json: February written and paid up on
    // 2022-02-14), so paid before written or before the month ended is NCP's; paid before
    // the month began is not: nothing of it was used yet.
    if let Some(paid_at) = d.paid_up_at {
        let month_begins = month_start(d.month);
        if paid_at < month_begins {
            odd(
                paid,
                format!(
                    "NCP says the bill was paid up at {}, before its month began ({}); check that the body is the one NCP sent",
                    clock::rfc3339(paid_at),
                    clock::rfc3339(month_begins),
                ),
            );
        }
    }
    // The paid-up flag and its date say the same thing in every bill NCP writes.
    match (d.paid_up, d.paid_up_at) {
        (true, None) => odd(
            paid,
            format!(
                "NCP says the bill is paid up ({flag} true) but gives no {paid}: the payment is dated when NCP wrote the bill ({written}), never before the ledger's bill was issued nor after this import; check that the body is the one NCP sent"
            ),
        ),
        (false, Some(paid_at)) => odd(
            flag,
            format!(
                "NCP says the bill is not paid up ({flag} false) yet gives {paid} {}: the bill is kept unpaid and the date is not used; check that the body is the one NCP sent",
                clock::rfc3339(paid_at),
            ),
        ),
        _ => {}
    }
    if let Some(written_at) = d.written_at {
        let month_begins = month_start(d.month);
        if written_at < month_begins {
            odd(
                written,
                format!(
                    "NCP wrote the bill at {}, before its month began ({}); check the month and the date",
                    clock::rfc3339(written_at),
                    clock::rfc3339(month_begins),
                ),
            );
        }
    }
    if d.api == Api::V2 {
        if let Some(rate) = d.overdue_ratio {
            let rate = rate.value();
            if !rate.is_zero() && rate < LOWEST_V2_PENALTY_RATE {
                let percent = (rate * Decimal::ONE_HUNDRED).normalize();
                odd(
                    "overdueRate",
                    format!(
                        "{percent} is read as {percent} % a month (v2's rates are percents: 1.0 is 1 %); if NCP meant a fraction, the body is not one NCP's v2 wrote"
                    ),
                );
            }
        }
    }
    out
}

/// Issue 14: NCP's bill `d`, written on `on`, charges a late penalty of `ncp` while the ledger
/// keeps `kept` of penalties for the month up to that day (NCP waived or lowered it).
pub fn penalty_kept(d: &DemandCost, on: chrono::NaiveDate, kept: Krw, ncp: Exact) -> Oddity {
    Oddity {
        month: d.month,
        field: "overduePlusAmount",
        says: format!(
            "NCP's bill written on {on} charges a late penalty of {ncp} won, but the ledger keeps the {} won of late penalties it charged the month up to that day, and still asks them (a lower figure of NCP's takes no charged penalty back); check with NCP before paying the penalty",
            kept.grouped()
        ),
    }
}

/// 00:00 KST on the first day of `month`.
fn month_start(month: Month) -> Instant {
    clock::kst()
        .from_local_datetime(&month.first_day().and_time(NaiveTime::MIN))
        .single()
        .expect("KST has no gaps")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Instant {
        chrono::DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn bill(api: Api) -> DemandCost {
        let mut d = DemandCost::empty(Month::new(2026, 5).unwrap(), api);
        d.written_at = Some(at("2026-06-01T08:00:00+09:00"));
        d
    }

    #[test]
    fn a_bill_as_ncp_writes_it_has_no_oddity() {
        let mut d = bill(Api::V2);
        d.paid_up = true;
        d.paid_up_at = Some(at("2026-06-10T10:00:00+09:00"));
        d.overdue_ratio = Some(Exact("0.01".parse().unwrap()));
        assert_eq!(of_bill(&d), Vec::new());
        d.overdue_ratio = Some(Exact::ZERO);
        assert_eq!(of_bill(&d), Vec::new());
    }

    #[test]
    fn paid_before_the_month_began_is_odd_paid_mid_month_or_before_a_rewriting_is_not() {
        let mut d = bill(Api::V1);
        d.paid_up = true;
        d.paid_up_at = Some(at("2026-04-30T10:00:00+09:00"));
        let odd = of_bill(&d);
        assert_eq!(odd.len(), 1);
        assert_eq!(
            odd[0].to_string(),
            "2026-05 bill: paidUpDate: NCP says the bill was paid up at 2026-04-30T10:00:00+09:00, before its month began (2026-05-01T00:00:00+09:00); check that the body is the one NCP sent"
        );
        // Written and paid up mid-month, as NCP's public 2022 partner response is.
        d.written_at = Some(at("2026-05-14T09:26:53+09:00"));
        d.paid_up_at = Some(at("2026-05-14T10:07:30+09:00"));
        assert_eq!(of_bill(&d), Vec::new());
        // Paid on 06-10, the bill written again on 07-03: NCP's re-settlement.
        d.paid_up_at = Some(at("2026-06-10T10:00:00+09:00"));
        d.written_at = Some(at("2026-07-03T05:00:00+09:00"));
        assert_eq!(of_bill(&d), Vec::new());
    }

    #[test]
    fn paid_up_without_a_date_and_a_date_without_paid_up_are_odd() {
        let mut d = bill(Api::V1);
        d.paid_up = true;
        let odd = of_bill(&d);
        assert_eq!(odd.len(), 1);
        assert_eq!(odd[0].field, "paidUpDate");
        assert_eq!(
            odd[0].says,
            "NCP says the bill is paid up (isPaidUp true) but gives no paidUpDate: the payment is dated when NCP wrote the bill (writeDate), never before the ledger's bill was issued nor after this import; check that the body is the one NCP sent"
        );
        let mut d = bill(Api::V2);
        d.paid_up_at = Some(at("2026-06-10T10:00:00+09:00"));
        let odd = of_bill(&d);
        assert_eq!(odd.len(), 1);
        assert_eq!(odd[0].field, "paidUp");
        assert_eq!(
            odd[0].says,
            "NCP says the bill is not paid up (paidUp false) yet gives paidUpDateTime 2026-06-10T10:00:00+09:00: the bill is kept unpaid and the date is not used; check that the body is the one NCP sent"
        );
        d.paid_up = true;
        assert_eq!(of_bill(&d), Vec::new());
    }

    #[test]
    fn written_before_the_month_is_odd() {
        let mut d = bill(Api::V2);
        d.written_at = Some(at("2026-04-30T14:59:59Z"));
        let odd = of_bill(&d);
        assert_eq!(odd.len(), 1);
        assert_eq!(odd[0].field, "createdDateTime");
        assert_eq!(
            odd[0].says,
            "NCP wrote the bill at 2026-04-30T23:59:59+09:00, before its month began (2026-05-01T00:00:00+09:00); check the month and the date"
        );
        d.written_at = Some(at("2026-04-30T15:00:00Z"));
        assert_eq!(of_bill(&d), Vec::new());
    }

    #[test]
    fn a_v2_rate_like_a_fraction_is_odd_a_v1_one_is_not() {
        let mut d = bill(Api::V2);
        // `overdueRate` 0.015, read as a percent: 0.00015 as a fraction.
        d.overdue_ratio = Some(Exact("0.00015".parse().unwrap()));
        let odd = of_bill(&d);
        assert_eq!(odd.len(), 1);
        assert_eq!(
            odd[0].says,
            "0.015 is read as 0.015 % a month (v2's rates are percents: 1.0 is 1 %); if NCP meant a fraction, the body is not one NCP's v2 wrote"
        );
        d.overdue_ratio = Some(Exact("0.001".parse().unwrap()));
        assert_eq!(of_bill(&d), Vec::new());
        let mut v1 = bill(Api::V1);
        v1.overdue_ratio = Some(Exact("0.00015".parse().unwrap()));
        assert_eq!(of_bill(&v1), Vec::new());
    }
}
