//! What a writing command did: imports, `init`, `calendar add`, account changes.

use serde::Serialize;

use ncp_usage_core::calendar::Month;

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
    pub adjusted_bills: Vec<Month>,
}

impl Report for Imported {
    fn human(&self, style: Style) -> String {
        let s = &self.summary;
        // `-` is what was typed; people read "standard input" (JSON keeps `-`).
        let file = match self.file.as_str() {
            "-" => "standard input",
            f => f,
        };
        let mut out = format!(
            "Imported {}: {} — {} added, {} updated, {} already there.\n",
            file,
            ncp_usage_core::text::plural(s.rows, "row", "rows"),
            s.added,
            s.updated,
            s.unchanged
        );
        out.push_str(&adjusted_line(&self.adjusted_bills));
        out = super::layout::fit(style, &out);
        out
    }
}

/// The result of `import ncp` and `sync`.
#[derive(Debug, Clone, Serialize)]
pub struct NcpImported {
    /// Always `ncp`.
    pub kind: &'static str,
    /// The files read (for `sync`, the API actions called).
    pub files: Vec<String>,
    /// `sync`: the Discount API actions NCP did not let the key read (401 or 403), skipped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    /// Accounts the import made for NCP members the ledger held no account for (issue 15).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accounts_created: Vec<AccountPart>,
    /// What went to each account, when the import wrote for an account other than the
    /// chosen one (bodies of several members, or of a member another account holds).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountPart>,
    /// What was stored (every account's together).
    #[serde(flatten)]
    pub stored: ncp_usage_ledger::ncp::Stored,
}

/// One account's part of an NCP import.
#[derive(Debug, Clone, Serialize)]
pub struct AccountPart {
    /// The account's name.
    pub name: String,
    /// Its NCP member number.
    pub member_no: Option<String>,
    /// Months whose bill NCP's figures now stand for in it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bills: Vec<Month>,
    /// Months whose per-service or per-contract amounts were replaced in it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<Month>,
}

impl AccountPart {
    /// An account's part with nothing in it yet.
    pub fn new(name: String, member_no: Option<String>) -> AccountPart {
        AccountPart {
            name,
            member_no,
            bills: Vec::new(),
            months: Vec::new(),
        }
    }

    /// Adds what an import stored for it.
    pub fn add(&mut self, stored: &ncp_usage_ledger::ncp::Stored) {
        for (mine, theirs) in [
            (&mut self.bills, &stored.bills),
            (&mut self.months, &stored.months),
        ] {
            mine.extend(theirs.iter().copied());
            mine.sort();
            mine.dedup();
        }
    }
}

impl Report for NcpImported {
    fn human(&self, style: Style) -> String {
        let mut out = String::new();
        let rows: Vec<String> = self
            .stored
            .rows
            .iter()
            .map(|(a, n)| format!("{n} from {a}"))
            .collect();
        out.push_str(&format!(
            "Imported NCP data: {}.\n",
            if rows.is_empty() {
                "no rows".to_string()
            } else {
                rows.join(", ")
            }
        ));
        if !self.stored.bills.is_empty() {
            let m: Vec<String> = self.stored.bills.iter().map(ToString::to_string).collect();
            out.push_str(&format!("NCP's bills now stand for {}.\n", m.join(", ")));
        }
        for b in &self.stored.bills_in_other_currencies {
            out.push_str(&format!(
                "NCP's bill of {} is in {}: kept exactly in it, and paid in NCP's portal.\n",
                b.month, b.currency
            ));
        }
        if !self.stored.months.is_empty() {
            let m: Vec<String> = self.stored.months.iter().map(ToString::to_string).collect();
            out.push_str(&format!(
                "NCP's amounts replace earlier figures for {} (see `ncp-usage history`).\n",
                m.join(", ")
            ));
        }
        out.push_str(&adjusted_line(&self.stored.adjusted_bills));
        for a in &self.accounts_created {
            out.push_str(&format!(
                "Created account {} for NCP member {}.\n",
                a.name,
                a.member_no.as_deref().unwrap_or("-")
            ));
        }
        for a in &self.accounts {
            let months: Vec<String> = a
                .bills
                .iter()
                .chain(&a.months)
                .map(ToString::to_string)
                .collect();
            let mut months = months;
            months.sort();
            months.dedup();
            out.push_str(&format!(
                "Account {}{}: {}.\n",
                a.name,
                a.member_no
                    .as_deref()
                    .map_or_else(String::new, |m| format!(" (NCP member {m})")),
                if months.is_empty() {
                    "NCP's records".to_string()
                } else {
                    months.join(", ")
                }
            ));
        }
        super::layout::fit(style, &out)
    }
}

/// P1: what an import says of the issued bills it adjusted (nothing when it adjusted none).
fn adjusted_line(months: &[Month]) -> String {
    if months.is_empty() {
        return String::new();
    }
    let months: Vec<String> = months.iter().map(ToString::to_string).collect();
    format!(
        "Bills already issued for {} stay as issued; the difference was recorded as an adjustment (see `ncp-usage pay`).\n",
        months.join(", ")
    )
}

/// A one-line confirmation of a change, with its JSON form.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    /// What happened, in words.
    pub message: String,
}

impl Report for Done {
    fn human(&self, style: Style) -> String {
        super::layout::fit(style, &format!("{}\n", self.message))
    }
}
