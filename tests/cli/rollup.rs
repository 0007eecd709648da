//! `--all-accounts` roll-ups (issue 15): one block per account, a total per currency, an
//! Organization's integrated bill counted once, `--account` beside it refused, and `pay`
//! read only with it.

use serde_json::{json, Value};

use crate::common::Env;

/// NCP's v1 bill of May 2024 for `member` (the shape of fixtures/ncp/demand-cost-2024-05.json),
/// `demand` before VAT (10 %), in `currency`, part of the integrated bill `integration` when
/// given.
fn may_bill(
    member: &str,
    demand_no: &str,
    integration: &str,
    demand: i64,
    currency: &str,
) -> Value {
    let vat = demand / 10;
    let mut row = json!({
        "memberNo": member, "demandMonth": "202405", "demandNo": demand_no,
        "integrationDemandNo": integration,
        "demandAttribute": {"code": "GEN", "codeName": "General"},
        "useAmount": demand, "thisMonthDemandAmount": demand,
        "thisMonthVatRatio": 0.1, "thisMonthVatAmount": vat,
        "thisMonthAmountIncludingVat": demand + vat, "totalDemandAmount": demand + vat,
        "isPaidUp": false, "paidUpDate": "",
        "overdueOccurDate": "", "overdueRatio": 0.015, "writeDate": "2024-06-01T08:00:00+0900",
        "beforeMonthDemandNo": "",
        "payCurrency": {"code": currency, "codeName": currency},
        "thisMonthAppliedExchangeRate": if currency == "KRW" { json!(1) } else { json!(1390.5) }
    });
    for zero in [
        "promiseDiscountAmount",
        "promotionDiscountAmount",
        "etcDiscountAmount",
        "customerDiscountAmount",
        "productDiscountAmount",
        "creditDiscountAmount",
        "rounddownDiscountAmount",
        "currencyDiscountAmount",
        "coinUseAmount",
        "defaultAmount",
        "overduePlusAmount",
        "thisMonthOverdueAmount",
        "totalOverdueAmount",
        "memberPriceDiscountAmount",
        "memberPromiseDiscountAddAmount",
    ] {
        row[zero] = json!(0);
    }
    json!({"getDemandCostListResponse": {
        "requestId": "req-1", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
        "demandCostList": [row]
    }})
}

