//! `status`: contracts held per service and region at "now" (SPEC S1, §12).

use serde::Serialize;

use super::{align_right, table, Report, Style};
use crate::billing::status::Holding;

/// The `status` document.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The instant the status is for (RFC 3339, KST).
    pub as_of: String,
    /// Where the counts come from: `contracts` (imported contracts held that day) or
    /// `ncp YYYY-MM` (NCP's contract summary of that month).
    pub source: String,
    /// The region the rows are limited to, if any.
    pub region: Option<String>,
    /// One row per service and region.
    pub services: Vec<Holding>,
}

impl Report for Status {
    fn human(&self, style: Style) -> String {
        if self.services.is_empty() {
            return format!("No contracts held as of {}.\n", self.as_of);
        }
        let mut t = table(
            style,
            &["Service", "Region", "Contracts", "Console", "Blocked"],
        );
        for s in &self.services {
            t.add_row(vec![
                s.service.clone(),
                s.region.clone(),
                s.contracts.to_string(),
                s.console_url.clone(),
                if s.blocked {
                    "BLOCKED".to_string()
                } else {
                    String::new()
                },
            ]);
        }
        align_right(&mut t, &[2]);
        format!("Service usage status as of {}\n{t}\n", self.as_of)
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![["service", "region", "contracts", "console_url", "blocked"]
            .map(String::from)
            .to_vec()];
        rows.extend(self.services.iter().map(|s| {
            vec![
                crate::exchange::export::neutralize(&s.service),
                s.region.clone(),
                s.contracts.to_string(),
                s.console_url.clone(),
                s.blocked.to_string(),
            ]
        }));
        Some(rows)
    }
}
