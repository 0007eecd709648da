//! Issue 14, P10: NCP's late penalty (`overduePlusAmount`) is the penalty NCP had charged the
//! bill when it wrote it; the penalty days after that instant are P10's, at NCP's own
//! `overdueRatio`. Nothing is counted twice: not across re-imports, not beside penalties the
//! ledger had already charged, not at a later --as-of.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v1")
        .join(name)
        .display()
        .to_string()
}

/// A business member paying by direct deposit (nothing is paid automatically), from April.
fn member() -> Env {
    Env::business("2024-04-01").paying_by_deposit("2024-04-01", "2027-12")
}

fn import(env: &Env, as_of: &str, file: &str) {
    let out = env.run(as_of, &["import", "ncp", &fixture(file)]);
    assert!(out.status.success(), "{out:?}");
    // NCP's sums hold in these bodies: no warning.
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// April's bill in `pay --json` at `as_of`.
fn april(env: &Env, as_of: &str) -> Value {
    let doc = env.json(as_of, &["pay"]);
    doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-04")
        .expect("April's bill")
        .clone()
}

fn bill(penalty: i64, unpaid: i64) -> Value {
    json!({
        "month": "2024-04",
        "billed_amount": 110_000,
        "paid_amount": 0,
        "penalty_amount": penalty,
        "unpaid_amount": unpaid,
        "status": "outstanding",
    })
}

/// The ledger's penalty rows: (month, charged_on, source, base, amount).
fn penalties(env: &Env) -> Vec<(String, String, String, i64, i64)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT month, charged_on, source, base, amount FROM penalties ORDER BY charged_on, source")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn row(on: &str, source: &str, amount: i64) -> (String, String, String, i64, i64) {
    (
        "2024-04".to_string(),
        on.to_string(),
        source.to_string(),
        110_000,
        amount,
    )
}

