//! Money safety of balances (issue 11): a bank deposit counts once (P6), an issued bill is
//! final and NCP's later figures become an adjustment (P1), a negative adjustment larger than
//! its bill becomes credit that pays the following bills, a credit pays every new bill
//! whatever its source (P3), and a bill NCP reopens is outstanding from then on, never
//! charged at an instant the ledger has passed (T2, P9). `check` pins the invariants
//! (`credit_balance`, `bill_negative`).

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

/// A business member created on 2024-01-01 who pays by card (VISA 4242).
fn by_card(as_of: &str) -> Env {
    Env::business(as_of).paying_by_card(as_of, "2027-12", &[])
}

fn count(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// One bill row of a `pay` document, as (billed, paid, unpaid, status).
fn bill(doc: &Value, month: &str) -> (i64, i64, i64, String) {
    let b = doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == month)
        .unwrap_or_else(|| panic!("no {month} bill in {doc}"));
    (
        b["billed_amount"].as_i64().unwrap(),
        b["paid_amount"].as_i64().unwrap(),
        b["unpaid_amount"].as_i64().unwrap(),
        b["status"].as_str().unwrap().to_string(),
    )
}

fn row(billed: i64, paid: i64, unpaid: i64, status: &str) -> (i64, i64, i64, String) {
    (billed, paid, unpaid, status.to_string())
}

/// `check` passes with no finding.
fn clean(env: &Env, as_of: &str) {
    let doc = env.json(as_of, &["check"]);
    assert_eq!(doc["findings"], json!([]), "{doc}");
}

/// Runs a command that a rule refuses, and checks that it changed nothing.
fn refused(env: &Env, as_of: &str, args: &[&str], code: i32) -> String {
    let before = env.dump();
    let stderr = env.fail(as_of, args, code);
    assert_eq!(env.dump(), before, "{args:?} changed the ledger");
    stderr
}

// ---------------------------------------------------------------------------------------
// 2. P6: one bank deposit is one reference.

/// A business member paying by direct deposit whose January 2024 bill is 220,000 won.
fn by_deposit() -> Env {
    Env::business("2024-01-01")
        .paying_by_deposit("2024-01-01", "2027-12")
        .with_contracts(
            "2024-01-02",
            "KR-SVR-1,Server,KR,monthly,200000,month,2024-01-01,2024-01-31\n",
        )
}

#[test]
fn r_p6_deposit_same_reference_same_amount_is_a_replay_with_or_without_a_key() {
    // The reference first, then the same deposit with a key.
    let env = by_deposit();
    let first = env.json(
        "2024-02-20",
        &["pay", "--deposit", "50000", "--reference", "R", "--yes"],
    );
    assert_eq!(first["replayed"], false);
    let again = env.json(
        "2024-02-21",
        &[
            "pay",
            "--deposit",
            "50000",
            "--reference",
            "R",
            "--idempotency-key",
            "K",
            "--yes",
        ],
    );
    assert_eq!(again["replayed"], true);
    assert_eq!(again["payment_id"], first["payment_id"]);
    assert_eq!(again["paid_at"], "2024-02-20T00:00:00+09:00");
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payments"), 1);
    let doc = env.json("2024-02-21", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-01"),
        row(220_000, 50_000, 170_000, "outstanding")
    );

    // The key first, then the same deposit without it.
    let env = by_deposit();
    let first = env.json(
        "2024-02-20",
        &[
            "pay",
            "--deposit",
            "50000",
            "--reference",
            "R",
            "--idempotency-key",
            "K",
            "--yes",
        ],
    );
    let again = env.json(
        "2024-02-21",
        &["pay", "--deposit", "50000", "--reference", "R", "--yes"],
    );
    assert_eq!(again["replayed"], true);
    assert_eq!(again["payment_id"], first["payment_id"]);
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payments"), 1);
    clean(&env, "2024-02-21");
}

