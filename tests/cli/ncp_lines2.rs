//! Issue 14, what an outside tester found in NCP's lines: a month imported through both v1
//! (getProductDemandCostList) and v2 (billing-item-group-costs, billing-item-costs) shows one
//! API's lines — its NCP bill's, else the one imported last — never both summed; the JSON of a
//! month NCP billed in USD gives its won amounts as `null` (NCP's dollars beside them), never
//! 0 won a script would sum; and NCP's unit price is shown and exported as NCP sent it
//! (0.10125).

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

/// June 2026 through v1, the same figures as the v2 fixtures' groups (SOURCES.md: v2's
/// documented example), as getProductDemandCostList documents its rows.
const V1_JUNE: &str = r#"{"getProductDemandCostListResponse": {
  "requestId": "5b3f0e0a-0000-4000-8000-000000000099", "returnCode": "0",
  "returnMessage": "success", "totalRows": 2,
  "productDemandCostList": [
    {"memberNo": "2001234", "demandMonth": "202606",
     "productDemandType": {"code": "VSVR", "codeName": "Server (VPC)", "regionCode": "KR"},
     "useAmount": 154320, "promotionDiscountAmount": 0, "promiseDiscountAmount": 15432,
     "etcDiscountAmount": 0, "productDiscountAmount": 0, "creditDiscountAmount": 0,
     "defaultAmount": 0, "demandAmount": 138888, "writeDate": "2026-07-01T08:00:00+0900",
     "memberPriceDiscountAmount": 0, "memberPromiseDiscountAddAmount": 0,
     "payCurrency": {"code": "KRW", "codeName": "South Korea Won"},
     "thisMonthAppliedExchangeRate": 1},
    {"memberNo": "2001234", "demandMonth": "202606",
     "productDemandType": {"code": "BST", "codeName": "Block Storage", "regionCode": "KR"},
     "useAmount": 138888, "promotionDiscountAmount": 0, "promiseDiscountAmount": 0,
     "etcDiscountAmount": 0, "productDiscountAmount": 13888.8, "creditDiscountAmount": 124999.2,
     "defaultAmount": 0, "demandAmount": 0, "writeDate": "2026-07-01T08:00:00+0900",
     "memberPriceDiscountAmount": 0, "memberPromiseDiscountAddAmount": 0,
     "payCurrency": {"code": "KRW", "codeName": "South Korea Won"},
     "thisMonthAppliedExchangeRate": 1}
  ]}}"#;

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2026-06-01",
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

fn import_v1(env: &Env, as_of: &str) {
    let v1 = env.file("product-demand-2026-06.json", V1_JUNE);
    env.ok(as_of, &["import", "ncp", v1.to_str().unwrap()]);
}

fn import_v2(env: &Env, as_of: &str) {
    env.ok(
        as_of,
        &[
            "import",
            "ncp",
            &fixture("v2/billing-item-group-costs-2026-06.json"),
            &fixture("v2/billing-item-costs-2026-06.json"),
        ],
    );
}

