//! `status`: contracts held per service and region at "now" (SPEC S1, §12), or during an
//! earlier month.

use chrono::Datelike;
use serde::Serialize;

use super::layout::{fit, Column, Grid};
use super::{Report, Style};
use ncp_usage_core::billing::status::{Holding, OpenContract};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::text::plural;

/// The `status` document.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The instant the status is for (RFC 3339, KST).
    pub as_of: String,
    /// The month counted: the month of `as_of` (contracts held that day), or an earlier one
    /// (contracts held during it).
    pub month: Month,
    /// Whether `month` is the month of `as_of`.
    #[serde(skip)]
    pub current: bool,
    /// Where the counts come from: `contracts` (imported contracts held that day) or
    /// `ncp YYYY-MM` (NCP's contract summary of that month).
    pub source: String,
    /// The region the rows are limited to, if any.
    pub region: Option<String>,
    /// One row per service and region.
    pub services: Vec<Holding>,
    /// When nothing is counted today and NCP summarised no contracts of this month: what NCP
    /// last showed (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ncp_hint: Option<NcpHint>,
}

/// What NCP last showed of the contracts, for a `status` that counts none today.
#[derive(Debug, Clone, Serialize)]
pub struct NcpHint {
    /// The latest month NCP's contract summary was imported for (`status --month` shows it).
    pub last_summary: Option<Month>,
    /// The contracts NCP's latest per-contract lines show open today.
    pub open: Option<NcpOpen>,
}

/// The contracts NCP's per-contract lines of a month show open today.
#[derive(Debug, Clone, Serialize)]
pub struct NcpOpen {
    /// The month of those lines.
    pub month: Month,
    /// The contracts, by region, service and number.
    pub contracts: Vec<OpenContract>,
}

impl Status {
    /// "No contracts held as of …", saying where the count comes from and, when the ledger
    /// has NCP's data, what NCP last showed and how to count NCP's.
    fn none_held(&self) -> String {
        let Some(h) = &self.ncp_hint else {
            return format!("No contracts held as of {}.\n", self.as_of);
        };
        let mut out = format!(
            "No contracts held as of {}, by the contracts imported (`import contracts`): NCP's contract summary of {} (getContractSummaryList) is not in the ledger; `sync` or `import ncp` it to count NCP's.\n",
            self.as_of, self.month
        );
        if let Some(open) = &h.open {
            let listed: Vec<String> = open
                .contracts
                .iter()
                .map(|c| {
                    // NCP writes 2999-12-31 for a contract with no end set.
                    let end = if c.ends_on.year() >= 2999 {
                        String::new()
                    } else {
                        format!(", until {}", c.ends_on)
                    };
                    format!("{} {} {}{end}", c.service, c.region, c.contract_no)
                })
                .collect();
            out.push_str(&format!(
                "NCP's contract lines of {} show {} open today: {}.\n",
                open.month,
                plural(open.contracts.len(), "contract", "contracts"),
                listed.join("; ")
            ));
        }
        if let Some(m) = h.last_summary {
            out.push_str(&format!(
                "NCP's latest contract summary is of {m}: `ncp-usage status --month {m}`.\n"
            ));
        }
        out
    }
}

impl Report for Status {
    fn human(&self, style: Style) -> String {
        if self.services.is_empty() {
            return if self.current {
                fit(style, &self.none_held())
            } else {
                fit(
                    style,
                    &format!(
                        "No contracts held in {} (as of {}).\n",
                        self.month, self.as_of
                    ),
                )
            };
        }
        let mut t = Grid::new(
            style,
            vec![
                Column::text("Service"),
                Column::fixed("Region"),
                Column::amount("Contracts"),
                Column::fixed("Console").optional(1).unmentioned(),
                Column::fixed("Blocked"),
            ],
        );
        let mut consoles: Vec<(&str, &str)> = Vec::new();
        for s in &self.services {
            t.row(vec![
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
            if !consoles.iter().any(|(r, _)| *r == s.region) {
                consoles.push((&s.region, &s.console_url));
            }
        }
        // The console link depends on the region only: when the column does not fit, one
        // line per region under the table keeps the URL whole.
        let mut out = if self.current {
            format!("Service usage status as of {}\n{t}\n", self.as_of)
        } else {
            let counted = if self.source == "contracts" {
                "the contracts held during the month"
            } else {
                "NCP's contract summary of the month"
            };
            let heading = format!(
                "Service usage status of {}: {counted} (as of {})\n",
                self.month, self.as_of
            );
            format!("{}{t}\n", fit(style, &heading))
        };
        if t.shows(3) {
            return out;
        }
        let width = consoles.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        out.push_str("Consoles\n");
        for (region, url) in consoles {
            out.push_str(&format!("  {region:<width$}  {url}\n"));
        }
        out
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![["service", "region", "contracts", "console_url", "blocked"]
            .map(String::from)
            .to_vec()];
        rows.extend(self.services.iter().map(|s| {
            vec![
                crate::exchange::fees_format::neutralize(&s.service),
                s.region.clone(),
                s.contracts.to_string(),
                s.console_url.clone(),
                s.blocked.to_string(),
            ]
        }));
        Some(rows)
    }
}
