//! NCP's data in the ledger is checked and never lost (issue 14): parts imported or synced
//! without their whole are checked against the whole the ledger holds — v1 per-service lines
//! and v2 groups against the bill, v2 items against their groups — through one check, and a
//! partial body (an incomplete page of contract summaries, a contract body NCP filtered to
//! one service) never deletes stored rows it does not hold.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;
use crate::ncp_server::{empty_v1, no_discounts, query, serve, Server, ACCESS, SECRET};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// `import ncp --json FILE…` at `as_of`: its summary and its stderr.
#[track_caller]
fn import(env: &Env, as_of: &str, files: &[PathBuf]) -> (Value, String) {
    let out = env
        .cmd(as_of)
        .args(["import", "ncp", "--json"])
        .args(files)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

/// `sync` (v1 or v2) of one month against `server`: its summary and its stderr.
#[track_caller]
fn sync(env: &Env, as_of: &str, server: &Server, api: &str, month: &str) -> (Value, String) {
    let out = env
        .cmd(as_of)
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args(["sync", "--api", api, "--from", month, "--to", month])
        .args(["--endpoint", &server.url, "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

// ---------------------------------------------------------------------------------------
// v2: items against the groups the ledger holds, groups against the bill it holds

const V2_AS_OF: &str = "2026-07-26";

/// The planted mismatch of `billing-item-costs-2026-06-mismatch.json` (VSVR's network out
/// 100 more used, 90 more billed) against VSVR's group.
fn items_mismatch() -> Value {
    json!([
        {"kind": "items", "month": "2026-06", "member_no": "2001234", "level": "group VSVR/VSVR",
         "currency": "KRW", "ncp_amount": 154320, "sum_amount": 154420, "gap_amount": -100},
        {"kind": "items_demand", "month": "2026-06", "member_no": "2001234", "level": "group VSVR/VSVR",
         "currency": "KRW", "ncp_amount": 138888, "sum_amount": 138978, "gap_amount": -90}
    ])
}

const ITEMS_WARNINGS: &str = "warning: 2026-06 group VSVR/VSVR: the items' use amounts do not add up to their group's use amount: NCP says 154,320 KRW, the parts add up to 154,420 (gap -100); NCP's figures are kept as NCP sent them
warning: 2026-06 group VSVR/VSVR: the items' demand amounts do not add up to their group's demand amount: NCP says 138,888 KRW, the parts add up to 138,978 (gap -90); NCP's figures are kept as NCP sent them
";

/// NCP's v2 lines of June 2026 as `history --detail` shows them: (service, contract, item,
/// NCP's use amount). Each service shows its most detailed complete level: a group whose
/// items do not add up to it shows the group.
fn v2_history(env: &Env, as_of: &str) -> Vec<(String, String, String, String)> {
    let doc = env.json(as_of, &["history", "--month", "2026-06", "--detail"]);
    doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["service"].as_str().unwrap().to_string(),
                l["contract_no"].as_str().unwrap().to_string(),
                l["item"].as_str().unwrap().to_string(),
                l["ncp"]["use_amount"].to_string(),
            )
        })
        .collect()
}

/// June 2026 with the mismatched items over the documented groups: VSVR's group stands,
/// BST's item.
fn mismatch_history() -> Vec<(String, String, String, String)> {
    let line = |s: &str, c: &str, i: &str, u: &str| (s.into(), c.into(), i.into(), u.into());
    vec![
        line("Server (VPC)", "VSVR", "Server (VPC) (NCP)", "154320"),
        line("Block Storage", "20012345", "Block Storage (SSD)", "138888"),
    ]
}

#[test]
fn v2_items_imported_alone_are_checked_against_the_groups_the_ledger_holds() {
    let env = Env::business("2026-01-01");
    let (doc, stderr) = import(
        &env,
        V2_AS_OF,
        &[
            fixture("v2/demand-cost-2026-06.json"),
            fixture("v2/billing-item-group-costs-2026-06.json"),
        ],
    );
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    let (doc, stderr) = import(
        &env,
        V2_AS_OF,
        &[fixture("v2/billing-item-costs-2026-06-mismatch.json")],
    );
    assert_eq!(doc["differences"], items_mismatch());
    assert_eq!(stderr, ITEMS_WARNINGS);
    // Reported, not refused: the groups stay, the items are stored as NCP sent them, and
    // `check` finds the same from the ledger.
    assert_eq!(v2_history(&env, V2_AS_OF), mismatch_history());
    assert_eq!(
        env.json(V2_AS_OF, &["check"])["differences"],
        items_mismatch()
    );
}

/// A v2 server for June 2026: no bill and no groups (NCP's other bodies were imported
/// before), the items of `items`.
fn v2_items_server(items: &'static str) -> Server {
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    serve("/billing/v2", SECRET, refused, move |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let path = url.split('?').next().unwrap_or("");
        let body = match path.rsplit('/').next().unwrap_or("") {
            "billing-item-costs" if query(url, "demandMonth") == Some("2026-06") => text(items),
            "billing-item-costs" => r#"{"billingItemCosts": [], "nextToken": null}"#.into(),
            "demand-costs" => r#"{"demandCosts": [], "nextToken": null}"#.into(),
            "billing-item-group-costs" => {
                r#"{"billingItemGroupCosts": [], "nextToken": null}"#.into()
            }
            _ => r#"{"costRelationCodes": [], "nextToken": null}"#.into(),
        };
        (200, body)
    })
}

