//! `calendar list`: the holidays business days skip (SPEC C1).

use serde::Serialize;

use super::layout::{Column, Grid};
use super::{Report, Style};
use ncp_usage_core::text::plural;
use ncp_usage_ledger::holidays::Holiday;

/// The `calendar list` document.
#[derive(Debug, Clone, Serialize)]
pub struct Holidays {
    /// The year shown, if limited to one.
    pub year: Option<i32>,
    /// The holidays by date.
    pub holidays: Vec<Holiday>,
}

impl Report for Holidays {
    fn human(&self, style: Style) -> String {
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Date"),
                Column::fixed("Day"),
                Column::text("Name"),
                Column::fixed("Source"),
            ],
        );
        for h in &self.holidays {
            t.row(vec![
                h.date.to_string(),
                h.date.format("%a").to_string(),
                h.name.clone(),
                h.source.clone(),
            ]);
        }
        format!(
            "{t}\n{}\n",
            plural(self.holidays.len(), "holiday", "holidays")
        )
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![vec!["date".to_string(), "name".to_string()]];
        rows.extend(self.holidays.iter().map(|h| {
            vec![
                h.date.to_string(),
                crate::exchange::fees_format::neutralize(&h.name),
            ]
        }));
        Some(rows)
    }
}
