//! Paying bills (SPEC P3–P8): the instant payment window, what an instant payment pays, the
//! minimum amounts, and how a payment is applied to what is unpaid.

use chrono::{Datelike, NaiveTime, Timelike};
use serde::Serialize;

use super::account::MethodKind;
use super::schedule::{self, AUTO_FIRST_DAY, AUTO_LAST_DAY, ISSUE_DAY};
use crate::calendar::Month;
use crate::clock::Instant;
use crate::money::Krw;

/// What is owed on one bill at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillBalance {
    /// The usage month billed.
    pub month: Month,
    /// The billed amount, VAT included, with any adjustment entries.
    pub billed_amount: Krw,
    /// Late penalties charged so far (P10).
    pub penalty_amount: Krw,
    /// Paid towards the billed amount.
    pub paid_principal: Krw,
    /// Paid towards the penalties.
    pub paid_penalty: Krw,
}

impl BillBalance {
    /// What is left of the billed amount.
    pub fn unpaid_principal(&self) -> Krw {
        (self.billed_amount - self.paid_principal).clamp_zero()
    }

    /// What is left of the penalties.
    pub fn unpaid_penalty(&self) -> Krw {
        (self.penalty_amount - self.paid_penalty).clamp_zero()
    }

    /// Everything still owed on this bill.
    pub fn unpaid(&self) -> Krw {
        self.unpaid_principal() + self.unpaid_penalty()
    }

    /// Everything paid on this bill.
    pub fn paid(&self) -> Krw {
        self.paid_principal + self.paid_penalty
    }

    /// P9: what is owed after the automatic payment period (0 before it, or when paid).
    pub fn outstanding(&self, now: Instant) -> Krw {
        if self.status(now) == BillStatus::Outstanding {
            self.unpaid()
        } else {
            Krw::ZERO
        }
    }

    /// P9: `paid` once nothing is owed; `outstanding` if still owed after the automatic
    /// payment period; `open` before that.
    pub fn status(&self, now: Instant) -> BillStatus {
        if self.unpaid().is_zero() {
            BillStatus::Paid
        } else if now >= schedule::outstanding_at(self.month) {
            BillStatus::Outstanding
        } else {
            BillStatus::Open
        }
    }
}

/// Where a bill stands (SPEC §12 `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BillStatus {
    /// Issued and not yet due, or in its automatic payment period.
    Open,
    /// Fully paid.
    Paid,
    /// Not fully paid after its automatic payment period (P9).
    Outstanding,
}

impl BillStatus {
    /// How the ledger, JSON and documents spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            BillStatus::Open => "open",
            BillStatus::Paid => "paid",
            BillStatus::Outstanding => "outstanding",
        }
    }
}

crate::choice::spelled! {
    /// How a payment was made.
    pub enum PaymentKind {
        /// An instant payment (P4).
        Instant = "instant",
        /// An automatic payment (P2).
        Auto = "auto",
        /// A direct deposit (P6).
        Deposit = "deposit",
        /// NCP's paid-up state, imported.
        Ncp = "ncp",
    }
}

crate::choice::spelled! {
    /// What an automatic attempt came to (P2).
    pub enum AttemptOutcome {
        /// The method was charged.
        Approved = "approved",
        /// The method declined the charge.
        Declined = "declined",
    }
}

/// Part of a payment applied to one bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// The bill's usage month.
    pub month: Month,
    /// Applied to the billed amount.
    pub amount: Krw,
    /// Applied to the penalties.
    pub penalty_amount: Krw,
}

/// P3, P10: applies `amount` to the bills oldest first, each bill's penalties before its
/// principal, never beyond what is owed. Returns the applications and what is left over
/// (kept as a credit balance, never lost).
pub fn allocate(amount: Krw, bills: &[BillBalance]) -> (Vec<Application>, Krw) {
    let mut left = amount.clamp_zero();
    let mut sorted: Vec<&BillBalance> = bills.iter().collect();
    sorted.sort_by_key(|b| b.month);
    let mut out = Vec::new();
    for bill in sorted {
        if left.is_zero() {
            break;
        }
        let penalty = left.min(bill.unpaid_penalty());
        left -= penalty;
        let principal = left.min(bill.unpaid_principal());
        left -= principal;
        if !(penalty + principal).is_zero() {
            out.push(Application {
                month: bill.month,
                amount: principal,
                penalty_amount: penalty,
            });
        }
    }
    (out, left)
}

