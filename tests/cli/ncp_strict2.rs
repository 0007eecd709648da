//! What an outside tester found NCP bodies could still get past (README, "NCP's own data"):
//! a late penalty or VAT rate outside its API's range (v1 fractions 0 to 1, v2 percents 0 to
//! 100), a bill without a field NCP's DemandCost page marks Required, a VAT its rate does not
//! make, v2 groups compared with a bill's demand that still held the bill-only rounding, a
//! line in another currency than its bill, and daily usage of another member or of a
//! `useMonth` other than its day's. Each refusal exits 2 with one line naming the JSON path
//! and leaves the ledger byte for byte as it was; each difference is one warning line and
//! one `differences` entry, on import, `sync` and `check`.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::Env;
use crate::ncp_server::{empty_v1, no_discounts, serve, ACCESS, SECRET};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

/// A fixture with planted changes: each `from` (which must be there) becomes its `to`, every
/// time it occurs.
fn planted(name: &str, changes: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(fixture(name)).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "{name} has no {from}");
        text = text.replace(from, to);
    }
    text
}

/// A ledger of NCP member 1000001 (the fixtures' member) that already holds May 2024's bill.
fn member() -> Env {
    let env = Env::new().with_member();
    import(&env, "2024-07-05", &[fixture("demand-cost-2024-05.json")]);
    env
}

