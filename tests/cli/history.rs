//! `history` / `usage` (SPEC H1–H4, M2, M3): the February 2024 figures, exactly.

use crate::common::Env;

#[test]
fn h1_m2_m3_february_2024_totals() {
    let env = Env::new().with_member().with_february();
    let doc = env.json("2024-03-05", &["history", "--month", "2024-02"]);
    assert_eq!(doc["month"], "2024-02");
    assert_eq!(doc["period"]["from"], "2024-02-01");
    assert_eq!(doc["period"]["to"], "2024-02-29");
    assert_eq!(doc["payment_method"]["kind"], "card");
    assert_eq!(doc["billing_email"], "minji@example.com");
    let t = &doc["totals"];
    assert_eq!(t["used_amount"], 49_779);
    assert_eq!(t["discount_amount"], 0);
    assert_eq!(t["estimated_payment_amount"], 49_779);
    assert_eq!(t["rounddown_discount_amount"], 79);
    assert_eq!(t["vat_amount"], 4_970);
    assert_eq!(t["billed_amount"], 54_670);
    let services = doc["services"].as_array().unwrap();
    assert_eq!(services.len(), 2);
    assert_eq!(services[0]["service"], "Load Balancer");
    assert_eq!(services[0]["used_amount"], 8_400);
    assert_eq!(services[1]["service"], "Server");
    assert_eq!(services[1]["used_amount"], 41_379);
    assert_eq!(doc["regions"][0]["region"], "KR");
    assert_eq!(doc["regions"][0]["estimated_payment_amount"], 49_779);
}

#[test]
fn h2_h3_current_month_runs_to_the_day_before_now() {
    // Imported on 1 February, so a read on the 15th sees it (T2).
    let env = Env::new().with_member().with_february_at("2024-02-01");
    // Read-only commands may look at an earlier instant (T2).
    let doc = env.json("2024-02-15T09:00", &["history", "--month", "2024-02"]);
    assert_eq!(doc["period"]["to"], "2024-02-14");
    assert_eq!(doc["period"]["days"], 14);
    let server = doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "Server")
        .unwrap();
    // 10th–14th: 60,000 × 5 ÷ 29 = 10,344.
    assert_eq!(server["used_amount"], 10_344);
    // 14 days × 24 hours × 12 won.
    let lb = doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "Load Balancer")
        .unwrap();
    assert_eq!(lb["used_amount"], 14 * 24 * 12);
}

#[test]
fn h2_on_the_first_nothing_has_accrued() {
    let env = Env::new().with_member().with_february();
    let doc = env.json("2024-03-01", &["history", "--month", "2024-03"]);
    assert_eq!(doc["period"]["from"], "2024-03-01");
    assert!(doc["period"]["to"].is_null());
    assert_eq!(doc["services"].as_array().unwrap().len(), 0);
    assert_eq!(doc["totals"]["billed_amount"], 0);
}

#[test]
fn usage_alias_region_filter_and_detail_lines() {
    let env = Env::new().with_member().with_february();
    let doc = env.json(
        "2024-03-05",
        &["usage", "--month", "2024-02", "--region", "KR", "--detail"],
    );
    assert_eq!(doc["region"], "KR");
    assert_eq!(doc["totals"]["billed_amount"], 54_670);
    let lines = doc["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    let server = &lines[1];
    assert_eq!(server["contract_no"], "KR-SVR-1");
    assert_eq!(server["item"], "Monthly flat rate (20 of 29 days)");
    assert_eq!(server["quantity"], 20);
    assert_eq!(server["unit"], "day");
    assert_eq!(server["used_amount"], 41_379);
    assert_eq!(lines[0]["quantity"], 700);
    assert_eq!(lines[0]["unit_price"], 12);

    // A region the ledger has nothing in is refused with the regions in use.
    let e = env.fail(
        "2024-03-05",
        &["history", "--month", "2024-02", "--region", "SGN"],
        2,
    );
    assert!(
        e.contains("--region 'SGN' is not a region in use; give a region code: KR"),
        "{e}"
    );
}

#[test]
fn h4_detail_as_csv_is_the_fees_format() {
    let env = Env::new().with_member().with_february();
    let csv = env.ok(
        "2024-03-05",
        &[
            "history", "--month", "2024-02", "--detail", "--format", "csv",
        ],
    );
    assert_eq!(
        csv,
        "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
         2024-02,KR,Load Balancer,KR-LB-1,Metered (hour),700,hour,12,8400,0,8400\n\
         2024-02,KR,Server,KR-SVR-1,Monthly flat rate (20 of 29 days),20,day,60000,41379,0,41379\n"
    );
}

#[test]
fn human_table_shows_the_bill() {
    let env = Env::new().with_member().with_february();
    let out = env.ok("2024-03-05", &["history", "--month", "2024-02"]);
    assert!(
        out.contains("Period of usage   2024-02-01 – 2024-02-29 (29 days)"),
        "{out}"
    );
    assert!(out.contains("54,670"), "{out}");
    assert!(out.contains("41,379"), "{out}");
    assert!(
        out.contains("VISA card ****4242 (expires 2027-12)"),
        "{out}"
    );
}

#[test]
fn future_and_malformed_months_are_refused() {
    let env = Env::new().with_member();
    let e = env.fail("2024-03-05", &["history", "--month", "2024-04"], 2);
    assert!(e.contains("2024-04 has not started"), "{e}");
    for bad in ["2024-13", "0000-00", "2024-2", "24-02"] {
        let e = env.fail("2024-03-05", &["history", "--month", bad], 2);
        assert!(e.contains("is not a month"), "{e}");
    }
}

#[test]
fn demo_ledger_shows_a_realistic_month() {
    let out = Env::new().ok(
        "2024-06-15",
        &["--demo", "history", "--month", "2024-05", "--json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let regions: Vec<&str> = doc["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions, ["JPN", "KR", "SGN"]);
    assert!(doc["services"].as_array().unwrap().len() >= 8);
    let t = &doc["totals"];
    let sum: i64 = doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["estimated_payment_amount"].as_i64().unwrap())
        .sum();
    assert_eq!(t["estimated_payment_amount"].as_i64().unwrap(), sum);
    assert_eq!(
        t["billed_amount"].as_i64().unwrap(),
        (sum - sum % 100) + (sum - sum % 100) / 10
    );
}