#[test]
fn sync_v2_checks_items_against_the_groups_the_ledger_holds() {
    let env = Env::business("2026-01-01");
    import(
        &env,
        V2_AS_OF,
        &[
            fixture("v2/demand-cost-2026-06.json"),
            fixture("v2/billing-item-group-costs-2026-06.json"),
        ],
    );
    let srv = v2_items_server("v2/billing-item-costs-2026-06-mismatch.json");
    let (doc, stderr) = sync(&env, V2_AS_OF, &srv, "v2", "2026-06");
    assert_eq!(doc["differences"], items_mismatch());
    assert_eq!(stderr, ITEMS_WARNINGS);
    assert_eq!(v2_history(&env, V2_AS_OF), mismatch_history());
}

#[test]
fn sync_v2_checks_groups_against_the_bill_the_ledger_holds() {
    let env = Env::business("2026-01-01");
    import(&env, V2_AS_OF, &[fixture("v2/demand-cost-2026-06.json")]);
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    let srv = serve("/billing/v2", SECRET, refused, |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let path = url.split('?').next().unwrap_or("");
        let body = match path.rsplit('/').next().unwrap_or("") {
            "billing-item-group-costs" => {
                text("v2/billing-item-group-costs-2026-06-resettled.json")
            }
            "demand-costs" => r#"{"demandCosts": [], "nextToken": null}"#.into(),
            "billing-item-costs" => r#"{"billingItemCosts": [], "nextToken": null}"#.into(),
            _ => r#"{"costRelationCodes": [], "nextToken": null}"#.into(),
        };
        (200, body)
    });
    let (doc, stderr) = sync(&env, "2026-07-28", &srv, "v2", "2026-06");
    assert_eq!(
        doc["differences"],
        json!([
            {"kind": "services", "month": "2026-06", "member_no": "2001234", "level": "group",
             "currency": "KRW", "ncp_amount": 293208, "sum_amount": 294288, "gap_amount": -1080},
            {"kind": "services_demand", "month": "2026-06", "member_no": "2001234", "level": "group",
             "currency": "KRW", "ncp_amount": 138888, "sum_amount": 139860, "gap_amount": -972}
        ])
    );
    assert_eq!(
        stderr,
        "warning: 2026-06 group: the per-service use amounts do not add up to the bill's use amount: NCP says 293,208 KRW, the parts add up to 294,288 (gap -1,080); NCP's figures are kept as NCP sent them
warning: 2026-06 group: the per-service demand amounts do not add up to the bill's demand amount: NCP says 138,888 KRW, the parts add up to 139,860 (gap -972); NCP's figures are kept as NCP sent them
"
    );
    // The bill stays NCP's, the groups are stored as sent.
    let history = env.json("2026-07-28", &["history", "--month", "2026-06"]);
    assert_eq!(history["ncp_bill"]["use_amount"], 293208);
    assert_eq!(v2_history(&env, "2026-07-28").len(), 2);
}

// ---------------------------------------------------------------------------------------
// v1: per-service lines synced without their bill

const V1_AS_OF: &str = "2026-11-12";

fn member_v1() -> Env {
    Env::business("2026-10-01")
}

