//! Issue 14, what the user reads about NCP months tells the truth: a bill NCP revises after
//! the ledger issued it shows NCP's figure, says by how much and when it was corrected, and
//! the month whose bill carries the correction says so (history table, JSON, CSV, trend and
//! pay agree); a USD month is NCP's bill in `pay`, never a 0-won bill "paid"; `promotions`
//! counts each NCP discount once; a zero bill's confirmation says nothing is billed; a v2
//! group line names no contract; the CSV of a bill without lines carries the bill.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(path)
        .display()
        .to_string()
}

/// A member whose account opened on `since`.
fn member_since(since: &str) -> Env {
    let env = Env::new();
    env.ok(
        since,
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
        ],
    );
    env
}

fn import(env: &Env, as_of: &str, files: &[String]) {
    let mut args = vec!["import", "ncp"];
    args.extend(files.iter().map(String::as_str));
    env.ok(as_of, &args);
}

/// stdout of `args` at a terminal `width` columns wide; no line is wider.
fn at_width(env: &Env, width: u16, as_of: &str, args: &[&str]) -> String {
    let out = env
        .cmd(as_of)
        .env("COLUMNS", width.to_string())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            line.chars().count() <= usize::from(width),
            "{width}: {line}"
        );
    }
    text
}

/// NCP's October 2026 bill (152,776.8, written 11-01) with its lines, imported on 11-12;
/// then NCP's revision written 11-20 (use +10,000: 163,776.8 with VAT), imported on 11-25,
/// after the ledger had issued October's bill at 152,776.
fn revised() -> Env {
    let env = member_since("2026-10-01");
    import(
        &env,
        "2026-11-12",
        &[
            fixture("v1/stranger-bill-2026-10.json"),
            fixture("v1/stranger-product-2026-10.json"),
        ],
    );
    let text = std::fs::read_to_string(fixture("v1/stranger-bill-2026-10.json")).unwrap();
    let text = text
        .replace("293208.5", "303208.5")
        .replace(
            "\"thisMonthDemandAmount\": 138888.0",
            "\"thisMonthDemandAmount\": 148888.0",
        )
        .replace(
            "\"thisMonthVatAmount\": 13888.8",
            "\"thisMonthVatAmount\": 14888.8",
        )
        .replace("152776.8", "163776.8")
        .replace("2026-11-01T08:02:40", "2026-11-20T08:02:40");
    let path = env.file("revised.json", text);
    import(&env, "2026-11-25", &[path.display().to_string()]);
    env
}

const DEC: &str = "2026-12-05";

#[test]
fn ncp_views2_a_revised_bill_shows_ncps_figure_and_says_it_was_corrected() {
    let env = revised();
    let oct = env.json(DEC, &["history", "--month", "2026-10"]);
    assert_eq!(
        oct["totals"],
        json!({"used_amount": 303208, "discount_amount": 154320,
               "estimated_payment_amount": 148888, "rounddown_discount_amount": 0,
               "vat_amount": 14888, "billed_amount": 163776})
    );
    assert_eq!(oct["ncp_bill"]["billed_amount"], json!(163776.8));
    assert_eq!(oct["issued_billed_amount"], 152776);
    let correction = json!([{"month": "2026-10", "amount": 11000,
        "recorded_at": "2026-11-25T00:00:00+09:00", "carried_into": "2026-11",
        "reason": "NCP's bill for 2026-10 (163,776 KRW) differs from the issued bill"}]);
    assert_eq!(oct["corrections"], correction);
    assert!(oct.get("carried_in").is_none(), "{oct}");

    // Before the next bill is issued, nothing carries it yet.
    let before = env.json("2026-11-25", &["history", "--month", "2026-10"]);
    assert_eq!(before["corrections"][0]["carried_into"], Value::Null);
    let table = env.ok("2026-11-25", &["history", "--month", "2026-10"]);
    assert!(table.contains("Corrected         +11,000 KRW on 2026-11-25 (NCP's bill for 2026-10 (163,776 KRW) differs from the issued bill); the next bill issued carries it\n"), "{table}");

    // The month whose bill carries it says so.
    let nov = env.json(DEC, &["history", "--month", "2026-11"]);
    assert_eq!(nov["carried_in"], correction);
    assert!(nov.get("corrections").is_none(), "{nov}");

    // pay bills October as issued and November with the correction; trend agrees, with
    // NCP's used amount for October.
    let pay = env.json(DEC, &["pay"]);
    let billed: Vec<(&Value, &Value)> = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (&b["month"], &b["billed_amount"]))
        .collect();
    assert_eq!(
        billed,
        [
            (&json!("2026-10"), &json!(152776)),
            (&json!("2026-11"), &json!(11000))
        ]
    );
    let trend = env.json(DEC, &["trend", "--months", "3"]);
    let months: Vec<(&Value, &Value, &Value)> = trend["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (&m["month"], &m["used_amount"], &m["billed_amount"]))
        .collect();
    assert_eq!(
        months,
        [
            (&json!("2026-10"), &json!(303208), &json!(152776)),
            (&json!("2026-11"), &json!(0), &json!(11000)),
            (&json!("2026-12"), &json!(0), &json!(0))
        ]
    );
    assert_eq!(trend["months"][0]["corrections"], correction);
    let table = env.ok(DEC, &["trend", "--months", "3"]);
    assert!(table.contains("2026-10 │"), "{table}");
    assert!(table.contains(" 303,208\n"), "{table}");
    assert!(table.ends_with("2026-10: bill corrected by +11,000 KRW on 2026-11-25 (NCP's bill for 2026-10 (163,776 KRW) differs from the issued bill); carried into the 2026-11 bill, as `pay` lists it.\n"), "{table}");
}

