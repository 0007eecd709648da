//! NCP's figures of a month checked against what the ledger already holds for it (issue 14):
//! a month's bill and lines are in one currency across imports, both ways (a bill in dollars
//! stored, then lines in won; lines in won stored, then a bill in dollars), refused with exit
//! 2 and the ledger byte for byte as it was; and a bill imported alone is checked against the
//! per-service lines (v1) and groups (v2) an earlier import stored, one `differences` entry
//! and one warning line per sum that does not hold.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

/// A fixture with planted changes: each `from` (which must be there) becomes its `to`.
fn planted(name: &str, changes: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(fixture(name)).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "{name} has no {from}");
        text = text.replace(from, to);
    }
    text
}

/// `import ncp --json FILE…` at `as_of`, which must succeed: its summary and its stderr.
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

/// `import ncp FILE` fails with exit 2 and `message`, and changes nothing.
#[track_caller]
fn refused(env: &Env, as_of: &str, file: &Path, message: &str) {
    let before = env.dump();
    let path = file.display().to_string();
    let e = env.fail(as_of, &["import", "ncp", &path], 2);
    assert_eq!(e, format!("error: {message}\n"));
    assert_eq!(env.dump(), before, "a refused import changed the ledger");
}

const V1_AS_OF: &str = "2024-07-05";
const V2_AS_OF: &str = "2026-07-26";

/// NCP's bill of 2024-06 in dollars (v1).
fn usd_bill_v1() -> PathBuf {
    fixture("v1/demand-cost-2024-06-usd.json")
}

/// May 2024's per-service lines (in won) moved to June 2024, `code` their currency.
fn june_lines(env: &Env, code: &str) -> PathBuf {
    let lines = planted(
        "product-demand-2024-05.json",
        &[
            ("\"demandMonth\": \"202405\"", "\"demandMonth\": \"202406\""),
            (
                "\"payCurrency\": {\"code\": \"KRW\", \"codeName\": \"South Korea Won\"}",
                &format!("\"payCurrency\": {{\"code\": \"{code}\", \"codeName\": \"{code}\"}}"),
            ),
        ],
    );
    env.file(&format!("lines-{code}.json"), lines)
}

/// v2's documented bill of 2026-06, billed in dollars.
fn usd_bill_v2(env: &Env) -> PathBuf {
    let bill = planted(
        "v2/demand-cost-2026-06.json",
        &[("\"payCurrency\": \"KRW\"", "\"payCurrency\": \"USD\"")],
    );
    env.file("bill-usd.json", bill)
}

const TWO_CURRENCIES: &str =
    "amounts in two currencies cannot be compared or summed; nothing was written";

#[test]
fn one_currency_a_usd_bill_stored_refuses_v1_lines_in_won() {
    let env = Env::new().with_member();
    import(&env, V1_AS_OF, &[usd_bill_v1()]);
    refused(
        &env,
        V1_AS_OF,
        &june_lines(&env, "KRW"),
        &format!("NCP's per-service lines of 2024-06 given now are in KRW, and the ledger already holds NCP's bill of 2024-06 in USD: {TWO_CURRENCIES}; import the bill and lines NCP gave for 2024-06 in USD, the currency the ledger holds it in"),
    );
}

#[test]
fn one_currency_a_usd_bill_stored_refuses_v2_groups_and_items_in_won() {
    let env = Env::new().with_member();
    import(&env, V2_AS_OF, &[usd_bill_v2(&env)]);
    refused(
        &env,
        V2_AS_OF,
        &fixture("v2/billing-item-group-costs-2026-06.json"),
        &format!("NCP's per-group lines of 2026-06 given now are in KRW, and the ledger already holds NCP's bill of 2026-06 in USD: {TWO_CURRENCIES}; import the bill and lines NCP gave for 2026-06 in USD, the currency the ledger holds it in"),
    );
    refused(
        &env,
        V2_AS_OF,
        &fixture("v2/billing-item-costs-2026-06.json"),
        &format!("NCP's per-item lines of 2026-06 given now are in KRW, and the ledger already holds NCP's bill of 2026-06 in USD: {TWO_CURRENCIES}; import the bill and lines NCP gave for 2026-06 in USD, the currency the ledger holds it in"),
    );
}

#[test]
fn one_currency_v1_lines_in_won_stored_refuse_a_usd_bill() {
    let env = Env::new().with_member();
    import(&env, V1_AS_OF, &[june_lines(&env, "KRW")]);
    refused(
        &env,
        V1_AS_OF,
        &usd_bill_v1(),
        &format!("NCP's bill of 2024-06 given now is in USD, and the ledger already holds NCP's per-service lines of 2024-06 in KRW: {TWO_CURRENCIES}; import the bill and lines NCP gave for 2024-06 in KRW, the currency the ledger holds it in"),
    );
}

#[test]
fn one_currency_v2_groups_in_won_stored_refuse_a_usd_bill() {
    let env = Env::new().with_member();
    import(
        &env,
        V2_AS_OF,
        &[fixture("v2/billing-item-group-costs-2026-06.json")],
    );
    refused(
        &env,
        V2_AS_OF,
        &usd_bill_v2(&env),
        &format!("NCP's bill of 2026-06 given now is in USD, and the ledger already holds NCP's per-group lines of 2026-06 in KRW: {TWO_CURRENCIES}; import the bill and lines NCP gave for 2026-06 in KRW, the currency the ledger holds it in"),
    );
}

