//! `promotions`: what each promotion gives and, for credits, what remains and when it runs
//! out at the current rate (SPEC PR1, PR2, §12).

use chrono::NaiveDate;
use serde::Serialize;

use super::layout::{fit, won, Column, Grid};
use super::ncp_bill::in_currency;
use super::{Report, Style};
use ncp_usage_core::billing::ncp_discount::{Credit, Discount, ProductDiscount};
use ncp_usage_core::billing::promotion::{CreditStatus, Promotion};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;

/// One promotion as listed.
#[derive(Debug, Clone, Serialize)]
pub struct PromotionRow {
    /// The promotion.
    #[serde(flatten)]
    pub promotion: Promotion,
    /// For a credit: what is left of it at "now".
    pub credit_remaining: Option<Krw>,
    /// For a credit: where it stands.
    pub credit_status: Option<CreditStatus>,
    /// For a credit in use: the day it runs out at this month's rate, if before it expires.
    pub projected_run_out: Option<NaiveDate>,
}

/// A discount or credit NCP applied, as its bill or one of its lines shows it.
#[derive(Debug, Clone, Serialize)]
pub struct NcpDiscount {
    /// The usage month.
    pub month: Month,
    /// The service of a line, `null` for the bill's own figure.
    pub service: Option<String>,
    /// Which discount: `credit`, `promotion`, `promise`, `product`…
    pub discount: String,
    /// The amount, exact.
    pub amount: Exact,
    /// Its currency.
    pub currency: Currency,
}

/// A credit or coin NCP's Discount API records (imported or synced), with what was used of it.
#[derive(Debug, Clone, Serialize)]
pub struct NcpCredit {
    /// The credit or coin.
    #[serde(flatten)]
    pub credit: Credit,
    /// Granted less left (NCP sends no "used" figure).
    pub used_amount: Exact,
}

/// The `promotions` document.
#[derive(Debug, Clone, Serialize)]
pub struct Promotions {
    /// The instant shown.
    pub as_of: String,
    /// By name and service.
    pub promotions: Vec<PromotionRow>,
    /// What NCP applied, per month: each discount above 0 of its bills, then of its lines
    /// (left out when NCP's figures were never imported).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ncp_discounts: Vec<NcpDiscount>,
    /// The credits NCP granted, then the coins the member charged, from its Discount API (left
    /// out when no Discount API body was imported or synced).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ncp_credits: Vec<NcpCredit>,
    /// The product discounts NCP gave, from its Discount API (left out when none was imported
    /// or synced).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ncp_product_discounts: Vec<ProductDiscount>,
    /// The discounts NCP's getDiscountList lists (left out when none was imported or synced).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ncp_discount_list: Vec<Discount>,
}

impl Promotions {
    /// The table of what NCP applied, when it applied anything.
    fn ncp_table(&self, style: Style) -> String {
        if self.ncp_discounts.is_empty() {
            return String::new();
        }
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Month"),
                Column::text("Service"),
                Column::text("Discount"),
                Column::amount("Amount"),
            ],
        );
        for d in &self.ncp_discounts {
            t.row(vec![
                d.month.to_string(),
                d.service
                    .clone()
                    .unwrap_or_else(|| "NCP's bill".to_string()),
                d.discount.replace('_', " "),
                in_currency(d.amount, &d.currency),
            ]);
        }
        format!("\nDiscounts and credits NCP applied\n{t}\n")
    }

    /// The tables of what NCP's Discount API records.
    fn discount_api_tables(&self, style: Style) -> String {
        [
            super::ncp_discount::credits(&self.ncp_credits, style),
            super::ncp_discount::uses(&self.ncp_credits, style),
            super::ncp_discount::product_discounts(&self.ncp_product_discounts, style),
            super::ncp_discount::listed(&self.ncp_discount_list, style),
        ]
        .concat()
    }
}

impl Report for Promotions {
    fn human(&self, style: Style) -> String {
        if self.promotions.is_empty() {
            return format!(
                "{}{}{}",
                fit(
                    style,
                    "No promotions. Import them with `ncp-usage import promotions FILE`.\n"
                ),
                self.ncp_table(style),
                self.discount_api_tables(style)
            );
        }
        let mut t = Grid::new(
            style,
            vec![
                Column::text("Promotion"),
                Column::text("Service"),
                Column::text("Provision type").optional(2),
                Column::text("Pricing plan").optional(1),
                Column::amount("Provided").optional(4),
                Column::amount("Used").optional(3),
                Column::text("Benefit"),
                Column::text("Valid"),
                Column::text("Credit left"),
                Column::fixed("Runs out (projected)"),
            ],
        );
        for r in &self.promotions {
            let p = &r.promotion;
            let benefit = match (p.discount_rate, p.credit) {
                (Some(rate), Some(c)) => {
                    format!("{}% + {} KRW credit", rate.normalize(), c.grouped())
                }
                (Some(rate), None) => format!("{}% off", rate.normalize()),
                (None, Some(c)) => format!("{} KRW credit", c.grouped()),
                (None, None) => String::new(),
            };
            t.row(vec![
                p.name.clone(),
                p.service.clone(),
                p.provision_type.clone(),
                p.pricing_plan.clone(),
                p.provided.to_string(),
                p.used.to_string(),
                benefit,
                format!("{} – {}", p.valid_from, p.valid_to),
                match (r.credit_remaining, r.credit_status) {
                    (Some(k), Some(status)) if status != CreditStatus::Active => {
                        format!("{} ({})", k.grouped(), status.as_str().replace('_', " "))
                    }
                    (Some(k), _) => won(k),
                    _ => String::new(),
                },
                r.projected_run_out
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ]);
        }
        format!(
            "{t}\n{}{}",
            self.ncp_table(style),
            self.discount_api_tables(style)
        )
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![[
            "name",
            "service",
            "provision_type",
            "pricing_plan",
            "provided",
            "used",
            "discount_rate",
            "credit",
            "valid_from",
            "valid_to",
            "credit_remaining",
            "credit_status",
            "projected_run_out",
        ]
        .map(String::from)
        .to_vec()];
        for r in &self.promotions {
            let p = &r.promotion;
            rows.push(vec![
                crate::exchange::fees_format::neutralize(&p.name),
                crate::exchange::fees_format::neutralize(&p.service),
                crate::exchange::fees_format::neutralize(&p.provision_type),
                crate::exchange::fees_format::neutralize(&p.pricing_plan),
                p.provided.to_string(),
                p.used.to_string(),
                p.discount_rate
                    .map(|d| d.normalize().to_string())
                    .unwrap_or_default(),
                p.credit.map(|c| c.to_string()).unwrap_or_default(),
                p.valid_from.to_string(),
                p.valid_to.to_string(),
                r.credit_remaining
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                r.credit_status.map(|s| s.to_string()).unwrap_or_default(),
                r.projected_run_out
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ]);
        }
        Some(rows)
    }
}