#[test]
fn ncp_views2_the_corrected_month_and_the_carrying_month_say_it_in_csv() {
    let env = revised();
    assert_eq!(
        env.ok(DEC, &["history", "--month", "2026-10", "--format", "csv"]),
        "month,service,region,used_amount,discount_amount,estimated_payment_amount,contracts,details\n\
         2026-10,Object Storage,,0,0,0,,NCP service OBJST\n\
         2026-10,Block Storage,KR,0,0,0,,NCP service BST\n\
         2026-10,Server(VPC),KR,293208,154320,138888,,NCP service VSVR\n\
         2026-10,,,,,,,\"Corrected +11,000 KRW on 2026-11-25 (NCP's bill for 2026-10 (163,776 KRW) differs from the issued bill); carried into the 2026-11 bill, as `pay` lists it\"\n"
    );
    assert_eq!(
        env.ok(DEC, &["history", "--month", "2026-11", "--format", "csv"]),
        "month,service,region,used_amount,discount_amount,estimated_payment_amount,contracts,details\n\
         2026-11,,,,,,,\"Carried in +11,000 KRW correcting the 2026-10 bill (recorded on 2026-11-25), billed with this month's bill, as `pay` lists it\"\n"
    );
}

#[test]
fn ncp_views2_the_corrected_months_tables_at_60_80_100_columns() {
    let env = revised();
    let oct = ["history", "--month", "2026-10"];
    let nov = ["history", "--month", "2026-11"];
    let heads = [
        (
            60,
            "Billing amount    163,776.8 KRW over (none), KR (NCP's bill,\n\
             \x20                 VAT included; the ledger's bill: 152,776\n\
             \x20                 KRW, corrected by +11,000 KRW since, see\n\
             \x20                 below)\n\
             Corrected         +11,000 KRW on 2026-11-25 (NCP's bill for\n\
             \x20                 2026-10 (163,776 KRW) differs from the\n\
             \x20                 issued bill); carried into the 2026-11\n\
             \x20                 bill, as `pay` lists it\n\
             Payment method",
            "Billing amount    0 KRW over no region in use (VAT included)\n\
             Carried in        +11,000 KRW correcting the 2026-10 bill\n\
             \x20                 (recorded on 2026-11-25), billed with this\n\
             \x20                 month's bill, as `pay` lists it\n\
             Payment method",
        ),
        (
            80,
            "Billing amount    163,776.8 KRW over (none), KR (NCP's bill, VAT included; the\n\
             \x20                 ledger's bill: 152,776 KRW, corrected by +11,000 KRW since,\n\
             \x20                 see below)\n\
             Corrected         +11,000 KRW on 2026-11-25 (NCP's bill for 2026-10 (163,776\n\
             \x20                 KRW) differs from the issued bill); carried into the 2026-11\n\
             \x20                 bill, as `pay` lists it\n\
             Payment method",
            "Billing amount    0 KRW over no region in use (VAT included)\n\
             Carried in        +11,000 KRW correcting the 2026-10 bill (recorded on\n\
             \x20                 2026-11-25), billed with this month's bill, as `pay` lists it\n\
             Payment method",
        ),
        (
            100,
            "Billing amount    163,776.8 KRW over (none), KR (NCP's bill, VAT included; the ledger's bill:\n\
             \x20                 152,776 KRW, corrected by +11,000 KRW since, see below)\n\
             Corrected         +11,000 KRW on 2026-11-25 (NCP's bill for 2026-10 (163,776 KRW) differs from the\n\
             \x20                 issued bill); carried into the 2026-11 bill, as `pay` lists it\n\
             Payment method",
            "Billing amount    0 KRW over no region in use (VAT included)\n\
             Carried in        +11,000 KRW correcting the 2026-10 bill (recorded on 2026-11-25), billed with this\n\
             \x20                 month's bill, as `pay` lists it\n\
             Payment method",
        ),
    ];
    for (width, oct_head, nov_head) in heads {
        let table = at_width(&env, width, DEC, &oct);
        assert!(table.contains(oct_head), "{width}:\n{table}");
        // The table's totals are NCP's revised bill.
        assert!(table.contains("163,776.8"), "{width}:\n{table}");
        let table = at_width(&env, width, DEC, &nov);
        assert!(table.contains(nov_head), "{width}:\n{table}");
    }
}