#[test]
fn one_currency_the_same_currency_is_accepted_and_other_months_are_free() {
    // A bill in dollars, then its month's lines in dollars.
    let env = Env::new().with_member();
    import(&env, V1_AS_OF, &[usd_bill_v1()]);
    let (doc, _) = import(&env, V1_AS_OF, &[june_lines(&env, "USD")]);
    assert_eq!(doc["months"], json!(["2024-06"]));
    // Lines in won of another month than the bill in dollars.
    let (doc, _) = import(&env, V1_AS_OF, &[fixture("product-demand-2024-05.json")]);
    assert_eq!(doc["months"], json!(["2024-05"]));
    // v2 groups and items in won, then their bill in won, then the bill again.
    let env = Env::new().with_member();
    import(
        &env,
        V2_AS_OF,
        &[
            fixture("v2/billing-item-group-costs-2026-06.json"),
            fixture("v2/billing-item-costs-2026-06.json"),
        ],
    );
    let (doc, stderr) = import(&env, V2_AS_OF, &[fixture("v2/demand-cost-2026-06.json")]);
    assert_eq!(doc["bills"], json!(["2026-06"]));
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    assert_eq!(stderr, "");
    import(&env, V2_AS_OF, &[fixture("v2/demand-cost-2026-06.json")]);
}

/// The resettled groups against the documented bill: 1,080 more used, 972 more billed.
fn resettled_differences() -> Value {
    json!([
        {"kind": "services", "month": "2026-06", "member_no": "2001234", "level": "group",
         "currency": "KRW", "ncp_amount": 293208, "sum_amount": 294288, "gap_amount": -1080},
        {"kind": "services_demand", "month": "2026-06", "member_no": "2001234", "level": "group",
         "currency": "KRW", "ncp_amount": 138888, "sum_amount": 139860, "gap_amount": -972}
    ])
}

#[test]
fn check_parts_a_v2_bill_imported_alone_is_checked_against_the_stored_groups() {
    let env = Env::new().with_member();
    let (doc, _) = import(
        &env,
        V2_AS_OF,
        &[fixture(
            "v2/billing-item-group-costs-2026-06-resettled.json",
        )],
    );
    assert_eq!(
        doc["differences"],
        json!([]),
        "no bill yet: nothing to check"
    );
    let (doc, stderr) = import(&env, V2_AS_OF, &[fixture("v2/demand-cost-2026-06.json")]);
    assert_eq!(doc["differences"], resettled_differences());
    assert_eq!(
        stderr,
        "warning: 2026-06 group: the per-service use amounts do not add up to the bill's use amount: NCP says 293,208 KRW, the parts add up to 294,288 (gap -1,080); NCP's figures are kept as NCP sent them
warning: 2026-06 group: the per-service demand amounts do not add up to the bill's demand amount: NCP says 138,888 KRW, the parts add up to 139,860 (gap -972); NCP's figures are kept as NCP sent them
"
    );
    // `check` recomputes the same, and the bill stays NCP's.
    assert_eq!(
        env.json(V2_AS_OF, &["check"])["differences"],
        resettled_differences()
    );
    let history = env.json(V2_AS_OF, &["history", "--month", "2026-06"]);
    assert_eq!(history["ncp_bill"]["use_amount"], 293208);
}

#[test]
fn check_parts_a_v2_bill_imported_alone_after_groups_that_add_up_has_no_difference() {
    let env = Env::new().with_member();
    import(
        &env,
        V2_AS_OF,
        &[fixture("v2/billing-item-group-costs-2026-06.json")],
    );
    let (doc, stderr) = import(&env, V2_AS_OF, &[fixture("v2/demand-cost-2026-06.json")]);
    assert_eq!(doc["differences"], json!([]), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn check_parts_a_v1_bill_imported_alone_is_checked_against_the_stored_per_service_lines() {
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
    let (doc, _) = import(
        &env,
        "2026-11-12",
        &[fixture("v1/product-demand-2026-10-negative-bst.json")],
    );
    assert_eq!(
        doc["differences"],
        json!([]),
        "no bill yet: nothing to check"
    );
    let (doc, stderr) = import(
        &env,
        "2026-11-12",
        &[fixture("v1/demand-cost-2026-10-credit.json")],
    );
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

#[test]
fn one_currency_sync_v2_refuses_groups_in_won_for_a_month_billed_in_dollars() {
    use crate::ncp_server::{no_discounts, serve, ACCESS, SECRET};
    let env = Env::new().with_member();
    import(&env, V2_AS_OF, &[usd_bill_v2(&env)]);
    let before = env.dump();
    let refused = r#"{"error": {"errorCode": "Unauthorized", "message": "Authentication Failed"}}"#;
    let srv = serve("/billing/v2", SECRET, refused, |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let path = url.split('?').next().unwrap_or("");
        let body = match path.rsplit('/').next().unwrap_or("") {
            "billing-item-group-costs" => {
                std::fs::read_to_string(fixture("v2/billing-item-group-costs-2026-06.json"))
                    .unwrap()
            }
            "demand-costs" => r#"{"demandCosts": [], "nextToken": null}"#.into(),
            "billing-item-costs" => r#"{"billingItemCosts": [], "nextToken": null}"#.into(),
            _ => r#"{"costRelationCodes": [], "nextToken": null}"#.into(),
        };
        (200, body)
    });
    let out = env
        .cmd("2026-07-28")
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync", "--api", "v2", "--from", "2026-06", "--to", "2026-06",
        ])
        .args(["--endpoint", &srv.url])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!("error: NCP's per-group lines of 2026-06 given now are in KRW, and the ledger already holds NCP's bill of 2026-06 in USD: {TWO_CURRENCIES}; import the bill and lines NCP gave for 2026-06 in USD, the currency the ledger holds it in\n")
    );
    assert_eq!(env.dump(), before, "a refused sync changed the ledger");
}