#[test]
fn sync_v1_checks_per_service_lines_against_the_bill_the_ledger_holds() {
    let env = member_v1();
    import(
        &env,
        V1_AS_OF,
        &[fixture("v1/demand-cost-2026-10-credit.json")],
    );
    let refused = "{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\"}}";
    let srv = serve("/billing/v1", SECRET, refused, |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let action = url
            .split("/cost/")
            .nth(1)
            .and_then(|s| s.split('?').next())
            .unwrap_or("x")
            .to_string();
        let body = match action.as_str() {
            "getProductDemandCostList" => text("v1/product-demand-2026-10-negative-bst.json"),
            _ => empty_v1(&action),
        };
        (200, body)
    });
    let (doc, stderr) = sync(&env, V1_AS_OF, &srv, "v1", "2026-10");
    assert_eq!(
        doc["differences"],
        json!([{
            "kind": "services", "month": "2026-10", "member_no": "9729", "level": "product",
            "currency": "KRW", "ncp_amount": 293208.5, "sum_amount": 293208.1, "gap_amount": 0.4
        }])
    );
    assert_eq!(
        stderr,
        "warning: 2026-10 product: the per-service use amounts do not add up to the bill's use amount: NCP says 293,208.5 KRW, the parts add up to 293,208.1 (gap 0.4); NCP's figures are kept as NCP sent them\n"
    );
}

// ---------------------------------------------------------------------------------------
// Partial bodies never delete what they do not hold

/// (service, contracts) of `status --month 2024-05`.
fn counts(env: &Env) -> Vec<(String, i64)> {
    let doc = env.json("2024-05-31", &["status", "--month", "2024-05"]);
    assert_eq!(doc["source"], "ncp 2024-05");
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["contracts"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn an_incomplete_page_of_contract_summaries_keeps_the_counts_it_does_not_hold() {
    let env = Env::business("2024-05-01");
    import(
        &env,
        "2024-05-31",
        &[fixture("contract-summary-2024-05.json")],
    );
    assert_eq!(
        counts(&env),
        [("Object Storage".into(), 1), ("Server(VPC)".into(), 1)]
    );
    // A saved first page: one row of NCP's 3, Server(VPC) now holding 2 contracts.
    let page = r#"{"getContractSummaryListResponse": {
      "requestId": "5b3f0e0a-0000-4000-8000-000000000005", "returnCode": "0", "returnMessage": "success", "totalRows": 3,
      "contractSummaryList": [
        {"contractMonth": "202405", "regionCode": "KR", "contractType": {"code": "VSVR", "codeName": "Server(VPC)"},
         "contractCount": 2, "contractStatus": {"code": "NOML", "codeName": "Normal"}}
      ]}}"#;
    let page = env.file("summary-page1.json", page);
    let (doc, stderr) = import(&env, "2024-05-31", &[page]);
    assert_eq!(
        doc["differences"],
        json!([{"kind": "incomplete_page", "month": "2024-05", "member_no": null,
                "level": "getContractSummaryList", "currency": null,
                "ncp_amount": 3, "sum_amount": 1, "gap_amount": 2}])
    );
    assert_eq!(
        stderr,
        "warning: 2024-05 getContractSummaryList: NCP's totalRows is above the rows the files gave: a page is missing (totalRows 3, rows given 1, 2 missing); import every page of it together\n"
    );
    // The row it holds is updated; Object Storage, which it does not hold, stays.
    assert_eq!(
        counts(&env),
        [("Object Storage".into(), 1), ("Server(VPC)".into(), 2)]
    );
    // The whole answer again replaces the month's counts.
    import(
        &env,
        "2024-05-31",
        &[fixture("contract-summary-2024-05.json")],
    );
    assert_eq!(
        counts(&env),
        [("Object Storage".into(), 1), ("Server(VPC)".into(), 1)]
    );
}

