//! Issue 14, "Daily usage shown" (items 1 and 2 of "Seen"): real getContractUsageListByDaily
//! rows — CommonCode units, several metering types per contract product and day — are all
//! kept, exactly, and `history --month M --daily` lists them as JSON, a table and CSV.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v1")
        .join(name)
        .display()
        .to_string()
}

/// A member who imported January 2026's 58 daily rows on 2026-02-10.
fn january() -> Env {
    let env = Env::new().with_member();
    let doc = env.json(
        "2026-02-10",
        &["import", "ncp", &fixture("daily-usage-2026-01.json")],
    );
    assert_eq!(doc["rows"]["getContractUsageListByDaily"], 58);
    env
}

fn days(env: &Env) -> Vec<Value> {
    let doc = env.json("2026-02-10", &["history", "--month", "2026-01", "--daily"]);
    assert_eq!(doc["month"], "2026-01");
    assert_eq!(doc["source"], "ncp");
    doc["days"].as_array().unwrap().clone()
}

#[test]
fn i14_1_2_fifty_eight_rows_in_are_fifty_eight_rows_shown() {
    let env = january();
    let days = days(&env);
    assert_eq!(days.len(), 58);
    // Four meterings of one contract product on one day, each its own row.
    let jan14: Vec<&Value> = days
        .iter()
        .filter(|d| d["date"] == "2026-01-14" && d["contract_no"] == "41822930")
        .collect();
    assert_eq!(
        jan14,
        [
            &json!({"date": "2026-01-14", "contract_no": "41822930", "service": "Server",
                    "region": "KR", "metering_type": "NETOT", "quantity": 5368709120u64,
                    "unit": "USAGE_1BYTE", "user_quantity": 5, "user_unit": "GBYTE"}),
            &json!({"date": "2026-01-14", "contract_no": "41822930", "service": "Server",
                    "region": "KR", "metering_type": "VSVR", "quantity": 24996,
                    "unit": "USAGE_SEC", "user_quantity": 6.943334, "user_unit": "HOUR"}),
            &json!({"date": "2026-01-14", "contract_no": "41822930", "service": "Server",
                    "region": "KR", "metering_type": "VSVRT", "quantity": 61404,
                    "unit": "USAGE_SEC", "user_quantity": 17.056666, "user_unit": "HOUR"}),
            &json!({"date": "2026-01-14", "contract_no": "41822930", "service": "Server",
                    "region": "KR", "metering_type": "VSVR_BBST", "quantity": 53687091200u64,
                    "unit": "USAGE_1BYTE", "user_quantity": 50, "user_unit": "GBYTE"}),
        ]
    );
    // The exact figures as NCP wrote them (JSON numbers, never floats rounded on the way).
    let text = env.ok(
        "2026-02-10",
        &["history", "--month", "2026-01", "--daily", "--json"],
    );
    assert!(text.contains("\"user_quantity\": 1.149781"), "{text}");
    assert!(text.contains("\"user_quantity\": 4.01205"), "{text}");
    let storage: Vec<(&str, &Value)> = days
        .iter()
        .filter(|d| d["service"] == "Object Storage")
        .map(|d| (d["date"].as_str().unwrap(), &d["quantity"]))
        .collect();
    assert_eq!(
        storage,
        [
            ("2026-01-01", &json!(4307906150u64)),
            ("2026-01-02", &json!(4402341478u64))
        ]
    );
}

#[test]
fn i14_1_daily_table_and_csv_show_every_row() {
    let env = january();
    let table = env.ok("2026-02-10", &["history", "--month", "2026-01", "--daily"]);
    assert!(
        table.starts_with("NCP daily usage  2026-01\n58 rows,"),
        "{table}"
    );
    assert!(table.contains("24,996 USAGE_SEC"), "{table}");
    assert!(table.contains("6.943334 HOUR"), "{table}");
    let csv = env.ok(
        "2026-02-10",
        &[
            "history", "--month", "2026-01", "--daily", "--format", "csv",
        ],
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "date,contract_no,service,region,metering_type,quantity,unit,user_quantity,user_unit"
    );
    assert_eq!(lines.len(), 59);
    assert!(
        lines.contains(&"2026-01-14,41822930,Server,KR,VSVR,24996,USAGE_SEC,6.943334,HOUR"),
        "{csv}"
    );
}

#[test]
fn i14_1_a_month_without_daily_usage_says_so() {
    let env = january();
    let doc = env.json("2026-02-10", &["history", "--month", "2025-12", "--daily"]);
    assert_eq!(doc["days"], json!([]));
    let out = env.ok("2026-02-10", &["history", "--month", "2025-12", "--daily"]);
    assert_eq!(
        out,
        "NCP daily usage  2025-12\n\nNo NCP daily usage for 2025-12. Import NCP's getContractUsageListByDaily body with `import ncp FILE.json`.\n"
    );
}

#[test]
fn i14_2_importing_the_same_rows_again_changes_nothing_and_two_figures_are_refused() {
    let env = january();
    env.json(
        "2026-02-10",
        &["import", "ncp", &fixture("daily-usage-2026-01.json")],
    );
    assert_eq!(days(&env).len(), 58);
    let text = std::fs::read_to_string(fixture("daily-usage-2026-01.json")).unwrap();
    let changed = text.replacen("\"usageQuantity\": 24996", "\"usageQuantity\": 25000", 1);
    let other = env.file("other.json", changed);
    let after_same = env.dump();
    let e = env.fail(
        "2026-02-11",
        &[
            "import",
            "ncp",
            &fixture("daily-usage-2026-01.json"),
            other.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        e.contains("daily usage of contract 41822930 product 98765432 metering VSVR on 2026-01-14 is given twice with different figures (24996 USAGE_SEC in "),
        "{e}"
    );
    assert!(
        e.contains("daily-usage-2026-01.json, 25000 USAGE_SEC in ")
            && e.ends_with("other.json); import one of them\n"),
        "{e}"
    );
    assert_eq!(env.dump(), after_same);
}

#[test]
fn i14_1_commoncode_units_are_read_and_a_missing_unit_is_named() {
    let env = Env::new().with_member();
    let text = std::fs::read_to_string(fixture("daily-usage-2026-01.json")).unwrap();
    let broken = text.replacen(
        "\"unit\": {\n      \"code\": \"USAGE_SEC\",\n      \"codeName\": \"Second\"\n     },",
        "",
        1,
    );
    assert_ne!(broken, text);
    let path = env.file("broken.json", broken);
    let e = env.fail("2026-02-10", &["import", "ncp", path.to_str().unwrap()], 2);
    assert!(
        e.contains("$.getContractUsageListByDailyResponse.contractUsageListByDaily[0].usage.unit: a required field is missing"),
        "{e}"
    );
}

#[test]
fn i14_1_daily_table_fits_60_80_and_100_columns() {
    let env = january();
    for width in [60u16, 80, 100] {
        let out = env
            .cmd("2026-02-10")
            .env("COLUMNS", width.to_string())
            .args(["history", "--month", "2026-01", "--daily"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= usize::from(width),
                "a line of {} at {width} columns:\n{line}",
                line.chars().count()
            );
        }
        // No number split across lines: every day's run time is whole on one line.
        assert_eq!(text.matches("86,400").count(), 13, "{text}");
    }
}
