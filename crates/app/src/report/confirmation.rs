//! The usage confirmation (SPEC H5): what the printable document says, computed once and
//! rendered as HTML by [`super::confirmation_html`] (which `exchange::confirmation` writes or
//! prints to PDF), and as JSON.

use serde::Serialize;

use super::ncp_bill::NcpBill;
use super::ncp_line::{exact_amounts, NcpAmounts};
use super::{Report, Style};
use ncp_usage_core::billing::account::{Business, Member};
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::payment::BillBalance;
use ncp_usage_core::billing::statement::{allocate_proportionally, ServiceRow, Totals};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::bills::Adjustment;

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

/// One service's line of a month NCP billed in another currency than KRW: NCP's exact
/// figures in its currency. NCP gives no VAT per service, so none is shared out here: the
/// bill's VAT is in its totals only.
#[derive(Debug, Clone, Serialize)]
pub struct NcpConfirmationLine {
    /// Service name.
    pub service: String,
    /// Region code.
    pub region: String,
    /// NCP's amounts of the service's lines, summed exactly.
    #[serde(flatten)]
    pub amounts: NcpAmounts,
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
    /// The member's name as printed (family name first for a Hangul name: 김민지).
    pub member_name: String,
    /// A business member's company name and registration number, if set.
    pub business: Option<Business>,
    /// Per service and region, in won; empty for a month NCP billed in another currency
    /// (then `ncp_lines` has them).
    pub lines: Vec<ConfirmationLine>,
    /// Per service and region, NCP's exact figures in NCP's currency, for a month NCP billed
    /// in another currency than KRW only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ncp_lines: Vec<NcpConfirmationLine>,
    /// The month's totals in won: all 0 for a month NCP billed in another currency, of which
    /// nothing is billed in won (`ncp_bill` has NCP's totals).
    pub totals: Totals,
    /// `paid`, `open` or `outstanding`: the month's bill, by the same balance rule as `pay`.
    pub payment_status: String,
    /// Paid so far towards the month's bill (its penalties included).
    pub paid_amount: Krw,
    /// The month's bill as `pay` shows it.
    pub bill: ConfirmationBill,
    /// Corrections of this month recorded after its bill was issued: carried into a later
    /// bill (`carried_into`, or `null` until the next bill is issued) and paid with it.
    pub corrections: Vec<Adjustment>,
    /// Where the document was written.
    pub output: String,
    /// NCP's own bill of the month, exact and in its currency, when NCP's bill was imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ncp_bill: Option<NcpBill>,
}

/// The month's bill on the confirmation: what `pay` shows for it.
#[derive(Debug, Clone, Serialize)]
pub struct ConfirmationBill {
    /// The bill's amount, VAT included, with the corrections of earlier months carried into it.
    pub billed_amount: Krw,
    /// Of which this month's usage, as billed when the bill was issued.
    pub usage_amount: Krw,
    /// Corrections of earlier months carried into this bill.
    pub carried_in: Vec<Adjustment>,
    /// Late penalties charged on it.
    pub penalty_amount: Krw,
    /// Paid towards it (penalties included).
    pub paid_amount: Krw,
    /// Still owed on it.
    pub unpaid_amount: Krw,
}

impl ConfirmationBill {
    /// The bill from its balance and the corrections carried into it.
    pub fn new(balance: &BillBalance, carried_in: Vec<Adjustment>) -> ConfirmationBill {
        let carried: Krw = carried_in.iter().map(|a| a.amount).sum();
        ConfirmationBill {
            billed_amount: balance.billed_amount,
            usage_amount: balance.billed_amount - carried,
            carried_in,
            penalty_amount: balance.penalty_amount,
            paid_amount: balance.paid(),
            unpaid_amount: balance.unpaid(),
        }
    }
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

/// The lines of a month NCP billed in another currency: each service's lines summed exactly in
/// NCP's currency, in the order of `services` (a service whose lines are not all NCP's, or mix
/// currencies, is left out: it has no exact figure to show).
pub fn ncp_lines(services: &[ServiceRow], fees: &[FeeLine]) -> Vec<NcpConfirmationLine> {
    services
        .iter()
        .filter_map(|s| {
            let amounts = exact_amounts(
                fees.iter()
                    .filter(|l| l.region == s.region && l.service == s.service),
            )?;
            Some(NcpConfirmationLine {
                service: s.service.clone(),
                region: s.region.clone(),
                amounts,
            })
        })
        .collect()
}

impl Confirmation {
    /// NCP's bill of the month when it is in another currency than KRW: then the document
    /// shows NCP's figures, in that currency, and bills nothing in won.
    pub fn other_currency(&self) -> Option<&NcpBill> {
        self.ncp_bill.as_ref().filter(|b| !b.payable_here)
    }

    /// Whether the month bills nothing in won, its bill nothing either (no correction carried
    /// in, no penalty): then there is nothing paid or to pay, and the document says that
    /// rather than "paid 0 of 0".
    pub fn bills_nothing(&self) -> bool {
        self.totals.billed_amount.is_zero()
            && (self.bill.billed_amount + self.bill.penalty_amount).is_zero()
    }
}

impl Report for Confirmation {
    fn human(&self, _style: Style) -> String {
        let billed = match &self.ncp_bill {
            Some(b) if !b.payable_here => format!(
                "{} billed by NCP, paid in NCP's portal; ",
                b.shown(b.billed_amount.unwrap_or_default())
            ),
            _ => String::new(),
        };
        let owed = self.bill.billed_amount + self.bill.penalty_amount;
        let state = if self.bills_nothing() {
            if billed.is_empty() {
                "nothing billed, nothing to pay".to_string()
            } else {
                "nothing billed in KRW, nothing to pay here".to_string()
            }
        } else {
            format!(
                "{} KRW billed, {}, paid {} of {} KRW",
                self.totals.billed_amount.grouped(),
                self.payment_status,
                self.bill.paid_amount.grouped(),
                owed.grouped()
            )
        };
        format!(
            "Issued usage confirmation {} for {} ({billed}{state}) to {}{}.\n",
            self.number,
            self.month,
            self.output,
            if self.times_issued > 1 {
                format!(" (reissue no. {})", self.times_issued - 1)
            } else {
                String::new()
            }
        )
    }
}
