//! NCP's Billing API v2 (issue 14): saved cost bodies (`import ncp`) — per group, per item
//! and resource, the names of codes, v2 error bodies — and `sync --api v2` against a real
//! HTTP server speaking v2: cursor pages, a page failing once and retried, error bodies, a
//! sub account without the v2 actions, a wrong signature.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::common::Env;
use crate::ncp_server::{no_discounts, query, serve, Server, ACCESS, SECRET};

/// The documented DemandCost example (`pub-billing-v2-type-demandcost`), whole.
const DEMAND_COSTS: &str = r#"{"demandCosts": [{"memberNo": 2001234, "demandMonth": "2026-06", "demandCostId": "660112233",
  "integrationDemandCostId": null, "demandAttribute": "GENERAL", "demandAttributeName": "General",
  "useAmount": 293208.0, "promiseDiscountAmount": 15432.0, "promotionDiscountAmount": 0.0, "etcDiscountAmount": 0.0,
  "savingsPlanDiscountAmount": 0.0, "customerDiscountAmount": 0.0, "productDiscountAmount": 13888.8,
  "creditDiscountAmount": 124999.2, "memberPriceDiscountAmount": 0.0, "memberPromiseDiscountAddAmount": 0.0,
  "roundDownDiscountAmount": 0.0, "currencyDiscountAmount": 0.0, "coinUseAmount": 0.0, "penaltyAmount": 0.0,
  "demandAmount": 138888.0, "vatRate": 10.0, "vatAmount": 13888.8, "demandAmountIncludingVat": 152776.8,
  "totalDemandAmount": 152776.8, "paidUp": true, "paidUpDateTime": "2026-07-25T03:00:00Z",
  "overdueOccurDateTime": null, "overduePlusAmount": 0.0, "overdueRate": 0.0, "overdueAmount": 0.0,
  "totalOverdueAmount": 0.0, "previousMonthDemandCostId": "660001122", "payCurrency": "KRW",
  "appliedExchangeRate": 1.0, "createdDateTime": "2026-06-30T18:30:00Z"}], "nextToken": null}"#;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v2")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// A member since January 2026 (the documented examples bill June 2026).
fn member() -> Env {
    Env::business("2026-01-01")
}

/// After the documented example's paid-up instant (2026-07-25T03:00:00Z): a payment after
/// `--as-of` is refused.
const AS_OF: &str = "2026-07-26";

// ---------------------------------------------------------------------------------------
// import ncp: v2 bodies

#[test]
fn v2_bodies_with_wrong_types_are_refused_at_their_path_and_change_nothing() {
    let env = member();
    let before = env.dump();
    let cases = [
        (
            "id-number.json",
            text("billing-item-costs-2026-06.json")
                .replacen("\"880123456\"", "880123456", 1),
            "$.billingItemCosts[0].billingItemCostId: expected a text, got the number 880123456",
        ),
        (
            "v1-month.json",
            text("billing-item-group-costs-2026-06.json").replacen("\"2026-06\"", "\"202606\"", 1),
            "$.billingItemGroupCosts[0].demandMonth: expected a month yyyy-MM, got the text '202606'",
        ),
        (
            "float-text.json",
            text("billing-item-costs-2026-06.json").replacen("\"useAmount\": 3888.0", "\"useAmount\": \"3888.0\"", 1),
            "$.billingItemCosts[0].useAmount: expected a number, got the text '3888.0'",
        ),
        (
            "member-text.json",
            text("billing-item-group-costs-2026-06.json").replacen("\"memberNo\": 2001234", "\"memberNo\": \"2001234\"", 1),
            "$.billingItemGroupCosts[0].memberNo: expected an integer, got the text '2001234'",
        ),
        (
            "offset.json",
            text("billing-item-group-costs-2026-06.json").replacen("2026-06-30T18:12:05Z", "2026-06-30 18:12", 1),
            "$.billingItemGroupCosts[0].createdDateTime: expected a date and time like 2026-06-30T18:12:05Z",
        ),
        (
            "ahead.json",
            text("billing-item-costs-2026-06.json").replacen("\"demandMonth\": \"2026-06\"", "\"demandMonth\": \"2026-08\"", 1),
            "$.billingItemCosts[0].demandMonth: expected a month up to 2026-07 (the month of --as-of), got 2026-08",
        ),
    ];
    for (name, body, message) in cases {
        let path = env.file(name, body);
        let e = env.fail(AS_OF, &["import", "ncp", path.to_str().unwrap()], 2);
        assert!(e.contains(name) && e.contains(message), "{name}: {e}");
        assert_eq!(env.dump(), before, "{name} changed the ledger");
    }
}

