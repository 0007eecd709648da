//! NCP's per-service and per-contract lines (getProductDemandCostList,
//! getContractDemandCostList) of a month whose bill was already issued: they win over the
//! rated lines, so the difference becomes an adjustment carried into the next bill (P1), as
//! `import fees` does — unless NCP's own bill (getDemandCostList) for the month is stored,
//! whose figures then govern, and the lines never adjust a second time.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

const LINES: [&str; 2] = [
    "product-demand-2024-05.json",
    "contract-demand-2024-05.json",
];

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2024-05-01",
        &[
            "init",
            "--member-type",
            "business",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    env
}

/// A member whose own 1,000-won monthly contract rates May at 1,100 won.
fn rated_member() -> Env {
    member().with_contracts(
        "2024-05-01",
        "C1,Server,KR,monthly,1000,month,2024-05-01,\n",
    )
}

fn import(env: &Env, as_of: &str, files: &[&str]) -> Value {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    env.json(as_of, &args)
}

/// (month, billed, unpaid, status) of every bill, and the pending adjustment.
fn pay(env: &Env, as_of: &str) -> (Vec<(String, i64, i64, String)>, i64) {
    let doc = env.json(as_of, &["pay"]);
    let bills = doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["month"].as_str().unwrap().to_string(),
                b["billed_amount"].as_i64().unwrap(),
                b["unpaid_amount"].as_i64().unwrap(),
                b["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (bills, doc["pending_adjustment_amount"].as_i64().unwrap())
}

fn bill(month: &str, billed: i64, unpaid: i64, status: &str) -> (String, i64, i64, String) {
    (month.to_string(), billed, unpaid, status.to_string())
}

#[test]
fn r_p1_ncp_lines_of_an_issued_zero_won_month_become_an_adjustment() {
    let env = member();
    let doc = import(&env, "2024-06-20", &LINES);
    assert_eq!(doc["bills"], json!([]));
    assert_eq!(doc["months"], json!(["2024-05"]));
    assert_eq!(doc["adjusted_bills"], json!(["2024-05"]));
    let human = env.ok(
        "2024-06-20",
        &["import", "ncp", &fixture(LINES[0]), &fixture(LINES[1])],
    );
    // The same bodies again adjust nothing more.
    assert!(!human.contains("adjustment"), "{human}");
    let doc = import(&env, "2024-06-20", &LINES);
    assert_eq!(doc["adjusted_bills"], json!([]));
    assert_eq!(
        pay(&env, "2024-06-20"),
        (vec![bill("2024-05", 0, 0, "paid")], 113_740)
    );
    let history = env.json("2024-06-20", &["history", "--month", "2024-05"]);
    assert_eq!(history["totals"]["billed_amount"], 113_740);
    // The June bill carries May's difference.
    assert_eq!(
        pay(&env, "2024-07-20"),
        (
            vec![
                bill("2024-05", 0, 0, "paid"),
                bill("2024-06", 113_740, 113_740, "outstanding")
            ],
            0
        )
    );
    let out = env.path("may.html");
    let doc = env.json(
        "2024-07-20",
        &[
            "confirmation",
            "--month",
            "2024-05",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(doc["totals"]["billed_amount"], 113_740);
    assert_eq!(doc["bill"]["billed_amount"], 0);
    assert_eq!(
        doc["corrections"],
        json!([{"month": "2024-05", "amount": 113_740, "carried_into": "2024-06"}])
    );
    env.ok("2024-07-20", &["check"]);
}

#[test]
fn r_p1_ncp_lines_adjust_a_rated_bill_and_ncps_bill_later_adds_nothing() {
    let env = rated_member();
    assert_eq!(
        pay(&env, "2024-06-20"),
        (vec![bill("2024-05", 1_100, 1_100, "outstanding")], 0)
    );
    let doc = import(&env, "2024-06-20", &LINES);
    assert_eq!(doc["adjusted_bills"], json!(["2024-05"]));
    // 113,740 − 1,100.
    assert_eq!(
        pay(&env, "2024-06-20"),
        (vec![bill("2024-05", 1_100, 1_100, "outstanding")], 112_640)
    );
    // NCP's bill for May says 113,740 too: it governs now, with nothing more to adjust.
    let doc = import(&env, "2024-06-21", &["demand-cost-2024-05.json"]);
    assert_eq!(doc["bills"], json!(["2024-05"]));
    assert_eq!(doc["adjusted_bills"], json!([]));
    // NCP reports May paid up at 113,740: the pending 112,640 lands on May's own bill and
    // NCP's payment settles it (nothing is charged again); June bills its own 1,100.
    assert_eq!(
        pay(&env, "2024-07-20"),
        (
            vec![
                bill("2024-05", 113_740, 0, "paid"),
                bill("2024-06", 1_100, 1_100, "outstanding")
            ],
            0
        )
    );
    let history = env.json("2024-07-20", &["history", "--month", "2024-05"]);
    assert_eq!(history["totals"]["billed_amount"], 113_740);
    env.ok("2024-07-20", &["check"]);
}

#[test]
fn r_p1_ncp_lines_never_adjust_a_month_whose_ncp_bill_is_stored() {
    // The bill and its lines in one import: one adjustment, NCP's bill's.
    let env = rated_member();
    let doc = import(
        &env,
        "2024-06-20",
        &[
            "demand-cost-2024-05.json",
            "product-demand-2024-05.json",
            "contract-demand-2024-05.json",
        ],
    );
    assert_eq!(doc["adjusted_bills"], json!(["2024-05"]));
    // NCP reports May paid up: its 112,640 more is settled on May's own bill.
    assert_eq!(pay(&env, "2024-06-20").1, 0);
    assert_eq!(
        pay(&env, "2024-07-20"),
        (
            vec![
                bill("2024-05", 113_740, 0, "paid"),
                bill("2024-06", 1_100, 1_100, "outstanding")
            ],
            0
        )
    );
    env.ok("2024-07-20", &["check"]);

    // The bill first, lines later: the lines adjust nothing.
    let env = rated_member();
    let doc = import(&env, "2024-06-20", &["demand-cost-2024-05.json"]);
    assert_eq!(doc["adjusted_bills"], json!(["2024-05"]));
    let doc = import(&env, "2024-06-21", &LINES);
    assert_eq!(doc["months"], json!(["2024-05"]));
    assert_eq!(doc["adjusted_bills"], json!([]));
    assert_eq!(pay(&env, "2024-06-21").1, 0);
    env.ok("2024-07-20", &["check"]);
}

// ---------------------------------------------------------------------------------------
// Issue 14: contract bodies for some services, incomplete pages, productSize, no region

/// An individual member since December 2021, for the public 2022 bodies.
fn member_2021() -> Env {
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
    env
}

/// (region, service, contract, quantity, unit price, used) of each detail line of `month`,
/// and the month's used amount.
fn detail_lines(env: &Env, as_of: &str, month: &str) -> (Vec<Value>, Value) {
    let doc = env.json(as_of, &["history", "--month", month, "--detail"]);
    let lines = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            json!([
                l["region"],
                l["service"],
                l["contract_no"],
                l["quantity"],
                l["unit_price"],
                l["used_amount"]
            ])
        })
        .collect();
    (lines, doc["totals"]["used_amount"].clone())
}

/// A contract-level body NCP filtered to Block Storage (`demandTypeCode=BST`) shows Block
/// Storage per contract and leaves every other service at its per-service line: the month
/// still adds up to the bill's 1,880,530. The contract lines keep the productSize factor:
/// 90 × 0.16 per GiB × 1000 GiB = 14,400, shown as 90 at 160. Older product rows without a
/// region get the empty region (tables show it blank here; the views render it).
#[test]
fn ncp_a_contract_body_for_some_services_never_hides_the_others() {
    let env = member_2021();
    let doc = import(
        &env,
        "2022-03-05",
        &[
            "v1/product-demand-2022-01.json",
            "v1/contract-demand-bst-2022-01.json",
        ],
    );
    assert_eq!(doc["differences"], json!([]));
    let (lines, used) = detail_lines(&env, "2022-03-05", "2022-01");
    assert_eq!(
        lines,
        vec![
            json!(["", "Server", "SVR", 1, 1851730, 1851730]),
            json!(["KR", "Block Storage", "7991988", 90, 160, 14400]),
            json!(["KR", "Block Storage", "7991991", 90, 160, 14400]),
        ]
    );
    assert_eq!(used, 1_880_530);
    // Without the per-service body, the contract lines are all NCP gave: they stand.
    let only = member_2021();
    import(
        &only,
        "2022-03-05",
        &["v1/contract-demand-bst-2022-01.json"],
    );
    assert_eq!(detail_lines(&only, "2022-03-05", "2022-01").1, 28_800);
}

/// A saved page whose `totalRows` (52) is above the rows the files gave (2) is reported:
/// a `differences` entry of kind `incomplete_page` and one stderr line; its rows are kept,
/// and the services it covers only in part stay at their per-service line.
#[test]
fn ncp_an_incomplete_page_is_a_difference_and_a_warning() {
    let env = member_2021();
    let out = env.run(
        "2022-03-05",
        &[
            "import",
            "ncp",
            "--json",
            &fixture("v1/contract-demand-bst-2022-01-page1.json"),
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "warning: 2022-01 getContractDemandCostList: NCP's totalRows is above the rows the files gave: a page is missing (totalRows 52, rows given 2, 50 missing); import every page of it together\n"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["differences"],
        json!([{"kind": "incomplete_page", "month": "2022-01", "member_no": null,
                "level": "getContractDemandCostList", "currency": null,
                "ncp_amount": 52, "sum_amount": 2, "gap_amount": 50}])
    );
    assert_eq!(doc["rows"]["getContractDemandCostList"], 2);
}