/// (service, contract, use amount) of NCP's lines of May 2024 in `history --detail`.
fn contract_lines(env: &Env) -> Vec<(String, String, String)> {
    let doc = env.json("2024-06-20", &["history", "--month", "2024-05", "--detail"]);
    doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["service"].as_str().unwrap().to_string(),
                l["contract_no"].as_str().unwrap().to_string(),
                l["ncp"]["use_amount"].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_contract_body_filtered_to_one_service_keeps_the_other_services_lines() {
    let env = Env::business("2024-05-01");
    import(
        &env,
        "2024-06-20",
        &[fixture("contract-demand-2024-05.json")],
    );
    let all = [
        (
            "Object Storage".to_string(),
            "30020001".to_string(),
            "3456".to_string(),
        ),
        ("Server(VPC)".into(), "30012345".into(), "80000".into()),
        ("Server(VPC)".into(), "30012346".into(), "40000".into()),
    ];
    assert_eq!(contract_lines(&env), all);
    // NCP's answer to demandTypeCode=OBJST: complete (totalRows 1), Object Storage only,
    // re-settled at 3,500.
    let mut body: Value = serde_json::from_str(&text("contract-demand-2024-05.json")).unwrap();
    let r = &mut body["getContractDemandCostListResponse"];
    r["totalRows"] = json!(1);
    let rows = r["contractDemandCostList"].as_array_mut().unwrap();
    rows.retain(|row| row["demandType"]["code"] == "OBJST");
    rows[0]["useAmount"] = json!(3500);
    for key in ["demandAmount", "thisMonthDemandAmount", "totalDemandAmount"] {
        if rows[0].get(key).is_some() {
            rows[0][key] = json!(3500);
        }
    }
    let filtered = env.file("contract-objst.json", body.to_string());
    let (doc, stderr) = import(&env, "2024-06-20", &[filtered]);
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    let mut expected = all.clone();
    expected[0].2 = "3500".into();
    assert_eq!(contract_lines(&env), expected);
}

// ---------------------------------------------------------------------------------------
// Bills in other currencies, v2 as v1

#[test]
fn v2_bills_in_dollars_and_yen_are_named_in_the_summary() {
    for currency in ["USD", "JPY"] {
        let env = Env::business("2026-01-01");
        let body = text("v2/demand-cost-2026-06.json").replacen(
            "\"payCurrency\": \"KRW\"",
            &format!("\"payCurrency\": \"{currency}\""),
            1,
        );
        let path = env.file("demand-costs.json", body);
        let (doc, _) = import(&env, V2_AS_OF, &[path]);
        assert_eq!(
            doc["bills_in_other_currencies"],
            json!([{"month": "2026-06", "currency": currency}]),
            "{currency}"
        );
        assert_eq!(doc["bills"], json!([]), "{currency}");
        let stored = env.json(V2_AS_OF, &["history", "--month", "2026-06"]);
        assert_eq!(stored["ncp_bill"]["currency"], currency);
    }
}

/// Per-service lines of an incomplete page are not checked against the bill, whether the bill
/// comes with them or was stored before: they cannot add up, and the page is reported.
#[test]
fn lines_of_an_incomplete_page_are_not_checked_against_the_bill_of_the_same_import() {
    let env = member_v1();
    let (doc, stderr) = import(
        &env,
        "2026-11-05",
        &[
            fixture("v1/stranger-bill-2026-10.json"),
            fixture("v1/stranger-product-2026-10-page1.json"),
        ],
    );
    assert_eq!(
        doc["differences"],
        json!([{"kind": "incomplete_page", "month": "2026-10", "member_no": null,
                "level": "getProductDemandCostList", "currency": null,
                "ncp_amount": 3, "sum_amount": 2, "gap_amount": 1}])
    );
    assert_eq!(
        stderr,
        "warning: 2026-10 getProductDemandCostList: NCP's totalRows is above the rows the files gave: a page is missing (totalRows 3, rows given 2, 1 missing); import every page of it together\n"
    );
}

/// (service, NCP's use amount) of each per-service row of October 2026 in `history`.
fn october(env: &Env) -> Vec<(String, String)> {
    let doc = env.json(V1_AS_OF, &["history", "--month", "2026-10"]);
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["ncp"]["use_amount"].to_string(),
            )
        })
        .collect()
}

/// October 2026's per-service body with only the rows `keep` holds (by code), each at the
/// use (and demand) amount given, `totalRows` saying they are all.
fn product_body(env: &Env, name: &str, keep: &[(&str, f64)]) -> PathBuf {
    let mut body: Value =
        serde_json::from_str(&text("v1/product-demand-2026-10-credit.json")).unwrap();
    let r = &mut body["getProductDemandCostListResponse"];
    r["totalRows"] = json!(keep.len());
    let rows = r["productDemandCostList"].as_array_mut().unwrap();
    rows.retain(|row| {
        keep.iter()
            .any(|(code, _)| row["productDemandType"]["code"] == *code)
    });
    for row in rows.iter_mut() {
        let code = row["productDemandType"]["code"]
            .as_str()
            .unwrap()
            .to_string();
        let (_, amount) = keep.iter().find(|(c, _)| *c == code).unwrap();
        if code != "VSVR" {
            row["useAmount"] = json!(amount);
            row["demandAmount"] = json!(amount);
        }
    }
    env.file(name, body.to_string())
}

