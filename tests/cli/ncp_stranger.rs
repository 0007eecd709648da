//! What a stranger found with NCP bodies written from NCP's docs (session 5): per-contract
//! lines that lose the per-service line's credit and product discounts, identical rows added
//! together, a sync page's rows for a month outside its window, and the services check
//! skipped when the bill came in an earlier import.

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

const AS_OF: &str = "2026-11-12";
const BILL: &str = "demand-cost-2026-10-credit.json";
const PRODUCT: &str = "product-demand-2026-10-credit.json";
const CONTRACT: &str = "contract-demand-2026-10-credit.json";

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2026-11-01",
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

fn import(env: &Env, files: &[&str]) -> Value {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    env.json(AS_OF, &args)
}

/// (service, NCP's use amount, NCP's estimated payment amount, contracts) of each history row.
fn services(env: &Env) -> Vec<(String, String, String, Value)> {
    let doc = env.json(AS_OF, &["history", "--month", "2026-10"]);
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["ncp"]["use_amount"].to_string(),
                s["ncp"]["estimated_payment_amount"].to_string(),
                s["contracts"].clone(),
            )
        })
        .collect()
}

/// Contract rows carry no credit or product discount (ContractDemandCost has none): their use
/// adds up to VSVR's per-service line, their demand (277,776.2) does not (138,888.2), so the
/// per-service line stands, with its discounts.
#[test]
fn contract_lines_whose_demand_misses_the_service_line_do_not_replace_it() {
    let env = member();
    let doc = import(&env, &[BILL, PRODUCT, CONTRACT]);
    assert_eq!(doc["differences"], serde_json::json!([]));
    let vsvr = services(&env)
        .into_iter()
        .find(|s| s.0 == "Server(VPC)")
        .unwrap();
    assert_eq!(
        (vsvr.1.as_str(), vsvr.2.as_str(), &vsvr.3),
        ("293208.2", "138888.2", &Value::Null)
    );
    let out = env.path("fees.csv");
    env.ok(
        AS_OF,
        &["export", "--month", "2026-10", "--output", out.to_str().unwrap()],
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    let vsvr_row = csv.lines().find(|l| l.contains("Server(VPC)")).unwrap();
    assert!(vsvr_row.contains(",293208,") && vsvr_row.contains(",138888"), "{csv}");
    assert!(!csv.contains("277776"), "{csv}");
    let promos = env.json(AS_OF, &["promotions"]);
    let credit: Vec<&Value> = promos["ncp_discounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["service"] == "Server(VPC)")
        .map(|d| &d["discount"])
        .collect();
    assert_eq!(credit, ["credit", "product", "promise"]);
    let check = env.json(AS_OF, &["check"]);
    assert_eq!(check["differences"], serde_json::json!([]));
}