/// A member since June 2024: the ledger issues its own 0-won June bill on 07-03; NCP's USD
/// bill for June arrives on 07-06.
#[test]
fn ncp_views2_pay_shows_a_usd_month_as_ncps_bill_not_a_0_won_bill_paid() {
    let env = member_since("2024-06-01");
    let before = env.json("2024-07-05", &["pay"]);
    assert_eq!(before["bills"][0]["billed_amount"], 0);
    import(
        &env,
        "2024-07-06",
        &[fixture("v1/demand-cost-2024-06-usd.json")],
    );
    let pay = env.json("2024-07-06", &["pay"]);
    assert_eq!(pay["bills"], json!([]));
    assert_eq!(pay["ncp_bills"][0]["billed_amount"], json!(124.3));
    assert_eq!(pay["ncp_bills"][0]["currency"], "USD");
    let tables = [
        (
            60,
            "No bill in KRW has been issued.\n\
             2024-06: NCP billed 124.3 USD (NCP says not paid up); it is\n\
             paid in NCP's portal, as this tool pays won, and never\n\
             summed with KRW.\n",
        ),
        (
            80,
            "No bill in KRW has been issued.\n\
             2024-06: NCP billed 124.3 USD (NCP says not paid up); it is paid in NCP's\n\
             portal, as this tool pays won, and never summed with KRW.\n",
        ),
        (
            100,
            "No bill in KRW has been issued.\n\
             2024-06: NCP billed 124.3 USD (NCP says not paid up); it is paid in NCP's portal, as this tool pays\n\
             won, and never summed with KRW.\n",
        ),
    ];
    for (width, head) in tables {
        let table = at_width(&env, width, "2024-07-06", &["pay"]);
        assert_eq!(
            table,
            format!("{head}Payment method    none registered\nInstant payment   open, but nothing is owed\n"),
            "{width}"
        );
    }
}

/// NCP's October 2026 bill whose promise discount is 1,000 above its lines' (16,432 against
/// Server(VPC)'s 15,432): the lines' discounts are listed per service, and the bill only for
/// the 1,000 no line names.
#[test]
fn ncp_views2_promotions_count_each_ncp_discount_once() {
    let env = member_since("2026-10-01");
    import(
        &env,
        "2026-11-12",
        &[
            fixture("v1/demand-cost-2026-10-credit.json"),
            fixture("v1/product-demand-2026-10-credit.json"),
        ],
    );
    let doc = env.json("2026-11-12", &["promotions"]);
    assert_eq!(
        doc["ncp_discounts"],
        json!([
            {"month": "2026-10", "service": "Server(VPC)", "discount": "credit", "amount": 124999.2, "currency": "KRW"},
            {"month": "2026-10", "service": "Server(VPC)", "discount": "product", "amount": 13888.8, "currency": "KRW"},
            {"month": "2026-10", "service": "Server(VPC)", "discount": "promise", "amount": 15432, "currency": "KRW"}
        ])
    );

    let env = member_since("2026-10-01");
    let text = std::fs::read_to_string(fixture("v1/stranger-bill-2026-10.json")).unwrap();
    let text = text
        .replace("\"useAmount\": 293208.5", "\"useAmount\": 294208.5")
        .replace(
            "\"promiseDiscountAmount\": 15432.0",
            "\"promiseDiscountAmount\": 16432.0",
        );
    let bill = env.file("bill.json", text);
    import(
        &env,
        "2026-11-12",
        &[
            bill.display().to_string(),
            fixture("v1/stranger-product-2026-10.json"),
        ],
    );
    let doc = env.json("2026-11-12", &["promotions"]);
    assert_eq!(
        doc["ncp_discounts"],
        json!([
            {"month": "2026-10", "service": "Server(VPC)", "discount": "credit", "amount": 124999.2, "currency": "KRW"},
            {"month": "2026-10", "service": "Server(VPC)", "discount": "product", "amount": 13888.8, "currency": "KRW"},
            {"month": "2026-10", "service": "Server(VPC)", "discount": "promise", "amount": 15432, "currency": "KRW"},
            {"month": "2026-10", "service": null, "discount": "promise", "amount": 1000, "currency": "KRW"}
        ])
    );
    let table = "Discounts and credits NCP applied\n\
        ┌─────────┬─────────────┬──────────┬───────────┐\n\
        │ Month   ┆ Service     ┆ Discount ┆    Amount │\n\
        ╞═════════╪═════════════╪══════════╪═══════════╡\n\
        │ 2026-10 ┆ Server(VPC) ┆ credit   ┆ 124,999.2 │\n\
        │ 2026-10 ┆ Server(VPC) ┆ product  ┆  13,888.8 │\n\
        │ 2026-10 ┆ Server(VPC) ┆ promise  ┆    15,432 │\n\
        │ 2026-10 ┆ NCP's bill  ┆ promise  ┆     1,000 │\n\
        └─────────┴─────────────┴──────────┴───────────┘\n";
    for width in [60, 80, 100] {
        let out = at_width(&env, width, "2026-11-12", &["promotions"]);
        assert!(out.contains(table), "{width}:\n{out}");
    }
}

