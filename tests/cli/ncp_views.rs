//! Issue 14, "Every view reads NCP months" and item 8 of "Seen": a month NCP billed shows
//! NCP's figures in every view — `history` (source `ncp`), `trend`, `pay`, `status`,
//! `promotions`, `confirmation`, `export` — exactly and in NCP's currency, and rows NCP names
//! no region for are shown as the README says.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/views")
        .join(name)
        .display()
        .to_string()
}

/// A member who imported `files` (under fixtures/ncp/views) on 2026-02-10.
fn imported(files: &[&str]) -> Env {
    let env = Env::new().with_member();
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    env.json("2026-02-10", &args);
    env
}

fn month(doc: &Value, m: &str) -> Value {
    doc["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["month"] == m)
        .unwrap()
        .clone()
}

#[test]
fn i14_8_trend_shows_the_used_amount_of_a_month_with_only_ncps_bill() {
    let env = imported(&["demand-cost-2026-01.json"]);
    let t = env.json("2026-02-10", &["trend", "--months", "2"]);
    let jan = month(&t, "2026-01");
    assert_eq!(
        (&jan["used_amount"], &jan["billed_amount"]),
        (&json!(24_990), &json!(0))
    );
    let table = env.ok("2026-02-10", &["trend", "--months", "2"]);
    assert!(table.contains("24,990"), "{table}");
}

#[test]
fn i14_8_a_bill_only_month_is_ncps_and_never_says_no_usage_beside_its_amount() {
    let env = imported(&["demand-cost-2026-01.json"]);
    let h = env.json("2026-02-10", &["history", "--month", "2026-01"]);
    assert_eq!(h["source"], "ncp");
    assert_eq!(h["services"], json!([]));
    assert_eq!(
        (&h["totals"]["used_amount"], &h["totals"]["discount_amount"], &h["totals"]["billed_amount"]),
        (&json!(24_990), &json!(24_990), &json!(0))
    );
    let table = env.ok("2026-02-10", &["history", "--month", "2026-01"]);
    assert!(!table.contains("No usage in this period"), "{table}");
    assert!(
        table.contains("Billing amount    0 KRW (NCP's bill, VAT included)\n"),
        "{table}"
    );
    assert!(
        table.contains("NCP sent this month's bill without its per-service lines; import its getProductDemandCostList or getContractDemandCostList body to list them."),
        "{table}"
    );
}

#[test]
fn i14_8_rows_without_a_region_show_none_and_export_an_empty_cell() {
    let env = imported(&["demand-cost-2026-01.json", "product-demand-2026-01.json"]);
    let h = env.json("2026-02-10", &["history", "--month", "2026-01"]);
    let regions: Vec<(&str, &str)> = h["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["service"].as_str().unwrap(), s["region"].as_str().unwrap()))
        .collect();
    assert_eq!(regions, [("Block Storage", ""), ("Server", "")]);
    // Per-service rows say what NCP gives, the service, and no contract count NCP never gave.
    let details: Vec<(&Value, &Value)> = h["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (&s["contracts"], &s["details"]))
        .collect();
    assert_eq!(
        details,
        [
            (&Value::Null, &json!("NCP service BST")),
            (&Value::Null, &json!("NCP service VSVR"))
        ]
    );
    let table = env.ok("2026-02-10", &["history", "--month", "2026-01"]);
    assert!(table.contains("Block Storage ┆ (none)"), "{table}");
    assert!(!table.contains(" - "), "{table}");
    assert!(!table.contains("1 contract"), "{table}");
    let csv = env.ok(
        "2026-02-10",
        &["history", "--month", "2026-01", "--format", "csv"],
    );
    assert!(
        csv.contains("2026-01,Server,,20000,20000,0,,NCP service VSVR"),
        "{csv}"
    );
    let out = env.path("fees.csv");
    env.ok(
        "2026-02-10",
        &["export", "--month", "2026-01", "--output", out.to_str().unwrap()],
    );
    let file = std::fs::read_to_string(env.path("fees.csv")).unwrap();
    assert!(!file.contains("'-"), "{file}");
    let server = file.lines().find(|l| l.contains("Server")).unwrap();
    assert!(server.starts_with("2026-01,,Server,"), "{file}");
}