/// Whether instant payment is open at an instant, and when it next opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Accepted now.
    pub open: bool,
    /// When it opens next, if it is closed now.
    pub next_opens_at: Option<Instant>,
}

fn opens(month: Month) -> Instant {
    schedule::at(
        month.day(ISSUE_DAY),
        NaiveTime::from_hms_opt(14, 0, 0).unwrap_or(NaiveTime::MIN),
    )
}

/// P4: instant payment is accepted from 14:00 on the 3rd to 22:00 on the last day of the
/// month, except in the regular payment period (the 10th to the 14th).
pub fn instant_window(now: Instant) -> Window {
    let today = now.date_naive();
    let month = Month::of(today);
    let day = today.day();
    let before_opening = now < opens(month);
    let regular = (AUTO_FIRST_DAY..=AUTO_LAST_DAY).contains(&day);
    let after_closing = day == month.days() && now.hour() >= 22;
    if before_opening {
        Window {
            open: false,
            next_opens_at: Some(opens(month)),
        }
    } else if regular {
        Window {
            open: false,
            next_opens_at: Some(schedule::midnight(month.day(AUTO_LAST_DAY + 1))),
        }
    } else if after_closing {
        Window {
            open: false,
            next_opens_at: Some(opens(month.next())),
        }
    } else {
        Window {
            open: true,
            next_opens_at: None,
        }
    }
}

/// How an instant payment is made (P11: card or real-time account transfer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstantMethod {
    /// Credit or debit card.
    Card,
    /// Real-time account transfer.
    Transfer,
}

impl crate::choice::Choice for InstantMethod {
    const ALL: &'static [InstantMethod] = &[InstantMethod::Card, InstantMethod::Transfer];

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn help(self) -> &'static str {
        match self {
            InstantMethod::Card => "Credit or debit card",
            InstantMethod::Transfer => "Real-time account transfer",
        }
    }
}

impl InstantMethod {
    /// The spelling used in the ledger and JSON.
    pub fn as_str(self) -> &'static str {
        self.kind().as_str()
    }

    /// The kind of registered method it charges.
    pub fn kind(self) -> MethodKind {
        match self {
            InstantMethod::Card => MethodKind::Card,
            InstantMethod::Transfer => MethodKind::Transfer,
        }
    }
}

/// P8: the smallest outstanding amount each method approves.
pub fn minimum(method: InstantMethod) -> Krw {
    match method {
        InstantMethod::Card => Krw::new(1_000),
        InstantMethod::Transfer => Krw::new(3_000),
    }
}

/// A billing rule refusing a payment.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PaymentRefusal {
    /// P4.
    #[error("P4: instant payment is closed now ({now}); it opens next at {next}")]
    WindowClosed {
        /// The instant refused.
        now: String,
        /// When it opens next.
        next: String,
    },
    /// P7.
    #[error("P7: expatriate members can pay instantly by credit card only; use --method card")]
    ExpatriateCardOnly,
    /// P8.
    #[error("P8: {method} does not approve an outstanding amount under {} won (this payment: {} won); {other}", minimum.grouped(), amount.grouped())]
    BelowMinimum {
        /// The method.
        method: &'static str,
        /// Its minimum.
        minimum: Krw,
        /// The amount refused.
        amount: Krw,
        /// What to use instead.
        other: &'static str,
    },
    /// P5.
    #[error("P5: nothing is payable now{0}")]
    NothingPayable(String),
}

/// P7: expatriate members pay instantly by credit card only.
pub fn check_method(expatriate: bool, method: InstantMethod) -> Result<(), PaymentRefusal> {
    if expatriate && method != InstantMethod::Card {
        return Err(PaymentRefusal::ExpatriateCardOnly);
    }
    Ok(())
}