/// Three accounts: `hq` (member 1000001, 100,000 won + VAT), `shop` (1000002, 50,000 won +
/// VAT, part of hq's bill when `integrated`) and `lab` (1000003, 100 USD + VAT), each with
/// NCP's bill of May 2024, routed by member number.
fn three_accounts(integrated: bool) -> Env {
    let env = Env::new();
    env.ok(
        "2024-05-01",
        &[
            "init",
            "--name",
            "hq",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    env.ok(
        "2024-05-01",
        &["accounts", "add", "shop", "--member-no", "1000002"],
    );
    env.ok(
        "2024-05-01",
        &["accounts", "add", "lab", "--member-no", "1000003"],
    );
    let bodies = [
        ("hq.json", may_bill("1000001", "D-HQ", "", 100000, "KRW")),
        (
            "shop.json",
            may_bill(
                "1000002",
                "D-SHOP",
                if integrated { "D-HQ" } else { "" },
                50000,
                "KRW",
            ),
        ),
        ("lab.json", may_bill("1000003", "D-LAB", "", 100, "USD")),
    ];
    let mut args = vec![
        "--account".to_string(),
        "hq".to_string(),
        "import".into(),
        "ncp".into(),
    ];
    for (name, body) in bodies {
        args.push(env.file(name, body.to_string()).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok("2024-06-02", &args);
    env
}

fn totals(doc: &Value) -> Vec<Value> {
    doc["totals"].as_array().unwrap().clone()
}

#[test]
fn history_all_accounts_totals_each_currency_exactly() {
    let env = three_accounts(false);
    let doc = env.json(
        "2024-06-02",
        &["history", "--month", "2024-05", "--all-accounts"],
    );
    let names: Vec<&Value> = doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["account"])
        .collect();
    assert_eq!(names, [&json!("hq"), &json!("shop"), &json!("lab")]);
    assert_eq!(doc["accounts"][1]["member_no"], "1000002");
    // Each block is the account's own document.
    let own = env.json(
        "2024-06-02",
        &["--account", "shop", "history", "--month", "2024-05"],
    );
    assert_eq!(doc["accounts"][1]["totals"], own["totals"]);
    assert_eq!(
        totals(&doc),
        [
            json!({"currency": "KRW", "accounts": ["hq", "shop"], "used_amount": 150000,
                   "discount_amount": 0, "vat_amount": 15000, "billed_amount": 165000,
                   "covered": []}),
            json!({"currency": "USD", "accounts": ["lab"], "used_amount": 100,
                   "discount_amount": 0, "vat_amount": 10, "billed_amount": 110,
                   "covered": []}),
        ]
    );
    let table = env.ok(
        "2024-06-02",
        &["history", "--month", "2024-05", "--all-accounts"],
    );
    assert!(
        table.contains("== Account hq (NCP member 1000001) =="),
        "{table}"
    );
    assert!(
        table.contains("== Account lab (NCP member 1000003) =="),
        "{table}"
    );
    assert!(
        table.contains("Totals of 3 accounts (the month's totals), per currency"),
        "{table}"
    );
    assert!(table.contains("165,000"), "{table}");
}

#[test]
fn history_all_accounts_counts_an_integrated_bill_once() {
    let env = three_accounts(true);
    let doc = env.json(
        "2024-06-02",
        &["history", "--month", "2024-05", "--all-accounts"],
    );
    // shop's bill is in hq's integrated bill: hq's 110,000 counted, shop's 55,000 left out.
    assert_eq!(
        totals(&doc)[0],
        json!({"currency": "KRW", "accounts": ["hq"], "used_amount": 100000,
               "discount_amount": 0, "vat_amount": 10000, "billed_amount": 110000,
               "covered": [{"account": "shop", "by": "hq", "integration_demand_no": "D-HQ"}]})
    );
    // shop's own block still shows its bill.
    assert_eq!(doc["accounts"][1]["totals"]["billed_amount"], 55000);
    let table = env.ok(
        "2024-06-02",
        &["history", "--month", "2024-05", "--all-accounts"],
    );
    assert!(
        table.contains("shop's bill is part of hq's integrated bill D-HQ: counted once, in hq."),
        "{table}"
    );
}

#[test]
fn pay_all_accounts_sums_the_bills_and_never_pays() {
    let env = three_accounts(false);
    let before = env.dump();
    let doc = env.json("2024-06-05", &["pay", "--all-accounts"]);
    let krw = &totals(&doc)[0];
    assert_eq!(krw["currency"], "KRW");
    assert_eq!(krw["billed_amount"], 165000);
    assert_eq!(krw["unpaid_amount"], 165000);
    assert_eq!(krw["paid_amount"], 0);
    for flag in [
        &["--instant"][..],
        &["--auto"],
        &["--deposit", "1000"],
        &["--idempotency-key", "k"],
    ] {
        let mut args = vec!["pay", "--all-accounts", "--yes"];
        args.extend_from_slice(flag);
        let err = env.fail("2024-06-05", &args, 2);
        assert!(err.contains("--all-accounts"), "{err}");
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn pay_all_accounts_counts_an_integrated_bill_once() {
    let env = three_accounts(true);
    let doc = env.json("2024-06-05", &["pay", "--all-accounts"]);
    assert_eq!(totals(&doc)[0]["billed_amount"], 110000);
    assert_eq!(totals(&doc)[0]["covered"][0]["account"], "shop");
}

#[test]
fn trend_all_accounts_sums_the_months_per_currency() {
    let env = three_accounts(false);
    let doc = env.json("2024-06-05", &["trend", "--months", "2", "--all-accounts"]);
    let t = totals(&doc);
    assert_eq!(t[0]["currency"], "KRW");
    assert_eq!(t[0]["billed_amount"], 165000);
    assert_eq!(t[1]["currency"], "USD");
    assert_eq!(t[1]["billed_amount"], 110);
}

#[test]
fn status_and_promotions_all_accounts_list_every_account() {
    let env = three_accounts(false);
    let doc = env.json("2024-06-05", &["status", "--all-accounts"]);
    assert_eq!(doc["accounts"].as_array().unwrap().len(), 3);
    assert_eq!(totals(&doc)[0]["contracts"], 0);
    let doc = env.json("2024-06-05", &["promotions", "--all-accounts"]);
    assert_eq!(doc["accounts"][2]["account"], "lab");
    assert_eq!(totals(&doc)[0]["credit_remaining"], 0);
}

#[test]
fn all_accounts_with_account_is_refused() {
    let env = three_accounts(false);
    let before = env.dump();
    for cmd in [
        &["history"][..],
        &["trend"],
        &["pay"],
        &["status"],
        &["promotions"],
    ] {
        let mut args = vec!["--account", "hq"];
        args.extend_from_slice(cmd);
        args.push("--all-accounts");
        let err = env.fail("2024-06-05", &args, 2);
        assert_eq!(
            err,
            "error: --all-accounts shows every account and --account chooses one; drop one of the two\n"
        );
        // Typed after the subcommand, the same.
        let mut args = cmd.to_vec();
        args.extend(["--all-accounts", "--account", "hq"]);
        assert_eq!(env.fail("2024-06-05", &args, 2), err);
    }
    // NCP_USAGE_ACCOUNT is left aside: the roll-up still shows every account.
    let out = env
        .cmd("2024-06-05")
        .env("NCP_USAGE_ACCOUNT", "hq")
        .args(["history", "--month", "2024-05", "--all-accounts", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["accounts"].as_array().unwrap().len(), 3);
    assert_eq!(env.dump(), before);
}

#[test]
fn one_account_output_is_unchanged_without_the_flag() {
    let env = Env::new().with_member().with_february();
    let plain = env.ok("2024-03-05", &["history", "--month", "2024-02"]);
    let all = env.ok(
        "2024-03-05",
        &["history", "--month", "2024-02", "--all-accounts"],
    );
    assert!(all.starts_with("== Account main =="), "{all}");
    assert!(all.contains(&plain), "{all}");
}

#[test]
fn accounts_all_accounts_adds_the_totals_per_currency() {
    let env = three_accounts(false);
    let plain = env.json("2024-06-05", &["accounts"]);
    assert!(plain.get("totals").is_none());
    let doc = env.json("2024-06-05", &["accounts", "--all-accounts"]);
    assert_eq!(doc["accounts"], plain["accounts"]);
    // What the three owe: hq's 110,000 and shop's 55,000 (lab's USD bill is paid in NCP's
    // portal, never owed in won).
    assert_eq!(totals(&doc)[0]["currency"], "KRW");
    assert_eq!(totals(&doc)[0]["outstanding_amount"], 165000);
    let err = env.fail(
        "2024-06-05",
        &["accounts", "--all-accounts", "rename", "hq", "x"],
        2,
    );
    assert!(
        err.contains("cannot be used with '--all-accounts'"),
        "{err}"
    );
}

/// NCP's v2 DemandCost of June 2024 (the shape of fixtures/ncp/demand-costs-v2-2024-06.json)
/// for `member`: `demand` before VAT, `attribute` GENERAL or INTEGRATED, part of the
/// integrated bill `integration` when given.
fn june_v2(
    member: i64,
    id: &str,
    attribute: &str,
    integration: Option<&str>,
    demand: i64,
) -> Value {
    let vat = demand / 10;
    json!({"demandCosts": [{
        "demandCostId": id, "memberNo": member, "demandMonth": "2024-06",
        "integrationDemandCostId": integration, "demandAttribute": attribute,
        "useAmount": demand, "promiseDiscountAmount": 0, "promotionDiscountAmount": 0,
        "etcDiscountAmount": 0, "savingsPlanDiscountAmount": 0, "customerDiscountAmount": 0,
        "productDiscountAmount": 0, "creditDiscountAmount": 0, "memberPriceDiscountAmount": 0,
        "memberPromiseDiscountAddAmount": 0, "roundDownDiscountAmount": 0,
        "currencyDiscountAmount": 0, "coinUseAmount": 0, "penaltyAmount": 0,
        "demandAmount": demand, "vatRate": 10.0, "vatAmount": vat,
        "demandAmountIncludingVat": demand + vat, "totalDemandAmount": demand + vat,
        "paidUp": false, "paidUpDateTime": null, "overdueOccurDateTime": null,
        "overduePlusAmount": 0, "overdueRate": 1.5, "overdueAmount": 0, "totalOverdueAmount": 0,
        "previousMonthDemandCostId": null, "payCurrency": "KRW", "appliedExchangeRate": 1.0,
        "createdDateTime": "2024-07-01T00:00:00Z"}],
     "nextToken": null})
}

/// v2: the Organization's INTEGRATED bill (88,000 won with VAT, in account `org`) covers its
/// two members' GENERAL bills (55,000 and 33,000): the total is 88,000, not 176,000.
#[test]
fn history_all_accounts_counts_a_v2_integrated_bill_once() {
    let env = Env::new();
    env.ok(
        "2024-06-01",
        &[
            "init",
            "--name",
            "org",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    env.ok(
        "2024-06-01",
        &["accounts", "add", "m1", "--member-no", "2000002"],
    );
    env.ok(
        "2024-06-01",
        &["accounts", "add", "m2", "--member-no", "2000003"],
    );
    let bodies = [
        (
            "org.json",
            june_v2(2000001, "DC-ORG", "INTEGRATED", None, 80000),
        ),
        (
            "m1.json",
            june_v2(2000002, "DC-1", "GENERAL", Some("DC-ORG"), 50000),
        ),
        (
            "m2.json",
            june_v2(2000003, "DC-2", "GENERAL", Some("DC-ORG"), 30000),
        ),
    ];
    let mut args = vec![
        "--account".to_string(),
        "org".to_string(),
        "import".into(),
        "ncp".into(),
    ];
    for (name, body) in bodies {
        args.push(env.file(name, body.to_string()).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok("2024-07-02", &args);
    let doc = env.json(
        "2024-07-02",
        &["history", "--month", "2024-06", "--all-accounts"],
    );
    let names: Vec<&Value> = doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["account"])
        .collect();
    assert_eq!(names, [&json!("org"), &json!("m1"), &json!("m2")]);
    assert_eq!(doc["accounts"][0]["member_no"], "2000001");
    assert_eq!(
        totals(&doc),
        [
            json!({"currency": "KRW", "accounts": ["org"], "used_amount": 80000,
            "discount_amount": 0, "vat_amount": 8000, "billed_amount": 88000,
            "covered": [
                {"account": "m1", "by": "org", "integration_demand_no": "DC-ORG"},
                {"account": "m2", "by": "org", "integration_demand_no": "DC-ORG"}
            ]})
        ]
    );
    let doc = env.json("2024-07-05", &["pay", "--all-accounts"]);
    assert_eq!(totals(&doc)[0]["billed_amount"], 88000);
    assert_eq!(totals(&doc)[0]["unpaid_amount"], 88000);
}
