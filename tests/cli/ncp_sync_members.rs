//! `sync --members N,N… | --organization | --partner` (issue 15): one run pulls every
//! member's data (v1 `memberNoList.N`, `isOrganization`, `isPartner`), each page retried,
//! all in one transaction, and each member's rows land in its account as `import ncp`
//! routes them (`accounts_created`, `--no-create`).

use serde_json::{json, Value};

use crate::common::Env;
use crate::ncp_server::{
    empty_v1, no_discounts, query, serve, serve_members, Server, ACCESS, SECRET,
};

/// A server that answers the whole organisation's bills whoever is asked.
fn deaf_server() -> Server {
    serve("/billing/v1", SECRET, "{}", |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        if !url.contains("/cost/getDemandCostList?") {
            let action = url.split("/cost/").nth(1).unwrap_or("x");
            return (200, empty_v1(action.split('?').next().unwrap_or("x")));
        }
        let rows: Vec<Value> = ORGANIZATION.iter().map(|m| bill(m)).collect();
        let body = json!({"getDemandCostListResponse": {"returnCode": "0",
            "totalRows": rows.len(), "demandCostList": rows}});
        (200, body.to_string())
    })
}

/// An Organization of three members, and a partner with two customers.
const ORGANIZATION: &[&str] = &["1000001", "1000002", "1000003"];
const PARTNER: &[&str] = &["2000001", "2000002"];

/// Each member's October 2026 use, in won (no discounts; 10 % VAT on top).
fn use_of(member: &str) -> u64 {
    match member {
        "1000001" => 100_000,
        "1000002" => 200_000,
        "1000003" => 300_000,
        "2000001" => 40_000,
        "2000002" => 50_000,
        _ => 10_000,
    }
}

/// NCP's documented DemandCost row for `member`'s October 2026, unpaid.
fn bill(member: &str) -> Value {
    let used = use_of(member);
    let vat = used / 10;
    json!({"memberNo": member, "demandMonth": "202610", "demandNo": format!("D202610-{member}"),
        "integrationDemandNo": "", "demandAttribute": {"code": "GEN", "codeName": "General"},
        "useAmount": used, "promiseDiscountAmount": 0, "promotionDiscountAmount": 0,
        "etcDiscountAmount": 0, "customerDiscountAmount": 0, "productDiscountAmount": 0,
        "creditDiscountAmount": 0, "rounddownDiscountAmount": 0, "currencyDiscountAmount": 0,
        "coinUseAmount": 0, "defaultAmount": 0, "thisMonthDemandAmount": used,
        "thisMonthVatRatio": 0.1, "thisMonthVatAmount": vat,
        "thisMonthAmountIncludingVat": used + vat, "totalDemandAmount": used + vat,
        "isPaidUp": false, "paidUpDate": "", "overdueOccurDate": "", "overduePlusAmount": 0,
        "overdueRatio": 0.015, "thisMonthOverdueAmount": 0, "beforeMonthDemandNo": "",
        "totalOverdueAmount": 0, "writeDate": "2026-11-01T08:02:40+0900",
        "memberPriceDiscountAmount": 0, "memberPromiseDiscountAddAmount": 0,
        "payCurrency": {"code": "KRW", "codeName": "Korean Won"},
        "thisMonthAppliedExchangeRate": 1})
}