/// M1: the most a deposit may be when `owed` is unpaid and `credit` is already held: what it
/// leaves over after paying what is owed becomes credit, which stays within
/// [`crate::money::MAX_WON`].
pub fn deposit_room(credit: Krw, owed: Krw) -> Krw {
    (Krw::new(crate::money::MAX_WON) - credit + owed).clamp_zero()
}

/// P8: may an instant payment of `amount` be made with `method`? `outstanding` says whether
/// it pays an outstanding amount (the minimums apply to those).
pub fn check_minimum(
    method: InstantMethod,
    amount: Krw,
    outstanding: bool,
) -> Result<(), PaymentRefusal> {
    let min = minimum(method);
    if outstanding && amount < min {
        return Err(PaymentRefusal::BelowMinimum {
            method: match method {
                InstantMethod::Card => "a card",
                InstantMethod::Transfer => "an account transfer",
            },
            minimum: min,
            amount,
            other: if amount >= minimum(InstantMethod::Card) {
                "pay it by card (--method card) or by direct deposit"
            } else {
                "pay it by direct deposit (ncp-usage pay --deposit)"
            },
        });
    }
    Ok(())
}

/// P5: the bills an instant payment at `now` pays: every issued bill with something unpaid
/// (before the regular date that is the previous month's bill in advance and any older
/// outstanding amount; after it, the outstanding amounts), limited to `months` when given.
pub fn payable<'a>(bills: &'a [BillBalance], months: &[Month]) -> Vec<&'a BillBalance> {
    bills
        .iter()
        .filter(|b| !b.unpaid().is_zero())
        .filter(|b| months.is_empty() || months.contains(&b.month))
        .collect()
}

/// P9: services are blocked while a bill that was carried past its blocking date (announced
/// when it became outstanding) is still unpaid.
pub fn blocked_since(bills: &[BillBalance], now: Instant) -> Option<Instant> {
    bills
        .iter()
        .filter(|b| !b.unpaid().is_zero())
        .map(|b| schedule::blocking_at(b.month))
        .filter(|t| *t <= now)
        .min()
}

#[cfg(test)]
mod tests {
    #[test]
    fn m1_a_deposit_may_fill_the_credit_up_to_the_ceiling_after_paying_what_is_owed() {
        let max = crate::money::MAX_WON;
        assert_eq!(deposit_room(Krw::ZERO, Krw::ZERO), Krw::new(max));
        assert_eq!(deposit_room(Krw::new(max), Krw::ZERO), Krw::ZERO);
        assert_eq!(
            deposit_room(Krw::new(max), Krw::new(1_000)),
            Krw::new(1_000)
        );
        assert_eq!(deposit_room(Krw::new(100), Krw::new(5)), Krw::new(max - 95));
    }

    use super::*;
    use crate::clock::{parse_as_of, rfc3339};
    use rstest::rstest;

    fn bill(month: &str, billed: i64, penalty: i64, paid_p: i64, paid_pen: i64) -> BillBalance {
        BillBalance {
            month: month.parse().unwrap(),
            billed_amount: Krw::new(billed),
            penalty_amount: Krw::new(penalty),
            paid_principal: Krw::new(paid_p),
            paid_penalty: Krw::new(paid_pen),
        }
    }

    #[rstest]
    #[case("2024-02-03T13:59", false, Some("2024-02-03T14:00:00+09:00"))]
    #[case("2024-02-03T14:00", true, None)]
    #[case("2024-02-09T23:59", true, None)]
    #[case("2024-02-10T00:00", false, Some("2024-02-15T00:00:00+09:00"))]
    #[case("2024-02-14T23:59:59", false, Some("2024-02-15T00:00:00+09:00"))]
    #[case("2024-02-15T00:00", true, None)]
    #[case("2024-02-29T21:59", true, None)]
    #[case("2024-02-29T22:00", false, Some("2024-03-03T14:00:00+09:00"))]
    #[case("2024-02-01T09:00", false, Some("2024-02-03T14:00:00+09:00"))]
    #[case("2023-02-28T22:00", false, Some("2023-03-03T14:00:00+09:00"))]
    fn p4_instant_payment_window(
        #[case] now: &str,
        #[case] open: bool,
        #[case] next: Option<&str>,
    ) {
        let w = instant_window(parse_as_of(now).unwrap());
        assert_eq!(w.open, open, "{now}");
        assert_eq!(w.next_opens_at.map(rfc3339).as_deref(), next, "{now}");
    }

