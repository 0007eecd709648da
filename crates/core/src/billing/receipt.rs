//! Cash receipts and tax invoices (SPEC R1–R3).
//!
//! Individual members may have cash receipts issued automatically for what they pay by
//! account transfer or direct deposit; the National Tax Service shows each one from the
//! first business day after the payment. Business members get a tax invoice for each month's
//! usage instead, sent three business days after the month closes.

use chrono::NaiveDate;
use serde::Serialize;

use super::account::{MemberType, MethodKind};
use super::payment::BillBalance;
use crate::calendar::{Calendar, Month};
use crate::money::Krw;

/// The consent R1 requires, shown before applying.
pub const NTS_CONSENT: &str = "I agree to provide this transaction information to the National Tax Service for the cash receipt income tax deduction.";

/// R1: only individual members may apply for (or cancel) automatic issuance.
pub fn check_may_apply(member_type: MemberType) -> Result<(), String> {
    match member_type {
        MemberType::Individual => Ok(()),
        MemberType::Business => Err(
            "R1: business members cannot apply for cash receipts; they receive a tax invoice for each month's usage (see `ncp-usage receipt list`)"
                .to_string(),
        ),
    }
}

/// R1, R3: whether a change of member type ends automatic issuance of cash receipts. A
/// business member gets a tax invoice for each month instead, so a member who becomes one
/// stops getting cash receipts at that instant: never both documents for one payment.
pub fn change_ends_issuance(old: MemberType, new: MemberType) -> bool {
    old != new && new == MemberType::Business
}

/// The member type on `day` from the logged changes `(day, type)`, oldest first; `current`
/// when none is logged by then (a ledger from before changes were logged).
pub fn member_type_on(
    changes: &[(NaiveDate, MemberType)],
    day: NaiveDate,
    current: MemberType,
) -> MemberType {
    changes
        .iter()
        .rev()
        .find(|(on, _)| *on <= day)
        .map_or(current, |(_, t)| *t)
}

/// What kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptKind {
    /// A cash receipt for a payment (individuals).
    CashReceipt,
    /// A tax invoice for a month's usage (businesses).
    TaxInvoice,
}

/// One cash receipt or tax invoice (SPEC §12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// Cash receipt or tax invoice.
    pub kind: ReceiptKind,
    /// The month of the payment (cash receipts) or of the usage (tax invoices).
    pub month: Month,
    /// The payment a cash receipt is for.
    pub payment_id: Option<i64>,
    /// The amount, VAT included.
    pub amount: Krw,
    /// When it was issued (cash receipt: the payment's day) or sent (tax invoice).
    pub issued_on: NaiveDate,
    /// From when it can be checked on the NTS website (cash receipts), or the day it is sent.
    pub available_on: NaiveDate,
}

/// A payment as R2 sees it.
#[derive(Debug, Clone)]
pub struct PaidFact {
    /// Its id.
    pub payment_id: i64,
    /// How it was paid.
    pub method: MethodKind,
    /// The amount paid.
    pub amount: Krw,
    /// The day it was paid (KST).
    pub paid_on: NaiveDate,
    /// Whether automatic issuance was on when it was paid.
    pub issuance_on: bool,
    /// The months whose bills it paid.
    pub months: Vec<Month>,
}

fn gets_cash_receipt(p: &PaidFact) -> bool {
    p.issuance_on && matches!(p.method, MethodKind::Transfer | MethodKind::Deposit)
}

/// R1, R3: the months whose bills a payment with a cash receipt paid: they get no tax
/// invoice, so no payment is covered by both documents.
pub fn months_with_cash_receipts(payments: &[PaidFact]) -> std::collections::BTreeSet<Month> {
    payments
        .iter()
        .filter(|p| gets_cash_receipt(p))
        .flat_map(|p| p.months.iter().copied())
        .collect()
}

