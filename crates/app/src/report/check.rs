//! `check`: what the ledger's self-verification found.

use serde::Serialize;

use super::layout::{Column, Grid};
use super::{Report, Style};
use ncp_usage_core::billing::ncp::Difference;
use ncp_usage_core::text::plural;
use ncp_usage_ledger::check::Finding;

/// The `check` document.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The ledger checked.
    pub ledger: String,
    /// True when nothing was found.
    pub ok: bool,
    /// Each problem found.
    pub findings: Vec<Finding>,
    /// NCP's own sums that do not hold in the bills NCP sent (recomputed from the exact
    /// figures stored): NCP's to explain, not a fault of the ledger, so `ok` ignores them.
    pub differences: Vec<Difference>,
}

impl Report for CheckReport {
    fn human(&self, style: Style) -> String {
        if self.ok {
            return format!("{}: ok, every check passed.\n", self.ledger);
        }
        let mut t = Grid::new(style, vec![Column::fixed("Check"), Column::text("Finding")]);
        for f in &self.findings {
            t.row(vec![f.check.to_string(), f.detail.clone()]);
        }
        format!(
            "{}: {}\n{t}\n",
            self.ledger,
            plural(self.findings.len(), "finding", "findings")
        )
    }
}
