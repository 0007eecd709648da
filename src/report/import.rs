//! What a writing command did: imports, `init`, `calendar add`, account changes.

use serde::Serialize;

use super::{Report, Style};
use crate::exchange::import::{Kind, Summary};

/// The result of `import KIND FILE`.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// What kind of file.
    pub kind: Kind,
    /// The file read (`-` for stdin).
    pub file: String,
    /// Row counts.
    #[serde(flatten)]
    pub summary: Summary,
    /// Issued bills whose month now rates differently: each got an adjustment entry (P1).
    pub adjusted_bills: Vec<crate::calendar::Month>,
}

impl Report for Imported {
    fn human(&self, _style: Style) -> String {
        let s = &self.summary;
        let mut out = format!(
            "Imported {}: {} row(s) — {} added, {} updated, {} already there.\n",
            self.file, s.rows, s.added, s.updated, s.unchanged
        );
        if !self.adjusted_bills.is_empty() {
            let months: Vec<String> = self
                .adjusted_bills
                .iter()
                .map(ToString::to_string)
                .collect();
            out.push_str(&format!(
                "Bills already issued for {} stay as issued; the difference was recorded as an adjustment (see `ncp-usage pay`).\n",
                months.join(", ")
            ));
        }
        out
    }
}

/// A one-line confirmation of a change, with its JSON form.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    /// What happened, in words.
    pub message: String,
}

impl Report for Done {
    fn human(&self, _style: Style) -> String {
        format!("{}\n", self.message)
    }
}
