//! NCP's bill of a month as every view shows it: exactly as NCP wrote it and in its currency
//! (issue 14). A KRW bill is also the ledger's payable bill (whole won, M2's truncation); a
//! bill in another currency is shown in it, never summed with won, and paid in NCP's portal.

use std::collections::BTreeMap;

use serde::Serialize;

use ncp_usage_core::billing::ncp::DemandCost;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::exact::{Currency, Exact};

/// NCP's bill of one month, exact.
#[derive(Debug, Clone, Serialize)]
pub struct NcpBill {
    /// The usage month.
    pub month: Month,
    /// The currency NCP billed in (`payCurrency`).
    pub currency: Currency,
    /// NCP's applied exchange rate, when it gave one.
    pub exchange_rate: Option<Exact>,
    /// Used amount.
    pub use_amount: Exact,
    /// Every discount but the rounding one, summed.
    pub discount_amount: Exact,
    /// Each discount NCP applied (the ones above 0), by name: `credit`, `promotion`…
    pub discounts: BTreeMap<&'static str, Exact>,
    /// `defaultAmount`: a charge NCP adds (a cancellation fee).
    pub default_amount: Exact,
    /// The rounding discount.
    pub rounddown_discount_amount: Exact,
    /// The amount before VAT, when NCP gave it.
    pub demand_amount: Option<Exact>,
    /// VAT.
    pub vat_amount: Exact,
    /// The VAT rate as a fraction (0.1), when NCP gave it.
    pub vat_rate: Option<Exact>,
    /// What NCP bills with VAT.
    pub billed_amount: Option<Exact>,
    /// With VAT and what is overdue, when NCP gave it.
    pub total_demand_amount: Option<Exact>,
    /// Whether NCP has it paid up.
    pub paid_up: bool,
    /// When it was paid up.
    pub paid_up_at: Option<String>,
    /// Whether this tool pays it: only a KRW bill; another currency is paid in NCP's portal.
    pub payable_here: bool,
}

impl NcpBill {
    /// The view of NCP's bill.
    pub fn new(d: &DemandCost) -> NcpBill {
        NcpBill {
            month: d.month,
            currency: d.currency.clone(),
            exchange_rate: d.exchange_rate,
            use_amount: d.use_amount,
            discount_amount: d.discounts.without_rounddown().unwrap_or_default(),
            discounts: d
                .discounts
                .named()
                .into_iter()
                .filter(|(name, amount)| *name != "rounddown" && !amount.is_zero())
                .collect(),
            default_amount: d.default_amount,
            rounddown_discount_amount: d.discounts.rounddown,
            demand_amount: d.demand_amount,
            vat_amount: d.vat_amount,
            vat_rate: d.vat_rate,
            billed_amount: d.billed(),
            total_demand_amount: d.total_demand,
            paid_up: d.paid_up,
            paid_up_at: d.paid_up_at.map(clock::rfc3339),
            payable_here: d.currency.is_krw(),
        }
    }

    /// An amount of this bill for people: grouped, with the currency when it is not KRW.
    pub fn shown(&self, amount: Exact) -> String {
        in_currency(amount, &self.currency)
    }

    /// Used less discounts plus NCP's default charge: the estimate before rounding and VAT.
    pub fn estimated_amount(&self) -> Exact {
        self.use_amount
            .checked_add(self.default_amount)
            .and_then(|u| u.checked_sub(self.discount_amount))
            .unwrap_or_default()
    }

    /// The VAT label: `VAT (10 %)`, from NCP's rate when it gave one.
    pub fn vat_label(&self) -> String {
        let rate = self
            .vat_rate
            .map(|r| Exact(r.value() * rust_decimal::Decimal::ONE_HUNDRED))
            .unwrap_or(Exact(rust_decimal::Decimal::TEN));
        format!("VAT ({rate} %)")
    }

    /// The rows of a totals table whose header names the currency: label and exact amount.
    pub fn total_rows(&self) -> Vec<(String, String)> {
        vec![
            ("Monthly used amount".to_string(), self.use_amount.grouped()),
            ("Discounts".to_string(), self.discount_amount.grouped()),
            (
                "Estimated payment amount".to_string(),
                self.estimated_amount().grouped(),
            ),
            (
                if self.currency.is_krw() {
                    "Rounding discount (under 100 won)".to_string()
                } else {
                    "Rounding discount".to_string()
                },
                self.rounddown_discount_amount.grouped(),
            ),
            (self.vat_label(), self.vat_amount.grouped()),
            (
                "Billed amount".to_string(),
                self.billed_amount.unwrap_or_default().grouped(),
            ),
        ]
    }
}

/// An exact amount in its currency: `13,888.8`, `18.75 USD` (won go without their code, as
/// every other amount of a table).
pub fn in_currency(amount: Exact, currency: &Currency) -> String {
    if currency.is_krw() {
        amount.grouped()
    } else {
        format!("{} {currency}", amount.grouped())
    }
}
