//! The usage confirmation (SPEC H5): what the printable document says, computed once and
//! rendered as HTML (or PDF) by `exchange::confirmation`, and as JSON.

use serde::Serialize;

use super::{Report, Style};
use crate::billing::account::Member;
use crate::billing::statement::{allocate_proportionally, ServiceRow, Totals};
use crate::calendar::Month;
use crate::money::Krw;

/// One service's line on the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfirmationLine {
    /// Service name.
    pub service: String,
    /// Region code.
    pub region: String,
    /// Monthly used amount.
    pub used_amount: Krw,
    /// Discounts, with the service's share of the 100-won rounding discount.
    pub discount_amount: Krw,
    /// The service's share of the month's VAT.
    pub vat_amount: Krw,
    /// Used − discounts + VAT.
    pub billed_amount: Krw,
}

/// A period's first and last day.
#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    /// First day.
    pub from: chrono::NaiveDate,
    /// Last day.
    pub to: chrono::NaiveDate,
}

/// The confirmation document.
#[derive(Debug, Clone, Serialize)]
pub struct Confirmation {
    /// The unique confirmation number (kept when reissued).
    pub number: String,
    /// The day it was issued.
    pub issued_on: String,
    /// How many times it has been issued.
    pub times_issued: i64,
    /// The usage month.
    pub month: Month,
    /// First and last day of the period of usage.
    pub period: Dates,
    /// The member.
    pub member: Member,
    /// Per service and region.
    pub lines: Vec<ConfirmationLine>,
    /// The month's totals.
    pub totals: Totals,
    /// `paid`, `open`, `outstanding` or `not billed`.
    pub payment_status: String,
    /// Paid so far towards the bill.
    pub paid_amount: Krw,
    /// Where the document was written.
    pub output: String,
}

/// H5: per-service lines whose VAT and rounding shares add up to the month's totals, so the
/// columns of the document always sum to its totals row.
pub fn lines(services: &[ServiceRow], totals: &Totals) -> Vec<ConfirmationLine> {
    let weights: Vec<Krw> = services
        .iter()
        .map(|s| s.amounts.estimated_payment_amount)
        .collect();
    let vat = allocate_proportionally(totals.vat_amount, &weights);
    let cut = allocate_proportionally(totals.rounddown_discount_amount, &weights);
    services
        .iter()
        .zip(vat.into_iter().zip(cut))
        .map(|(s, (vat_amount, cut))| {
            let discount_amount = s.amounts.discount_amount + cut;
            ConfirmationLine {
                service: s.service.clone(),
                region: s.region.clone(),
                used_amount: s.amounts.used_amount,
                discount_amount,
                vat_amount,
                billed_amount: s.amounts.used_amount - discount_amount + vat_amount,
            }
        })
        .collect()
}

impl Report for Confirmation {
    fn human(&self, _style: Style) -> String {
        format!(
            "Issued usage confirmation {} for {} ({} KRW billed, {}) to {}{}.\n",
            self.number,
            self.month,
            self.totals.billed_amount.grouped(),
            self.payment_status,
            self.output,
            if self.times_issued > 1 {
                format!(" (reissue no. {})", self.times_issued - 1)
            } else {
                String::new()
            }
        )
    }
}
