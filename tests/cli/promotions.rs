//! Promotions and credits (SPEC PR1, PR2) and the billing trend (TR1), with the projections
//! ncp-usage adds: exact discounts, credit balances, month windows and arithmetic.

use serde_json::Value;

use crate::common::Env;

const HEADER: &str = "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n";

fn service<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == name)
        .unwrap_or_else(|| panic!("no {name} in {doc}"))
}

#[test]
fn pr1_a_30_percent_promotion_on_the_41379_won_line() {
    let env = Env::new().with_member().with_february();
    let promos = env.file(
        "p.csv",
        format!("{HEADER}Launch,Server,discount,all,1,1,30,,2024-01-01,2024-12-31\n"),
    );
    env.ok(
        "2024-03-01",
        &["import", "promotions", promos.to_str().unwrap()],
    );
    let doc = env.json("2024-03-01", &["history", "--month", "2024-02", "--detail"]);
    let server = service(&doc, "Server");
    assert_eq!(server["used_amount"], 41_379);
    assert_eq!(server["discount_amount"], 12_413);
    assert_eq!(server["estimated_payment_amount"], 28_966);
    assert_eq!(service(&doc, "Load Balancer")["discount_amount"], 0);
    let line = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["contract_no"] == "KR-SVR-1")
        .unwrap();
    assert_eq!(line["discount_amount"], 12_413);
    // 28,966 + 8,400 = 37,366 → 37,300 before VAT, 3,730 VAT.
    let t = &doc["totals"];
    assert_eq!(
        (
            t["discount_amount"].as_i64(),
            t["estimated_payment_amount"].as_i64()
        ),
        (Some(12_413), Some(37_366))
    );
    assert_eq!(
        (
            t["rounddown_discount_amount"].as_i64(),
            t["vat_amount"].as_i64(),
            t["billed_amount"].as_i64()
        ),
        (Some(66), Some(3_730), Some(41_030))
    );
    // The export carries the same discount.
    let csv = env.ok(
        "2024-03-01",
        &[
            "history", "--month", "2024-02", "--detail", "--format", "csv",
        ],
    );
    assert!(
        csv.contains("KR-SVR-1,Monthly flat rate (20 of 29 days),20,day,60000,41379,12413,28966"),
        "{csv}"
    );
}