#[test]
fn i14_p10_ncps_penalty_stands_up_to_when_ncp_wrote_the_bill_and_p10_projects_after() {
    let env = member();
    // NCP's bill as written on 3 June: 2,200 of penalty (2 % of 110,000, charged 1 June).
    import(&env, "2024-06-10", "demand-cost-2024-04-overdue-06.json");
    assert_eq!(april(&env, "2024-06-10"), bill(2_200, 112_200));
    assert_eq!(penalties(&env), [row("2024-06-03", "ncp", 2_200)]);
    // Re-importing the same bill changes nothing.
    let before = env.dump();
    import(&env, "2024-06-10", "demand-cost-2024-04-overdue-06.json");
    assert_eq!(env.dump(), before);
    // 1 July is after NCP wrote the bill: P10 at NCP's own 2 %, on the unpaid 110,000.
    assert_eq!(april(&env, "2024-07-05"), bill(4_400, 114_400));
    assert_eq!(april(&env, "2024-08-05"), bill(6_600, 116_600));
    // The notice names P10's penalty only: NCP's was NCP's to announce.
    let notices = env.json("2024-08-05", &["notifications"]);
    let penalties_noticed: Vec<&Value> = notices["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "late_penalty")
        .map(|n| &n["sent_at"])
        .collect();
    assert_eq!(
        penalties_noticed,
        [
            &json!("2024-07-01T00:00:00+09:00"),
            &json!("2024-08-01T00:00:00+09:00")
        ]
    );
    // `check` finds nothing wrong with a penalty dated the day NCP wrote its bill.
    let check = env.json("2024-08-05", &["check"]);
    assert_eq!(check["ok"], true, "{check}");
}

#[test]
fn i14_p10_ncps_penalty_never_counts_again_what_the_ledger_charged_before() {
    let env = member();
    // NCP's bill as written on 1 May: unpaid, no penalty yet.
    import(&env, "2024-05-02", "demand-cost-2024-04-unpaid.json");
    assert_eq!(april(&env, "2024-05-20"), bill(0, 110_000));
    // A write on 2 June catches up: P10 charges 1 June at NCP's 2 %.
    env.ok(
        "2024-06-02",
        &["account", "billing-email", "bills@corp.example"],
    );
    assert_eq!(penalties(&env), [row("2024-06-01", "p10", 2_200)]);
    // NCP's bill of 3 June says 2,200 charged by then: the same penalty, not a second one.
    import(&env, "2024-06-05", "demand-cost-2024-04-overdue-06.json");
    assert_eq!(april(&env, "2024-06-05"), bill(2_200, 112_200));
    assert_eq!(penalties(&env), [row("2024-06-01", "p10", 2_200)]);
    let before = env.dump();
    import(&env, "2024-06-05", "demand-cost-2024-04-overdue-06.json");
    assert_eq!(env.dump(), before);
    // NCP's bill of 3 July: 4,400 in all, which 1 June and 1 July already make.
    import(&env, "2024-07-05", "demand-cost-2024-04-overdue-07.json");
    assert_eq!(april(&env, "2024-07-05"), bill(4_400, 114_400));
    assert_eq!(
        penalties(&env),
        [
            row("2024-06-01", "p10", 2_200),
            row("2024-07-01", "p10", 2_200)
        ]
    );
    assert_eq!(april(&env, "2024-09-05"), bill(8_800, 118_800));
}

#[test]
fn i14_p10_ncps_penalty_fills_what_the_ledger_had_not_charged() {
    let env = member();
    import(&env, "2024-05-02", "demand-cost-2024-04-unpaid.json");
    // No command ran between 1 June and NCP's bill of 3 July, imported on 5 July: the import's
    // catch-up charges 1 June and 1 July (P10), and NCP's 4,400 is exactly that.
    import(&env, "2024-07-05", "demand-cost-2024-04-overdue-07.json");
    assert_eq!(april(&env, "2024-07-05"), bill(4_400, 114_400));
    // Paying it all by deposit settles the penalties first, then the principal.
    let paid = env.json(
        "2024-07-06",
        &[
            "pay",
            "--deposit",
            "114400",
            "--reference",
            "KB 2024-07-06",
            "--yes",
        ],
    );
    assert_eq!(
        paid["applied"],
        json!([{"month": "2024-04", "amount": 110_000, "penalty_amount": 4_400}])
    );
    let after = april(&env, "2024-08-05");
    assert_eq!(
        (
            &after["penalty_amount"],
            &after["unpaid_amount"],
            &after["status"]
        ),
        (&json!(4_400), &json!(0), &json!("paid"))
    );
}

/// v2: `overduePlusAmount` is the late penalty there too (never `penaltyAmount`, the charge in
/// v1 `defaultAmount`'s place); NCP's fractional figure is truncated (M2) and later penalty
/// days are P10's at `overdueRate` 1.0, a percent: 1 % of 151,676 is 1,516.
#[test]
fn i14_p10_a_v2_bills_late_penalty_is_truncated_and_projected_at_its_percent_rate() {
    let env = Env::business("2026-06-01").paying_by_deposit("2026-06-01", "2027-12");
    let body = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/ncp/v2/demand-cost-2026-06-unpaid.json"),
    )
    .unwrap()
    .replace(
        "\"overduePlusAmount\": 0.0",
        "\"overduePlusAmount\": 1516.7",
    )
    .replace(
        "\"overdueOccurDateTime\": null",
        "\"overdueOccurDateTime\": \"2026-07-14T15:00:00Z\"",
    )
    .replace(
        "\"createdDateTime\": \"2026-06-30T18:30:00Z\"",
        "\"createdDateTime\": \"2026-08-03T01:00:00Z\"",
    );
    let file = env.file("june.json", body);
    env.ok("2026-08-05", &["import", "ncp", file.to_str().unwrap()]);
    let june = |as_of: &str| {
        let doc = env.json(as_of, &["pay"]);
        let b = doc["bills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["month"] == "2026-06")
            .unwrap()
            .clone();
        (
            b["billed_amount"].clone(),
            b["penalty_amount"].clone(),
            b["unpaid_amount"].clone(),
        )
    };
    assert_eq!(
        june("2026-08-05"),
        (json!(151_676), json!(1_516), json!(153_192))
    );
    assert_eq!(
        june("2026-09-05"),
        (json!(151_676), json!(3_032), json!(154_708))
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let on: String = conn
        .query_row(
            "SELECT charged_on FROM penalties WHERE source = 'ncp'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // 01:00 UTC is 10:00 on 3 August in Korea.
    assert_eq!(on, "2026-08-03");
}
