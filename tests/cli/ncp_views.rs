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
    if files.is_empty() {
        return env;
    }
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
        (
            &h["totals"]["used_amount"],
            &h["totals"]["discount_amount"],
            &h["totals"]["billed_amount"]
        ),
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
        .map(|s| {
            (
                s["service"].as_str().unwrap(),
                s["region"].as_str().unwrap(),
            )
        })
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
        &[
            "export",
            "--month",
            "2026-01",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let file = std::fs::read_to_string(env.path("fees.csv")).unwrap();
    assert!(!file.contains("'-"), "{file}");
    let server = file.lines().find(|l| l.contains("Server")).unwrap();
    assert!(server.starts_with("2026-01,,Server,"), "{file}");
}

/// January (KRW, covered by a credit) and February (USD) imported on 2026-03-10, June's v2
/// bill (fractional KRW, the documented example) on 2026-08-01.
fn three_currencies() -> Env {
    let env = imported(&[]);
    env.json(
        "2026-03-10",
        &[
            "import",
            "ncp",
            &fixture("demand-cost-2026-01.json"),
            &fixture("demand-cost-2026-02-usd.json"),
        ],
    );
    env.json(
        "2026-08-01",
        &["import", "ncp", &fixture("demand-costs-v2-2026-06.json")],
    );
    env
}

const AT: &str = "2026-08-01";

#[test]
fn i14_views_history_shows_a_usd_bill_in_usd_and_a_fractional_krw_bill_exactly() {
    let env = three_currencies();
    let feb = env.json(AT, &["history", "--month", "2026-02"]);
    assert_eq!(feb["source"], "ncp");
    let bill = &feb["ncp_bill"];
    assert_eq!(
        (
            &bill["currency"],
            &bill["use_amount"],
            &bill["discounts"],
            &bill["vat_amount"],
            &bill["billed_amount"],
            &bill["exchange_rate"],
            &bill["payable_here"]
        ),
        (
            &json!("USD"),
            &json!(18.75),
            &json!({"promotion": 1.25}),
            &json!(1.75),
            &json!(19.25),
            &json!(1452.3),
            &json!(false)
        )
    );
    // Never summed with won: the ledger's KRW totals hold none of it, not even a 0 a script
    // would sum (issue 14).
    assert_eq!(feb["totals"]["billed_amount"], serde_json::Value::Null);
    let table = env.ok(AT, &["history", "--month", "2026-02"]);
    assert!(
        table.contains("Billing amount    19.25 USD (NCP's bill, VAT included; paid in NCP's portal, not summed with KRW)\n"),
        "{table}"
    );
    assert!(
        table.contains("Totals (every region)    ┆   USD"),
        "{table}"
    );
    assert!(
        table.contains("Billed amount            ┆ 19.25"),
        "{table}"
    );

    let jun = env.json(AT, &["history", "--month", "2026-06"]);
    assert_eq!(
        (
            &jun["ncp_bill"]["billed_amount"],
            &jun["ncp_bill"]["vat_amount"],
            &jun["ncp_bill"]["vat_rate"],
            &jun["totals"]["billed_amount"]
        ),
        (
            &json!(152776.8),
            &json!(13888.8),
            &json!(0.1),
            &json!(152_776)
        )
    );
    let table = env.ok(AT, &["history", "--month", "2026-06"]);
    assert!(
        table.contains("Billing amount    152,776.8 KRW (NCP's bill, VAT included; the ledger's bill: 152,776 KRW, truncated to whole won)\n"),
        "{table}"
    );
    assert!(
        table.contains("│ VAT (10 %)                        ┆  13,888.8 │"),
        "{table}"
    );
}

#[test]
fn i14_views_trend_keeps_the_usd_bill_out_of_the_krw_columns() {
    let env = three_currencies();
    let t = env.json(AT, &["trend", "--months", "8"]);
    let feb = month(&t, "2026-02");
    assert_eq!(
        (&feb["used_amount"], &feb["billed_amount"]),
        (&json!(0), &json!(0))
    );
    assert_eq!(
        feb["other_currency"],
        json!({"currency": "USD", "use_amount": 18.75, "billed_amount": 19.25, "paid_up": false})
    );
    let jun = month(&t, "2026-06");
    assert_eq!(
        (
            &jun["used_amount"],
            &jun["billed_amount"],
            &jun["paid_amount"]
        ),
        (&json!(293_208), &json!(152_776), &json!(152_776))
    );
    assert!(jun.get("other_currency").is_none());
    let table = env.ok(AT, &["trend", "--months", "8"]);
    assert!(
        table.contains("2026-02: NCP billed 19.25 USD (used 18.75), not paid up; paid in NCP's portal, not summed with KRW."),
        "{table}"
    );
}

#[test]
fn i14_views_pay_says_a_usd_bill_is_paid_in_ncps_portal() {
    let env = three_currencies();
    let p = env.json(AT, &["pay"]);
    let ncp: Vec<(&Value, &Value, &Value, &Value)> = p["ncp_bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                &b["month"],
                &b["billed_amount"],
                &b["paid_up"],
                &b["payable_here"],
            )
        })
        .collect();
    assert_eq!(
        ncp,
        [
            (&json!("2026-01"), &json!(0), &json!(true), &json!(true)),
            (
                &json!("2026-02"),
                &json!(19.25),
                &json!(false),
                &json!(false)
            ),
            (
                &json!("2026-06"),
                &json!(152776.8),
                &json!(true),
                &json!(true)
            ),
        ]
    );
    // Nothing in won is owed: the USD bill is not among the payable ones.
    assert_eq!(p["instant"]["payable_amount"], 0);
    let table = env.ok(AT, &["pay"]);
    assert!(
        table.contains("2026-02: NCP billed 19.25 USD (NCP says not paid up); it is paid in NCP's portal, as this tool pays won, and never summed with KRW.\n"),
        "{table}"
    );
}

