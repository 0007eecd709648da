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
}

impl Report for Imported {
    fn human(&self, _style: Style) -> String {
        let s = &self.summary;
        format!(
            "Imported {}: {} row(s) — {} added, {} updated, {} already there.\n",
            self.file, s.rows, s.added, s.updated, s.unchanged
        )
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