#[test]
fn a_per_service_body_filtered_to_one_service_keeps_the_others_and_the_month_is_checked() {
    let env = member_v1();
    import(
        &env,
        V1_AS_OF,
        &[
            fixture("v1/demand-cost-2026-10-credit.json"),
            fixture("v1/product-demand-2026-10-credit.json"),
        ],
    );
    let whole = october(&env);
    assert_eq!(whole.len(), 3, "{whole:?}");
    // NCP's answer to productDemandTypeCode=BST, re-settled at 0.3: the month's lines as the
    // ledger now holds them come to 293,208.6 against the bill's 293,208.5.
    let bst = product_body(&env, "product-bst.json", &[("BST", 0.3)]);
    let (doc, stderr) = import(&env, V1_AS_OF, &[bst]);
    assert_eq!(
        doc["differences"],
        json!([{
            "kind": "services", "month": "2026-10", "member_no": "9729", "level": "product",
            "currency": "KRW", "ncp_amount": 293208.5, "sum_amount": 293208.6, "gap_amount": -0.1
        }])
    );
    assert_eq!(
        stderr,
        "warning: 2026-10 product: the per-service use amounts do not add up to the bill's use amount: NCP says 293,208.5 KRW, the parts add up to 293,208.6 (gap -0.1); NCP's figures are kept as NCP sent them\n"
    );
    let mut expected = whole.clone();
    let at = expected.iter().position(|s| s.1 == "0.2").unwrap();
    expected[at].1 = "0.3".into();
    assert_eq!(october(&env), expected);
}

#[test]
fn per_service_lines_that_add_up_to_the_bill_replace_the_whole_month() {
    let env = member_v1();
    import(
        &env,
        V1_AS_OF,
        &[
            fixture("v1/demand-cost-2026-10-credit.json"),
            fixture("v1/product-demand-2026-10-credit.json"),
        ],
    );
    // A re-settlement without Block Storage, Object Storage taking its 0.2: the lines add up
    // to the stored bill, so they are the whole month and Block Storage goes.
    let body = product_body(
        &env,
        "product-resettled.json",
        &[("VSVR", 0.0), ("OBJST", 0.3)],
    );
    let (doc, stderr) = import(&env, V1_AS_OF, &[body]);
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    let services: Vec<String> = october(&env).into_iter().map(|s| s.1).collect();
    assert_eq!(services, ["0.3", "293208.2"]);
}

#[test]
fn v2_groups_filtered_to_one_service_are_checked_with_the_groups_the_ledger_holds() {
    let env = Env::business("2026-01-01");
    import(
        &env,
        V2_AS_OF,
        &[
            fixture("v2/demand-cost-2026-06.json"),
            fixture("v2/billing-item-group-costs-2026-06.json"),
        ],
    );
    // NCP's answer to serviceCode=BST: the month's groups still add up to the bill.
    let mut body: Value =
        serde_json::from_str(&text("v2/billing-item-group-costs-2026-06.json")).unwrap();
    body["billingItemGroupCosts"]
        .as_array_mut()
        .unwrap()
        .retain(|g| g["serviceCode"] == "BST");
    let bst = env.file("groups-bst.json", body.to_string());
    let (doc, stderr) = import(&env, V2_AS_OF, &[bst]);
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let services: Vec<String> = v2_history(&env, V2_AS_OF)
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(services, ["Block Storage", "Server (VPC)"]);
}