/// R2: a cash receipt for each payment by account transfer or direct deposit made while
/// automatic issuance was on, checkable from 1 business day after the payment.
pub fn cash_receipts(payments: &[PaidFact], calendar: &Calendar) -> Vec<Receipt> {
    payments
        .iter()
        .filter(|p| gets_cash_receipt(p))
        .map(|p| Receipt {
            kind: ReceiptKind::CashReceipt,
            month: Month::of(p.paid_on),
            payment_id: Some(p.payment_id),
            amount: p.amount,
            issued_on: p.paid_on,
            available_on: calendar.business_days_after(p.paid_on, 1),
        })
        .collect()
}

/// R3: the day a month's tax invoice is sent: the 3rd business day counted strictly after
/// the month closes (00:00 on the 1st of the next month).
pub fn tax_invoice_date(month: Month, calendar: &Calendar) -> NaiveDate {
    calendar.business_days_after(month.next().first_day(), 3)
}

/// R3: the tax invoice of a month's bill, once it has been sent by `today`.
pub fn tax_invoice(
    month: Month,
    billed: Krw,
    calendar: &Calendar,
    today: NaiveDate,
) -> Option<Receipt> {
    let on = tax_invoice_date(month, calendar);
    (on <= today && !billed.is_zero()).then_some(Receipt {
        kind: ReceiptKind::TaxInvoice,
        month,
        payment_id: None,
        amount: billed,
        issued_on: on,
        available_on: on,
    })
}

/// The member's type over time: the logged changes `(day, type)`, oldest first, and the type
/// now (for days before any change was logged).
pub struct MemberTypes<'a> {
    /// The logged changes.
    pub changes: &'a [(NaiveDate, MemberType)],
    /// The type now.
    pub current: MemberType,
}

