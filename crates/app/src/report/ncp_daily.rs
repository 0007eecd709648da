//! `history --month M --daily`: NCP's daily usage, one row per day, contract and metering
//! type, quantities exactly in NCP's metering unit with NCP's user-unit figure beside them
//! (getContractUsageListByDaily sends quantities, never amounts).

use std::fmt::Write as _;

use serde::Serialize;

use super::layout::{fit, shown_region, Column, Grid};
use super::{Report, Style};
use crate::exchange::fees_format::neutralize;
use ncp_usage_core::billing::ncp_daily::DailyUsage;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::Exact;
use ncp_usage_core::text::plural;

/// The `history --daily` document.
#[derive(Debug, Clone, Serialize)]
pub struct DailyHistory {
    /// The month shown.
    pub month: Month,
    /// Always `ncp`: only NCP measures daily usage.
    pub source: &'static str,
    /// The region the rows are limited to, if any.
    pub region: Option<String>,
    /// One row per day, contract, product and metering type.
    pub days: Vec<DailyUsage>,
}

impl DailyHistory {
    /// The view of a month's rows, limited to `region` when given.
    pub fn new(month: Month, rows: Vec<DailyUsage>, region: Option<String>) -> DailyHistory {
        let days = rows
            .into_iter()
            .filter(|r| {
                region
                    .as_deref()
                    .is_none_or(|want| r.region.as_deref() == Some(want))
            })
            .collect();
        DailyHistory {
            month,
            source: "ncp",
            region,
            days,
        }
    }
}

/// A quantity with its unit, grouped for people: `2,592,000 USAGE_SEC`.
fn with_unit(quantity: Option<Exact>, unit: Option<&str>) -> String {
    match (quantity, unit) {
        (Some(q), Some(u)) => format!("{} {u}", q.grouped()),
        (Some(q), None) => q.grouped(),
        (None, _) => String::new(),
    }
}

impl Report for DailyHistory {
    fn human(&self, style: Style) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "NCP daily usage  {}", self.month);
        if let Some(r) = &self.region {
            let _ = writeln!(out, "Region           {r}");
        }
        if self.days.is_empty() {
            let none = format!(
                "No NCP daily usage for {}{}. Import NCP's getContractUsageListByDaily body with `import ncp FILE.json`.\n",
                self.month,
                self.region
                    .as_deref()
                    .map(|r| format!(" in {r}"))
                    .unwrap_or_default()
            );
            out.push('\n');
            out.push_str(&fit(style, &none));
            return out;
        }
        out.push_str(&fit(
            style,
            &format!(
                "{}, quantities in NCP's metering unit and in its user unit\n",
                plural(self.days.len(), "row", "rows")
            ),
        ));
        out.push('\n');
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Date"),
                Column::fixed("Contract"),
                Column::text("Service"),
                Column::fixed("Region").optional(1),
                Column::fixed("Metering"),
                // Text, so that a unit goes under its number on a narrow terminal.
                Column::text("Quantity"),
                Column::text("User quantity").optional(2),
            ],
        );
        for d in &self.days {
            t.row(vec![
                d.date.to_string(),
                d.contract_no.clone(),
                d.service.clone(),
                shown_region(d.region.as_deref().unwrap_or_default()).to_string(),
                d.metering_type.clone(),
                with_unit(Some(d.quantity), Some(&d.unit)),
                with_unit(d.user_quantity, d.user_unit.as_deref()),
            ]);
        }
        let _ = writeln!(out, "{t}");
        out
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![[
            "date",
            "contract_no",
            "service",
            "region",
            "metering_type",
            "quantity",
            "unit",
            "user_quantity",
            "user_unit",
        ]
        .map(String::from)
        .to_vec()];
        for d in &self.days {
            rows.push(vec![
                d.date.to_string(),
                neutralize(&d.contract_no),
                neutralize(&d.service),
                d.region.as_deref().map(neutralize).unwrap_or_default(),
                neutralize(&d.metering_type),
                d.quantity.to_string(),
                neutralize(&d.unit),
                d.user_quantity.map(|q| q.to_string()).unwrap_or_default(),
                d.user_unit.as_deref().map(neutralize).unwrap_or_default(),
            ]);
        }
        Some(rows)
    }
}
