//! `history` (alias `usage`): a month's service usage by region, as the portal's "Service
//! usage history" tab shows it (SPEC H1–H4, §12).

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::correction::Correction;
use super::layout::{field, fit, grouped_decimal, shown_region, signed, won, Column, Grid};
use super::ncp_bill::{in_currency, NcpBill};
use super::ncp_line::{amount_cells, exact_amounts, unit_price_cell, DetailLine, NcpAmounts};
use super::{MethodView, Report, Style};
use crate::exchange::fees_format;
use ncp_usage_core::billing::account::{Member, PaymentMethod};
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::ncp::Difference;
use ncp_usage_core::billing::period::Period;
use ncp_usage_core::billing::statement::{
    summarize, OverCeiling, RegionRow, ServiceRow, Source, Totals,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::Currency;
use ncp_usage_core::money::Krw;
use ncp_usage_core::text::plural;

/// The period of usage as shown.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted; `null` when nothing has accrued yet (the 1st of the current month).
    pub to: Option<NaiveDate>,
    /// How many days are counted.
    pub days: u32,
    /// Whether the month has ended.
    pub complete: bool,
}

/// One service row: its amounts in whole won, and NCP's exact ones where NCP sent its lines.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    /// The row.
    #[serde(flatten)]
    pub row: ServiceRow,
    /// NCP's exact amounts in NCP's currency, for a row of NCP's lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ncp: Option<NcpAmounts>,
}

/// The `history` document (SPEC §12).
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The month shown.
    pub month: Month,
    /// The days counted.
    pub period: PeriodView,
    /// The region the rows are limited to, if any.
    pub region: Option<String>,
    /// `rated` or `imported`.
    pub source: Source,
    /// The registered payment method.
    pub payment_method: MethodView,
    /// Where bills are sent.
    pub billing_email: Option<String>,
    /// Every region in use with its subtotal.
    pub regions: Vec<RegionRow>,
    /// One row per service and region (limited to `region` when given).
    pub services: Vec<ServiceView>,
    /// The month's totals over every region in use: the ledger's bill, in whole won (`null`
    /// in the JSON of a month NCP billed in another currency, whose bill is `ncp_bill`).
    pub totals: Totals,
    /// The ledger's bill of the month without its corrections (as issued, or as NCP's bill
    /// superseded it before it was final), when it has corrections (then `totals` are the
    /// month as corrected, and `corrections` say by how much).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_billed_amount: Option<Krw>,
    /// P1: corrections of this month's bill after it was issued (NCP revised the month), each
    /// carried into a later bill; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// P1: corrections of earlier months' bills that this month's bill carries (`pay` bills
    /// them with it); absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carried_in: Vec<Correction>,
    /// NCP's own bill of the month, exact and in its currency, when NCP's bill was imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ncp_bill: Option<NcpBill>,
    /// NCP's own sums of its bill of the month that do not hold (a partner-priced view: use
    /// 1,880,530, demand 0), as `import ncp` and `check` report them; absent when they hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
    /// NCP's lines of the month that came through the other API and are kept but neither
    /// shown nor summed (the month shows one API's lines); absent when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines_aside: Option<LinesAside>,
    /// The fee lines behind the rows (`--detail`), with NCP's exact figures where NCP sent
    /// them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<DetailLine>>,
}

/// NCP's lines of a month kept aside: the month's NCP lines came through both v1 and v2, and
/// it shows one API's only (its NCP bill's, else the one imported last), never both summed.
#[derive(Debug, Clone, Serialize)]
pub struct LinesAside {
    /// The API the lines kept aside came through: `v1` or `v2`.
    pub api: &'static str,
    /// How many lines of it the ledger keeps.
    pub lines: usize,
    /// The API whose lines the month shows.
    pub shown_api: &'static str,
}

