//! Issue 14, an outside tester's findings: `export` of a month whose NCP unit price has five
//! decimals (0.10125) wrote a fees file `import fees` refused; NCP daily usage accepted a
//! negative quantity, a row ending before it starts and a row of three days, and refused
//! `usageQuantity: 1e30` with a message that did not say what was wrong.

use std::path::PathBuf;

use crate::common::Env;

/// A getContractDemandCostList body with NCP's five-decimal `productPrice` (0.10125 won a GB).
const CONTRACT_0_10125: &str = r#"{"getContractDemandCostListResponse": {"returnCode": "0", "returnMessage": "success", "requestId": "r6", "totalRows": 1,
  "contractDemandCostList": [
    {"memberNo": "1000001", "regionCode": "KR",
     "demandType": {"code": "OBJST", "codeName": "Object Storage"},
     "demandTypeDetail": {"code": "OBJST_STORAGE", "codeName": "Storage (GB)"},
     "contract": {"contractNo": "30020001", "contractType": {"code": "OBJST", "codeName": "Object Storage"},
                  "contractStatus": {"code": "NOML", "codeName": "Normal"},
                  "contractStartDate": "2023-11-01T00:00:00+0900", "contractEndDate": "2999-12-31T23:59:59+0900",
                  "regionCode": "KR", "contractProductList": []},
     "demandMonth": "202604", "unitUsageQuantity": 1000, "packageUnitUsageQuantity": 0, "totalUnitUsageQuantity": 1000,
     "usageUnit": {"code": "GB", "codeName": "GB"},
     "productPrice": 0.10125, "useAmount": 101.25, "promotionDiscountAmount": 0, "etcDiscountAmount": 0,
     "promiseDiscountAmount": 0, "defaultAmount": 0, "demandAmount": 101.25, "writeDate": "2026-05-01T05:00:00+0900",
     "memberPriceDiscountAmount": 0, "memberPromiseDiscountAddAmount": 0,
     "payCurrency": {"code": "KRW", "codeName": "South Korea Won"}, "thisMonthAppliedExchangeRate": 1}]}}"#;

const HEADER: &str = "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount";

fn export(env: &Env, name: &str) -> String {
    let out = env.path(name);
    env.ok(
        "2026-05-02T01:00",
        &[
            "export",
            "--month",
            "2026-04",
            "--output",
            &out.display().to_string(),
        ],
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn export_round_trips_through_import_fees_with_ncp_unit_prices() {
    let env = Env::new().with_member();
    let body = env.file("contract.json", CONTRACT_0_10125);
    env.ok(
        "2026-05-02",
        &["import", "ncp", &body.display().to_string()],
    );
    let first = export(&env, "first.csv");
    assert_eq!(
        first,
        format!("\u{feff}{HEADER}\n2026-04,KR,Object Storage,30020001,Storage (GB),1000,GB,0.10125,101,0,101\n")
    );
    // Into another ledger, and out again: the same file.
    let other = Env::new().with_member();
    let file = other.file("fees.csv", &first);
    let said = other.ok(
        "2026-05-02",
        &["import", "fees", &file.display().to_string()],
    );
    assert!(said.contains("1 row — 1 added"), "{said}");
    assert_eq!(export(&other, "again.csv"), first);
}

#[test]
fn import_fees_takes_28_decimals_of_unit_price_and_refuses_29() {
    let env = Env::new().with_member();
    let row = |price: &str| {
        format!(
            "{HEADER}\n2026-04,KR,Object Storage,30020001,Storage (GB),1000,GB,{price},101,0,101\n"
        )
    };
    let ok = env.file("ok.csv", row("0.1234567890123456789012345678"));
    env.ok("2026-05-02", &["import", "fees", &ok.display().to_string()]);
    let before = env.dump();
    let bad = env.file("bad.csv", row("0.12345678901234567890123456789"));
    let e = env.fail(
        "2026-05-02",
        &["import", "fees", &bad.display().to_string()],
        2,
    );
    assert_eq!(
        e,
        format!(
            "error: {}: line 2, column unit_price: expected a number of 0 or more with at most 28 decimals (e.g. 12.5), got '0.12345678901234567890123456789'\n",
            bad.display()
        )
    );
    assert_eq!(env.dump(), before, "a refused import changed the ledger");
    // Every other check stays: a negative price is refused.
    let negative = env.file("neg.csv", row("-0.10125"));
    env.fail(
        "2026-05-02",
        &["import", "fees", &negative.display().to_string()],
        2,
    );
    assert_eq!(env.dump(), before);
}

fn daily(changes: &[(&str, &str)]) -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ncp/v1/daily-usage-2024-05.json");
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "no {from}");
        text = text.replacen(from, to, 1);
    }
    text
}

