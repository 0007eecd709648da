//! What an outside tester found NCP bodies could carry without a word (README, "NCP's own
//! data"): a bill paid up before its month began, one written before its month began, a v2
//! `overdueRate` that reads like a v1 fraction — each kept as NCP sent it and told once, on
//! stderr and in the import's JSON `warnings` — and a currency code NCP never writes
//! (`krw`), refused with exit 2 and the ledger left byte for byte as it was.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

/// `fixtures/ncp/NAME` with each `from` (which must be there) replaced by its `to`.
pub(crate) fn planted(name: &str, changes: &[(&str, &str)]) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name);
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "{name} has no {from}");
        text = text.replace(from, to);
    }
    text
}

/// `import ncp --json` of `body`: the document and stderr.
pub(crate) fn import(env: &Env, as_of: &str, body: String) -> (Value, String) {
    let file = env.file("bill.json", body);
    let out = env.run(
        as_of,
        &["import", "ncp", "--json", &file.display().to_string()],
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

#[test]
fn a_bill_as_ncp_writes_it_has_no_warning() {
    let env = Env::new().with_member();
    let (doc, stderr) = import(&env, "2024-07-05", planted("demand-cost-2024-05.json", &[]));
    assert_eq!(doc.get("warnings"), None);
    assert_eq!(stderr, "");
    let v2 = Env::new().with_member();
    let (doc, stderr) = import(
        &v2,
        "2026-08-01",
        planted("v2/demand-cost-2026-06.json", &[]),
    );
    assert_eq!(doc.get("warnings"), None);
    assert_eq!(stderr, "");
}

#[test]
fn a_bill_paid_up_before_its_month_began_is_kept_and_told() {
    let env = Env::new().with_member();
    let (doc, stderr) = import(
        &env,
        "2024-07-05",
        planted(
            "demand-cost-2024-05.json",
            &[(
                "\"paidUpDate\": \"2024-06-10T09:00:00+0900\"",
                "\"paidUpDate\": \"2024-04-30T09:00:00+0900\"",
            )],
        ),
    );
    let says = "NCP says the bill was paid up at 2024-04-30T09:00:00+09:00, before its month began (2024-05-01T00:00:00+09:00); check that the body is the one NCP sent";
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2024-05", "field": "paidUpDate", "says": says}])
    );
    assert_eq!(
        stderr,
        format!("warning: 2024-05 bill: paidUpDate: {says}\n")
    );
    // Kept: the bill is NCP's, paid up.
    assert_eq!(doc["bills"], json!(["2024-05"]));
}

#[test]
fn a_bill_written_before_its_month_began_is_told() {
    let env = Env::new().with_member();
    let (doc, stderr) = import(
        &env,
        "2024-07-05",
        planted(
            "demand-cost-2024-05.json",
            &[(
                "\"writeDate\": \"2024-06-01T08:00:00+0900\"",
                "\"writeDate\": \"2024-04-20T08:00:00+0900\"",
            )],
        ),
    );
    let says = "NCP wrote the bill at 2024-04-20T08:00:00+09:00, before its month began (2024-05-01T00:00:00+09:00); check the month and the date";
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2024-05", "field": "writeDate", "says": says}])
    );
    assert_eq!(
        stderr,
        format!("warning: 2024-05 bill: writeDate: {says}\n")
    );
}

#[test]
fn a_v2_overdue_rate_like_a_fraction_is_told_and_read_as_a_percent() {
    let env = Env::new().with_member();
    let (doc, stderr) = import(
        &env,
        "2026-08-01",
        planted(
            "v2/demand-cost-2026-06.json",
            &[("\"overdueRate\": 0.0", "\"overdueRate\": 0.015")],
        ),
    );
    let says = "0.015 is read as 0.015 % a month (v2's rates are percents: 1.0 is 1 %); if NCP meant a fraction, the body is not one NCP's v2 wrote";
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2026-06", "field": "overdueRate", "says": says}])
    );
    assert_eq!(
        stderr,
        format!("warning: 2026-06 bill: overdueRate: {says}\n")
    );
    // 1.0, NCP's documented rate, is not odd.
    let (doc, _) = import(
        &Env::new().with_member(),
        "2026-08-01",
        planted(
            "v2/demand-cost-2026-06.json",
            &[("\"overdueRate\": 0.0", "\"overdueRate\": 1.0")],
        ),
    );
    assert_eq!(doc.get("warnings"), None);
}

#[test]
fn a_currency_code_ncp_never_writes_is_refused_and_changes_nothing() {
    for (fixture, as_of, from, to, path) in [
        (
            "demand-cost-2024-05.json",
            "2024-07-05",
            "{\"code\": \"KRW\", \"codeName\": \"South Korea Won\"}",
            "{\"code\": \"krw\", \"codeName\": \"South Korea Won\"}",
            "$.getDemandCostListResponse.demandCostList[0].payCurrency.code",
        ),
        (
            "v2/demand-cost-2026-06.json",
            "2026-08-01",
            "\"payCurrency\": \"KRW\"",
            "\"payCurrency\": \"won\"",
            "$.demandCosts[0].payCurrency",
        ),
    ] {
        let env = Env::new().with_member();
        let before = env.dump();
        let file = env.file("bill.json", planted(fixture, &[(from, to)]));
        let e = env.fail(as_of, &["import", "ncp", &file.display().to_string()], 2);
        let got = if to.contains("krw") { "krw" } else { "won" };
        assert_eq!(
            e,
            format!(
                "error: {}: {path}: expected a currency code as NCP sends it, three capital letters (KRW, USD, JPY), got the text '{got}'\n",
                file.display()
            )
        );
        assert_eq!(env.dump(), before, "a refused import changed the ledger");
    }
}
