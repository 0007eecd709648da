//! NCP's Billing API v2 (issue 14): saved cost bodies (`import ncp`) — per group, per item
//! and resource, the names of codes, v2 error bodies — and `sync --api v2` against a real
//! HTTP server speaking v2: cursor pages, a page failing once and retried, error bodies, a
//! sub account without the v2 actions, a wrong signature.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::common::Env;
use crate::ncp_server::{query, serve, Server, ACCESS, SECRET};

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

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2026-01-01",
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

const AS_OF: &str = "2026-07-05";

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
        e.trim_end().ends_with("forbidden.json: $.error: NCP answered with error Forbidden: You do not have permission. (View/getBillingItemCosts); a sub account needs the Billing API v2 actions View/getDemandCosts, View/getBillingItemGroupCosts, View/getBillingItemCosts and View/getCostRelationCodes (v1's actions do not cover v2): grant them in Sub Account, or sync with --api v1"),
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
    assert_eq!(doc["rows"]["listDemandCosts"], 1);
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
        stderr.contains("listBillingItemCosts: HTTP 403: NCP answered with error Forbidden: Permission denied.; a sub account needs the Billing API v2 actions View/getDemandCosts, View/getBillingItemGroupCosts, View/getBillingItemCosts and View/getCostRelationCodes")
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
