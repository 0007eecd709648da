//! `accounts`: the ledger's accounts and their month of "now" (issue 15).

use serde::Serialize;

use super::layout::{Column, Grid};
use super::rollup::{totals_human, totals_value};
use super::{Report, Style};
use ncp_usage_core::billing::account::MemberType;
use ncp_usage_core::billing::rollup::CurrencyTotal;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;
use ncp_usage_core::text::plural;

/// One account and its month of "now".
#[derive(Debug, Clone, Serialize)]
pub struct AccountRow {
    /// Its short name.
    pub name: String,
    /// Its NCP member number, when known.
    pub member_no: Option<String>,
    /// Individual or business, once `init` or `accounts add` gave the member.
    pub member_type: Option<MemberType>,
    /// The currency of its month (KRW, or the one NCP billed the month in).
    pub currency: Currency,
    /// The month of "now".
    pub month: Month,
    /// Used so far in that month, in `currency` (as `history` shows it).
    pub month_used_amount: Exact,
    /// What its issued bills still owe, in won (as `pay` shows it).
    pub outstanding_amount: Krw,
    /// Whether its services are blocked for an unpaid bill (P9).
    pub blocked: bool,
}

/// The `accounts` document.
#[derive(Debug, Clone, Serialize)]
pub struct Accounts {
    /// The instant shown.
    pub as_of: String,
    /// Every account, in the order they were made.
    pub accounts: Vec<AccountRow>,
    /// With `--all-accounts`: a total per currency (in JSON as `totals`).
    #[serde(skip)]
    pub totals: Option<Vec<CurrencyTotal>>,
}

impl Report for Accounts {
    fn human(&self, style: Style) -> String {
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Account"),
                Column::fixed("NCP member"),
                Column::fixed("Type"),
                Column::amount("Used this month"),
                Column::amount("Outstanding (KRW)"),
                Column::fixed("Blocked"),
            ],
        );
        for a in &self.accounts {
            t.row(vec![
                a.name.clone(),
                a.member_no.clone().unwrap_or_else(|| "-".to_string()),
                a.member_type
                    .map_or_else(|| "-".to_string(), |m| m.as_str().to_string()),
                format!("{} {}", a.month_used_amount.grouped(), a.currency),
                a.outstanding_amount.grouped(),
                if a.blocked { "yes" } else { "no" }.to_string(),
            ]);
        }
        let mut out = format!(
            "Accounts as of {}\n{t}\n{}\n",
            self.as_of,
            plural(self.accounts.len(), "account", "accounts")
        );
        if let Some(totals) = &self.totals {
            out.push('\n');
            out.push_str(&totals_human(
                style,
                totals,
                self.accounts.len(),
                "used this month and outstanding",
            ));
        }
        out
    }

    fn json(&self) -> serde_json::Result<serde_json::Value> {
        let mut doc = serde_json::to_value(self)?;
        if let (Some(totals), serde_json::Value::Object(fields)) = (&self.totals, &mut doc) {
            fields.insert("totals".to_string(), totals_value(totals)?);
        }
        Ok(doc)
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![[
            "name",
            "member_no",
            "member_type",
            "currency",
            "month",
            "month_used_amount",
            "outstanding_amount",
            "blocked",
        ]
        .map(String::from)
        .to_vec()];
        rows.extend(self.accounts.iter().map(|a| {
            vec![
                a.name.clone(),
                a.member_no.clone().unwrap_or_default(),
                a.member_type
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
                a.currency.to_string(),
                a.month.to_string(),
                a.month_used_amount.to_string(),
                a.outstanding_amount.won().to_string(),
                a.blocked.to_string(),
            ]
        }));
        Some(rows)
    }
}

/// What `accounts add|rename|remove` did.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// The account's row in the ledger.
    #[serde(skip)]
    pub id: i64,
    /// `added`, `renamed` or `removed`.
    pub action: &'static str,
    /// The account's name (its new name after a rename).
    pub name: String,
    /// Its name before a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

impl Changed {
    /// An account added.
    pub fn added(id: i64, name: &str) -> Changed {
        Changed {
            id,
            action: "added",
            name: name.to_string(),
            from: None,
        }
    }

    /// An account renamed.
    pub fn renamed(id: i64, from: &str, to: &str) -> Changed {
        Changed {
            id,
            action: "renamed",
            name: to.to_string(),
            from: Some(from.to_string()),
        }
    }

    /// An account removed.
    pub fn removed(id: i64, name: &str) -> Changed {
        Changed {
            id,
            action: "removed",
            name: name.to_string(),
            from: None,
        }
    }
}

impl Report for Changed {
    fn human(&self, _style: Style) -> String {
        match &self.from {
            Some(from) => format!("Account {from} renamed to {}.\n", self.name),
            None => format!("Account {} {}.\n", self.name, self.action),
        }
    }
}