impl History {
    /// Builds the view of a month from its fee lines; an error when its totals would pass
    /// the ceiling (M1), never a clamped total.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        month: Month,
        period: Period,
        source: Source,
        lines: Vec<FeeLine>,
        region: Option<String>,
        detail: bool,
        member: Option<&Member>,
        method: Option<&PaymentMethod>,
    ) -> Result<History, OverCeiling> {
        let statement = summarize(&lines)?;
        let in_region = |r: &str| region.as_deref().is_none_or(|want| want == r);
        let services = statement
            .services
            .into_iter()
            .filter(|s| in_region(&s.region))
            .map(|row| ServiceView {
                ncp: exact_amounts(
                    lines
                        .iter()
                        .filter(|l| l.region == row.region && l.service == row.service),
                ),
                row,
            })
            .collect();
        let lines = detail.then(|| {
            lines
                .into_iter()
                .filter(|l| in_region(&l.region))
                .map(DetailLine::from)
                .collect()
        });
        Ok(History {
            month,
            period: PeriodView {
                from: period.from,
                to: period.to,
                days: period.days(),
                complete: period.complete,
            },
            source,
            payment_method: MethodView::new(method),
            billing_email: member.map(|m| m.billing_email.clone()),
            regions: statement.regions,
            services,
            totals: statement.totals,
            issued_billed_amount: None,
            corrections: Vec::new(),
            carried_in: Vec::new(),
            ncp_bill: None,
            differences: Vec::new(),
            lines_aside: None,
            lines,
            region,
        })
    }
}

