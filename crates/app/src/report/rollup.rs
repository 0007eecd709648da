//! Roll-ups across accounts (`--all-accounts`, issue 15): each account's own view, headed by
//! its name, then a total per currency.
//!
//! JSON: `{"accounts": [{"account": NAME, "member_no": N, ...the account's own document}],
//! "totals": [{"currency": "KRW", "accounts": [NAMES], AMOUNT: N, ..., "covered": [...]}]}`.

use comfy_table::{Cell, CellAlignment};
use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::{table, Report, Style};
use ncp_usage_core::billing::rollup::CurrencyTotal;
use ncp_usage_core::text::plural;

/// One account's view in a roll-up.
#[derive(Debug, Clone)]
pub struct Block<T> {
    /// The account's name.
    pub account: String,
    /// Its NCP member number, when known.
    pub member_no: Option<String>,
    /// Its own view, as the command shows it for that account alone.
    pub view: T,
}

/// Every account's view and the totals per currency.
#[derive(Debug, Clone)]
pub struct Rollup<T> {
    /// What the totals sum, for people (`billed this month`).
    pub summing: &'static str,
    /// The accounts, in the order they were made.
    pub accounts: Vec<Block<T>>,
    /// One total per currency, KRW first.
    pub totals: Vec<CurrencyTotal>,
}

impl<T: Report> Rollup<T> {
    fn value(&self) -> serde_json::Result<Value> {
        let mut accounts = Vec::new();
        for b in &self.accounts {
            let mut doc = Map::new();
            doc.insert("account".to_string(), Value::String(b.account.clone()));
            doc.insert("member_no".to_string(), serde_json::to_value(&b.member_no)?);
            match b.view.json()? {
                Value::Object(fields) => doc.extend(fields),
                other => {
                    doc.insert("result".to_string(), other);
                }
            }
            accounts.push(Value::Object(doc));
        }
        let mut doc = Map::new();
        doc.insert("accounts".to_string(), Value::Array(accounts));
        doc.insert("totals".to_string(), totals_value(&self.totals)?);
        Ok(Value::Object(doc))
    }
}

/// The JSON of the totals: `[{"currency", "accounts", AMOUNT: N…, "covered": […]}]`.
pub fn totals_value(totals_of: &[CurrencyTotal]) -> serde_json::Result<Value> {
    let mut totals = Vec::new();
    for t in totals_of {
        let mut doc = Map::new();
        doc.insert("currency".to_string(), serde_json::to_value(&t.currency)?);
        doc.insert("accounts".to_string(), serde_json::to_value(&t.accounts)?);
        for (name, amount) in &t.amounts {
            doc.insert((*name).to_string(), serde_json::to_value(amount)?);
        }
        let covered: Vec<Value> = t
            .covered
            .iter()
            .map(|c| {
                serde_json::json!({
                    "account": c.account,
                    "by": c.by,
                    "integration_demand_no": c.integration_demand_no,
                })
            })
            .collect();
        doc.insert("covered".to_string(), Value::Array(covered));
        totals.push(Value::Object(doc));
    }
    Ok(Value::Array(totals))
}

impl<T: Report> Serialize for Rollup<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().map_err(S::Error::custom)?.serialize(s)
    }
}

/// `used_amount` → `Used amount`.
fn heading(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    let text: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    };
    text.replace("Vat ", "VAT ")
}

/// The totals for people: a table, one row per currency, and a line per member bill left out
/// for the integrated bill that covers it.
pub fn totals_human(
    style: Style,
    totals_of: &[CurrencyTotal],
    accounts: usize,
    summing: &str,
) -> String {
    let mut out = String::new();
    let names: Vec<&'static str> = totals_of
        .iter()
        .flat_map(|t| t.amounts.iter().map(|(n, _)| *n))
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    let mut header = vec!["Currency".to_string(), "Accounts".to_string()];
    header.extend(names.iter().map(|n| heading(n)));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = table(style, &header);
    for total in totals_of {
        let mut row = vec![
            Cell::new(total.currency.to_string()),
            Cell::new(total.accounts.len()).set_alignment(CellAlignment::Right),
        ];
        for n in &names {
            let shown = total
                .amounts
                .iter()
                .find(|(name, _)| name == n)
                .map_or_else(|| "-".to_string(), |(_, a)| a.grouped());
            row.push(Cell::new(shown).set_alignment(CellAlignment::Right));
        }
        t.add_row(row);
    }
    out.push_str(&format!(
        "Totals of {} ({}), per currency\n{t}\n",
        plural(accounts, "account", "accounts"),
        summing
    ));
    for total in totals_of {
        for c in &total.covered {
            out.push_str(&format!(
                "{}'s bill is part of {}'s integrated bill {}: counted once, in {}.\n",
                c.account, c.by, c.integration_demand_no, c.by
            ));
        }
    }
    out
}

impl<T: Report> Report for Rollup<T> {
    fn human(&self, style: Style) -> String {
        let mut out = String::new();
        for b in &self.accounts {
            let member = b
                .member_no
                .as_ref()
                .map_or_else(String::new, |m| format!(" (NCP member {m})"));
            out.push_str(&format!("== Account {}{member} ==\n", b.account));
            out.push_str(&b.view.human(style));
            out.push('\n');
        }
        out.push_str(&totals_human(
            style,
            &self.totals,
            self.accounts.len(),
            self.summing,
        ));
        out
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for b in &self.accounts {
            let mut own = b.view.csv()?.into_iter();
            let header = own.next()?;
            if rows.is_empty() {
                let mut h = vec!["account".to_string()];
                h.extend(header);
                rows.push(h);
            }
            for r in own {
                let mut row = vec![b.account.clone()];
                row.extend(r);
                rows.push(row);
            }
        }
        (!rows.is_empty()).then_some(rows)
    }

    fn json(&self) -> serde_json::Result<Value> {
        self.value()
    }
}
