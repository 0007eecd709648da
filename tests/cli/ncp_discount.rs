//! NCP's Discount API (issue 14: `promotions` shows the credits and discounts NCP applied,
//! from the Discount API where synced): v1 getCreditHistoryList and getDiscountList, v2
//! `/credit-discounts`, imported and synced, shown by `promotions` with NCP's exact figures;
//! re-imports replace, never add; one NCP member per ledger.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;
use crate::ncp_server::{empty_v1, query, serve, Server, ACCESS, SECRET};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

const CREDITS: &str = "v1/discount-credit-history-2026-02.json";
const LIST: &str = "v1/discount-list-2026-02.json";
const V2: &str = "v2/credit-discounts-2026-06.json";
const COINS: &str = "v1/discount-coin-history-2026-02.json";
const V2_COINS: &str = "v2/coin-discounts-2026-06.json";
const PRODUCT: &str = "v1/discount-product-history-2026-02.json";
const V2_PRODUCT: &str = "v2/product-discounts-2026-06.json";

fn member() -> Env {
    Env::business("2026-01-01")
}

fn import(env: &Env, as_of: &str, files: &[&str]) -> Value {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    env.json(as_of, &args)
}

/// `promotions --json`'s `ncp_credits`, as (number, type, received, remaining, used,
/// validity, currency, services, uses).
fn credits(env: &Env, as_of: &str) -> Vec<Value> {
    env.json(as_of, &["promotions"])["ncp_credits"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn v1_credits_and_discounts_show_in_promotions_with_ncps_exact_figures() {
    let env = member();
    let doc = import(&env, "2026-03-05", &[CREDITS, LIST]);
    assert_eq!(doc["rows"]["getCreditHistoryList"], 2);
    assert_eq!(doc["rows"]["getDiscountList"], 2);
    assert_eq!(doc["differences"], json!([]));

    let out = env.ok("2026-03-05", &["promotions", "--json"]);
    // Exact JSON numbers: NCP's 5009.8 is kept digit for digit, never through a float.
    assert!(out.contains("5009.8") && out.contains("24990.2"), "{out}");
    let p: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        p["ncp_credits"],
        json!([
            {"kind": "credit", "discount_no": "6383", "name": "credit-discount-test", "type": "FREE",
             "received_amount": 30000, "remaining_amount": 5009.8, "used_amount": 24990.2,
             "valid_from": "2026-01", "valid_to": "2026-12", "currency": "KRW",
             "services": ["Server", "Block Storage"],
             "uses": [
                {"month": "2026-01", "service": "Block Storage", "used_amount": 4990,
                 "unused_amount": 0, "remaining_amount": 5010},
                {"month": "2026-01", "service": "Server", "used_amount": 20000,
                 "unused_amount": 0, "remaining_amount": 10000},
                {"month": "2026-02", "service": "Block Storage", "used_amount": 0.2,
                 "unused_amount": 0, "remaining_amount": 5009.8}]},
            {"kind": "credit", "discount_no": "68", "name": "event-credit-usd", "type": "EVENT",
             "received_amount": 100, "remaining_amount": 87.25, "used_amount": 12.75,
             "valid_from": "2026-02", "valid_to": "2026-07", "currency": "USD",
             "services": [],
             "uses": [
                {"month": "2026-02", "service": "Server", "used_amount": 12.75,
                 "unused_amount": 0, "remaining_amount": 87.25}]}
        ])
    );
    assert_eq!(
        p["ncp_discount_list"],
        json!([
            {"discount_no": "6383", "type": "CREDIT", "name": "credit-discount-test",
             "method": "AMT", "value": 30000, "valid_from": "2026-01", "valid_to": "2026-12",
             "currency": "KRW"},
            {"discount_no": "2091001", "type": "PRODUCT", "name": "Server 10% Discount",
             "method": "RATE", "value": 10.5, "valid_from": "2026-02", "valid_to": "2026-02",
             "currency": "KRW"}
        ])
    );
    // The table: each credit with its currency, and its use month by month.
    let table = env.ok("2026-03-05", &["promotions"]);
    for shown in [
        "NCP's credits and coins (Discount API)",
        "credit-discount-test",
        "5,009.8",
        "24,990.2",
        "87.25",
        "USD",
        "Their use by month (Discount API)",
        "Discounts NCP lists (Discount API)",
        "Server 10% Discount",
    ] {
        assert!(table.contains(shown), "{shown}: {table}");
    }
    // T2: before the import, nothing of it is seen.
    assert_eq!(credits(&env, "2026-03-04"), Vec::<Value>::new());
}

#[test]
fn v2_credit_discounts_show_in_promotions_without_uses() {
    let env = member();
    let doc = import(&env, "2026-07-05", &[V2]);
    assert_eq!(doc["rows"]["listCreditDiscounts"], 2);
    let c = credits(&env, "2026-07-05");
    let shown: Vec<(Value, Value, Value, Value, Value, Value)> = c
        .iter()
        .map(|c| {
            (
                c["discount_no"].clone(),
                c["received_amount"].clone(),
                c["remaining_amount"].clone(),
                c["used_amount"].clone(),
                c["services"].clone(),
                c["uses"].clone(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                json!("10877"),
                json!(300000),
                json!(161112),
                json!(138888),
                json!(["Server", "Block Storage"]),
                json!([])
            ),
            (
                json!("10901"),
                json!(50000),
                json!(12345.6),
                json!(37654.4),
                json!([]),
                json!([])
            ),
        ]
    );
    assert_eq!(c[0]["type"], "FREE");
    assert_eq!(
        (&c[0]["valid_from"], &c[0]["valid_to"]),
        (&json!("2026-04"), &json!("2026-09"))
    );
}

#[test]
fn coins_show_after_the_credits_with_their_use_by_member() {
    let env = member();
    let doc = import(&env, "2026-03-05", &[CREDITS, COINS]);
    assert_eq!(doc["rows"]["getCoinHistoryList"], 1);
    let c = credits(&env, "2026-03-05");
    assert_eq!(c.len(), 3);
    assert_eq!(
        c[2],
        json!({"kind": "coin", "discount_no": "5123", "name": "Prepaid Coin 2026-01",
               "type": "COIN", "received_amount": 100000, "remaining_amount": 74999.5,
               "used_amount": 25000.5, "valid_from": "2026-01", "valid_to": "2026-12",
               "currency": "KRW", "services": [],
               "uses": [
                 {"month": "2026-01", "service": "member 2840117", "used_amount": 20000,
                  "unused_amount": 0, "remaining_amount": 80000},
                 {"month": "2026-02", "service": "member 2840200", "used_amount": 5000.5,
                  "unused_amount": 0, "remaining_amount": 74999.5}]})
    );
    let table = env.ok("2026-03-05", &["promotions"]);
    assert!(
        table.contains("Prepaid Coin 2026-01") && table.contains("member 2840200"),
        "{table}"
    );

    // v2: the documented CoinDiscount, in a ledger of its member.
    let env = member();
    import(&env, "2026-07-05", &[V2_COINS]);
    let c = credits(&env, "2026-07-05");
    assert_eq!(
        (
            &c[0]["kind"],
            &c[0]["received_amount"],
            &c[0]["remaining_amount"],
            &c[0]["used_amount"],
            &c[0]["type"],
            &c[0]["currency"]
        ),
        (
            &json!("coin"),
            &json!(1000000),
            &json!(954790),
            &json!(45210),
            &json!("COIN"),
            &json!("KRW")
        )
    );
}

#[test]
fn product_discounts_show_their_percent_and_what_they_took_off() {
    let env = member();
    let doc = import(&env, "2026-03-05", &[PRODUCT]);
    assert_eq!(doc["rows"]["getProductDiscountHistoryList"], 1);
    let p = env.json("2026-03-05", &["promotions"]);
    assert_eq!(
        p["ncp_product_discounts"],
        json!([{"discount_no": "2091001", "name": "Server 10% Discount", "discount_rate": 10.5,
                "conditional": true, "minimum_amount": 100000,
                "capped": true, "maximum_amount": 50000,
                "valid_from": "2026-02", "valid_to": "2026-02", "currency": "KRW",
                "services": ["Server"],
                "uses": [{"month": "2026-02", "service": "Server", "target_amount": 123456,
                          "applied_amount": 12962.88}]}])
    );
    let table = env.ok("2026-03-05", &["promotions"]);
    assert!(
        table.contains("NCP's product discounts (Discount API)") && table.contains("12,962.88"),
        "{table}"
    );

    // v2: the documented ProductDiscount (10.0 is 10 %).
    let env = member();
    import(&env, "2026-07-05", &[V2_PRODUCT]);
    let d = &env.json("2026-07-05", &["promotions"])["ncp_product_discounts"][0];
    assert_eq!(
        (
            &d["discount_no"],
            &d["discount_rate"],
            &d["minimum_amount"],
            &d["maximum_amount"],
            &d["services"],
            &d["uses"]
        ),
        (
            &json!("2091001"),
            &json!(10),
            &json!(100000),
            &json!(50000),
            &json!(["Server"]),
            &json!([])
        )
    );
}

#[test]
fn reimporting_the_same_body_changes_nothing_and_a_later_one_replaces_never_adds() {
    let env = member();
    import(&env, "2026-03-05", &[CREDITS, LIST]);
    let before = env.dump();
    import(&env, "2026-03-05", &[CREDITS, LIST]);
    assert!(env.dump() == before, "the same bodies twice change no row");

    // NCP's later answer: the credit used further in March.
    let later = text(CREDITS)
        .replace("\"remainingCredit\": 5009.8,\n", "\"remainingCredit\": 3000,\n")
        .replace(
            "\"usedCredit\": 0.2, \"remainingCredit\": 5009.8}]},",
            "\"usedCredit\": 0.2, \"remainingCredit\": 5009.8},\n       {\"useMonth\": \"202603\", \"productDemandType\": {\"code\": \"BST\", \"codeName\": \"Block Storage\"}, \"unusedCredit\": 0, \"usedCredit\": 2009.8, \"remainingCredit\": 3000}]},",
        );
    assert_ne!(later, text(CREDITS));
    let file = env.file("later.json", later);
    env.ok("2026-03-31", &["import", "ncp", file.to_str().unwrap()]);
    let c = credits(&env, "2026-03-31");
    assert_eq!(
        c.len(),
        2,
        "replaced by member and number, never a second row"
    );
    assert_eq!(
        (&c[0]["remaining_amount"], &c[0]["used_amount"]),
        (&json!(3000), &json!(27000))
    );
    let months: Vec<&Value> = c[0]["uses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["month"])
        .collect();
    assert_eq!(months, ["2026-01", "2026-01", "2026-02", "2026-03"]);
    // T2: as of before the later import, the earlier figures stand.
    assert_eq!(
        credits(&env, "2026-03-10")[0]["remaining_amount"],
        json!(5009.8)
    );
    env.ok("2026-03-31", &["check"]);
}

/// One member per account (issue 15): the member of the credits becomes the account's, and a
/// Discount API body of another NCP member goes to that member's own account, made for it;
/// with `--no-create` it is refused naming the member, exit 2, and nothing is written.
#[test]
fn a_discount_body_of_another_member_goes_to_its_own_account() {
    let env = member();
    import(&env, "2026-07-05", &[CREDITS]);
    let before = env.dump();
    let e = env.fail(
        "2026-07-05",
        &["import", "ncp", "--no-create", &fixture(V2)],
        2,
    );
    assert!(
        e.contains("NCP member 2001234 has no account in this ledger and --no-create keeps the import from making one; nothing was written"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
    let doc = import(&env, "2026-07-05", &[V2]);
    assert_eq!(
        doc["accounts_created"],
        json!([{"name": "2001234", "member_no": "2001234"}])
    );
    // A bill of the member the credits belong to goes to the account holding them (no
    // account chosen among the two now: the summary says where it went).
    let doc = import(&env, "2026-07-05", &["views/demand-cost-2026-01.json"]);
    assert_eq!(doc["accounts_created"], Value::Null);
    assert_eq!(
        doc["accounts"],
        json!([{"name": "main", "member_no": "2840117", "bills": ["2026-01"]}])
    );
    let members: Vec<Value> = env.json("2026-07-05", &["accounts"])["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!([a["name"], a["member_no"]]))
        .collect();
    assert_eq!(
        members,
        [json!(["main", "2840117"]), json!(["2001234", "2001234"])]
    );
}

#[test]
fn a_coin_shared_by_another_member_is_welcome_and_does_not_claim_the_ledger() {
    // The ledger holds member 2840200's credits; the coin is held by 2840117 and shared with
    // 2840200 (its use history says so): a sharee's sync brings the holder's number.
    let env = member();
    let own = text(CREDITS).replace("\"2840117\"", "\"2840200\"");
    let own = env.file("own-credits.json", &own);
    env.ok("2026-03-05", &["import", "ncp", own.to_str().unwrap()]);
    import(&env, "2026-03-05", &[COINS]);
    let coins: Vec<Value> = credits(&env, "2026-03-05")
        .into_iter()
        .filter(|c| c["kind"] == "coin")
        .collect();
    assert_eq!(coins.len(), 1);
    // The account is still 2840200's: the credits of the coin's holder go to its own account.
    let doc = import(&env, "2026-03-05", &[CREDITS]);
    assert_eq!(
        doc["accounts_created"],
        json!([{"name": "2840117", "member_no": "2840117"}])
    );
    assert_eq!(
        env.json("2026-03-05", &["--account", "main", "accounts"])["accounts"][0]["member_no"],
        "2840200"
    );
}

#[test]
fn a_credit_used_in_a_month_that_has_not_happened_is_refused_at_its_path() {
    let env = member();
    env.ok("2026-01-20", &["status"]);
    let before = env.dump();
    let e = env.fail("2026-01-20", &["import", "ncp", &fixture(CREDITS)], 2);
    assert!(
        e.contains("$.getCreditHistoryListResponse.creditHistoryList[0].creditUseHistory[2].useMonth: expected a month up to 2026-01 (the month of --as-of), got 2026-02"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}

// ---------------------------------------------------------------------------------------
// sync: the Discount API fetched with the months, stored in the same transaction

/// v1: every cost action answers nothing; getCreditHistoryList answers the fixture one
/// credit a page (`totalRows` 2), getDiscountList the fixture.
fn v1_server() -> Server {
    let refused = r#"{"error":{"errorCode":"200","message":"Authentication Failed"}}"#;
    let credits: Value = serde_json::from_str(&text(CREDITS)).unwrap();
    serve("/billing/v1", SECRET, refused, move |url| {
        let path = url.split('?').next().unwrap_or("");
        let action = path.rsplit('/').next().unwrap_or("").to_string();
        let body = match action.as_str() {
            "getCreditHistoryList" => {
                let page: usize = query(url, "pageNo").unwrap_or("1").parse().unwrap();
                let mut one = credits.clone();
                let row =
                    credits["getCreditHistoryListResponse"]["creditHistoryList"][page - 1].clone();
                one["getCreditHistoryListResponse"]["creditHistoryList"] = json!([row]);
                one.to_string()
            }
            "getCoinHistoryList" => text(COINS),
            "getProductDiscountHistoryList" => text(PRODUCT),
            "getDiscountList" => text(LIST),
            _ => empty_v1(&action),
        };
        (200, body)
    })
}

fn sync(env: &Env, server: &Server, as_of: &str, api: &str, from: &str, to: &str) -> Value {
    let out = env
        .cmd(as_of)
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_PAGE_SIZE", "1")
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args(["sync", "--api", api, "--from", from, "--to", to])
        .args(["--endpoint", &server.url, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sync_v1_fetches_every_page_of_the_credits_and_the_discounts() {
    let env = member();
    let srv = v1_server();
    let doc = sync(&env, &srv, "2026-03-05", "v1", "2026-01", "2026-02");
    assert_eq!(doc["rows"]["getCreditHistoryList"], 2);
    assert_eq!(doc["rows"]["getCoinHistoryList"], 1);
    assert_eq!(doc["rows"]["getProductDiscountHistoryList"], 1);
    assert_eq!(doc["rows"]["getDiscountList"], 2);
    let urls = srv.requests.lock().unwrap().clone();
    let pages: Vec<Option<&str>> = urls
        .iter()
        .filter(|u| u.contains("/discount/getCreditHistoryList?"))
        .map(|u| query(u, "pageNo"))
        .collect();
    assert_eq!(pages, [Some("1"), Some("2")], "{urls:?}");
    assert!(urls
        .iter()
        .filter(|u| u.contains("/discount/"))
        .all(
            |u| query(u, "responseFormatType") == Some("json") && query(u, "startMonth").is_none()
        ));
    let c = credits(&env, "2026-03-05");
    let shown: Vec<(&Value, &Value, &Value, usize)> = c
        .iter()
        .map(|c| {
            (
                &c["discount_no"],
                &c["remaining_amount"],
                &c["currency"],
                c["uses"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (&json!("6383"), &json!(5009.8), &json!("KRW"), 3),
            (&json!("68"), &json!(87.25), &json!("USD"), 1),
            (&json!("5123"), &json!(74999.5), &json!("KRW"), 2)
        ]
    );
    assert_eq!(
        env.json("2026-03-05", &["promotions"])["ncp_discount_list"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// v2: the month's cost lists answer nothing; `/credit-discounts` answers the fixture one
/// credit a page, page 2 at the cursor "c1".
fn v2_server() -> Server {
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    let credits: Value = serde_json::from_str(&text(V2)).unwrap();
    serve("/billing/v2", SECRET, refused, move |url| {
        let path = url.split('?').next().unwrap_or("");
        let body = match path.rsplit('/').next().unwrap_or("") {
            "credit-discounts" => {
                let rows = credits["creditDiscounts"].as_array().unwrap();
                match query(url, "nextToken") {
                    None => json!({"creditDiscounts": [rows[0].clone()], "nextToken": "c1"}),
                    Some(_) => json!({"creditDiscounts": [rows[1].clone()], "nextToken": null}),
                }
                .to_string()
            }
            "coin-discounts" => text(V2_COINS),
            "product-discounts" => text(V2_PRODUCT),
            "demand-costs" => r#"{"demandCosts": [], "nextToken": null}"#.to_string(),
            "billing-item-group-costs" => {
                r#"{"billingItemGroupCosts": [], "nextToken": null}"#.to_string()
            }
            "billing-item-costs" => r#"{"billingItemCosts": [], "nextToken": null}"#.to_string(),
            _ => r#"{"costRelationCodes": [], "nextToken": null}"#.to_string(),
        };
        (200, body)
    })
}

#[test]
fn sync_v2_follows_the_credits_cursor_and_stores_them() {
    let env = member();
    let srv = v2_server();
    let doc = sync(&env, &srv, "2026-07-05", "v2", "2026-06", "2026-06");
    assert_eq!(doc["rows"]["listCreditDiscounts"], 2);
    assert_eq!(doc["rows"]["listCoinDiscounts"], 1);
    assert_eq!(doc["rows"]["listProductDiscounts"], 1);
    let urls = srv.requests.lock().unwrap().clone();
    let cursors: Vec<Option<&str>> = urls
        .iter()
        .filter(|u| u.starts_with("/billing/v2/credit-discounts?"))
        .map(|u| query(u, "nextToken"))
        .collect();
    assert_eq!(cursors, [None, Some("c1")], "{urls:?}");
    let c = credits(&env, "2026-07-05");
    let shown: Vec<(&Value, &Value)> = c
        .iter()
        .map(|c| (&c["discount_no"], &c["remaining_amount"]))
        .collect();
    assert_eq!(
        shown,
        [
            (&json!("10877"), &json!(161112)),
            (&json!("10901"), &json!(12345.6)),
            (&json!("5123"), &json!(954790))
        ]
    );
    // Synced again: the same answer changes nothing.
    let before = env.dump();
    sync(&env, &srv, "2026-07-05", "v2", "2026-06", "2026-06");
    assert!(env.dump() == before, "the same answer twice changes no row");
}

/// A key set up for the costs alone (no Discount API permission): NCP answers the cost calls
/// and refuses the Discount API's with 403. `sync` stores the costs, skips the discounts, says
/// so once per action on stderr and in JSON `skipped`, and exits 0.
#[test]
fn a_key_without_the_discount_api_syncs_the_costs_and_says_what_it_skipped() {
    let env = Env::business("2024-05-01");
    let denied = r#"{"error": {"errorCode": "210", "message": "Permission Denied"}}"#;
    let v1 = serve("/billing/v1", SECRET, denied, move |url| {
        let path = url.split('?').next().unwrap_or("");
        let action = path.rsplit('/').next().unwrap_or("").to_string();
        if path.contains("/discount/") {
            return (403, denied.to_string());
        }
        let bill = text("demand-cost-2024-05.json");
        match action.as_str() {
            "getDemandCostList" => (200, bill),
            _ => (200, empty_v1(&action)),
        }
    });
    let out = env
        .cmd("2024-06-20")
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args(["sync", "--from", "2024-05", "--to", "2024-05"])
        .args(["--endpoint", &v1.url, "--json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["skipped"],
        json!([
            "getCreditHistoryList",
            "getCoinHistoryList",
            "getProductDiscountHistoryList",
            "getDiscountList"
        ])
    );
    assert_eq!(doc["bills"], json!(["2024-05"]));
    assert_eq!(
        stderr
            .matches("warning: NCP did not let the API key read ")
            .count(),
        4,
        "{stderr}"
    );
    assert!(stderr.contains(
        "warning: NCP did not let the API key read getCreditHistoryList (401/403): the costs were synced, NCP's credits and discounts were not; give the key the Discount API's permissions to sync them"
    ), "{stderr}");
    assert!(!stderr.contains(SECRET), "{stderr}");
    let history = env.json("2024-06-20", &["history", "--month", "2024-05"]);
    assert_eq!(history["source"], "ncp");
    assert!(env
        .json("2024-06-20", &["promotions"])
        .get("ncp_credits")
        .is_none());
}