#[test]
fn r_p6_deposit_reference_or_key_reused_otherwise_is_refused() {
    let env = by_deposit();
    env.ok(
        "2024-02-20",
        &[
            "pay",
            "--deposit",
            "50000",
            "--reference",
            "R",
            "--idempotency-key",
            "K",
            "--yes",
        ],
    );
    // The same reference with another amount, with or without a (new) key.
    for extra in [&[][..], &["--idempotency-key", "K2"][..]] {
        let mut args = vec!["pay", "--deposit", "60000", "--reference", "R", "--yes"];
        args.extend_from_slice(extra);
        let err = refused(&env, "2024-02-21", &args, 3);
        assert!(
            err.contains("deposit reference 'R' was already recorded"),
            "{err}"
        );
        assert!(err.contains("50,000 won"), "{err}");
    }
    // The key with other arguments: another reference, or no reference.
    for args in [
        &[
            "pay",
            "--deposit",
            "50000",
            "--reference",
            "R2",
            "--idempotency-key",
            "K",
            "--yes",
        ][..],
        &[
            "pay",
            "--deposit",
            "50000",
            "--idempotency-key",
            "K",
            "--yes",
        ][..],
    ] {
        let err = refused(&env, "2024-02-21", args, 3);
        assert!(
            err.contains("idempotency key 'K' was already used"),
            "{err}"
        );
    }
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payments"), 1);
    let doc = env.json("2024-02-21", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-01"),
        row(220_000, 50_000, 170_000, "outstanding")
    );
}

// ---------------------------------------------------------------------------------------
// 3. P1: NCP's figures over an issued and paid bill become an adjustment.

#[test]
fn r_p1_ncp_figures_over_an_issued_paid_bill_become_an_adjustment_and_credit() {
    // May 2024: 200,000 + VAT = 220,000, charged on the card on 10 June. June: 50,000 + VAT.
    let env = by_card("2024-05-01").with_contracts(
        "2024-05-01",
        "KR-SVR-1,Server,KR,monthly,200000,month,2024-05-01,2024-05-31\n\
         KR-SVR-2,Server,KR,monthly,50000,month,2024-06-01,2024-06-30\n",
    );
    let doc = env.json("2024-06-20", &["pay"]);
    assert_eq!(bill(&doc, "2024-05"), row(220_000, 220_000, 0, "paid"));

    // NCP says May is 113,740, paid.
    let file = fixture("demand-cost-2024-05.json");
    let doc = env.json("2024-06-20", &["import", "ncp", file.to_str().unwrap()]);
    assert_eq!(doc["adjusted_bills"], json!(["2024-05"]));
    let doc = env.json("2024-06-20", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-05"),
        row(220_000, 220_000, 0, "paid"),
        "the issued bill is final"
    );
    assert_eq!(doc["pending_adjustment_amount"], -106_260);
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'ncp'"),
        0,
        "nothing more was paid"
    );
    clean(&env, "2024-06-20");
    // The same body again adds nothing.
    let before = env.dump();
    env.ok("2024-06-20", &["import", "ncp", file.to_str().unwrap()]);
    assert_eq!(env.dump(), before);
    // Nor does a later local import undo NCP's figure for May.
    let again = env.file(
        "again.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,200000,month,2024-05-01,2024-05-31\n",
    );
    let doc = env.json(
        "2024-06-21",
        &["import", "contracts", again.to_str().unwrap()],
    );
    assert_eq!(doc["adjusted_bills"], json!([]));
    assert_eq!(
        env.json("2024-06-21", &["pay"])["pending_adjustment_amount"],
        -106_260
    );

    // June's 55,000 takes the adjustment; the 51,260 overpaid are credit.
    let doc = env.json("2024-07-03", &["pay"]);
    assert_eq!(bill(&doc, "2024-06"), row(0, 0, 0, "paid"));
    assert_eq!(doc["credit_balance"], 51_260);
    assert_eq!(doc["pending_adjustment_amount"], 0);
    env.ok("2024-07-10", &["pay", "--auto"]);
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'auto'"),
        1,
        "only May's charge"
    );
    clean(&env, "2024-07-10");
}

// ---------------------------------------------------------------------------------------
// 4. A negative adjustment larger than the bill it lands on becomes credit.

