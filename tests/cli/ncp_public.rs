//! The outside oracle: public Billing API responses nobody here wrote, of one account's
//! January 2022 (`fixtures/ncp/SOURCES.md`), imported together as a user would save them:
//! the bill (a partner-priced view: use amounts only), the 8 per-service rows, and the first
//! page (2 of 52 rows) of the contract rows filtered to Block Storage.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v1")
        .join(name)
        .display()
        .to_string()
}

const PUBLIC: [&str; 3] = [
    "demand-cost-2022-01-partner.json",
    "product-demand-2022-01-public.json",
    "contract-demand-bst-2022-01-page1.json",
];

fn imported() -> (Env, Value, String) {
    let env = Env::new();
    env.ok(
        "2021-12-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    let files: Vec<String> = PUBLIC.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["--json", "import", "ncp"];
    args.extend(files.iter().map(String::as_str));
    let out = env.run("2022-03-01", &args);
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    (env, doc, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn public_bodies_show_every_service_and_ncps_figures_with_their_gaps_named() {
    let (env, doc, stderr) = imported();
    // NCP's own arithmetic does not hold in a partner-priced view, and the contract page is
    // 2 rows of 52: each is a difference, and a warning line.
    let differences = doc["differences"].as_array().expect("differences");
    let kinds: Vec<(&str, &str)> = differences
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap(),
                d["month"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(kinds.contains(&("incomplete_page", "2022-01")), "{kinds:?}");
    assert!(kinds.contains(&("demand", "2022-01")), "{kinds:?}");
    assert!(kinds.contains(&("demand", "2022-02")), "{kinds:?}");
    let demand = differences
        .iter()
        .find(|d| d["kind"] == "demand" && d["month"] == "2022-01")
        .unwrap();
    assert_eq!(demand["ncp_amount"], 0);
    assert_eq!(demand["sum_amount"], 1_880_530);
    assert_eq!(stderr.lines().count(), differences.len(), "{stderr}");

    // Every service of the month is there, the Block Storage contract page (incomplete)
    // hides nothing, and the lines still add up to NCP's use amount.
    let history = env.json("2022-03-01", &["history", "--month", "2022-01"]);
    let services: Vec<(String, i64)> = history["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["used_amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(services.len(), 8, "{services:?}");
    assert!(
        services.contains(&("Block Storage".to_string(), 987_590)),
        "{services:?}"
    );
    assert!(
        services.contains(&("Server(VPC)".to_string(), 749_780)),
        "{services:?}"
    );
    assert_eq!(services.iter().map(|s| s.1).sum::<i64>(), 1_880_530);
    assert_eq!(history["totals"]["used_amount"], 1_880_530);
    // NCP billed 0 (the partner pays): never "corrected" into a bill of 1,880,530.
    assert_eq!(history["totals"]["billed_amount"], 0);

    // The bill is NCP's, paid up on the day NCP says.
    let pay = env.json("2022-03-01", &["pay"]);
    let jan = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2022-01")
        .expect("the 2022-01 bill");
    assert_eq!(jan["billed_amount"], 0);
    assert_eq!(jan["unpaid_amount"], 0);
}

#[test]
fn public_bodies_imported_twice_change_nothing() {
    let (env, _, _) = imported();
    let before = env.dump();
    let files: Vec<String> = PUBLIC.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp"];
    args.extend(files.iter().map(String::as_str));
    env.ok("2022-03-01", &args);
    assert_eq!(env.dump(), before);
}