/// R1–R3: the documents `receipt list` shows on `today`: a cash receipt for each payment
/// that gets one (R2), and a month's tax invoice (R3) when the member was a business on the
/// day it is sent (a member who changed type gets each document only while it applies) and
/// no payment with a cash receipt paid that month's bill (never both documents for one
/// payment). Limited to `month` when given, ordered by issue day, then payment.
pub fn documents(
    payments: &[PaidFact],
    bills: &[BillBalance],
    member: &MemberTypes<'_>,
    calendar: &Calendar,
    today: NaiveDate,
    month: Option<Month>,
) -> Vec<Receipt> {
    let mut list = cash_receipts(payments, calendar);
    let receipted = months_with_cash_receipts(payments);
    for b in bills {
        let sent_on = tax_invoice_date(b.month, calendar);
        if member_type_on(member.changes, sent_on, member.current) == MemberType::Business
            && !receipted.contains(&b.month)
        {
            list.extend(tax_invoice(b.month, b.billed_amount, calendar, today));
        }
    }
    list.retain(|r| month.is_none_or(|m| r.month == m));
    list.sort_by_key(|r| (r.issued_on, r.payment_id));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn seollal_2024() -> Calendar {
        Calendar::new(["2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12"].map(d))
    }

    fn paid(id: i64, method: &str, on: &str, issuance_on: bool) -> PaidFact {
        PaidFact {
            payment_id: id,
            method: method.parse().unwrap(),
            amount: Krw::new(55_000),
            paid_on: d(on),
            issuance_on,
            months: vec!["2024-01".parse().unwrap()],
        }
    }

    #[test]
    fn r2_cash_receipts_are_checkable_one_business_day_later() {
        let r = cash_receipts(
            &[
                paid(1, "transfer", "2024-02-16", true),
                paid(2, "deposit", "2024-02-08", true),
                paid(3, "card", "2024-02-08", true),
                paid(4, "transfer", "2024-02-08", false),
            ],
            &seollal_2024(),
        );
        assert_eq!(r.len(), 2);
        // Friday → Monday.
        assert_eq!(
            (r[0].issued_on, r[0].available_on),
            (d("2024-02-16"), d("2024-02-19"))
        );
        // Thursday before Seollal → Tuesday.
        assert_eq!(r[1].available_on, d("2024-02-13"));
        assert_eq!(r[1].kind, ReceiptKind::CashReceipt);
        let jan: Month = "2024-01".parse().unwrap();
        assert!(
            months_with_cash_receipts(&[paid(1, "transfer", "2024-02-16", true)]).contains(&jan)
        );
        assert!(months_with_cash_receipts(&[paid(1, "card", "2024-02-16", true)]).is_empty());
    }

    #[test]
    fn r3_tax_invoice_three_business_days_after_the_close() {
        let jan: Month = "2024-01".parse().unwrap();
        assert_eq!(tax_invoice_date(jan, &seollal_2024()), d("2024-02-06"));
        assert_eq!(
            tax_invoice(jan, Krw::new(110_000), &seollal_2024(), d("2024-02-05")),
            None
        );
        let t = tax_invoice(jan, Krw::new(110_000), &seollal_2024(), d("2024-02-06")).unwrap();
        assert_eq!(
            (t.kind, t.amount),
            (ReceiptKind::TaxInvoice, Krw::new(110_000))
        );
    }

    #[test]
    fn r1_r3_becoming_a_business_ends_issuance() {
        use MemberType::{Business, Individual};
        assert!(change_ends_issuance(Individual, Business));
        assert!(!change_ends_issuance(Business, Business));
        assert!(!change_ends_issuance(Business, Individual));
        assert!(!change_ends_issuance(Individual, Individual));
        let log = [(d("2024-01-01"), Individual), (d("2024-03-10"), Business)];
        assert_eq!(member_type_on(&log, d("2024-03-09"), Business), Individual);
        assert_eq!(member_type_on(&log, d("2024-03-10"), Individual), Business);
        assert_eq!(member_type_on(&[], d("2024-03-10"), Individual), Individual);
    }

    #[test]
    fn r1_only_individuals_apply() {
        assert!(check_may_apply(MemberType::Individual).is_ok());
        assert!(check_may_apply(MemberType::Business)
            .unwrap_err()
            .contains("tax invoice"));
    }

    #[test]
    fn r2_r3_a_month_paid_with_a_cash_receipt_gets_no_tax_invoice() {
        use MemberType::{Business, Individual};
        let bill = |month: &str| BillBalance {
            month: month.parse().unwrap(),
            billed_amount: Krw::new(110_000),
            penalty_amount: Krw::ZERO,
            paid_principal: Krw::ZERO,
            paid_penalty: Krw::ZERO,
        };
        let bills = [bill("2024-01"), bill("2024-02")];
        // An individual until 2024-02-16, when the January bill was paid with a cash
        // receipt; a business from 2024-03-01.
        let changes = [(d("2024-01-01"), Individual), (d("2024-03-01"), Business)];
        let member = MemberTypes {
            changes: &changes,
            current: Business,
        };
        let payments = [paid(1, "transfer", "2024-02-16", true)];
        let list = documents(
            &payments,
            &bills,
            &member,
            &seollal_2024(),
            d("2024-04-01"),
            None,
        );
        let kinds: Vec<(ReceiptKind, String)> = list
            .iter()
            .map(|r| (r.kind, r.issued_on.to_string()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ReceiptKind::CashReceipt, "2024-02-16".to_string()),
                (ReceiptKind::TaxInvoice, "2024-03-06".to_string()),
            ]
        );
        let feb = documents(
            &payments,
            &bills,
            &member,
            &seollal_2024(),
            d("2024-04-01"),
            Some("2024-02".parse().unwrap()),
        );
        assert_eq!(feb.len(), 2, "the February payment and February's invoice");
        let jan = documents(
            &payments,
            &bills,
            &member,
            &seollal_2024(),
            d("2024-04-01"),
            Some("2024-01".parse().unwrap()),
        );
        assert!(jan.is_empty(), "{jan:?}");
    }
}
