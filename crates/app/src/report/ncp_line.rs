//! NCP's own figures of a fee line NCP sent, for the views: its currency and the exact
//! detail kept in `fee_lines.exact` (use, demand and default amounts, each discount, codes,
//! quantities, `productSize`…). Tables show NCP's exact amounts, in its currency; the
//! whole-won columns are what the ledger sums (M2's truncation of them).

use serde::Serialize;

use super::layout::{grouped_decimal, won};
use super::ncp_bill::in_currency;
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::ncp_detail::{Detail, Details, NcpDetail};
use ncp_usage_core::exact::{Currency, Exact};

/// A fee line as `--detail` shows it: the line, and NCP's own figures when NCP sent it.
#[derive(Debug, Clone, Serialize)]
pub struct DetailLine {
    /// The line, its amounts in whole won.
    #[serde(flatten)]
    pub line: FeeLine,
    /// NCP's currency and exact figures, for a line NCP sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ncp: Option<NcpFigures>,
}

/// NCP's figures of one line, as JSON: `{"currency": "KRW", "use_amount": 14400, …}`.
#[derive(Debug, Clone, Serialize)]
pub struct NcpFigures {
    /// The currency NCP billed the line in.
    pub currency: Currency,
    /// The exact figures and details, by key.
    #[serde(flatten)]
    pub fields: Details,
}

impl From<FeeLine> for DetailLine {
    fn from(line: FeeLine) -> DetailLine {
        let ncp = line.ncp.as_ref().map(|d| NcpFigures {
            currency: d.currency.clone(),
            fields: d.fields.clone(),
        });
        DetailLine { line, ncp }
    }
}

/// NCP's exact amounts of a service row: its lines' figures summed, in their currency.
#[derive(Debug, Clone, Serialize)]
pub struct NcpAmounts {
    /// The currency NCP billed the lines in.
    pub currency: Currency,
    /// Used amount.
    pub use_amount: Exact,
    /// Every discount of the lines.
    pub discount_amount: Exact,
    /// Used less discounts.
    pub estimated_payment_amount: Exact,
}

impl NcpAmounts {
    /// The three cells of a table row, in the currency.
    pub fn cells(&self) -> [String; 3] {
        [
            self.use_amount,
            self.discount_amount,
            self.estimated_payment_amount,
        ]
        .map(|a| in_currency(a, &self.currency))
    }
}

/// The exact amounts of lines that NCP sent, all of them in one currency; `None` when a line
/// is the ledger's own (rated, a fees CSV) or the lines mix currencies.
pub fn exact_amounts<'a>(lines: impl IntoIterator<Item = &'a FeeLine>) -> Option<NcpAmounts> {
    let mut sum: Option<NcpAmounts> = None;
    for l in lines {
        let d = l.ncp.as_ref()?;
        let (used, discount) = (d.use_amount()?, discounts(d)?);
        let s = sum.get_or_insert_with(|| NcpAmounts {
            currency: d.currency.clone(),
            use_amount: Exact::ZERO,
            discount_amount: Exact::ZERO,
            estimated_payment_amount: Exact::ZERO,
        });
        if s.currency != d.currency {
            return None;
        }
        s.use_amount = s.use_amount.checked_add(used)?;
        s.discount_amount = s.discount_amount.checked_add(discount)?;
        s.estimated_payment_amount = s.use_amount.checked_sub(s.discount_amount)?;
    }
    sum
}

/// The sum of NCP's discounts of a line, exact; `None` when they pass what a decimal holds.
fn discounts(d: &NcpDetail) -> Option<Exact> {
    match d.fields.get("discounts") {
        Some(Detail::Object(o)) => o.values().try_fold(Exact::ZERO, |sum, v| match v {
            Detail::Number(n) => sum.checked_add(*n),
            _ => Some(sum),
        }),
        _ => Some(Exact::ZERO),
    }
}

/// The three amount cells of a line (used, discount, estimated): NCP's exact figures for a
/// line NCP sent, the whole won otherwise.
pub fn amount_cells(l: &FeeLine) -> [String; 3] {
    exact_amounts([l]).map(|a| a.cells()).unwrap_or_else(|| {
        [
            won(l.used_amount),
            won(l.discount_amount),
            won(l.estimated_payment_amount),
        ]
    })
}

/// The unit price cell: NCP's `productPrice` and the size factor that enters the amount
/// where there is one (`0.16 × 1,000 GiB`: 90 × 0.16 × 1,000 is the 14,400 beside it), else
/// the line's unit price.
pub fn unit_price_cell(l: &FeeLine) -> String {
    let factor = l.ncp.as_ref().and_then(|d| {
        let size = d.exact("size_gib").filter(|g| !g.is_zero())?;
        Some((d.exact("product_price")?, size))
    });
    match factor {
        Some((price, size)) => format!("{} × {} GiB", price.grouped(), size.grouped()),
        None => grouped_decimal(l.unit_price),
    }
}
