//! Views: what each command shows, computed once and rendered as a table, JSON or CSV.
//!
//! A report is a `Serialize` struct — its JSON is the contract of SPEC §12 — that also knows
//! how to draw itself for people ([`Report::human`]) and, where rows make sense, as CSV
//! ([`Report::csv`]). Library code never prints; the command line decides where output goes.

pub mod account;
pub mod accounts;
pub mod calendar;
pub mod check;
pub mod confirmation;
pub mod confirmation_html;
pub mod correction;
pub mod history;
pub mod import;
pub mod layout;
pub mod ncp_bill;
pub mod ncp_daily;
mod ncp_discount;
pub mod ncp_line;
pub mod pay;
pub mod promotions;
pub mod receipt;
pub mod rollup;
pub mod status;
pub mod trend;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use serde::Serialize;

use ncp_usage_core::money::Krw;

/// How human output may be styled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Colours and bold are allowed (a terminal without `NO_COLOR`).
    pub color: bool,
    /// The terminal width, when known.
    pub width: Option<u16>,
}

/// A command's result, renderable for people and for scripts.
pub trait Report: Serialize {
    /// The human form: tables and a few lines of text.
    fn human(&self, style: Style) -> String;

    /// The CSV form, as rows with the header first; `None` when the report has no rows.
    fn csv(&self) -> Option<Vec<Vec<String>>> {
        None
    }

    /// The JSON form's fields, before the document's `"currency": "KRW"` goes first.
    fn json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(self)
    }
}

/// A table in the house style.
pub fn table(style: Style, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = style.width {
        t.set_width(w);
    }
    if !style.color {
        t.force_no_tty();
    }
    let cells: Vec<Cell> = header
        .iter()
        .map(|h| {
            let c = Cell::new(h);
            if style.color {
                c.add_attribute(comfy_table::Attribute::Bold)
            } else {
                c
            }
        })
        .collect();
    t.set_header(cells);
    t
}

/// A right-aligned cell with an amount in won, grouped by thousands.
pub fn won(amount: Krw) -> Cell {
    Cell::new(amount.grouped()).set_alignment(CellAlignment::Right)
}

/// The registered payment method, in the one JSON shape every document uses:
/// `{"kind": "card", "label": "VISA card ****4242 (expires 2027-12)", "brand": ...}` — its
/// kind, how the portal names it, then the method's own fields; `{"kind": "none", "label":
/// "none registered"}` when there is none.
#[derive(Debug, Clone)]
pub struct MethodView {
    /// `card`, `transfer`, `deposit` or `none`.
    pub kind: String,
    /// How the portal names it.
    pub label: String,
    method: Option<ncp_usage_core::billing::account::PaymentMethod>,
}

impl MethodView {
    /// The view of a method, or of none.
    pub fn new(method: Option<&ncp_usage_core::billing::account::PaymentMethod>) -> MethodView {
        match method {
            Some(m) => MethodView {
                kind: m.kind().to_string(),
                label: m.label(),
                method: Some(m.clone()),
            },
            None => MethodView {
                kind: "none".to_string(),
                label: "none registered".to_string(),
                method: None,
            },
        }
    }
}

impl Serialize for MethodView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("label", &self.label)?;
        if let Some(m) = &self.method {
            if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(m) {
                for (k, v) in fields.iter().filter(|(k, _)| k.as_str() != "kind") {
                    map.serialize_entry(k, v)?;
                }
            }
        }
        map.end()
    }
}

/// Right-aligns the given columns of a table (amounts, counts).
pub fn align_right(t: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}