#[test]
fn a_saved_v2_error_body_is_refused_with_its_code_and_the_sub_account_hint() {
    let env = member();
    let before = env.dump();
    let path = env.file(
        "forbidden.json",
        r#"{"error": {"errorCode": "Forbidden", "message": "You do not have permission.", "detail": "View/getBillingItemCosts"}}"#,
    );
    let e = env.fail(AS_OF, &["import", "ncp", path.to_str().unwrap()], 2);
    assert!(
        e.trim_end().ends_with("forbidden.json: $.error: NCP answered with error Forbidden: You do not have permission. (View/getBillingItemCosts); a sub account needs the Billing API v2 actions View/getDemandCosts, View/getBillingItemGroupCosts, View/getBillingItemCosts, View/getCostRelationCodes, View/getCreditDiscounts, View/getCoinDiscounts and View/getProductDiscounts (v1's actions do not cover v2): grant them in Sub Account, or sync with --api v1"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}

// ---------------------------------------------------------------------------------------
// sync --api v2 against a real HTTP server

/// The v2 server: the documented bill, its groups, its items one row a page (the second page
/// failing `fail_item_page` times with 503), the codes; `deny` answers every item page with
/// a 403 Forbidden body instead.
fn server(secret: &'static str, fail_item_page: usize, deny: bool) -> Server {
    let failures = Arc::new(AtomicUsize::new(fail_item_page));
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    let items: Value = serde_json::from_str(&text("billing-item-costs-2026-06.json")).unwrap();
    serve("/billing/v2", secret, refused, move |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let month = query(url, "demandMonth");
        let path = url.split('?').next().unwrap_or("");
        match (path, month) {
            ("/billing/v2/demand-costs", Some("2026-06")) => (200, DEMAND_COSTS.to_string()),
            ("/billing/v2/billing-item-group-costs", Some("2026-06")) => {
                (200, text("billing-item-group-costs-2026-06.json"))
            }
            ("/billing/v2/billing-item-costs", Some("2026-06")) => {
                if deny {
                    return (
                        403,
                        r#"{"error": {"errorCode": "Forbidden", "message": "Permission denied."}}"#
                            .to_string(),
                    );
                }
                // The cursor: page n+1 is at token "p<n>"; the last page's nextToken is null.
                let at: usize = match query(url, "nextToken") {
                    None => 0,
                    Some(t) => match t.strip_prefix("p").and_then(|n| n.parse().ok()) {
                        Some(n) => n,
                        None => {
                            return (
                                400,
                                r#"{"error": {"errorCode": "InvalidNextToken", "message": "The nextToken is invalid."}}"#
                                    .to_string(),
                            )
                        }
                    },
                };
                if at == 1 && failures.load(Ordering::SeqCst) > 0 {
                    failures.fetch_sub(1, Ordering::SeqCst);
                    return (503, "busy".to_string());
                }
                let rows = items["billingItemCosts"].as_array().unwrap();
                let next = (at + 1 < rows.len()).then(|| format!("p{}", at + 1));
                let page = json!({"billingItemCosts": [rows[at].clone()], "nextToken": next});
                (200, page.to_string())
            }
            ("/billing/v2/cost-relation-codes", None) => {
                (200, text("cost-relation-codes-2026-06.json"))
            }
            (_, Some(_)) => {
                let key = match path.rsplit('/').next().unwrap_or("") {
                    "demand-costs" => "demandCosts",
                    "billing-item-group-costs" => "billingItemGroupCosts",
                    _ => "billingItemCosts",
                };
                (200, format!("{{\"{key}\": [], \"nextToken\": null}}"))
            }
            _ => (
                404,
                r#"{"error": {"errorCode": "NotFound", "message": "No such path."}}"#.to_string(),
            ),
        }
    })
}

fn sync(env: &Env, server: &Server, secret: &str, from: &str) -> std::process::Output {
    env.cmd(AS_OF)
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", secret)
        .env("NCP_USAGE_SYNC_PAGE_SIZE", "1")
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync",
            "--api",
            "v2",
            "--from",
            from,
            "--to",
            "2026-06",
            "--endpoint",
            &server.url,
            "--json",
        ])
        .output()
        .unwrap()
}