impl Report for History {
    fn human(&self, style: Style) -> String {
        let mut out = String::new();
        let period = match self.period.to {
            Some(to) => format!(
                "{} – {} ({})",
                self.period.from,
                to,
                plural(self.period.days as usize, "day", "days")
            ),
            None => format!("{} – nothing accrued yet", self.period.from),
        };
        let _ = writeln!(out, "Service usage history  {}", self.month);
        let _ = writeln!(
            out,
            "Period of usage   {period}{}",
            if self.period.complete {
                ""
            } else {
                ", month in progress"
            }
        );
        let regions = if self.regions.is_empty() {
            String::new()
        } else {
            format!(
                " over {}",
                self.regions
                    .iter()
                    .map(|r| shown_region(&r.region))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let billed = match &self.ncp_bill {
            Some(b) => format!(
                "{} {}",
                b.billed_amount.unwrap_or_default().grouped(),
                b.currency
            ),
            None => format!("{} KRW", self.totals.billed_amount.grouped()),
        };
        let billing = format!(
            "{billed}{} ({}{})",
            if regions.is_empty() && self.source != Source::Ncp {
                " over no region in use"
            } else {
                &regions
            },
            match self.source {
                Source::Imported => "imported statement",
                Source::Ncp => "NCP's bill, VAT included",
                Source::Rated => "VAT included",
            },
            match &self.ncp_bill {
                Some(b) if !b.payable_here => {
                    "; paid in NCP's portal, not summed with KRW".to_string()
                }
                // P1: the bill stays as issued; what NCP (or an import) changed since is its
                // corrections, listed below and carried into later bills.
                _ if self.issued_billed_amount.is_some() => {
                    let corrected: Krw = self.corrections.iter().map(|c| c.amount).sum();
                    format!(
                        "; the ledger's bill: {} KRW, {}",
                        self.issued_billed_amount.unwrap_or_default().grouped(),
                        if corrected.is_zero() {
                            "its corrections below add up to 0".to_string()
                        } else {
                            format!("corrected by {} KRW since, see below", signed(corrected))
                        }
                    )
                }
                Some(b) if b.billed_amount != Some(self.totals.billed_amount.into()) => format!(
                    "; the ledger's bill: {} KRW, truncated to whole won",
                    self.totals.billed_amount.grouped()
                ),
                _ => String::new(),
            }
        );
        out.push_str(&field(style, 18, "Billing amount", &billing));
        for c in &self.corrections {
            out.push_str(&field(style, 18, "Corrected", &c.of_month()));
        }
        for c in &self.carried_in {
            out.push_str(&field(style, 18, "Carried in", &c.carried()));
        }
        out.push_str(&field(
            style,
            18,
            "Payment method",
            &self.payment_method.label,
        ));
        let _ = writeln!(
            out,
            "Billing email     {}",
            self.billing_email.as_deref().unwrap_or("none registered")
        );
        if let Some(r) = &self.region {
            let _ = writeln!(out, "Region            {r}");
        }
        out.push('\n');
        if self.services.is_empty() && self.source == Source::Ncp {
            // NCP's bill without its lines: the amounts are NCP's, per service they are not known.
            out.push_str(&fit(
                style,
                "NCP sent this month's bill without its per-service lines; import its getProductDemandCostList or getContractDemandCostList body to list them.\n",
            ));
        } else if self.services.is_empty() {
            out.push_str("No usage in this period.\n");
        } else {
            let mut t = Grid::new(
                style,
                vec![
                    Column::text("Service"),
                    Column::fixed("Region"),
                    Column::amount("Monthly used amount"),
                    Column::amount("Discounts per service"),
                    Column::amount("Estimated payment amount"),
                    Column::text("Details").optional(1),
                ],
            );
            for ServiceView { row: s, ncp } in &self.services {
                let [used, discount, estimated] = match ncp {
                    Some(exact) => exact.cells(),
                    None => [
                        won(s.amounts.used_amount),
                        won(s.amounts.discount_amount),
                        won(s.amounts.estimated_payment_amount),
                    ],
                };
                t.row(vec![
                    s.service.clone(),
                    shown_region(&s.region).to_string(),
                    used,
                    discount,
                    estimated,
                    s.details.clone(),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        let rows: Vec<(String, String)> = match &self.ncp_bill {
            Some(b) => b.total_rows(),
            None => {
                let t = &self.totals;
                [
                    ("Monthly used amount", t.used_amount),
                    ("Discounts", t.discount_amount),
                    ("Estimated payment amount", t.estimated_payment_amount),
                    (
                        "Rounding discount (under 100 won)",
                        t.rounddown_discount_amount,
                    ),
                    ("VAT (10 %)", t.vat_amount),
                    ("Billed amount", t.billed_amount),
                ]
                .map(|(name, amount)| (name.to_string(), won(amount)))
                .to_vec()
            }
        };
        let currency = self
            .ncp_bill
            .as_ref()
            .map_or("KRW".to_string(), |b| b.currency.to_string());
        let mut totals = Grid::new(
            style,
            vec![
                Column::text("Totals (every region)"),
                Column::amount(&currency),
            ],
        );
        for (name, amount) in rows {
            totals.row(vec![name, amount]);
        }
        let _ = writeln!(out, "{totals}");
        // The estimate above the bill and NCP's billed amount can disagree: say why, in words.
        for d in &self.differences {
            let currency = d.currency.clone().unwrap_or_default();
            out.push_str(&fit(
                style,
                &format!(
                    "Note: NCP's bill of {} disagrees with its parts: {} (NCP says {}, its parts add up to {}). NCP's figures are shown as NCP sent them; `ncp-usage check` lists NCP's differences.\n",
                    d.month,
                    d.kind.says(),
                    in_currency(d.ncp_amount, &currency),
                    in_currency(d.sum_amount, &currency),
                ),
            ));
        }
        if let Some(a) = &self.lines_aside {
            out.push_str(&fit(
                style,
                &format!(
                    "Note: NCP's lines of {} came through both APIs; the month shows its {} lines (the API of NCP's bill of the month, else the one imported last). Its {} {} kept but neither shown nor summed.\n",
                    self.month,
                    a.shown_api,
                    plural(a.lines, &format!("{} line", a.api), &format!("{} lines", a.api)),
                    if a.lines == 1 { "is" } else { "are" },
                ),
            ));
        }
        if let Some(lines) = &self.lines {
            let mut d = Grid::new(
                style,
                vec![
                    Column::fixed("Region").optional(2),
                    Column::text("Service"),
                    Column::fixed("Contract"),
                    Column::text("Item"),
                    Column::text("Quantity"),
                    Column::amount("Unit price"),
                    Column::amount("Used"),
                    Column::amount("Discount"),
                    Column::amount("Estimated").optional(1),
                ],
            );
            for DetailLine { line: l, .. } in lines {
                let [used, discount, estimated] = amount_cells(l);
                // NCP's per-service lines name no contract, quantity or price.
                let (contract, item, quantity, price) = match fees_format::per_service_item(l) {
                    Some(item) => (String::new(), item, String::new(), String::new()),
                    None => (
                        l.contract_no.clone(),
                        l.item.clone(),
                        format!("{} {}", grouped_decimal(l.quantity), l.unit),
                        unit_price_cell(l),
                    ),
                };
                d.row(vec![
                    shown_region(&l.region).to_string(),
                    l.service.clone(),
                    contract,
                    item,
                    quantity,
                    price,
                    used,
                    discount,
                    estimated,
                ]);
            }
            let _ = writeln!(out, "\nDetailed fees\n{d}");
        }
        out
    }

    /// The document of a month NCP billed in another currency than won (issue 14) stays a
    /// won document (`"currency": "KRW"`, its corrections the ledger's won) with no won
    /// amount that was never billed: the whole-won amounts of its regions, services, lines
    /// and totals are `null`, never 0 or truncated dollars a script would sum. NCP's exact
    /// figures stand beside them in their currency (`services[].ncp`, `lines[].ncp`,
    /// `ncp_bill`). A won month's document is unchanged.
    fn json(&self) -> serde_json::Result<serde_json::Value> {
        use serde_json::Value;
        let mut doc = serde_json::to_value(self)?;
        if self.foreign_currency().is_none() {
            return Ok(doc);
        }
        const AMOUNTS: [&str; 3] = ["used_amount", "discount_amount", "estimated_payment_amount"];
        const TOTALS: [&str; 6] = [
            "used_amount",
            "discount_amount",
            "estimated_payment_amount",
            "rounddown_discount_amount",
            "vat_amount",
            "billed_amount",
        ];
        let unknown = |target: &mut Value, keys: &[&str]| {
            if let Value::Object(o) = target {
                for k in keys {
                    if let Some(v) = o.get_mut(*k) {
                        *v = Value::Null;
                    }
                }
            }
        };
        for list in ["regions", "services", "lines"] {
            if let Some(Value::Array(rows)) = doc.get_mut(list) {
                for row in rows {
                    unknown(row, &AMOUNTS);
                }
            }
        }
        if let Some(totals) = doc.get_mut("totals") {
            unknown(totals, &TOTALS);
        }
        Ok(doc)
    }

    /// Without `--detail`, one row per service and region; with it, the fee lines in the
    /// fees format of SPEC §11, which `import fees` reads back. A month NCP billed in another
    /// currency than won gets NCP's exact amounts and a `currency` column before them, never
    /// whole won that were never billed (and `import fees` refuses the column by name).
    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let foreign = self.foreign_currency();
        let mut rows = Vec::new();
        if let Some(lines) = &self.lines {
            let mut header: Vec<String> = fees_format::header().map(String::from).collect();
            let mut records: Vec<Vec<String>> = lines
                .iter()
                .map(|l| fees_format::record(&l.line).to_vec())
                .collect();
            if foreign.is_some() {
                // The fees format's three amounts are its last columns.
                header.insert(header.len() - 3, "currency".to_string());
                for (record, l) in records.iter_mut().zip(lines) {
                    let exact = exact_amounts([&l.line]);
                    let at = record.len() - 3;
                    record.splice(
                        at..,
                        exact_cells(
                            exact.as_ref(),
                            [
                                l.line.used_amount,
                                l.line.discount_amount,
                                l.line.estimated_payment_amount,
                            ],
                        ),
                    );
                }
            }
            rows.push(header);
            rows.extend(records);
        } else {
            let mut header = vec!["month", "service", "region"];
            if foreign.is_some() {
                header.push("currency");
            }
            header.extend([
                "used_amount",
                "discount_amount",
                "estimated_payment_amount",
                "contracts",
                "details",
            ]);
            rows.push(header.into_iter().map(String::from).collect());
            for ServiceView { row: s, ncp } in &self.services {
                let won = [
                    s.amounts.used_amount,
                    s.amounts.discount_amount,
                    s.amounts.estimated_payment_amount,
                ];
                let mut row = vec![
                    self.month.to_string(),
                    fees_format::neutralize(&s.service),
                    fees_format::neutralize(&s.region),
                ];
                if foreign.is_some() {
                    row.extend(exact_cells(ncp.as_ref(), won));
                } else {
                    row.extend(won.map(|a| a.to_string()));
                }
                row.extend([
                    s.contracts.map(|c| c.to_string()).unwrap_or_default(),
                    s.details.clone(),
                ]);
                rows.push(row);
            }
            rows.extend(self.bill_records(foreign.is_some()));
        }
        Some(rows)
    }
}

impl History {
    /// The rows of the services CSV that stand for the month's bill rather than a service
    /// (service and region empty, `details` saying what they are): NCP's bill when NCP sent
    /// it without per-service lines (its amounts, as the totals show them), and each
    /// correction of this month's bill or carried into it (no amounts: a correction is VAT
    /// included, `details` says it), so the CSV tells what the table tells.
    fn bill_records(&self, foreign: bool) -> Vec<Vec<String>> {
        let record = |amounts: Vec<String>, details: String| {
            let mut row = vec![self.month.to_string(), String::new(), String::new()];
            row.extend(amounts);
            row.extend([String::new(), details]);
            row
        };
        let mut out = Vec::new();
        if let (true, Source::Ncp, Some(b)) =
            (self.services.is_empty(), self.source, &self.ncp_bill)
        {
            let amounts = if foreign {
                vec![
                    b.currency.to_string(),
                    b.use_amount.to_string(),
                    b.discount_amount.to_string(),
                    b.estimated_amount().to_string(),
                ]
            } else {
                let t = &self.totals;
                [t.used_amount, t.discount_amount, t.estimated_payment_amount]
                    .map(|a| a.to_string())
                    .to_vec()
            };
            out.push(record(
                amounts,
                "NCP's bill; NCP sent no per-service lines for this month".to_string(),
            ));
        }
        let empty = || vec![String::new(); if foreign { 4 } else { 3 }];
        for c in &self.corrections {
            out.push(record(empty(), format!("Corrected {}", c.of_month())));
        }
        for c in &self.carried_in {
            out.push(record(empty(), format!("Carried in {}", c.carried())));
        }
        out
    }

    /// The currency other than won NCP billed this month in, if it did: its bill's, else its
    /// lines'.
    fn foreign_currency(&self) -> Option<&Currency> {
        let bill = self.ncp_bill.as_ref().map(|b| &b.currency);
        let rows = self
            .services
            .iter()
            .filter_map(|s| s.ncp.as_ref().map(|n| &n.currency));
        let lines = self
            .lines
            .iter()
            .flatten()
            .filter_map(|l| l.ncp.as_ref().map(|n| &n.currency));
        bill.into_iter()
            .chain(rows)
            .chain(lines)
            .find(|c| !c.is_krw())
    }
}

/// The `currency` cell and three exact amount cells of a CSV row: NCP's exact figures in its
/// currency where it sent them, else the whole won in KRW.
fn exact_cells(exact: Option<&NcpAmounts>, won: [Krw; 3]) -> Vec<String> {
    match exact {
        Some(e) => vec![
            e.currency.to_string(),
            e.use_amount.to_string(),
            e.discount_amount.to_string(),
            e.estimated_payment_amount.to_string(),
        ],
        None => std::iter::once("KRW".to_string())
            .chain(won.map(|a| a.to_string()))
            .collect(),
    }
}