#[test]
fn a_saved_v2_page_with_a_next_token_keeps_the_items_it_does_not_hold() {
    let env = Env::business("2026-01-01");
    import(
        &env,
        V2_AS_OF,
        &[
            fixture("v2/demand-cost-2026-06.json"),
            fixture("v2/billing-item-group-costs-2026-06.json"),
            fixture("v2/billing-item-costs-2026-06.json"),
        ],
    );
    let whole = v2_history(&env, V2_AS_OF);
    assert_eq!(whole.len(), 4, "{whole:?}");
    // The first page of NCP's answer, saved alone: one row, and a cursor to the next page.
    let items: Value = serde_json::from_str(&text("v2/billing-item-costs-2026-06.json")).unwrap();
    let first = &items["billingItemCosts"][0];
    assert_eq!(first["billingItemGroupCode"], "VSVR");
    let page = json!({"billingItemCosts": [first], "nextToken": "c_EOvh4bjJ"});
    let page = env.file("items-page1.json", page.to_string());
    let (doc, stderr) = import(&env, V2_AS_OF, &[page]);
    assert_eq!(
        doc["differences"],
        json!([{"kind": "next_page", "month": "2026-06", "member_no": null,
                "level": "listBillingItemCosts", "currency": null,
                "ncp_amount": 2, "sum_amount": 1, "gap_amount": 1}])
    );
    assert_eq!(
        stderr,
        "warning: 2026-06 listBillingItemCosts: NCP's nextToken says another page follows, and no file is the answer's last page (pages given 1); import every page of it together\n"
    );
    // VSVR's other items stay: its items still add up to its group and stand for it.
    assert_eq!(v2_history(&env, V2_AS_OF), whole);
}

/// NCP's answer to `/billing-item-costs` filtered to one item (or resource) is complete as an
/// answer but holds part of a group: it replaces only its own line, and the group's items as
/// the ledger holds them still add up to it.
#[test]
fn a_v2_item_body_filtered_to_one_item_keeps_the_groups_other_items() {
    let env = Env::business("2026-01-01");
    import(
        &env,
        V2_AS_OF,
        &[
            fixture("v2/demand-cost-2026-06.json"),
            fixture("v2/billing-item-group-costs-2026-06.json"),
            fixture("v2/billing-item-costs-2026-06.json"),
        ],
    );
    let whole = v2_history(&env, V2_AS_OF);
    let items: Value = serde_json::from_str(&text("v2/billing-item-costs-2026-06.json")).unwrap();
    let first = &items["billingItemCosts"][0];
    let body = json!({"billingItemCosts": [first], "nextToken": null});
    let body = env.file("items-one.json", body.to_string());
    let (doc, stderr) = import(&env, V2_AS_OF, &[body]);
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(v2_history(&env, V2_AS_OF), whole);
    assert_eq!(env.json(V2_AS_OF, &["check"])["differences"], json!([]));
}

/// NCP's answer to `contractTypeCode=OBJST` is complete (totalRows 1) but holds one contract
/// type: it replaces Object Storage's counts and keeps Server(VPC)'s.
#[test]
fn a_contract_summary_body_filtered_to_one_type_keeps_the_other_types() {
    let env = Env::business("2024-05-01");
    import(
        &env,
        "2024-05-31",
        &[fixture("contract-summary-2024-05.json")],
    );
    let body = r#"{"getContractSummaryListResponse": {
      "requestId": "5b3f0e0a-0000-4000-8000-000000000006", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
      "contractSummaryList": [
        {"contractMonth": "202405", "regionCode": "KR", "contractType": {"code": "OBJST", "codeName": "Object Storage"},
         "contractCount": 3, "contractStatus": {"code": "NOML", "codeName": "Normal"}}
      ]}}"#;
    let body = env.file("summary-objst.json", body);
    let (doc, stderr) = import(&env, "2024-05-31", &[body]);
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    assert_eq!(
        counts(&env),
        [("Object Storage".into(), 3), ("Server(VPC)".into(), 1)]
    );
}

#[test]
fn sync_v2_names_a_bill_in_dollars_in_the_summary() {
    let env = Env::business("2026-01-01");
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    let srv = serve("/billing/v2", SECRET, refused, |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let path = url.split('?').next().unwrap_or("");
        let body = match path.rsplit('/').next().unwrap_or("") {
            "demand-costs" => text("v2/demand-cost-2026-06.json").replacen(
                "\"payCurrency\": \"KRW\"",
                "\"payCurrency\": \"USD\"",
                1,
            ),
            "billing-item-group-costs" => {
                r#"{"billingItemGroupCosts": [], "nextToken": null}"#.into()
            }
            "billing-item-costs" => r#"{"billingItemCosts": [], "nextToken": null}"#.into(),
            _ => r#"{"costRelationCodes": [], "nextToken": null}"#.into(),
        };
        (200, body)
    });
    let (doc, _) = sync(&env, V2_AS_OF, &srv, "v2", "2026-06");
    assert_eq!(
        doc["bills_in_other_currencies"],
        json!([{"month": "2026-06", "currency": "USD"}])
    );
    assert_eq!(doc["bills"], json!([]));
}
