//! Issue 14, P9/P10 with NCP's paid-up state: a bill the ledger carried past a penalty day
//! (P10 charged it, P9 blocked services) that NCP reports paid up BEFORE that day owes no
//! penalty for it: the penalties of the days after NCP's paid-up instant are taken back when
//! NCP's state arrives, those of the days before stay, what the member had paid on the ones
//! taken back becomes credit, and the block is lifted. Importing the same body again changes
//! nothing.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

/// NCP's April 2024 bill (110,000 won, VAT included), unpaid as written on 1 May, at the
/// 1.5 % rate of P10's example, changed by `edit`.
fn body(env: &Env, name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v1/demand-cost-2024-04-unpaid.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let row = &mut doc["getDemandCostListResponse"]["demandCostList"][0];
    row["overdueRatio"] = json!(0.015);
    edit(row);
    env.file(name, doc.to_string()).display().to_string()
}

/// NCP's bill written on `written`, saying it was paid up on `paid`, with `plus` of penalty
/// NCP had charged.
fn paid_body(env: &Env, paid: &str, written: &str, plus: i64) -> String {
    body(env, "paid.json", |row| {
        row["isPaidUp"] = json!(true);
        row["paidUpDate"] = json!(paid);
        row["writeDate"] = json!(written);
        row["overduePlusAmount"] = json!(plus);
    })
}

/// A business member paying by direct deposit (nothing is paid automatically) whose server,
/// held from June, makes `status` show whether services are blocked; NCP's April bill, unpaid,
/// imported on 2 May.
fn member() -> Env {
    let env = Env::business("2024-04-01")
        .paying_by_deposit("2024-04-01", "2027-12")
        .with_contracts(
            "2024-04-01",
            "KR-SVR-6,Server,KR,monthly,50000,month,2024-06-01,\n",
        );
    let unpaid = body(&env, "unpaid.json", |_| {});
    import(&env, "2024-05-02", &unpaid);
    env
}