    #[test]
    fn p3_applies_oldest_first_penalties_before_principal() {
        let bills = [
            bill("2024-02", 50_000, 0, 0, 0),
            bill("2024-01", 220_000, 3_300, 0, 0),
        ];
        let (apps, left) = allocate(Krw::new(224_000), &bills);
        assert_eq!(apps.len(), 2);
        assert_eq!(
            (
                apps[0].month.to_string(),
                apps[0].penalty_amount,
                apps[0].amount
            ),
            ("2024-01".into(), Krw::new(3_300), Krw::new(220_000))
        );
        assert_eq!(
            (apps[1].month.to_string(), apps[1].amount),
            ("2024-02".into(), Krw::new(700))
        );
        assert_eq!(left, Krw::ZERO);
    }

    #[test]
    fn p3_overpayment_is_kept_as_credit() {
        let (apps, left) = allocate(Krw::new(120_000), &[bill("2024-01", 110_000, 0, 10_000, 0)]);
        assert_eq!(apps[0].amount, Krw::new(100_000));
        assert_eq!(left, Krw::new(20_000));
    }

    #[test]
    fn p8_minimums_for_outstanding_amounts() {
        let card = check_minimum(InstantMethod::Card, Krw::new(900), true).unwrap_err();
        assert!(card.to_string().contains("under 1,000 won"), "{card}");
        let transfer = check_minimum(InstantMethod::Transfer, Krw::new(900), true).unwrap_err();
        assert!(
            transfer.to_string().contains("under 3,000 won"),
            "{transfer}"
        );
        assert!(
            transfer.to_string().contains("direct deposit"),
            "{transfer}"
        );
        assert!(check_minimum(InstantMethod::Card, Krw::new(1_000), true).is_ok());
        assert!(check_minimum(InstantMethod::Transfer, Krw::new(2_999), true).is_err());
        assert!(check_minimum(InstantMethod::Transfer, Krw::new(3_000), true).is_ok());
        // A prepayment is not an outstanding amount.
        assert!(check_minimum(InstantMethod::Card, Krw::new(900), false).is_ok());
    }

    #[test]
    fn p7_expatriates_pay_instantly_by_card_only() {
        assert_eq!(
            check_method(true, InstantMethod::Transfer),
            Err(PaymentRefusal::ExpatriateCardOnly)
        );
        assert!(check_method(true, InstantMethod::Card).is_ok());
        assert!(check_method(false, InstantMethod::Transfer).is_ok());
    }

    #[test]
    fn p9_blocked_once_carried_unpaid() {
        let unpaid = [bill("2024-01", 220_000, 0, 0, 0)];
        assert_eq!(
            blocked_since(&unpaid, parse_as_of("2024-02-29T23:59").unwrap()),
            None
        );
        assert_eq!(
            blocked_since(&unpaid, parse_as_of("2024-03-01").unwrap())
                .map(rfc3339)
                .as_deref(),
            Some("2024-03-01T00:00:00+09:00")
        );
        let paid = [bill("2024-01", 220_000, 3_300, 220_000, 3_300)];
        assert_eq!(
            blocked_since(&paid, parse_as_of("2024-04-01").unwrap()),
            None
        );
    }

    #[test]
    fn p9_status_follows_the_calendar() {
        let b = bill("2024-01", 220_000, 0, 0, 0);
        assert_eq!(
            b.status(parse_as_of("2024-02-14T23:59").unwrap()),
            BillStatus::Open
        );
        assert_eq!(
            b.status(parse_as_of("2024-02-15T00:00").unwrap()),
            BillStatus::Outstanding
        );
        assert_eq!(
            bill("2024-01", 100, 0, 100, 0).status(parse_as_of("2024-05-01").unwrap()),
            BillStatus::Paid
        );
    }
}