/// A metered service using 6,000 won in March and 7,000 in April 2024 (600 and 700 GB at 10
/// won), with a 10,000-won credit from 1 March.
fn credit_env() -> Env {
    let env = Env::new().with_member();
    let contracts = env.file(
        "c.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-OBJ-1,Object Storage,KR,metered,10,GB,2024-03-01,\n",
    );
    env.ok(
        "2024-03-01",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    let usage = env.file(
        "u.csv",
        "contract_no,date,quantity\nKR-OBJ-1,2024-03-10,600\nKR-OBJ-1,2024-04-10,700\nKR-OBJ-1,2024-05-10,500\n",
    );
    env.ok("2024-05-11", &["import", "usage", usage.to_str().unwrap()]);
    let promos = env.file(
        "p.csv",
        format!("{HEADER}Starter credit,Object Storage,credit,metered,1,1,,10000,2024-03-01,2024-12-31\n"),
    );
    env.ok(
        "2024-05-11",
        &["import", "promotions", promos.to_str().unwrap()],
    );
    env
}

#[test]
fn pr2_a_10000_won_credit_covers_6000_then_4000_then_nothing() {
    let env = credit_env();
    let discount = |month: &str| {
        let doc = env.json("2024-06-01", &["history", "--month", month]);
        service(&doc, "Object Storage")["discount_amount"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(discount("2024-03"), 6_000);
    assert_eq!(discount("2024-04"), 4_000);
    assert_eq!(discount("2024-05"), 0);
    let promos = env.json("2024-06-01", &["promotions"]);
    let p = &promos["promotions"][0];
    assert_eq!(p["name"], "Starter credit");
    assert_eq!(p["credit"], 10_000);
    assert_eq!(p["credit_remaining"], 0);
    assert_eq!(p["credit_status"], "used_up");
}

#[test]
fn pr2_an_expired_credit_is_never_used() {
    let env = Env::new().with_member().with_february();
    let promos = env.file(
        "p.csv",
        format!("{HEADER}Old credit,Server,credit,all,1,0,,50000,2023-01-01,2024-01-31\n"),
    );
    env.ok(
        "2024-03-01",
        &["import", "promotions", promos.to_str().unwrap()],
    );
    let doc = env.json("2024-03-01", &["history", "--month", "2024-02"]);
    assert_eq!(service(&doc, "Server")["discount_amount"], 0);
    let p = &env.json("2024-03-01", &["promotions"])["promotions"][0];
    assert_eq!(p["credit_status"], "expired");
    assert_eq!(p["credit_remaining"], 50_000);
}

#[test]
fn pr2_credit_left_and_its_projected_run_out() {
    let env = Env::new().with_member();
    let contracts = env.file(
        "c.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-9,Server,KR,monthly,30000,month,2024-06-01,\n",
    );
    env.ok(
        "2024-06-01",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    let promos = env.file(
        "p.csv",
        format!("{HEADER}Welcome,Server,credit,all,1,1,,25000,2024-06-01,2024-12-31\n"),
    );
    env.ok(
        "2024-06-01",
        &["import", "promotions", promos.to_str().unwrap()],
    );
    // 1–10 June: 30,000 × 10 ÷ 30 = 10,000 used of the credit; 1,000 a day; 15,000 left
    // lasts from the 11th to the 25th.
    let p = &env.json("2024-06-11", &["promotions"])["promotions"][0];
    assert_eq!(p["credit_remaining"], 15_000);
    assert_eq!(p["credit_status"], "active");
    assert_eq!(p["projected_run_out"], "2024-06-25");
    let out = env.ok("2024-06-11", &["promotions"]);
    assert!(
        out.contains("2024-06-25") && out.contains("15,000"),
        "{out}"
    );
}

fn months(doc: &Value) -> Vec<String> {
    doc["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn tr1_windows_end_with_the_month_of_the_day_before_now() {
    let env = Env::new();
    let doc = env.json("2024-06-05", &["--demo", "trend"]);
    assert_eq!(
        (doc["from_month"].as_str(), doc["to_month"].as_str()),
        (Some("2024-01"), Some("2024-06"))
    );
    assert_eq!(
        months(&doc),
        ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    );
    assert_eq!(doc["months"][5]["complete"], false);
    let doc = env.json("2024-06-01", &["--demo", "trend"]);
    assert_eq!(
        months(&doc),
        ["2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    );
    assert!(doc["projection"].is_null(), "June has not started accruing");
    let doc = env.json("2024-06-05", &["--demo", "trend", "--months", "12"]);
    assert_eq!(doc["from_month"], "2023-07");
    assert_eq!(doc["months"].as_array().unwrap().len(), 12);
    env.fail("2024-06-05", &["--demo", "trend", "--months", "0"], 2);
}

#[test]
fn tr1_billing_history_and_payments_per_month() {
    let env = Env::new().with_member().with_february();
    let doc = env.json("2024-03-20", &["trend"]);
    let feb = doc["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2024-02")
        .unwrap();
    assert_eq!(feb["used_amount"], 49_779);
    assert_eq!(feb["billed_amount"], 54_670);
    assert_eq!(feb["paid_amount"], 54_670);
    assert_eq!(feb["outstanding_amount"], 0);
    assert_eq!(feb["status"], "paid");
    let p = &doc["payments"][0];
    assert_eq!(
        (
            p["kind"].as_str(),
            p["method"].as_str(),
            p["paid_at"].as_str()
        ),
        (
            Some("auto"),
            Some("card"),
            Some("2024-03-10T00:00:00+09:00")
        )
    );
    assert_eq!(p["amount"], 54_670);
}

#[test]
fn trend_projects_the_running_month() {
    let env = Env::new().with_member().with_february_at("2024-02-01");
    // On 15 February: 14 days elapsed. The server runs from the 10th to month end (20 of 29
    // days: 41,379); the load balancer used 14 × 24 = 336 hours, projected over 29 days:
    // 336 × 29 ÷ 14 = 696 hours × 12 won = 8,352.
    let doc = env.json("2024-02-15", &["trend"]);
    let p = &doc["projection"];
    assert_eq!(p["month"], "2024-02");
    assert_eq!(p["used_so_far"], 10_344 + 4_032);
    assert_eq!(p["projected_used_amount"], 41_379 + 8_352);
    let out = env.ok("2024-02-15", &["trend"]);
    assert!(
        out.contains("projected month end") && out.contains("49,731"),
        "{out}"
    );
    assert!(out.contains('█'), "a bar chart: {out}");
}

#[test]
fn trend_chart_fits_the_terminal_width() {
    let env = Env::new();
    let mut cmd = env.cmd("2024-06-05");
    cmd.env("COLUMNS", "60").args(["--demo", "trend"]);
    let out = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    for line in out.lines().take_while(|l| !l.is_empty()).skip(1) {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let mut wide = env.cmd("2024-06-05");
    wide.env("COLUMNS", "200").args(["--demo", "trend"]);
    let wide = String::from_utf8(wide.output().unwrap().stdout).unwrap();
    let bars = |s: &str| {
        s.lines()
            .nth(1)
            .unwrap()
            .chars()
            .filter(|c| *c == '█')
            .count()
    };
    assert!(bars(&wide) > bars(&out), "wider terminal, longer bars");
}