#[test]
fn i14_views_promotions_list_what_ncp_applied_in_its_currency() {
    let env = three_currencies();
    let doc = env.json(AT, &["promotions"]);
    assert_eq!(doc["promotions"], json!([]));
    assert_eq!(
        doc["ncp_discounts"],
        json!([
            {"month": "2026-01", "service": null, "discount": "credit", "amount": 24990, "currency": "KRW"},
            {"month": "2026-02", "service": null, "discount": "promotion", "amount": 1.25, "currency": "USD"},
            {"month": "2026-06", "service": null, "discount": "promise", "amount": 15432, "currency": "KRW"},
            {"month": "2026-06", "service": null, "discount": "product", "amount": 13888.8, "currency": "KRW"},
            {"month": "2026-06", "service": null, "discount": "credit", "amount": 124999.2, "currency": "KRW"}
        ])
    );
    let table = env.ok(AT, &["promotions"]);
    assert!(
        table.contains("│ 2026-02 ┆ NCP's bill ┆ promotion ┆  1.25 USD │"),
        "{table}"
    );
}

#[test]
fn i14_views_confirmation_of_ncp_months() {
    let env = three_currencies();
    let jan = env.path("jan.html");
    let doc = env.json(
        AT,
        &[
            "confirmation",
            "--month",
            "2026-01",
            "--output",
            jan.to_str().unwrap(),
        ],
    );
    // A bill-only month confirms NCP's totals, not zeros.
    assert_eq!(
        (
            &doc["totals"]["used_amount"],
            &doc["totals"]["discount_amount"],
            &doc["totals"]["billed_amount"]
        ),
        (&json!(24_990), &json!(24_990), &json!(0))
    );
    let feb = env.path("feb.html");
    let out = env.ok(
        AT,
        &[
            "confirmation",
            "--month",
            "2026-02",
            "--output",
            feb.to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("(19.25 USD billed by NCP, paid in NCP's portal; nothing billed in KRW, nothing to pay here)"),
        "{out}"
    );
    let html = std::fs::read_to_string(&feb).unwrap();
    assert!(
        html.contains("<tr><td>Billed by NCP</td><td class=\"n\">19.25 USD</td></tr>"),
        "{html}"
    );
    let jun = env.path("jun.html");
    env.ok(
        AT,
        &[
            "confirmation",
            "--month",
            "2026-06",
            "--output",
            jun.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&jun).unwrap();
    assert!(
        html.contains("NCP's own bill of 2026-06 is 152,776.8 KRW, as NCP wrote it; the amounts above are it in whole won."),
        "{html}"
    );
}

#[test]
fn i14_views_usd_service_rows_show_ncps_dollars_not_truncated_won() {
    let env = imported(&[]);
    env.json(
        "2026-03-10",
        &[
            "import",
            "ncp",
            &fixture("demand-cost-2026-02-usd.json"),
            &fixture("product-demand-2026-02-usd.json"),
        ],
    );
    let h = env.json("2026-03-10", &["history", "--month", "2026-02"]);
    let exact: Vec<&Value> = h["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["ncp"])
        .collect();
    assert_eq!(
        exact,
        [
            &json!({"currency": "USD", "use_amount": 3.25, "discount_amount": 1.25, "estimated_payment_amount": 2}),
            &json!({"currency": "USD", "use_amount": 15.5, "discount_amount": 0, "estimated_payment_amount": 15.5}),
        ]
    );
    let table = env.ok("2026-03-10", &["history", "--month", "2026-02"]);
    assert!(
        table.contains("│ Server        ┆ (none) ┆            15.5 USD ┆"),
        "{table}"
    );
    let detail = env.json("2026-03-10", &["history", "--month", "2026-02", "--detail"]);
    // The fees format is in won: such a month is not exported as won it never was.
    let out = env.path("feb.csv");
    let e = env.fail(
        "2026-03-10",
        &[
            "export",
            "--month",
            "2026-02",
            "--output",
            out.to_str().unwrap(),
        ],
        2,
    );
    assert_eq!(
        e,
        "error: 2026-02 is NCP's bill in USD, and the fees format `export` writes is in won; `history --month 2026-02 --detail --json` shows NCP's exact figures in USD\n"
    );
    assert!(!out.exists());
    // The trend sums none of those dollars into won.
    let t = env.json("2026-03-10", &["trend", "--months", "2"]);
    let feb = month(&t, "2026-02");
    assert_eq!(
        (&feb["used_amount"], &feb["other_currency"]["use_amount"]),
        (&json!(0), &json!(18.75))
    );
    let line = &detail["lines"][1]["ncp"];
    assert_eq!(
        (
            &line["currency"],
            &line["use_amount"],
            &line["exchange_rate"],
            &line["level"]
        ),
        (
            &json!("USD"),
            &json!(15.5),
            &json!(1452.3),
            &json!("product")
        )
    );
}