fn import(env: &Env, as_of: &str, files: &[PathBuf]) -> (Value, String) {
    let mut args = vec![
        "import".to_string(),
        "ncp".to_string(),
        "--json".to_string(),
    ];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = env.run(as_of, &args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

/// `import ncp` of `bodies` (written under their names) fails with exit 2 and `message`
/// after the path of the file named first in it, and changes nothing.
#[track_caller]
fn refused(env: &Env, as_of: &str, bodies: &[(&str, String)], message: &str) {
    let before = env.dump();
    let paths: Vec<String> = bodies
        .iter()
        .map(|(name, body)| env.file(name, body).display().to_string())
        .collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    let e = env.fail(as_of, &args, 2);
    let dir = env.dir.path().display().to_string();
    assert_eq!(
        e.replace(&format!("{dir}/"), ""),
        format!("error: {message}\n")
    );
    assert_eq!(env.dump(), before, "a refused import changed the ledger");
}

#[test]
fn rates_outside_their_apis_range_are_refused_naming_the_unit() {
    let env = member();
    let v1 = "$.getDemandCostListResponse.demandCostList[0]";
    for (from, to, field) in [
        // A percent where v1 wants a fraction: 150 % a month.
        (
            "\"overdueRatio\": 0.015",
            "\"overdueRatio\": 1.5",
            "overdueRatio",
        ),
        // A negative rate would pay the late payer.
        (
            "\"overdueRatio\": 0.015",
            "\"overdueRatio\": -0.5",
            "overdueRatio",
        ),
        (
            "\"thisMonthVatRatio\": 0.1",
            "\"thisMonthVatRatio\": 10",
            "thisMonthVatRatio",
        ),
    ] {
        let got = to.split(": ").nth(1).unwrap();
        refused(
            &env,
            "2024-07-05",
            &[("bill.json", planted("demand-cost-2024-05.json", &[(from, to)]))],
            &format!("bill.json: {v1}.{field}: expected a fraction from 0 to 1 (0.1 is 10 %), got the number {got}"),
        );
    }
    let v2 = Env::new().with_member();
    for (from, to, field) in [
        (
            "\"overdueRate\": 0.0",
            "\"overdueRate\": 150.0",
            "overdueRate",
        ),
        ("\"vatRate\": 10.0", "\"vatRate\": -10.0", "vatRate"),
    ] {
        let got = to.split(": ").nth(1).unwrap();
        refused(
            &v2,
            "2026-08-01",
            &[("v2.json", planted("v2/demand-cost-2026-06.json", &[(from, to)]))],
            &format!("v2.json: $.demandCosts[0].{field}: expected a percent from 0 to 100 (10.0 is 10 %), got the number {got}"),
        );
    }
    // The ends of each range are rates: 0 and 1 (v1), 0 and 100 (v2).
    let edge = planted(
        "demand-cost-2024-05.json",
        &[("\"overdueRatio\": 0.015", "\"overdueRatio\": 1")],
    );
    import(
        &Env::new().with_member(),
        "2024-07-05",
        &[env.file("edge.json", edge)],
    );
}

#[test]
fn a_bill_without_a_documented_required_field_is_refused_at_its_path() {
    let env = member();
    let v1 = "$.getDemandCostListResponse.demandCostList[0]";
    for (from, to, field) in [
        ("\"totalDemandAmount\": 113740,", "", "totalDemandAmount"),
        // v1 sends "" for an absent value: an amount "" is no amount.
        (
            "\"thisMonthVatAmount\": 10340,",
            "\"thisMonthVatAmount\": \"\",",
            "thisMonthVatAmount",
        ),
        ("\"overdueRatio\": 0.015,", "", "overdueRatio"),
        ("\"isPaidUp\": true,", "", "isPaidUp"),
        ("\"demandNo\": \"D202405-0001\",", "", "demandNo"),
    ] {
        refused(
            &env,
            "2024-07-05",
            &[(
                "bill.json",
                planted("demand-cost-2024-05.json", &[(from, to)]),
            )],
            &format!("bill.json: {v1}.{field}: a required field is missing"),
        );
    }
    let v2 = Env::new().with_member();
    for (from, field) in [
        ("\"vatAmount\": 13888.8,", "vatAmount"),
        ("\"totalDemandAmount\": 152776.8,", "totalDemandAmount"),
        ("\"demandAmount\": 138888.0,", "demandAmount"),
    ] {
        refused(
            &v2,
            "2026-08-01",
            &[(
                "v2.json",
                planted("v2/demand-cost-2026-06.json", &[(from, "")]),
            )],
            &format!("v2.json: $.demandCosts[0].{field}: a required field is missing"),
        );
    }
    // What real bodies omit stays optional: the public 2022 response (loginId, the rounding
    // in two, no currency fields) and the older generation's fixture still import.
    for file in [
        "v1/demand-cost-2022-01-partner.json",
        "demand-cost-2022-01-legacy.json",
    ] {
        let old = Env::new();
        old.ok(
            "2021-12-01",
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
        import(&old, "2022-03-05", &[fixture(file)]);
    }
}

#[test]
fn a_vat_its_rate_does_not_make_is_a_difference_on_import_and_check() {
    let env = Env::new().with_member();
    // 103,400 × 0.1 = 10,340; NCP says 12,000 (and adds it up consistently).
    let body = planted(
        "demand-cost-2024-05.json",
        &[
            (
                "\"thisMonthVatAmount\": 10340",
                "\"thisMonthVatAmount\": 12000",
            ),
            ("113740", "115400"),
        ],
    );
    let (doc, stderr) = import(&env, "2024-07-05", &[env.file("bill.json", body)]);
    let expected = serde_json::json!([
        {"kind": "vat", "month": "2024-05", "member_no": "1000001", "level": "bill",
         "currency": "KRW", "ncp_amount": 12000, "sum_amount": 10340, "gap_amount": 1660}
    ]);
    assert_eq!(doc["differences"], expected);
    let warning = "warning: 2024-05 bill: demand times the VAT rate does not make NCP's VAT: NCP says 12,000 KRW, the parts add up to 10,340 (gap 1,660); NCP's figures are kept as NCP sent them\n";
    assert_eq!(stderr, warning);
    let out = env.run("2024-07-05", &["check", "--json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), warning);
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["differences"], expected);

    // Under one won is NCP's truncation: 103,405 × 0.1 = 10,340.5, billed 10,340.
    let cut = planted(
        "demand-cost-2024-05.json",
        &[
            ("\"useAmount\": 123456", "\"useAmount\": 123461"),
            ("103400", "103405"),
            ("113740", "113745"),
        ],
    );
    let env = Env::new().with_member();
    let (doc, stderr) = import(&env, "2024-07-05", &[env.file("cut.json", cut)]);
    assert_eq!(doc["differences"], serde_json::json!([]), "{stderr}");
    // v2's documented example is exact to the decimal: 138,888.0 × 10 % = 13,888.8.
    let v2 = Env::new().with_member();
    let (doc, _) = import(&v2, "2026-08-01", &[fixture("v2/demand-cost-2026-06.json")]);
    assert_eq!(doc["differences"], serde_json::json!([]));
}

#[test]
fn v2_groups_add_up_to_the_bills_demand_plus_its_bill_only_rounding() {
    // The documented month with 0.8 rounded off the bill: groups 138,888.0, bill 138,887.2.
    let env = Env::new().with_member();
    let bill = planted(
        "v2/demand-cost-2026-06.json",
        &[
            (
                "\"roundDownDiscountAmount\": 0.0",
                "\"roundDownDiscountAmount\": 0.8",
            ),
            ("\"demandAmount\": 138888.0", "\"demandAmount\": 138887.2"),
            ("152776.8", "152776.0"),
        ],
    );
    let (doc, stderr) = import(
        &env,
        "2026-08-01",
        &[
            env.file("bill.json", bill),
            fixture("v2/billing-item-group-costs-2026-06.json"),
        ],
    );
    assert_eq!(doc["differences"], serde_json::json!([]), "{stderr}");
    assert_eq!(stderr, "");
    // A gap the rounding does not explain is still one.
    let env = Env::new().with_member();
    let bill = planted(
        "v2/demand-cost-2026-06.json",
        &[
            (
                "\"roundDownDiscountAmount\": 0.0",
                "\"roundDownDiscountAmount\": 0.8",
            ),
            ("\"useAmount\": 293208.0", "\"useAmount\": 293207.0"),
            ("\"demandAmount\": 138888.0", "\"demandAmount\": 138886.2"),
            ("152776.8", "152775.0"),
        ],
    );
    let (doc, _) = import(
        &env,
        "2026-08-01",
        &[
            env.file("bill.json", bill),
            fixture("v2/billing-item-group-costs-2026-06.json"),
        ],
    );
    assert_eq!(
        doc["differences"],
        serde_json::json!([
            {"kind": "services", "month": "2026-06", "member_no": "2001234", "level": "group",
             "currency": "KRW", "ncp_amount": 293207, "sum_amount": 293208, "gap_amount": -1},
            {"kind": "services_demand", "month": "2026-06", "member_no": "2001234",
             "level": "group", "currency": "KRW", "ncp_amount": 138886.2,
             "sum_amount": 138887.2, "gap_amount": -1}
        ])
    );
}

#[test]
fn a_line_in_another_currency_than_its_bill_is_refused_naming_both() {
    let env = Env::new().with_member();
    let lines = planted(
        "product-demand-2024-05.json",
        &[("\"demandMonth\": \"202405\"", "\"demandMonth\": \"202406\"")],
    );
    let usd = std::fs::read_to_string(fixture("v1/demand-cost-2024-06-usd.json")).unwrap();
    refused(
        &env,
        "2024-07-05",
        &[("usd.json", usd), ("lines.json", lines)],
        "lines.json: $.getProductDemandCostListResponse.productDemandCostList[0].payCurrency: the 2024-06 line is in KRW, and NCP's bill of 2024-06 (usd.json: $.getDemandCostListResponse.demandCostList[0]) is in USD: amounts in two currencies cannot be compared or summed; nothing was written; import the bill and the lines NCP gave for the same member and currency",
    );
}

#[test]
fn daily_usage_is_one_members_and_of_its_days_month() {
    // Another member's daily usage goes to that member's account (issue 15).
    let other = member();
    let (doc, _) = import(
        &other,
        "2026-02-05",
        &[fixture("v1/daily-usage-2026-01.json")],
    );
    assert_eq!(
        doc["accounts_created"],
        serde_json::json!([{"name": "2840117", "member_no": "2840117"}])
    );
    let env = member();
    // The README's daily usage is the README member's.
    import(
        &env,
        "2024-07-05",
        &[fixture("v1/daily-usage-2024-05.json")],
    );
    let env = member();
    refused(
        &env,
        "2024-07-05",
        &[(
            "daily.json",
            planted(
                "v1/daily-usage-2024-05.json",
                &[("\"useMonth\": \"202405\"", "\"useMonth\": \"202406\"")],
            ),
        )],
        "daily.json: $.getContractUsageListByDailyResponse.contractUsageListByDaily[0].usage.useMonth: expected the month of its day (202405, useDate.useStartDate 2024-05-01), got the text '202406'",
    );
}

/// `sync` serving `body` as `call` (every other call answered empty) on `env`.
fn sync(
    env: &Env,
    as_of: &str,
    api: &str,
    month: &str,
    call: &'static str,
    body: String,
) -> std::process::Output {
    let v2 = api == "v2";
    let srv = serve(&format!("/billing/{api}"), SECRET, "{}", move |url| {
        let name = url
            .split('?')
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        match no_discounts(url) {
            _ if name == call => (200, body.clone()),
            Some(answer) => answer,
            None => (200, nothing(name, v2)),
        }
    });
    env.cmd(as_of)
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args(["sync", "--api", api, "--from", month, "--to", month])
        .args(["--endpoint", &srv.url])
        .output()
        .unwrap()
}

/// An answer of `name` with no rows: v1's empty page, v2's empty list.
fn nothing(name: &str, v2: bool) -> String {
    if !v2 {
        return empty_v1(name);
    }
    let key = match name {
        "demand-costs" => "demandCosts",
        "billing-item-group-costs" => "billingItemGroupCosts",
        "billing-item-costs" => "billingItemCosts",
        _ => "costRelationCodes",
    };
    format!("{{\"{key}\": [], \"nextToken\": null}}")
}

/// `sync` reads NCP's answers with the same reader and sums: a rate out of range and a
/// missing VAT are refused naming the page, the ledger unchanged; a VAT its rate does not
/// make is one warning.
#[test]
fn sync_refuses_the_same_bodies_and_warns_of_the_same_vat() {
    let env = Env::new().with_member();
    for (api, month, as_of, call, body, message) in [
        (
            "v1",
            "2024-05",
            "2024-07-05",
            "getDemandCostList",
            planted(
                "demand-cost-2024-05.json",
                &[("\"overdueRatio\": 0.015", "\"overdueRatio\": 1.5")],
            ),
            "getDemandCostList page 1: $.getDemandCostListResponse.demandCostList[0].overdueRatio: expected a fraction from 0 to 1 (0.1 is 10 %), got the number 1.5",
        ),
        (
            "v2",
            "2026-06",
            "2026-08-01",
            "demand-costs",
            planted("v2/demand-cost-2026-06.json", &[("\"vatAmount\": 13888.8,", "")]),
            "listDemandCosts page 1: $.demandCosts[0].vatAmount: a required field is missing",
        ),
    ] {
        let before = std::fs::read(&env.db).unwrap();
        let out = sync(&env, as_of, api, month, call, body);
        assert_eq!(out.status.code(), Some(2), "{api}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("error: {message}\n")
        );
        assert_eq!(std::fs::read(&env.db).unwrap(), before, "{api}: the ledger changed");
    }
    let body = planted(
        "demand-cost-2024-05.json",
        &[
            (
                "\"thisMonthVatAmount\": 10340",
                "\"thisMonthVatAmount\": 12000",
            ),
            ("113740", "115400"),
        ],
    );
    let out = sync(
        &env,
        "2024-07-05",
        "v1",
        "2024-05",
        "getDemandCostList",
        body,
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        ["warning: 2024-05 bill: demand times the VAT rate does not make NCP's VAT: NCP says 12,000 KRW, the parts add up to 10,340 (gap 1,660); NCP's figures are kept as NCP sent them"]
    );
}