#[track_caller]
fn import(env: &Env, as_of: &str, file: &str) {
    let out = env.run(as_of, &["import", "ncp", file]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// A write at `as_of`: its catch-up charges what is due by then (P9, P10).
fn write(env: &Env, as_of: &str) {
    env.ok(as_of, &["account", "billing-email", "bills@corp.example"]);
}

/// `pay --json` at `as_of`: April's bill, the credit balance and `blocked_since`.
fn pay(env: &Env, as_of: &str) -> (Value, Value, Value) {
    let doc = env.json(as_of, &["pay"]);
    let april = doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-04")
        .expect("April's bill")
        .clone();
    (
        april,
        doc["credit_balance"].clone(),
        doc["blocked_since"].clone(),
    )
}

fn april(paid: i64, penalty: i64, unpaid: i64, status: &str) -> Value {
    json!({
        "month": "2024-04",
        "billed_amount": 110_000,
        "paid_amount": paid,
        "penalty_amount": penalty,
        "unpaid_amount": unpaid,
        "status": status,
    })
}

/// Whether `status --json` at `as_of` shows the server blocked.
fn blocked(env: &Env, as_of: &str) -> Value {
    env.json(as_of, &["status"])["services"][0]["blocked"].clone()
}

/// The ledger's penalty rows: (charged_on, source, amount, withdrawn_at).
fn penalties(env: &Env) -> Vec<(String, String, i64, Option<String>)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT charged_on, source, amount, withdrawn_at FROM penalties ORDER BY charged_on, source")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn penalty(
    on: &str,
    amount: i64,
    withdrawn: Option<&str>,
) -> (String, String, i64, Option<String>) {
    (
        on.to_string(),
        "p10".to_string(),
        amount,
        withdrawn.map(str::to_string),
    )
}

/// Every payment: (kind, amount, paid_at).
fn payments(env: &Env) -> Vec<(String, i64, String)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT kind, amount, paid_at FROM payments ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[track_caller]
fn checked(env: &Env, as_of: &str) {
    let check = env.json(as_of, &["check"]);
    assert_eq!(check["ok"], true, "{check}");
}

#[test]
fn i14_p10_p9_paid_before_the_penalty_day_takes_the_penalty_and_the_block_back() {
    let env = member();
    // Unpaid past the 14th of May and carried into June: 1.5 % of 110,000 on 1 June, and
    // services blocked from then.
    write(&env, "2024-06-02");
    assert_eq!(
        pay(&env, "2024-06-02"),
        (
            april(0, 1_650, 111_650, "outstanding"),
            json!(0),
            json!("2024-06-01T00:00:00+09:00")
        )
    );
    assert_eq!(blocked(&env, "2024-06-02"), true);
    // NCP's bill of 3 June says it was paid on 20 May, before the penalty day.
    let paid = paid_body(
        &env,
        "2024-05-20T10:00:00+0900",
        "2024-06-03T05:00:00+0900",
        0,
    );
    import(&env, "2024-06-05", &paid);
    assert_eq!(
        pay(&env, "2024-06-05"),
        (april(110_000, 0, 0, "paid"), json!(0), Value::Null)
    );
    assert_eq!(blocked(&env, "2024-06-05"), false);
    // NCP's payment is the bill's principal, dated when NCP was paid; the penalty row stays,
    // taken back at the import, so P10 never charges 1 June again.
    assert_eq!(
        payments(&env),
        [(
            "ncp".to_string(),
            110_000,
            "2024-05-20T10:00:00+09:00".to_string()
        )]
    );
    assert_eq!(
        penalties(&env),
        [penalty(
            "2024-06-01",
            1_650,
            Some("2024-06-05T00:00:00+09:00")
        )]
    );
    // The same body again changes nothing.
    let before = env.dump();
    import(&env, "2024-06-05", &paid);
    assert_eq!(env.dump(), before);
    // T2: a read before the import sees the bill as the ledger held it then: the penalty
    // charged, and NCP's payment not yet known (it counts from the import that told it).
    assert_eq!(
        pay(&env, "2024-06-03"),
        (
            april(0, 1_650, 111_650, "outstanding"),
            json!(0),
            json!("2024-06-01T00:00:00+09:00")
        )
    );
    // No penalty on the following months either.
    assert_eq!(pay(&env, "2024-08-05").0, april(110_000, 0, 0, "paid"));
    checked(&env, "2024-06-05");
}

#[test]
fn i14_p10_paid_after_a_penalty_day_keeps_the_penalties_before_it() {
    let env = member();
    // Carried into June and July: 1,650 on each 1st.
    write(&env, "2024-07-02");
    assert_eq!(
        pay(&env, "2024-07-02").0,
        april(0, 3_300, 113_300, "outstanding")
    );
    // NCP's bill of 3 July: paid on 20 June, with June's 1,650 of penalty NCP charged.
    let paid = paid_body(
        &env,
        "2024-06-20T10:00:00+0900",
        "2024-07-03T05:00:00+0900",
        1_650,
    );
    import(&env, "2024-07-05", &paid);
    // June's penalty stands and NCP's payment paid it with the bill; July's is taken back.
    assert_eq!(
        pay(&env, "2024-07-05"),
        (april(111_650, 1_650, 0, "paid"), json!(0), Value::Null)
    );
    assert_eq!(blocked(&env, "2024-07-05"), false);
    assert_eq!(
        penalties(&env),
        [
            penalty("2024-06-01", 1_650, None),
            penalty("2024-07-01", 1_650, Some("2024-07-05T00:00:00+09:00"))
        ]
    );
    assert_eq!(
        payments(&env),
        [(
            "ncp".to_string(),
            111_650,
            "2024-06-20T10:00:00+09:00".to_string()
        )]
    );
    let before = env.dump();
    import(&env, "2024-07-05", &paid);
    assert_eq!(env.dump(), before);
    checked(&env, "2024-07-05");
}

#[test]
fn i14_p3_a_penalty_paid_and_then_taken_back_becomes_exact_credit() {
    let env = member();
    write(&env, "2024-06-02");
    // The member pays the 1,650 of penalty (P3: penalties first), not the principal.
    let paid = env.json(
        "2024-06-03",
        &[
            "pay",
            "--deposit",
            "1650",
            "--reference",
            "KB 2024-06-03",
            "--yes",
        ],
    );
    assert_eq!(
        paid["applied"],
        json!([{"month": "2024-04", "amount": 0, "penalty_amount": 1_650}])
    );
    assert_eq!(
        pay(&env, "2024-06-03").0,
        april(1_650, 1_650, 110_000, "outstanding")
    );
    // NCP was paid on 20 May: the penalty is taken back, and the 1,650 the member paid on
    // it becomes credit; NCP's payment is the principal.
    let body = paid_body(
        &env,
        "2024-05-20T10:00:00+0900",
        "2024-06-03T05:00:00+0900",
        0,
    );
    import(&env, "2024-06-05", &body);
    assert_eq!(
        pay(&env, "2024-06-05"),
        (april(111_650, 1_650, 0, "paid"), json!(1_650), Value::Null)
    );
    assert_eq!(
        payments(&env),
        [
            (
                "deposit".to_string(),
                1_650,
                "2024-06-03T00:00:00+09:00".to_string()
            ),
            (
                "ncp".to_string(),
                110_000,
                "2024-05-20T10:00:00+09:00".to_string()
            )
        ]
    );
    let before = env.dump();
    import(&env, "2024-06-05", &body);
    assert_eq!(env.dump(), before);
    checked(&env, "2024-06-05");
    // Never lost, never charged twice: the credit pays the first 1,650 of June's bill
    // (50,000 + VAT), issued on 3 July.
    let doc = env.json("2024-07-05", &["pay"]);
    let june = doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-06")
        .expect("June's bill")
        .clone();
    assert_eq!(
        (
            &june["billed_amount"],
            &june["paid_amount"],
            &june["unpaid_amount"]
        ),
        (&json!(55_000), &json!(1_650), &json!(53_350))
    );
    assert_eq!(doc["credit_balance"], 0);
    assert_eq!(pay(&env, "2024-07-05").0, april(111_650, 1_650, 0, "paid"));
}

/// v2 alike: `/demand-costs` `paidUp` with `paidUpDateTime` before the penalty day takes
/// P10's penalty (1 % of 151,676 = 1,516, at `overdueRate` 1.0) back.
#[test]
fn i14_p10_a_v2_bill_paid_before_the_penalty_day_owes_no_penalty() {
    let env = Env::business("2026-06-01").paying_by_deposit("2026-06-01", "2027-12");
    let unpaid = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/ncp/v2/demand-cost-2026-06-unpaid.json"),
    )
    .unwrap();
    let file = env.file("unpaid.json", &unpaid);
    env.ok("2026-07-05", &["import", "ncp", file.to_str().unwrap()]);
    write(&env, "2026-08-02");
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
            b["penalty_amount"].clone(),
            b["unpaid_amount"].clone(),
            b["status"].clone(),
            doc["blocked_since"].clone(),
        )
    };
    assert_eq!(
        june("2026-08-02"),
        (
            json!(1_516),
            json!(153_192),
            json!("outstanding"),
            json!("2026-08-01T00:00:00+09:00")
        )
    );
    // NCP's bill of 3 August: paid on 20 July (10:00 KST).
    let paid = unpaid
        .replace("\"paidUp\": false", "\"paidUp\": true")
        .replace(
            "\"paidUpDateTime\": null",
            "\"paidUpDateTime\": \"2026-07-20T01:00:00Z\"",
        )
        .replace(
            "\"createdDateTime\": \"2026-06-30T18:30:00Z\"",
            "\"createdDateTime\": \"2026-08-03T01:00:00Z\"",
        );
    let file = env.file("paid.json", paid);
    env.ok("2026-08-05", &["import", "ncp", file.to_str().unwrap()]);
    assert_eq!(
        june("2026-08-05"),
        (json!(0), json!(0), json!("paid"), Value::Null)
    );
    let before = env.dump();
    env.ok("2026-08-05", &["import", "ncp", file.to_str().unwrap()]);
    assert_eq!(env.dump(), before);
    assert_eq!(
        june("2026-09-05"),
        (json!(0), json!(0), json!("paid"), Value::Null)
    );
    checked(&env, "2026-08-05");
}