#[test]
fn r_p1_a_negative_adjustment_larger_than_its_bill_is_credit_that_pays_later_bills() {
    // February: 100,000 + VAT = 110,000. March: nothing. April: 50,000 + VAT = 55,000.
    let env = by_card("2024-01-01").with_contracts(
        "2024-01-02",
        "KR-SVR-1,Server,KR,monthly,100000,month,2024-02-01,2024-02-29\n\
         KR-SVR-2,Server,KR,monthly,50000,month,2024-04-01,2024-04-30\n",
    );
    let doc = env.json("2024-03-15", &["pay"]);
    assert_eq!(bill(&doc, "2024-02"), row(110_000, 110_000, 0, "paid"));

    // The price is corrected: February rates at 11,000, an adjustment of -99,000.
    let fix = env.file(
        "fix.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,10000,month,2024-02-01,2024-02-29\n",
    );
    let doc = env.json(
        "2024-03-20",
        &["import", "contracts", fix.to_str().unwrap()],
    );
    assert_eq!(doc["adjusted_bills"], json!(["2024-02"]));

    // March's 0-won bill cannot take -99,000: it stays at 0 and the rest is credit.
    let doc = env.json("2024-04-03", &["pay"]);
    assert_eq!(bill(&doc, "2024-03"), row(0, 0, 0, "paid"));
    assert_eq!(doc["credit_balance"], 99_000);
    assert_eq!(doc["pending_adjustment_amount"], 0);
    clean(&env, "2024-04-03");

    // April's 55,000 is paid from the credit when it is issued; the card is not charged.
    let doc = env.json("2024-05-03", &["pay"]);
    assert_eq!(bill(&doc, "2024-04"), row(55_000, 55_000, 0, "paid"));
    assert_eq!(doc["credit_balance"], 44_000);
    // The bill's notice says so, rather than asking for 55,000 won from the 10th.
    let notices = env.json("2024-05-03", &["notifications"]);
    let april: Vec<&Value> = notices["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "bill_issued" && n["month"] == "2024-04")
        .collect();
    assert_eq!(april.len(), 2, "email and SMS: {notices}");
    for n in april {
        assert_eq!(
            n["subject"],
            "Your 2024-04 bill: 55,000 KRW, paid from your credit balance; nothing is due"
        );
    }
    env.ok("2024-05-10", &["pay", "--auto"]);
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM auto_attempts WHERE month = '2024-04'"
        ),
        0
    );
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'auto'"),
        1,
        "only February's charge"
    );
    let doc = env.json("2024-05-10", &["pay"]);
    assert_eq!(doc["credit_balance"], 44_000);
    clean(&env, "2024-05-10");
}

// ---------------------------------------------------------------------------------------
// 5. A credit pays every newly issued bill, whatever its source.

#[test]
fn r_p3_credit_pays_bills_that_arrive_through_import_ncp() {
    let env = Env::new().with_member();
    // 100,000 won deposited with nothing owed: credit.
    let doc = env.json("2024-07-01", &["pay", "--deposit", "100000", "--yes"]);
    assert_eq!(doc["credit_balance"], 100_000);
    // NCP's June bill: 55,000, not paid up.
    let file = fixture("demand-costs-v2-2024-06.json");
    env.ok("2024-07-05", &["import", "ncp", file.to_str().unwrap()]);
    let doc = env.json("2024-07-05", &["pay"]);
    assert_eq!(bill(&doc, "2024-06"), row(55_000, 55_000, 0, "paid"));
    assert_eq!(doc["credit_balance"], 45_000);
    // No card charge in the automatic period.
    env.ok("2024-07-10", &["pay", "--auto"]);
    assert_eq!(count(&env, "SELECT COUNT(*) FROM auto_attempts"), 0);
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'auto'"),
        0
    );
    clean(&env, "2024-07-10");
}

// ---------------------------------------------------------------------------------------
// 6. T2, P9: a bill NCP reopens is outstanding from the re-import, never charged in the past.