/// June 2024's confirmation at `as_of`, written to june.html: the line it prints, the document.
fn june_confirmation(env: &Env, as_of: &str) -> (String, String) {
    let out = env.path("june.html");
    let line = env.ok(
        as_of,
        &[
            "confirmation",
            "--month",
            "2024-06",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let line = line.replace(&out.display().to_string(), "june.html");
    (line, std::fs::read_to_string(&out).unwrap())
}

#[test]
fn ncp_views2_the_confirmation_of_a_zero_bill_says_nothing_is_billed() {
    let env = member_since("2024-06-01");
    let (line, html) = june_confirmation(&env, "2024-07-05");
    assert_eq!(
        line,
        "Issued usage confirmation UC-202406-000001 for 2024-06 (nothing billed, nothing to pay) to june.html.\n"
    );
    assert!(
        html.contains(
            "id=\"status\">paid</span> — nothing billed, nothing to pay (the bill of 2024-06)"
        ),
        "{html}"
    );

    import(
        &env,
        "2024-07-06",
        &[fixture("v1/demand-cost-2024-06-usd.json")],
    );
    let (line, _) = june_confirmation(&env, "2024-07-06");
    assert_eq!(
        line,
        "Issued usage confirmation UC-202406-000001 for 2024-06 (124.3 USD billed by NCP, paid in NCP's portal; nothing billed in KRW, nothing to pay here) to june.html (reissue no. 1).\n"
    );
}

/// v2 billing-item group lines alone: per-service figures, no contract behind them.
#[test]
fn ncp_views2_a_v2_group_line_names_no_contract() {
    let env = member_since("2026-06-01");
    import(
        &env,
        "2026-07-05",
        &[fixture("v2/billing-item-group-costs-2026-06.json")],
    );
    let doc = env.json("2026-07-05", &["history", "--month", "2026-06"]);
    let rows: Vec<(&Value, &Value, &Value)> = doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (&s["service"], &s["contracts"], &s["details"]))
        .collect();
    assert_eq!(
        rows,
        [
            (
                &json!("Block Storage"),
                &Value::Null,
                &json!("NCP service BST")
            ),
            (
                &json!("Server (VPC)"),
                &Value::Null,
                &json!("NCP service VSVR")
            ),
        ]
    );
    let csv = env.ok(
        "2026-07-05",
        &["history", "--month", "2026-06", "--format", "csv"],
    );
    assert!(
        csv.contains(
            "2026-06,Block Storage,,138888,138888,0,,NCP service BST\n\
             2026-06,Server (VPC),,154320,15432,138888,,NCP service VSVR\n"
        ),
        "{csv}"
    );
}

/// `history --format csv` of `month` for a member since `since` who imported NCP's bill
/// `file` alone on `as_of`.
fn bill_only_csv(since: &str, as_of: &str, file: &str, month: &str) -> String {
    let env = member_since(since);
    import(&env, as_of, &[fixture(file)]);
    env.ok(as_of, &["history", "--month", month, "--format", "csv"])
}

#[test]
fn ncp_views2_the_csv_of_a_bill_without_lines_carries_the_bill() {
    assert_eq!(
        bill_only_csv("2026-10-01", "2026-11-02", "v1/stranger-bill-2026-10.json", "2026-10"),
        "month,service,region,used_amount,discount_amount,estimated_payment_amount,contracts,details\n\
         2026-10,,,293208,154320,138888,,NCP's bill; NCP sent no per-service lines for this month\n"
    );
    assert_eq!(
        bill_only_csv("2024-06-01", "2024-07-02", "v1/demand-cost-2024-06-usd.json", "2024-06"),
        "month,service,region,currency,used_amount,discount_amount,estimated_payment_amount,contracts,details\n\
         2024-06,,,USD,123.45,10.45,113,,NCP's bill; NCP sent no per-service lines for this month\n"
    );
}