/// (service, used, discount, estimated, details) of each service row of June.
fn services(doc: &Value) -> Vec<(String, i64, i64, i64, String)> {
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["used_amount"].as_i64().unwrap(),
                s["discount_amount"].as_i64().unwrap(),
                s["estimated_payment_amount"].as_i64().unwrap(),
                s["details"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(
    service: &str,
    used: i64,
    discount: i64,
    estimated: i64,
    details: &str,
) -> (String, i64, i64, i64, String) {
    (
        service.to_string(),
        used,
        discount,
        estimated,
        details.to_string(),
    )
}

/// June's `trend` row: (used, billed).
fn trend_june(env: &Env, as_of: &str) -> i64 {
    let trend = env.json(as_of, &["trend"]);
    let june = trend["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2026-06")
        .unwrap()
        .clone();
    june["used_amount"].as_i64().unwrap()
}

#[test]
fn i14_v1_then_v2_shows_v2s_lines_once_and_keeps_v1s_aside() {
    let env = member();
    import_v1(&env, "2026-07-03");
    import_v2(&env, "2026-07-04");
    let doc = env.json("2026-07-05", &["history", "--month", "2026-06", "--detail"]);
    // v2's item lines only: not 586,416 won of both APIs' lines.
    assert_eq!(
        services(&doc),
        [
            row("Block Storage", 138_888, 138_888, 0, "1 contract"),
            row(
                "Server (VPC)",
                154_320,
                15_433,
                138_887,
                "2 contracts, 3 fee lines"
            ),
        ]
    );
    assert_eq!(
        doc["totals"],
        json!({"used_amount": 293208, "discount_amount": 154321,
               "estimated_payment_amount": 138887, "rounddown_discount_amount": 87,
               "vat_amount": 13880, "billed_amount": 152680})
    );
    assert_eq!(doc["lines"].as_array().unwrap().len(), 4);
    // June's 0-won bill (issued before NCP's lines) is corrected once, by v1's lines: v2's,
    // billing the same, correct nothing more (both summed would have added 152,680 again).
    let corrections: Vec<&Value> = doc["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["amount"])
        .collect();
    assert_eq!(corrections, [&json!(152_680)]);
    assert_eq!(
        doc["lines_aside"],
        json!({"api": "v1", "lines": 2, "shown_api": "v2"})
    );
    let table = env.ok("2026-07-05", &["history", "--month", "2026-06"]);
    assert!(
        table.contains(
            "Note: NCP's lines of 2026-06 came through both APIs; the month shows its v2 lines \
             (the API of NCP's bill of the month, else the one imported last). Its 2 v1 lines are \
             kept but neither shown nor summed."
        ),
        "{table}"
    );
    assert_eq!(trend_june(&env, "2026-07-05"), 293_208);
    let csv = env.dir.path().join("june.csv");
    let out = env.ok(
        "2026-07-05",
        &["export", "--month", "2026-06", "-o", csv.to_str().unwrap()],
    );
    assert_eq!(
        out,
        format!("Wrote 4 fee lines of 2026-06 to {}.\n", csv.display())
    );
}

#[test]
fn i14_v2_then_v1_shows_v1s_lines_once_and_keeps_v2s_aside() {
    let env = member();
    import_v2(&env, "2026-07-03");
    import_v1(&env, "2026-07-04");
    let doc = env.json("2026-07-05", &["history", "--month", "2026-06"]);
    assert_eq!(
        services(&doc),
        [
            row("Block Storage", 138_888, 138_888, 0, "NCP service BST"),
            row("Server (VPC)", 154_320, 15_432, 138_888, "NCP service VSVR"),
        ]
    );
    assert_eq!(
        doc["totals"],
        json!({"used_amount": 293208, "discount_amount": 154320,
               "estimated_payment_amount": 138888, "rounddown_discount_amount": 88,
               "vat_amount": 13880, "billed_amount": 152680})
    );
    assert_eq!(
        doc["lines_aside"],
        json!({"api": "v2", "lines": 6, "shown_api": "v1"})
    );
    assert_eq!(trend_june(&env, "2026-07-05"), 293_208);
    // As the ledger stood before v1's lines came, v2's stood alone, with no note.
    let before = env.json("2026-07-03", &["history", "--month", "2026-06"]);
    assert_eq!(before["totals"]["discount_amount"], 154_321);
    assert!(before.get("lines_aside").is_none());
}

#[test]
fn i14_the_api_of_the_months_ncp_bill_wins_over_the_lines_imported_last() {
    let env = member();
    import_v2(&env, "2026-07-03");
    // NCP's v2 bill of June (paid on 2026-07-25), then v1's lines after it.
    env.ok(
        "2026-07-26",
        &["import", "ncp", &fixture("v2/demand-cost-2026-06.json")],
    );
    import_v1(&env, "2026-07-27");
    let doc = env.json("2026-07-28", &["history", "--month", "2026-06"]);
    assert_eq!(
        services(&doc),
        [
            row("Block Storage", 138_888, 138_888, 0, "1 contract"),
            row(
                "Server (VPC)",
                154_320,
                15_433,
                138_887,
                "2 contracts, 3 fee lines"
            ),
        ]
    );
    assert_eq!(
        doc["lines_aside"],
        json!({"api": "v1", "lines": 2, "shown_api": "v2"})
    );
}

/// February 2026 billed in USD (fixtures/ncp/views: the bill, 19.25 USD, and its two
/// per-service rows).
fn usd() -> Env {
    let env = Env::new().with_member();
    env.ok(
        "2026-03-10",
        &[
            "import",
            "ncp",
            &fixture("views/demand-cost-2026-02-usd.json"),
            &fixture("views/product-demand-2026-02-usd.json"),
        ],
    );
    env
}

#[test]
fn i14_history_json_of_a_usd_month_has_no_won_amounts_never_zero() {
    let env = usd();
    let doc = env.json("2026-03-10", &["history", "--month", "2026-02", "--detail"]);
    // Not 18 "won" of 18.75 USD, nor a 0 a script would sum: no won, and NCP's dollars
    // beside, each with its currency.
    assert_eq!(
        doc["regions"],
        json!([{"region": "", "used_amount": null, "discount_amount": null,
                "estimated_payment_amount": null}])
    );
    let services: Vec<Value> = doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            json!([
                s["service"],
                s["used_amount"],
                s["discount_amount"],
                s["estimated_payment_amount"],
                s["ncp"]
            ])
        })
        .collect();
    assert_eq!(
        services,
        [
            json!(["Block Storage", null, null, null, {"currency": "USD", "use_amount": 3.25,
                   "discount_amount": 1.25, "estimated_payment_amount": 2}]),
            json!(["Server", null, null, null, {"currency": "USD", "use_amount": 15.5,
                   "discount_amount": 0, "estimated_payment_amount": 15.5}]),
        ]
    );
    assert_eq!(
        doc["totals"],
        json!({"used_amount": null, "discount_amount": null, "estimated_payment_amount": null,
               "rounddown_discount_amount": null, "vat_amount": null, "billed_amount": null})
    );
    let lines: Vec<Value> = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            json!([
                l["used_amount"],
                l["discount_amount"],
                l["estimated_payment_amount"],
                l["ncp"]["currency"],
                l["ncp"]["use_amount"]
            ])
        })
        .collect();
    assert_eq!(
        lines,
        [
            json!([null, null, null, "USD", 3.25]),
            json!([null, null, null, "USD", 15.5])
        ]
    );
    let bill = &doc["ncp_bill"];
    assert_eq!(
        json!([
            bill["currency"],
            bill["use_amount"],
            bill["vat_amount"],
            bill["billed_amount"]
        ]),
        json!(["USD", 18.75, 1.75, 19.25])
    );
}