const ROW0: &str = "$.getContractUsageListByDailyResponse.contractUsageListByDaily[0]";

/// Importing `body` fails with exit 2, naming `path` and `says`, and changes nothing.
#[track_caller]
fn refused(body: String, path: &str, says: &str) {
    let env = Env::new().with_member();
    let before = env.dump();
    let file = env.file("daily.json", body);
    let e = env.fail(
        "2024-06-20",
        &["import", "ncp", &file.display().to_string()],
        2,
    );
    assert_eq!(
        e,
        format!("error: {}: {ROW0}.{path}: {says}\n", file.display())
    );
    assert_eq!(env.dump(), before, "a refused import changed the ledger");
}

#[test]
fn daily_usage_as_ncp_writes_it_is_imported() {
    let env = Env::new().with_member();
    let file = env.file("daily.json", daily(&[]));
    env.ok(
        "2024-06-20",
        &["import", "ncp", &file.display().to_string()],
    );
}

#[test]
fn daily_usage_refuses_a_negative_quantity() {
    refused(
        daily(&[("\"usageQuantity\": 4307852198", "\"usageQuantity\": -5")]),
        "usage.usageQuantity",
        "expected a quantity of 0 or more, got the number -5",
    );
    refused(
        daily(&[(
            "\"userUsageQuantity\": 4.012",
            "\"userUsageQuantity\": -0.5",
        )]),
        "usage.userUsageQuantity",
        "expected a quantity of 0 or more, got the number -0.5",
    );
}

#[test]
fn daily_usage_refuses_an_end_before_its_start() {
    refused(
        daily(&[(
            "\"useEndDate\": \"2024-05-01T23:59:59+0900\"",
            "\"useEndDate\": \"2024-04-30T00:00:00+0900\"",
        )]),
        "useDate.useEndDate",
        "expected a time not before useDate.useStartDate (2024-05-01), got the text '2024-04-30T00:00:00+0900'",
    );
}

#[test]
fn daily_usage_refuses_a_row_not_one_day_long() {
    refused(
        daily(&[(
            "\"useEndDate\": \"2024-05-01T23:59:59+0900\"",
            "\"useEndDate\": \"2024-05-03T23:59:59+0900\"",
        )]),
        "useDate.useEndDate",
        "expected the day of useDate.useStartDate (2024-05-01): a daily row is one day's usage, got the text '2024-05-03T23:59:59+0900'",
    );
}

#[test]
fn daily_usage_says_a_number_out_of_range_is_out_of_range() {
    refused(
        daily(&[("\"usageQuantity\": 4307852198", "\"usageQuantity\": 1e30")]),
        "usage.usageQuantity",
        "expected a number of at most 28 digits, below 7.9e28 (out of range for an exact decimal, in digits or exponent notation), got the number 1e+30",
    );
    // Exponent notation within range is a number like any other.
    let env = Env::new().with_member();
    let file = env.file(
        "daily.json",
        daily(&[(
            "\"usageQuantity\": 4307852198",
            "\"usageQuantity\": 4.307852198e9",
        )]),
    );
    env.ok(
        "2024-06-20",
        &["import", "ncp", &file.display().to_string()],
    );
}
