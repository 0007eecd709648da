//! `trend`: usage and billing over the last months, with a bar chart in the terminal and a
//! projection of the running month (SPEC TR1, §12).

use std::fmt::Write as _;

use serde::Serialize;

use super::correction::Correction;
use super::layout::{fit, won, Column, Grid};
use super::{Report, Style};
use ncp_usage_core::billing::trend::MonthStatus;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::bills::Payment;

/// One month of the trend.
#[derive(Debug, Clone, Serialize)]
pub struct TrendMonth {
    /// The month.
    pub month: Month,
    /// Usage over every region (the running month up to the day before "now").
    pub used_amount: Krw,
    /// Whether the month has ended.
    pub complete: bool,
    /// The bill, VAT included (0 before it is issued).
    pub billed_amount: Krw,
    /// Paid towards it.
    pub paid_amount: Krw,
    /// Unpaid after its automatic payment period.
    pub outstanding_amount: Krw,
    /// Late penalties charged on it.
    pub penalty_amount: Krw,
    /// `open`, `paid`, `outstanding`, or `before_account` for a month before the account was
    /// opened; `null` while the bill is not issued yet.
    pub status: Option<MonthStatus>,
    /// NCP's bill of the month when NCP billed it in another currency than KRW: exact and in
    /// that currency, never in the KRW amounts above (present only for such months).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_currency: Option<OtherCurrency>,
    /// P1: corrections of this month's bill after it was issued, each carried into a later
    /// bill (whose `billed_amount` holds it, as `pay`'s does); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// A month's NCP bill in a currency other than KRW, as the trend shows it.
#[derive(Debug, Clone, Serialize)]
pub struct OtherCurrency {
    /// The currency.
    pub currency: Currency,
    /// Used amount.
    pub use_amount: Exact,
    /// What NCP bills with VAT.
    pub billed_amount: Exact,
    /// Whether NCP has it paid up (in NCP's portal: this tool pays won).
    pub paid_up: bool,
}

/// The running month projected to its end (beyond the portal).
#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    /// The running month.
    pub month: Month,
    /// Used so far.
    pub used_so_far: Krw,
    /// Projected used amount at month end: a projection, not a bill.
    pub projected_used_amount: Krw,
    /// How it is projected.
    pub basis: &'static str,
}

/// The `trend` document.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// First month shown.
    pub from_month: Month,
    /// Last month shown (the one containing the day before "now").
    pub to_month: Month,
    /// The months, oldest first.
    pub months: Vec<TrendMonth>,
    /// Payments made in those months, with kind, method and time.
    pub payments: Vec<Payment>,
    /// The running month's projection, when it is in the window.
    pub projection: Option<Projection>,
}

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A horizontal bar of `value / max` of `width` cells, in eighths of a cell.
pub fn bar(value: Krw, max: Krw, width: usize) -> String {
    if max.won() <= 0 || value.won() <= 0 || width == 0 {
        return String::new();
    }
    let eighths = (i128::from(value.won()) * (width as i128) * 8 / i128::from(max.won())) as usize;
    let eighths = eighths.max(1);
    format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8])
}