#[test]
fn i14_history_json_of_a_won_month_stays_in_whole_won() {
    let env = member();
    import_v2(&env, "2026-07-03");
    let doc = env.json("2026-07-05", &["history", "--month", "2026-06", "--detail"]);
    assert_eq!(doc["currency"], "KRW");
    assert_eq!(
        doc["regions"],
        json!([{"region": "KR", "used_amount": 293208, "discount_amount": 154321,
                "estimated_payment_amount": 138887}])
    );
    assert_eq!(doc["lines"][0]["discount_amount"], 138_888);
    assert_eq!(doc["lines"][2]["discount_amount"], 389);
}

/// A June contract line of NCP's v1 (getContractDemandCostList) priced 0.10125 won an hour:
/// 800 hours make 81 won.
const V1_CONTRACT: &str = r#"{"getContractDemandCostListResponse": {
  "returnCode": "0", "returnMessage": "success", "requestId": "5b3f0e0a-0000-4000-8000-000000000098", "totalRows": 1,
  "contractDemandCostList": [
    {"memberNo": "2001234", "regionCode": "KR",
     "demandType": {"code": "VSVR", "codeName": "Server(VPC)"},
     "demandTypeDetail": {"code": "VSVR_STAND", "codeName": "Standard server"},
     "contract": {"contractNo": "30012345", "contractType": {"code": "VSVR", "codeName": "Server(VPC)"},
                  "contractStatus": {"code": "NOML", "codeName": "Normal"},
                  "contractStartDate": "2026-06-01T10:00:00+0900", "contractEndDate": "2999-12-31T23:59:59+0900",
                  "instanceName": "web-1", "regionCode": "KR", "platformType": {"code": "VPC", "codeName": "VPC"},
                  "contractProductList": []},
     "demandMonth": "202606", "unitUsageQuantity": 800, "packageUnitUsageQuantity": 0, "totalUnitUsageQuantity": 800,
     "usageUnit": {"code": "HOUR", "codeName": "Hour"}, "productPrice": 0.10125,
     "useAmount": 81, "promotionDiscountAmount": 0, "etcDiscountAmount": 0, "promiseDiscountAmount": 0,
     "defaultAmount": 0, "demandAmount": 81, "writeDate": "2026-07-01T08:00:00+0900",
     "memberPriceDiscountAmount": 0, "memberPromiseDiscountAddAmount": 0,
     "payCurrency": {"code": "KRW", "codeName": "South Korea Won"}, "thisMonthAppliedExchangeRate": 1}
  ]}}"#;

#[test]
fn i14_ncps_unit_price_is_shown_and_exported_exactly() {
    let env = member();
    let body = env.file("contract-demand-2026-06.json", V1_CONTRACT);
    env.ok("2026-07-03", &["import", "ncp", body.to_str().unwrap()]);
    let args = ["history", "--month", "2026-06", "--detail"];
    let table = env.ok("2026-07-05", &args);
    let line = table
        .lines()
        .find(|l| l.contains("Standard server"))
        .unwrap();
    let cells: Vec<&str> = line.split('┆').map(str::trim).collect();
    assert_eq!(cells[4..7], ["800 Hour", "0.10125", "81"], "{line}");
    let csv = env.ok(
        "2026-07-05",
        &[
            "history", "--month", "2026-06", "--detail", "--format", "csv",
        ],
    );
    assert_eq!(
        csv.lines().nth(1).unwrap(),
        "2026-06,KR,Server(VPC),30012345,Standard server,800,Hour,0.10125,81,0,81"
    );
    let doc = env.json("2026-07-05", &args);
    assert_eq!(doc["lines"][0]["unit_price"].to_string(), "0.10125");
    let file = env.dir.path().join("june.csv");
    env.ok(
        "2026-07-05",
        &["export", "--month", "2026-06", "-o", file.to_str().unwrap()],
    );
    let exported = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        exported.lines().nth(1).unwrap(),
        "2026-06,KR,Server(VPC),30012345,Standard server,800,Hour,0.10125,81,0,81"
    );
}