#[test]
fn sync_v2_follows_the_cursor_retries_a_page_and_signs_every_request() {
    let env = member();
    let srv = server(SECRET, 1, false);
    let out = sync(&env, &srv, SECRET, "2026-05");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The bill's rows count under the one name of both generations' DemandCost.
    assert_eq!(doc["rows"]["getDemandCostList"], 1);
    assert_eq!(doc["rows"]["listBillingItemGroupCosts"], 2);
    assert_eq!(doc["rows"]["listBillingItemCosts"], 4);
    assert_eq!(doc["rows"]["listCostRelationCodes"], 2);

    let urls = srv.requests.lock().unwrap().clone();
    let items: Vec<&String> = urls
        .iter()
        .filter(|u| u.contains("/billing-item-costs") && u.contains("demandMonth=2026-06"))
        .collect();
    // Pages 1 to 4, page 2 refused once with 503 and asked again with the same cursor.
    let cursors: Vec<Option<&str>> = items.iter().map(|u| query(u, "nextToken")).collect();
    assert_eq!(
        cursors,
        [None, Some("p1"), Some("p1"), Some("p2"), Some("p3")],
        "{items:?}"
    );
    assert!(items.iter().all(|u| query(u, "pageSize") == Some("1")));
    // One month per call, yyyy-MM; no v1 parameters.
    for m in ["2026-05", "2026-06"] {
        for path in [
            "/demand-costs?",
            "/billing-item-group-costs?",
            "/billing-item-costs?",
        ] {
            assert!(
                urls.iter()
                    .any(|u| u.contains(path) && query(u, "demandMonth") == Some(m)),
                "{path} {m}: {urls:?}"
            );
        }
    }
    assert!(urls.iter().all(|u| !u.contains("pageNo")
        && !u.contains("responseFormatType")
        && u.starts_with("/billing/v2/")));
    assert_eq!(
        urls.iter()
            .filter(|u| u.starts_with("/billing/v2/cost-relation-codes?"))
            .count(),
        1
    );
}

#[test]
fn sync_v2_a_sub_account_without_the_v2_actions_is_told_which_and_nothing_is_written() {
    let env = member();
    env.ok(AS_OF, &["status"]);
    let before = env.dump();
    let srv = server(SECRET, 0, true);
    let out = sync(&env, &srv, SECRET, "2026-06");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("listBillingItemCosts: HTTP 403: NCP answered with error Forbidden: Permission denied.; a sub account needs the Billing API v2 actions View/getDemandCosts, View/getBillingItemGroupCosts, View/getBillingItemCosts, View/getCostRelationCodes, View/getCreditDiscounts, View/getCoinDiscounts and View/getProductDiscounts")
            && stderr.contains(&format!("(API key {ACCESS} from the environment")),
        "{stderr}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn sync_v2_with_a_wrong_signature_names_the_key_never_the_secret_and_writes_nothing() {
    let env = member();
    env.ok(AS_OF, &["status"]);
    let before = env.dump();
    let srv = server(SECRET, 0, false);
    let out = sync(&env, &srv, "a-wrong-secret", "2026-06");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("listDemandCosts: HTTP 401: NCP answered with error Unauthorized: Authentication Failed")
            && stderr.contains(ACCESS),
        "{stderr}"
    );
    assert!(
        !stderr.contains("a-wrong-secret") && !stderr.contains(SECRET),
        "{stderr}"
    );
    // Refused once, not retried: a wrong key does not get better.
    assert_eq!(srv.requests.lock().unwrap().len(), 1);
    assert_eq!(env.dump(), before);
}