/// The master's (or the partner's) ledger, one account `main` opened on 2026-09-01.
fn master() -> Env {
    let env = Env::new();
    env.ok(
        "2026-09-01",
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

fn server(failures: usize) -> Server {
    serve_members("1000000", ORGANIZATION, PARTNER, bill, failures)
}

fn sync(env: &Env, server: &Server, extra: &[&str]) -> std::process::Output {
    env.cmd("2026-11-05")
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync",
            "--from",
            "2026-10",
            "--to",
            "2026-10",
            "--endpoint",
            &server.url,
            "--json",
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[track_caller]
fn synced(env: &Env, server: &Server, extra: &[&str]) -> Value {
    let out = sync(env, server, extra);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `pay --account NAME --json`'s bills that bill something: (month, billed, paid, unpaid,
/// status).
fn bills(env: &Env, account: &str) -> Vec<Value> {
    env.json("2026-11-05", &["--account", account, "pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["billed_amount"] != 0)
        .map(|b| {
            json!([
                b["month"],
                b["billed_amount"],
                b["paid_amount"],
                b["unpaid_amount"],
                b["status"]
            ])
        })
        .collect()
}

/// (name, member number) of every account, in the order they were made.
fn accounts(env: &Env) -> Vec<Value> {
    env.json("2026-11-05", &["accounts"])["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!([a["name"], a["member_no"]]))
        .collect()
}

/// The `getDemandCostList` URLs the server was asked.
fn bill_requests(server: &Server) -> Vec<String> {
    server
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|u| u.contains("/cost/getDemandCostList?"))
        .cloned()
        .collect()
}

/// issue 15: `sync --organization` asks `isOrganization=true` and lands an organisation of
/// three members in three accounts made for them, each `pay` showing its own bill only.
#[test]
fn issue15_sync_organization_lands_three_members_in_three_accounts() {
    let env = master();
    let srv = server(0);
    let doc = synced(&env, &srv, &["--organization"]);
    assert_eq!(
        doc["accounts_created"],
        json!([
            {"name": "1000001", "member_no": "1000001"},
            {"name": "1000002", "member_no": "1000002"},
            {"name": "1000003", "member_no": "1000003"}
        ])
    );
    for url in bill_requests(&srv) {
        assert_eq!(query(&url, "isOrganization"), Some("true"), "{url}");
        assert_eq!(query(&url, "isPartner"), None, "{url}");
    }
    assert_eq!(
        accounts(&env),
        [
            json!(["main", null]),
            json!(["1000001", "1000001"]),
            json!(["1000002", "1000002"]),
            json!(["1000003", "1000003"])
        ]
    );
    assert_eq!(
        bills(&env, "1000001"),
        [json!(["2026-10", 110000, 0, 110000, "open"])]
    );
    assert_eq!(
        bills(&env, "1000002"),
        [json!(["2026-10", 220000, 0, 220000, "open"])]
    );
    assert_eq!(
        bills(&env, "1000003"),
        [json!(["2026-10", 330000, 0, 330000, "open"])]
    );
    assert_eq!(bills(&env, "main"), Vec::<Value>::new());
}

/// issue 15: `--members A,B` asks NCP for exactly those members (`memberNoList.1`,
/// `memberNoList.2`, no organisation or partner flag) and stores only theirs.
#[test]
fn issue15_sync_members_asks_exactly_for_those_members() {
    let env = master();
    let srv = server(0);
    let doc = synced(&env, &srv, &["--members", "1000003,1000001"]);
    let urls = bill_requests(&srv);
    assert_eq!(urls.len(), 1, "{urls:?}");
    let url = &urls[0];
    assert_eq!(query(url, "memberNoList.1"), Some("1000003"));
    assert_eq!(query(url, "memberNoList.2"), Some("1000001"));
    assert_eq!(query(url, "memberNoList.3"), None);
    assert_eq!(query(url, "isOrganization"), None);
    assert_eq!(query(url, "isPartner"), None);
    assert_eq!(
        doc["accounts_created"],
        json!([
            {"name": "1000003", "member_no": "1000003"},
            {"name": "1000001", "member_no": "1000001"}
        ])
    );
    assert_eq!(
        bills(&env, "1000003"),
        [json!(["2026-10", 330000, 0, 330000, "open"])]
    );
    assert_eq!(
        bills(&env, "1000001"),
        [json!(["2026-10", 110000, 0, 110000, "open"])]
    );
    assert_eq!(accounts(&env).len(), 3);
}

/// issue 15: `sync --partner` asks `isPartner=true`: a partner with two customers, each in
/// an account of its own.
#[test]
fn issue15_sync_partner_lands_two_customers_in_two_accounts() {
    let env = master();
    let srv = server(0);
    let doc = synced(&env, &srv, &["--partner"]);
    for url in bill_requests(&srv) {
        assert_eq!(query(&url, "isPartner"), Some("true"), "{url}");
        assert_eq!(query(&url, "isOrganization"), None, "{url}");
    }
    assert_eq!(
        doc["accounts_created"],
        json!([
            {"name": "2000001", "member_no": "2000001"},
            {"name": "2000002", "member_no": "2000002"}
        ])
    );
    assert_eq!(
        bills(&env, "2000001"),
        [json!(["2026-10", 44000, 0, 44000, "open"])]
    );
    assert_eq!(
        bills(&env, "2000002"),
        [json!(["2026-10", 55000, 0, 55000, "open"])]
    );
}

/// issue 15: a page NCP fails (503 twice) is retried, and the sync then stores all three
/// members as if it had not failed.
#[test]
fn issue15_sync_organization_retries_a_failing_page() {
    let env = master();
    let srv = server(2);
    synced(&env, &srv, &["--organization"]);
    assert_eq!(bill_requests(&srv).len(), 3, "two 503s, then the page");
    assert_eq!(
        bills(&env, "1000002"),
        [json!(["2026-10", 220000, 0, 220000, "open"])]
    );
}

/// issue 15: syncing the organisation again leaves the ledger byte-identical.
#[test]
fn issue15_sync_organization_again_is_byte_identical() {
    let env = master();
    let srv = server(0);
    synced(&env, &srv, &["--organization"]);
    let (bytes, dump) = (std::fs::read(&env.db).unwrap(), env.dump());
    let doc = synced(&env, &srv, &["--organization"]);
    assert_eq!(doc["accounts_created"], Value::Null);
    assert_eq!(env.dump(), dump);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

/// issue 15: `--no-create` refuses a member no account holds (exit 2, as `import ncp`), naming it, and the
/// ledger stays byte-identical: the member the ledger does hold is not stored either.
#[test]
fn issue15_sync_no_create_refuses_an_unknown_member_and_writes_nothing() {
    let env = master();
    env.ok(
        "2026-11-05",
        &["accounts", "add", "one", "--member-no", "1000001"],
    );
    let (bytes, dump) = (std::fs::read(&env.db).unwrap(), env.dump());
    let srv = server(0);
    let out = sync(&env, &srv, &["--organization", "--no-create"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("NCP member 1000002 has no account in this ledger"),
        "{stderr}"
    );
    assert_eq!(env.dump(), dump);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

/// issue 15: the three flags are mutually exclusive (exit 2), `--members` takes member
/// numbers only, `--no-create` needs one of them; nothing is asked of NCP.
#[test]
fn issue15_sync_member_flags_are_exclusive() {
    let env = master();
    let srv = server(0);
    let dump = env.dump();
    for extra in [
        &["--organization", "--partner"][..],
        &["--members", "1000001", "--organization"],
        &["--members", "1000001", "--partner"],
        &["--members", "10x1"],
        &["--no-create"],
    ] {
        let out = sync(&env, &srv, extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
    }
    assert!(srv.requests.lock().unwrap().is_empty());
    assert_eq!(env.dump(), dump);
}

/// issue 15: NCP answering rows of a member `--members` did not name is refused (exit 2),
/// naming it, and nothing is written.
#[test]
fn issue15_sync_members_refuses_rows_of_a_member_not_asked() {
    let env = master();
    let (bytes, dump) = (std::fs::read(&env.db).unwrap(), env.dump());
    let srv = deaf_server();
    let out = sync(&env, &srv, &["--members", "1000001"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("NCP answered rows of member 1000002, not one of --members 1000001"),
        "{stderr}"
    );
    assert_eq!(env.dump(), dump);
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

/// NCP's documented v2 bill of 2026-06 (member 2001234), and the same as member 2001300's.
fn v2_bill(member: &str) -> Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/ncp/v2/demand-cost-2026-06-unpaid.json"),
    )
    .unwrap();
    let mut row = serde_json::from_str::<Value>(&text).unwrap()["demandCosts"][0].clone();
    row["memberNo"] = json!(member.parse::<u64>().unwrap());
    row["demandCostId"] = json!(format!("66{member}"));
    row
}

/// A v2 server of an organisation of 2001234 and 2001300: `scope=ORGANIZATION` lists both
/// bills, `targetMemberNo` narrows it to one; the other lists are empty.
fn v2_server() -> Server {
    serve("/billing/v2", SECRET, "{}", |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let path = url.split('?').next().unwrap_or("");
        let body = match path {
            "/billing/v2/demand-costs" => {
                let members: Vec<&str> = match (query(url, "scope"), query(url, "targetMemberNo")) {
                    (Some("ORGANIZATION"), Some(m)) => vec![m],
                    (Some("ORGANIZATION"), None) => vec!["2001234", "2001300"],
                    _ => vec!["2001234"],
                };
                let rows: Vec<Value> = members.iter().map(|m| v2_bill(m)).collect();
                json!({"demandCosts": rows, "nextToken": null})
            }
            "/billing/v2/billing-item-group-costs" => {
                json!({"billingItemGroupCosts": [], "nextToken": null})
            }
            "/billing/v2/billing-item-costs" => json!({"billingItemCosts": [], "nextToken": null}),
            _ => json!({"costRelationCodes": [], "nextToken": null}),
        };
        (200, body.to_string())
    })
}

fn sync_v2(env: &Env, server: &Server, extra: &[&str]) -> std::process::Output {
    env.cmd("2026-07-26")
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync",
            "--api",
            "v2",
            "--from",
            "2026-06",
            "--to",
            "2026-06",
            "--endpoint",
            &server.url,
            "--json",
        ])
        .args(extra)
        .output()
        .unwrap()
}

/// issue 15, v2: `--organization` asks `scope=ORGANIZATION` and lands both members' bills in
/// their accounts; `--members` asks each member apart with `targetMemberNo`; `--partner` is
/// refused (v2 has no partner scope, exit 2) before anything is asked.
#[test]
fn issue15_sync_v2_organization_and_members() {
    let env = Env::business("2026-01-01");
    let srv = v2_server();
    let out = sync_v2(&env, &srv, &["--organization"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["accounts_created"],
        json!([
            {"name": "2001234", "member_no": "2001234"},
            {"name": "2001300", "member_no": "2001300"}
        ])
    );
    for url in srv.requests.lock().unwrap().iter() {
        if url.contains("/cost-relation-codes") {
            assert_eq!(query(url, "scope"), None, "{url}");
        } else {
            assert_eq!(query(url, "scope"), Some("ORGANIZATION"), "{url}");
        }
    }
    let figures = |account: &str| {
        env.json("2026-07-26", &["--account", account, "pay"])["bills"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["billed_amount"] != 0)
            .map(|b| json!([b["month"], b["billed_amount"], b["unpaid_amount"]]))
            .collect::<Vec<_>>()
    };
    assert_eq!(figures("2001234"), [json!(["2026-06", 151676, 151676])]);
    assert_eq!(figures("2001300"), [json!(["2026-06", 151676, 151676])]);

    let env = Env::business("2026-01-01");
    let srv = v2_server();
    let out = sync_v2(&env, &srv, &["--members", "2001300"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bills: Vec<String> = srv
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|u| u.starts_with("/billing/v2/demand-costs?"))
        .cloned()
        .collect();
    assert_eq!(bills.len(), 1, "{bills:?}");
    assert_eq!(query(&bills[0], "targetMemberNo"), Some("2001300"));
    assert_eq!(query(&bills[0], "scope"), Some("ORGANIZATION"));

    let srv = v2_server();
    let dump = env.dump();
    let out = sync_v2(&env, &srv, &["--partner"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--partner is for --api v1"));
    assert!(srv.requests.lock().unwrap().is_empty());
    assert_eq!(env.dump(), dump);
}
