//! `check`: what the ledger's self-verification found.

use serde::Serialize;

use super::{table, Report, Style};
use crate::ledger::check::Finding;

/// The `check` document.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The ledger checked.
    pub ledger: String,
    /// True when nothing was found.
    pub ok: bool,
    /// Each problem found.
    pub findings: Vec<Finding>,
}

impl Report for CheckReport {
    fn human(&self, style: Style) -> String {
        if self.ok {
            return format!("{}: ok, every check passed.\n", self.ledger);
        }
        let mut t = table(style, &["Check", "Finding"]);
        for f in &self.findings {
            t.add_row(vec![f.check.to_string(), f.detail.clone()]);
        }
        format!("{}: {} finding(s)\n{t}\n", self.ledger, self.findings.len())
    }
}