#[test]
fn sync_v2_gives_up_on_a_page_that_keeps_failing_and_writes_nothing() {
    let env = member();
    env.ok(AS_OF, &["status"]);
    let before = env.dump();
    let srv = server(SECRET, 99, false);
    let out = sync(&env, &srv, SECRET, "2026-06");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "listBillingItemCosts: no answer after 5 attempts (HTTP 503); nothing was written"
        ),
        "{stderr}"
    );
    assert_eq!(env.dump(), before);
}

// ---------------------------------------------------------------------------------------
// import ncp: v2 cost lines stored

fn import(env: &Env, as_of: &str, files: &[&str]) -> std::process::Output {
    let mut cmd = env.cmd(as_of);
    cmd.args(["import", "ncp", "--json"]);
    for f in files {
        cmd.arg(fixture(f));
    }
    cmd.output().unwrap()
}

#[track_caller]
fn imported(env: &Env, as_of: &str, files: &[&str]) -> (Value, String) {
    let out = import(env, as_of, files);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// NCP's v2 lines of the ledger: (source, contract, item, whole-won used/discount/estimated,
/// currency, NCP's detail), by source, service, contract and item.
fn v2_lines(env: &Env) -> Vec<(String, String, String, [i64; 3], String, Value)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT source, contract_no, item, used_amount, discount_amount, estimated_payment_amount,
                    currency, exact
             FROM fee_lines WHERE source IN ('ncp_group', 'ncp_item')
             ORDER BY source, service, contract_no, item",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let exact: String = r.get(7)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                [r.get(3)?, r.get(4)?, r.get(5)?],
                r.get(6)?,
                serde_json::from_str(&exact).unwrap(),
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn v2_groups_and_items_are_stored_with_ncps_exact_figures() {
    let env = member();
    let (doc, stderr) = imported(
        &env,
        AS_OF,
        &[
            "billing-item-group-costs-2026-06.json",
            "billing-item-costs-2026-06.json",
            "cost-relation-codes-2026-06.json",
        ],
    );
    assert_eq!(
        doc["rows"],
        json!({"listBillingItemCosts": 4, "listBillingItemGroupCosts": 2, "listCostRelationCodes": 2})
    );
    assert_eq!(doc["months"], json!(["2026-06"]));
    assert_eq!(doc["differences"], json!([]));
    assert!(stderr.is_empty(), "{stderr}");

    let lines = v2_lines(&env);
    let shape: Vec<(&str, &str, &str, [i64; 3])> = lines
        .iter()
        .map(|(s, c, i, won, _, _)| (s.as_str(), c.as_str(), i.as_str(), *won))
        .collect();
    // M2 per line: 3888 − 388.8 = 3499.2 → 3,499 estimated, so 389 discounted.
    assert_eq!(
        shape,
        [
            (
                "ncp_group",
                "BST",
                "Block Storage (NCP)",
                [138_888, 138_888, 0]
            ),
            (
                "ncp_group",
                "VSVR",
                "Server (VPC) (NCP)",
                [154_320, 15_432, 138_888]
            ),
            (
                "ncp_item",
                "20012345",
                "Block Storage (SSD)",
                [138_888, 138_888, 0]
            ),
            ("ncp_item", "10012345", "Network Out #2", [420, 42, 378]),
            ("ncp_item", "10012345", "VPC Server", [3_888, 389, 3_499]),
            (
                "ncp_item",
                "VSVR-VSVR",
                "VPC Server",
                [150_012, 15_002, 135_010]
            ),
        ]
    );
    assert!(lines.iter().all(|l| l.4 == "KRW"));
    // NCP's figures, exact: fractions kept, integers when whole.
    let server = &lines[4].5;
    assert_eq!(server["id"], "880123456");
    assert_eq!(server["demand_amount"].to_string(), "3499.2");
    assert_eq!(server["discounts"]["promise"].to_string(), "388.8");
    assert_eq!(server["unit_usage_quantity"], 72);
    assert_eq!(server["usage_unit_code"], "USAGE_HH");
    assert_eq!(server["instance_no"], "22010000");
    assert_eq!(server["resource_name"], "web-server-001");
    assert_eq!(
        server["pricing_factors"],
        json!([{"type": "PRODUCT_COUNT", "value": 1}])
    );
    let tiered = &lines[3].5;
    assert_eq!(
        tiered["use_amount_breakdowns"],
        json!([
            {"section_start_value": 0, "section_end_value": 21474836480u64, "unit_usage_quantity": 30,
             "section_unit_usage_quantity": 20, "unit_price": 0, "use_amount": 0},
            {"section_start_value": 21474836480u64, "section_end_value": 5497558138880u64, "unit_usage_quantity": 30,
             "section_unit_usage_quantity": 10, "unit_price": 42, "use_amount": 420}
        ])
    );
    assert_eq!(tiered["free_unit_usage_quantity"], 20);
    let disk = &lines[2].5;
    assert_eq!(disk["unit_price"].to_string(), "0.1929");
    assert_eq!(
        disk["pricing_factors"][1],
        json!({"type": "PRODUCT_SIZE", "value": 1000})
    );
    assert_eq!(disk["discounts"]["credit"].to_string(), "124999.2");
    let aggregated = &lines[5].5;
    assert_eq!(aggregated["aggregated"], true);
    assert!(aggregated.get("resource_id").is_none());

    // The names of the codes, for the views.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT service_code || '/' || group_code || '/' || item_code || '=' || name FROM ncp_cost_relation_codes ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        names,
        [
            "BST//=Block Storage",
            "BST/BST/=Block Storage",
            "BST/BST/BST-BST=Block Storage (SSD)",
            "VSVR//=Server (VPC)",
            "VSVR/VSVR/=Server (VPC)",
            "VSVR/VSVR/VSVR-NETOUT=Network Out",
            "VSVR/VSVR/VSVR-VSVR=VPC Server",
        ]
    );
    env.ok(AS_OF, &["check"]);
}

