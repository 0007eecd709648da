//! The fees format of SPEC §11 in one place: its columns, the row of a fee line, and the H4
//! rule for the text cells a spreadsheet reads.
//!
//! `export` writes it to files, `history --detail --format csv` is a view of the same lines,
//! and `import fees` reads either back, so the three must agree cell for cell. Every CSV
//! view neutralises its text cells the same way, and the reader undoes it for every kind of
//! file, so whatever ncp-usage writes imports back as it was.

use super::strict_csv::{required, Column};
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::statement::is_per_service;

/// The fees columns, in the order files and views write them.
pub const FEE_COLUMNS: &[Column] = &[
    required("month"),
    required("region"),
    required("service"),
    required("contract_no"),
    required("item"),
    required("quantity"),
    required("unit"),
    required("unit_price"),
    required("used_amount"),
    required("discount_amount"),
    required("estimated_payment_amount"),
];

/// The header row: the column names in order.
pub fn header() -> impl Iterator<Item = &'static str> {
    FEE_COLUMNS.iter().map(|c| c.name)
}

/// The item of one of NCP's per-service lines (getProductDemandCostList, v2 groups), which
/// name no contract, quantity, unit or price: "NCP service VSVR", NCP's service code, as
/// `history` describes the row; `None` for a contract's line. Every view leaves those cells
/// empty for such a line, so a file written from it names no contract `import fees` would
/// take for one (its empty `contract_no` is refused).
pub fn per_service_item(l: &FeeLine) -> Option<String> {
    is_per_service(l).then(|| format!("NCP service {}", l.contract_no))
}

/// The row of a line, text cells neutralised; a per-service line's contract, quantity, unit
/// and price cells empty ([`per_service_item`]).
pub fn record(l: &FeeLine) -> [String; 11] {
    if let Some(item) = per_service_item(l) {
        return [
            l.month.to_string(),
            neutralize(&l.region),
            neutralize(&l.service),
            String::new(),
            neutralize(&item),
            String::new(),
            String::new(),
            String::new(),
            l.used_amount.to_string(),
            l.discount_amount.to_string(),
            l.estimated_payment_amount.to_string(),
        ];
    }
    [
        l.month.to_string(),
        neutralize(&l.region),
        neutralize(&l.service),
        neutralize(&l.contract_no),
        neutralize(&l.item),
        l.quantity.normalize().to_string(),
        neutralize(&l.unit),
        l.unit_price.normalize().to_string(),
        l.used_amount.to_string(),
        l.discount_amount.to_string(),
        l.estimated_payment_amount.to_string(),
    ]
}

/// H4: a text cell that a spreadsheet will show as text, never run. Text beginning with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; so does text already
/// beginning with `'`, which keeps the mapping reversible ([`unneutralize`]).
pub fn neutralize(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Undoes [`neutralize`] (strips one leading `'`), so that export → import round-trips
/// exactly.
pub fn unneutralize(value: &str) -> &str {
    value.strip_prefix('\'').unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h4_neutralizes_formula_starts() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-1"), "'-1");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("\rx"), "'\rx");
        assert_eq!(neutralize("'quoted"), "''quoted");
        assert_eq!(neutralize("Server"), "Server");
    }

    #[test]
    fn h4_neutralizing_is_undone_by_the_importer() {
        for s in ["=1+1", "'x", "''y", "plain", "-5"] {
            assert_eq!(unneutralize(&neutralize(s)), s);
        }
    }
}