impl Report for Trend {
    fn human(&self, style: Style) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Usage trend {} – {} (every region, KRW)",
            self.from_month, self.to_month
        );
        let max = self
            .months
            .iter()
            .map(|m| m.used_amount)
            .chain(self.projection.as_ref().map(|p| p.projected_used_amount))
            .max()
            .unwrap_or_default();
        let label_width = self
            .months
            .iter()
            .map(|m| m.used_amount.grouped().len())
            .chain(
                self.projection
                    .as_ref()
                    .map(|p| p.projected_used_amount.grouped().len()),
            )
            .max()
            .unwrap_or(1);
        let total = usize::from(style.width.unwrap_or(80));
        // "2024-06 │" + bar + " " + amount + the longest note after it.
        let note_width = if self.projection.is_some() {
            " projected month end".len()
        } else if self.months.iter().any(|m| !m.complete) {
            " (so far)".len()
        } else {
            0
        };
        let bar_width = total
            .saturating_sub(7 + 2 + 1 + label_width + note_width)
            .clamp(5, 60);
        for m in &self.months {
            let b = bar(m.used_amount, max, bar_width);
            let note = if m.complete {
                String::new()
            } else {
                " (so far)".to_string()
            };
            let _ = writeln!(
                out,
                "{} │{:<w$} {:>lw$}{note}",
                m.month,
                b,
                m.used_amount.grouped(),
                w = bar_width,
                lw = label_width
            );
        }
        if let Some(p) = &self.projection {
            let b = bar(p.projected_used_amount, max, bar_width).replace('█', "░");
            let _ = writeln!(
                out,
                "{} ┊{:<w$} {:>lw$} projected month end",
                p.month,
                b,
                p.projected_used_amount.grouped(),
                w = bar_width,
                lw = label_width
            );
        }
        out.push('\n');
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Month"),
                Column::amount("Used"),
                Column::amount("Billed"),
                Column::amount("Paid"),
                Column::amount("Outstanding").optional(2),
                Column::amount("Penalties").optional(1),
                Column::text("Status"),
            ],
        );
        for m in &self.months {
            t.row(vec![
                m.month.to_string(),
                won(m.used_amount),
                won(m.billed_amount),
                won(m.paid_amount),
                won(m.outstanding_amount),
                won(m.penalty_amount),
                match (&m.other_currency, m.status) {
                    (Some(o), _) => format!("billed in {} (see below)", o.currency),
                    (None, Some(MonthStatus::Paid)) => "paid".to_string(),
                    (None, Some(MonthStatus::Open)) => "open".to_string(),
                    (None, Some(MonthStatus::Outstanding)) => "OUTSTANDING".to_string(),
                    (None, Some(MonthStatus::BeforeAccount)) => "before the account".to_string(),
                    (None, None) => "not billed yet".to_string(),
                },
            ]);
        }
        let _ = writeln!(out, "{t}");
        for m in &self.months {
            if let Some(o) = &m.other_currency {
                out.push_str(&fit(
                    style,
                    &format!(
                        "{}: NCP billed {} {} (used {}), {}; paid in NCP's portal, not summed with KRW.\n",
                        m.month,
                        o.billed_amount.grouped(),
                        o.currency,
                        o.use_amount.grouped(),
                        if o.paid_up { "paid up" } else { "not paid up" }
                    ),
                ));
            }
        }
        for m in &self.months {
            for c in &m.corrections {
                out.push_str(&fit(
                    style,
                    &format!("{}: bill corrected by {}.\n", m.month, c.of_month()),
                ));
            }
        }
        if !self.payments.is_empty() {
            let mut p = Grid::new(
                style,
                vec![
                    Column::fixed("Paid at"),
                    Column::fixed("Kind"),
                    Column::fixed("Method").optional(1),
                    Column::amount("Amount"),
                    Column::text("Bills"),
                ],
            );
            for pay in &self.payments {
                let months: Vec<String> = pay.applied.iter().map(|a| a.month.to_string()).collect();
                p.row(vec![
                    clock::rfc3339(pay.paid_at),
                    pay.kind.to_string(),
                    pay.method.to_string(),
                    won(pay.amount),
                    months.join(", "),
                ]);
            }
            let _ = writeln!(out, "\nPayments\n{p}");
        }
        out
    }

    /// One row a month. A range holding a month NCP billed in another currency gets a
    /// `currency` column after the month (as `history`'s CSV of such a month): that month's row
    /// is NCP's exact used and billed amounts in it, paid as NCP has it (its whole bill once
    /// paid up, else 0), outstanding and penalties empty (NCP's portal keeps them, not this
    /// ledger), status `paid` or `not_paid_up`; the other months say `KRW`.
    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let foreign = self.months.iter().any(|m| m.other_currency.is_some());
        let mut header = vec!["month"];
        if foreign {
            header.push("currency");
        }
        header.extend([
            "used_amount",
            "billed_amount",
            "paid_amount",
            "outstanding_amount",
            "penalty_amount",
            "status",
        ]);
        let mut rows = vec![header.into_iter().map(String::from).collect()];
        for m in &self.months {
            let mut row = vec![m.month.to_string()];
            match &m.other_currency {
                Some(o) => row.extend([
                    o.currency.to_string(),
                    o.use_amount.to_string(),
                    o.billed_amount.to_string(),
                    if o.paid_up {
                        o.billed_amount
                    } else {
                        Exact::ZERO
                    }
                    .to_string(),
                    String::new(),
                    String::new(),
                    if o.paid_up { "paid" } else { "not_paid_up" }.to_string(),
                ]),
                None => {
                    if foreign {
                        row.push("KRW".to_string());
                    }
                    row.extend([
                        m.used_amount.to_string(),
                        m.billed_amount.to_string(),
                        m.paid_amount.to_string(),
                        m.outstanding_amount.to_string(),
                        m.penalty_amount.to_string(),
                        m.status
                            .and_then(|st| serde_json::to_value(st).ok())
                            .and_then(|v| v.as_str().map(String::from))
                            .unwrap_or_default(),
                    ]);
                }
            }
            rows.push(row);
        }
        Some(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(Krw::new(100), Krw::new(100), 4), "████");
        assert_eq!(bar(Krw::new(50), Krw::new(100), 4), "██");
        assert_eq!(bar(Krw::new(1), Krw::new(100), 4), "▏");
        assert_eq!(bar(Krw::new(0), Krw::new(100), 4), "");
        assert_eq!(bar(Krw::new(5), Krw::new(16), 4), "█▎");
    }
}