#[test]
fn r_t2_a_reopened_ncp_bill_is_outstanding_from_the_reimport_and_never_charged_in_the_past() {
    let env = Env::new().with_member();
    let paid = fixture("demand-cost-2024-05.json");
    env.ok("2024-06-20", &["import", "ncp", paid.to_str().unwrap()]);
    let doc = env.json("2024-06-20", &["pay"]);
    assert_eq!(bill(&doc, "2024-05"), row(113_740, 113_740, 0, "paid"));
    let old_id = count(&env, "SELECT MAX(id) FROM payments");

    // NCP now says May is not paid up, in a later writing (issue 14: at the same writing a
    // paid-up bill never goes back to unpaid).
    let text = std::fs::read_to_string(&paid).unwrap();
    let unpaid = env.file(
        "unpaid.json",
        text.replace("\"isPaidUp\": true", "\"isPaidUp\": false")
            .replace(
                "\"paidUpDate\": \"2024-06-10T09:00:00+0900\"",
                "\"paidUpDate\": \"\"",
            )
            .replace(
                "\"writeDate\": \"2024-06-01T08:00:00+0900\"",
                "\"writeDate\": \"2024-06-25T08:00:00+0900\"",
            ),
    );
    env.ok("2024-06-26", &["import", "ncp", unpaid.to_str().unwrap()]);
    let doc = env.json("2024-06-26", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-05"),
        row(113_740, 0, 113_740, "outstanding")
    );
    assert_eq!(doc["instant"]["open"], true);
    assert_eq!(doc["instant"]["payable_amount"], 113_740);
    // Notified at the re-import, by email and SMS.
    let notes = env.json("2024-06-26", &["notifications", "--month", "2024-05"]);
    let outstanding: Vec<(String, String)> = notes["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "outstanding")
        .map(|n| {
            (
                n["channel"].as_str().unwrap().to_string(),
                n["sent_at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        outstanding,
        [
            ("email".to_string(), "2024-06-26T00:00:00+09:00".to_string()),
            ("sms".to_string(), "2024-06-26T00:00:00+09:00".to_string())
        ]
    );

    // The next command charges nothing dated 10–14 June.
    env.ok("2024-06-27", &["pay", "--auto"]);
    assert_eq!(count(&env, "SELECT COUNT(*) FROM auto_attempts"), 0);
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payments"), 0);
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'outstanding' AND month = '2024-05'"
        ),
        2,
        "notified once"
    );

    // Paid instantly, with a new payment id.
    let doc = env.json("2024-06-27", &["pay", "--instant", "--yes"]);
    assert_eq!(doc["amount"], 113_740);
    assert_eq!(doc["paid_at"], "2024-06-27T00:00:00+09:00");
    assert!(
        doc["payment_id"].as_i64().unwrap() > old_id,
        "payment id {} reuses {old_id}",
        doc["payment_id"]
    );
    clean(&env, "2024-06-27");
}

// ---------------------------------------------------------------------------------------
// check: the invariants these bugs broke.

fn sql(env: &Env, statement: &str) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(statement).unwrap();
}

fn findings(env: &Env, as_of: &str) -> Vec<(String, String)> {
    let out = env.run(as_of, &["check", "--json"]);
    assert_eq!(out.status.code(), Some(4));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap().to_string(),
                f["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn r_check_bill_negative_and_credit_balance() {
    let env = by_card("2024-01-01").with_contracts(
        "2024-01-02",
        "KR-SVR-1,Server,KR,monthly,100000,month,2024-02-01,2024-02-29\n",
    );
    env.ok("2024-04-03", &["pay"]);
    env.ok("2024-04-03", &["pay", "--auto"]);
    clean(&env, "2024-04-03");
    // An adjustment carried into March without its credit: March is due -5,000.
    sql(
        &env,
        "INSERT INTO bill_adjustments (account_id, month, amount, reason, recorded_at, carried_into)
         VALUES (1, '2024-02', -5000, 'test', '2024-03-20T00:00:00+09:00', '2024-03')",
    );
    assert_eq!(
        findings(&env, "2024-04-03"),
        [
            (
                "credit_balance".to_string(),
                "bill 2024-03: the adjustments carried into it leave 5000 won of credit but 0 won are recorded".to_string()
            ),
            (
                "bill_negative".to_string(),
                "bill 2024-03 is due -5000 won (billed 0, adjustments -5000, credited 0)".to_string()
            ),
        ]
    );
    // With its credit, applied beyond its amount.
    sql(
        &env,
        "INSERT INTO credits (account_id, id, month, amount, reason, recorded_at)
         VALUES (1, 1, '2024-03', 5000, 'test', '2024-04-03T00:00:00+09:00');
         INSERT INTO credit_applications (account_id, credit_id, month, principal, penalty, applied_at)
         VALUES (1, 1, '2024-02', 6000, 0, '2024-04-03T00:00:00+09:00');",
    );
    let found = findings(&env, "2024-04-03");
    let names: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(names, ["credit_balance", "credit_balance"], "{found:?}");
    assert_eq!(found[0].1, "credit 1 of 5000 won is applied 6000 won");
    assert_eq!(
        found[1].1,
        "bill 2024-02: 116000 won paid and credited towards 110000 due"
    );
}