#[test]
fn a_re_settled_month_with_new_ids_replaces_the_old_lines_never_adds_to_them() {
    let env = member();
    imported(
        &env,
        AS_OF,
        &[
            "billing-item-group-costs-2026-06.json",
            "billing-item-costs-2026-06.json",
        ],
    );
    let (doc, _) = imported(
        &env,
        "2026-07-28",
        &[
            "billing-item-group-costs-2026-06-resettled.json",
            "billing-item-costs-2026-06-resettled.json",
        ],
    );
    assert_eq!(doc["differences"], json!([]));
    let lines = v2_lines(&env);
    assert_eq!(lines.len(), 6, "{lines:?}");
    let ids: Vec<&str> = lines.iter().map(|l| l.5["id"].as_str().unwrap()).collect();
    assert!(
        ids.iter()
            .all(|id| id.starts_with("78") || id.starts_with("99")),
        "{ids:?}"
    );
    assert_eq!(lines[1].3, [155_400, 15_540, 139_860]);
    assert_eq!(lines[5].3, [151_092, 15_110, 135_982]);
    assert_eq!(lines[5].5["demand_amount"].to_string(), "135982.8");
    // Importing the same settlement again changes nothing.
    let before = env.dump();
    imported(
        &env,
        "2026-07-28",
        &["billing-item-costs-2026-06-resettled.json"],
    );
    assert_eq!(v2_lines(&env), lines);
    assert_ne!(before, "");
    env.ok("2026-07-28", &["check"]);
}

#[test]
fn two_settlements_of_a_month_in_one_import_are_refused_naming_both_files() {
    let env = member();
    let before = env.dump();
    let out = import(
        &env,
        AS_OF,
        &[
            "billing-item-group-costs-2026-06.json",
            "billing-item-group-costs-2026-06-resettled.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("billing-item-group-costs-2026-06.json and ")
            && e.contains("billing-item-group-costs-2026-06-resettled.json both hold the 2026-06 cost of group VSVR/VSVR and they differ; import the one that is NCP's latest answer"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn items_that_do_not_add_up_to_their_group_are_reported_never_corrected() {
    let env = member();
    let (doc, stderr) = imported(
        &env,
        AS_OF,
        &[
            "billing-item-group-costs-2026-06.json",
            "billing-item-costs-2026-06-mismatch.json",
        ],
    );
    assert_eq!(
        doc["differences"],
        json!([
            {"kind": "items", "month": "2026-06", "member_no": "2001234", "level": "group VSVR/VSVR",
             "currency": "KRW", "ncp_amount": 154320, "sum_amount": 154420, "gap_amount": -100},
            {"kind": "items_demand", "month": "2026-06", "member_no": "2001234", "level": "group VSVR/VSVR",
             "currency": "KRW", "ncp_amount": 138888, "sum_amount": 138978, "gap_amount": -90}
        ])
    );
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].starts_with("warning: 2026-06 group VSVR/VSVR: the items' use amounts do not add up to their group's use amount: NCP says 154,320 KRW, the parts add up to 154,420 (gap -100)"),
        "{stderr}"
    );
    // Kept as NCP sent them.
    let network = &v2_lines(&env)[3];
    assert_eq!(network.3, [520, 52, 468]);
    // `check` recomputes them from the stored exact figures; they are NCP's, not faults.
    let out = env.run(AS_OF, &["check", "--json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), stderr);
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["ok"], true);
    assert_eq!(check["differences"], doc["differences"]);
}

#[test]
fn a_row_whose_discounts_do_not_make_its_demand_is_reported() {
    let env = member();
    let body = text("billing-item-group-costs-2026-06.json").replacen(
        "\"demandAmount\": 0.0",
        "\"demandAmount\": 10.5",
        1,
    );
    let path = env.file("groups.json", body);
    let out = env
        .cmd(AS_OF)
        .args(["import", "ncp", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["differences"],
        json!([{"kind": "demand", "month": "2026-06", "member_no": "2001234", "level": "group BST/BST",
                "currency": "KRW", "ncp_amount": 10.5, "sum_amount": 0, "gap_amount": 10.5}])
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn groups_are_checked_against_the_bill_of_the_import_or_the_one_stored() {
    let env = member();
    let bill = env.file("demand-costs-2026-06.json", DEMAND_COSTS);
    let out = env
        .cmd(AS_OF)
        .args(["import", "ncp", "--json", bill.to_str().unwrap()])
        .arg(fixture("billing-item-group-costs-2026-06.json"))
        .arg(fixture("billing-item-costs-2026-06.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["differences"], json!([]));
    assert_eq!(doc["bills"], json!(["2026-06"]));
    // Re-settled groups against the bill stored before: 1,080 more used, 972 more billed.
    let (doc, stderr) = imported(
        &env,
        "2026-07-28",
        &["billing-item-group-costs-2026-06-resettled.json"],
    );
    assert_eq!(
        doc["differences"],
        json!([
            {"kind": "services", "month": "2026-06", "member_no": "2001234", "level": "group",
             "currency": "KRW", "ncp_amount": 293208, "sum_amount": 294288, "gap_amount": -1080},
            {"kind": "services_demand", "month": "2026-06", "member_no": "2001234", "level": "group",
             "currency": "KRW", "ncp_amount": 138888, "sum_amount": 139860, "gap_amount": -972}
        ])
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    // `check` sees the ledger as it stands: the re-settled groups beside the items of the
    // first settlement, which no longer add up to them either.
    let check: Value = env.json("2026-07-28", &["check"]);
    let kinds: Vec<&str> = check["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["items", "items_demand", "services", "services_demand"]
    );
    assert_eq!(check["differences"][2], doc["differences"][0]);
    assert_eq!(check["differences"][0]["gap_amount"], 1080);
}

#[test]
fn sync_v2_stores_the_month_in_one_transaction() {
    let env = member();
    let srv = server(SECRET, 0, false);
    let out = sync(&env, &srv, SECRET, "2026-06");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["differences"], json!([]));
    assert_eq!(doc["bills"], json!(["2026-06"]));
    assert_eq!(doc["months"], json!(["2026-06"]));
    assert_eq!(v2_lines(&env).len(), 6);
    env.ok(AS_OF, &["check"]);
}

#[test]
fn sync_v2_reads_keys_from_the_ncloud_configure_file() {
    let env = member();
    let home = env.path("home");
    std::fs::create_dir_all(home.join(".ncloud")).unwrap();
    std::fs::write(
        home.join(".ncloud/configure"),
        format!(
            "[DEFAULT]\nncloud_access_key_id = {ACCESS}\nncloud_secret_access_key = {SECRET}\n"
        ),
    )
    .unwrap();
    let srv = server(SECRET, 0, false);
    let out = env
        .cmd(AS_OF)
        .env("HOME", &home)
        .args([
            "sync", "--api", "v2", "--from", "2026-06", "--to", "2026-06",
        ])
        .args(["--endpoint", &srv.url, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The default page size: NCP's largest.
    let urls = srv.requests.lock().unwrap().clone();
    assert!(
        urls.iter().all(|u| query(u, "pageSize") == Some("1000")),
        "{urls:?}"
    );
}

/// A server whose `/demand-costs` answers with the cursor `next` on every page, and refuses
/// the cursor `bad` as NCP does (400 InvalidNextToken).
fn cursor_server(next: &'static str) -> Server {
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    serve("/billing/v2", SECRET, refused, move |url| {
        if query(url, "nextToken") == Some("bad") {
            return (
                400,
                r#"{"error": {"errorCode": "InvalidNextToken", "message": "The nextToken is invalid.", "fieldErrors": [{"field": "nextToken", "message": "issued for other conditions"}]}}"#
                    .to_string(),
            );
        }
        (
            200,
            format!("{{\"demandCosts\": [], \"nextToken\": \"{next}\"}}"),
        )
    })
}

#[test]
fn sync_v2_stops_on_a_refused_cursor_and_on_a_cursor_that_repeats() {
    let env = member();
    env.ok(AS_OF, &["status"]);
    let before = env.dump();
    let srv = cursor_server("bad");
    let out = sync(&env, &srv, SECRET, "2026-06");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("listDemandCosts: HTTP 400: NCP answered with error InvalidNextToken: The nextToken is invalid.; nextToken: issued for other conditions"),
        "{stderr}"
    );
    let srv = cursor_server("same");
    let out = sync(&env, &srv, SECRET, "2026-06");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "listDemandCosts: NCP gave the nextToken of page 2 twice; stopping rather than looping"
        ),
        "{stderr}"
    );
    assert_eq!(srv.requests.lock().unwrap().len(), 2);
    assert_eq!(env.dump(), before);
}

#[test]
fn a_group_billed_in_dollars_keeps_its_currency_and_cents() {
    let env = member();
    let body = text("billing-item-group-costs-2026-06.json")
        .replacen("\"useAmount\": 154320.0", "\"useAmount\": 115.67", 1)
        .replacen(
            "\"promiseDiscountAmount\": 15432.0",
            "\"promiseDiscountAmount\": 11.56",
            1,
        )
        .replacen("\"demandAmount\": 138888.0", "\"demandAmount\": 104.11", 1)
        .replacen(
            "\"payCurrency\": \"KRW\", \"appliedExchangeRate\": 1.0",
            "\"payCurrency\": \"USD\", \"appliedExchangeRate\": 1345.5",
            1,
        );
    let path = env.file("usd.json", body);
    let out = env
        .cmd(AS_OF)
        .args(["import", "ncp", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["differences"], json!([]));
    let lines = v2_lines(&env);
    let usd = &lines[1];
    assert_eq!((usd.1.as_str(), usd.4.as_str()), ("VSVR", "USD"));
    assert_eq!(usd.5["use_amount"].to_string(), "115.67");
    assert_eq!(usd.5["exchange_rate"].to_string(), "1345.5");
    assert_eq!(lines[0].4, "KRW");
}
