//! `pay` and `notifications` (SPEC P1–P10, T2, O3, §12): bills issued on the 3rd, automatic
//! payment on the 10th–14th, outstanding from the 15th, late penalties and blocking from the
//! 1st of each later month, the instant payment window, minimums, idempotency and deposits.
//!
//! Most tests use a business member created on 2024-01-01 whose January 2024 bill is exactly
//! 220,000 won (a 200,000-won monthly server for the whole month + 10 % VAT).

use serde_json::{json, Value};

use crate::common::Env;

const HEADER: &str = "contract_no,service,region,plan,price,unit,start_date,end_date\n";
/// January 2024: 200,000 + VAT 20,000 = 220,000 won.
const JANUARY: &str = "KR-SVR-1,Server,KR,monthly,200000,month,2024-01-01,2024-01-31\n";
/// January 2024: 1,000 + VAT 100 = 1,100 won.
const JANUARY_1100: &str = "KR-SVR-1,Server,KR,monthly,1000,month,2024-01-01,2024-01-31\n";

const EMAIL: &str = "jisoo@corp.example";
const PHONE: &str = "010-1111-2222";

/// A business member created on 2024-01-01, with no payment method yet.
#[track_caller]
fn business() -> Env {
    Env::business("2024-01-01")
}

#[track_caller]
fn card(env: &Env, as_of: &str, last4: &str, expiry: &str, extra: &[&str]) {
    let mut args = vec![
        "account",
        "payment-method",
        "card",
        "--brand",
        "VISA",
        "--last4",
        last4,
        "--expiry",
        expiry,
    ];
    args.extend_from_slice(extra);
    env.ok(as_of, &args);
}

#[track_caller]
fn transfer(env: &Env, as_of: &str, extra: &[&str]) {
    let mut args = vec![
        "account",
        "payment-method",
        "transfer",
        "--bank",
        "KB",
        "--last4",
        "1234",
    ];
    args.extend_from_slice(extra);
    env.ok(as_of, &args);
}

#[track_caller]
fn direct_deposit(env: &Env, as_of: &str) {
    env.ok(as_of, &["account", "payment-method", "deposit"]);
}

/// Imports contract rows (after the header) and returns the `import --json` document.
#[track_caller]
fn contracts(env: &Env, as_of: &str, name: &str, rows: &str) -> Value {
    let file = env.file(name, format!("{HEADER}{rows}"));
    env.json(
        as_of,
        &["import", "contracts", file.to_str().expect("a UTF-8 path")],
    )
}

/// The 220,000-won January bill's contract, imported on 2024-01-02.
#[track_caller]
fn january(env: &Env) {
    contracts(env, "2024-01-02", "january.csv", JANUARY);
}

/// A business member paying by card whose January bill is 220,000 won.
#[track_caller]
fn by_card() -> Env {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    january(&env);
    env
}

/// A business member paying by direct deposit (a card registered first, as P11 requires)
/// whose January bill is 220,000 won.
#[track_caller]
fn by_deposit() -> Env {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    direct_deposit(&env, "2024-01-01");
    january(&env);
    env
}

/// Runs a command that a rule refuses, and checks that it changed nothing.
/// Returns the error line followed by the rule its JSON error names, e.g. `… [P6]`.
#[track_caller]
fn refused(env: &Env, as_of: &str, args: &[&str], code: i32) -> String {
    let before = env.dump();
    let stderr = env.fail(as_of, args, code);
    let rule = env.rule(as_of, args, code).unwrap_or_default();
    assert_eq!(env.dump(), before, "{args:?} changed the ledger");
    format!("{stderr} [{rule}]")
}

#[track_caller]
fn count(env: &Env, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .unwrap()
}

/// One bill row of a `pay` document.
#[track_caller]
fn bill(doc: &Value, month: &str) -> Value {
    doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == month)
        .unwrap_or_else(|| panic!("no {month} bill in {doc}"))
        .clone()
}

fn row(month: &str, billed: i64, paid: i64, penalty: i64, unpaid: i64, status: &str) -> Value {
    json!({
        "month": month,
        "billed_amount": billed,
        "paid_amount": paid,
        "penalty_amount": penalty,
        "unpaid_amount": unpaid,
        "status": status,
    })
}

/// (kind, channel, month, sent_at, to) of every notification, oldest first.
#[track_caller]
fn outbox(env: &Env, as_of: &str) -> Vec<(String, String, String, String, String)> {
    env.json(as_of, &["notifications"])["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let s = |k: &str| n[k].as_str().unwrap().to_string();
            (s("kind"), s("channel"), s("month"), s("sent_at"), s("to"))
        })
        .collect()
}

/// The expected notifications, one `(kind, channel, month, sent_at)` row each, in the shape
/// [`outbox`] returns: an email goes to the member's email, an SMS to the member's phone.
fn sent(rows: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String, String)> {
    rows.iter()
        .map(|&(kind, channel, month, sent_at)| {
            let to = if channel == "sms" { PHONE } else { EMAIL };
            (
                kind.into(),
                channel.into(),
                month.into(),
                sent_at.into(),
                to.into(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// P1, P9, P10: a bill left unpaid under direct deposit.

#[test]
fn p9_bill_is_open_to_the_end_of_the_14th_and_outstanding_from_the_15th() {
    let env = by_deposit();
    let before = env.dump();

    let doc = env.json("2024-02-14T23:59", &["pay"]);
    assert_eq!(doc["as_of"], "2024-02-14T23:59:00+09:00");
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 0, 0, 220_000, "open")])
    );
    assert_eq!(
        doc["instant"],
        json!({"open": false, "next_opens_at": "2024-02-15T00:00:00+09:00", "payable_amount": 220_000, "refusal": null})
    );
    assert_eq!(doc["credit_balance"], 0);
    assert_eq!(
        doc["payment_method"]["label"],
        "Direct deposit (fee deposit account)"
    );
    assert!(doc["blocked_since"].is_null());

    let doc = env.json("2024-02-15T00:00", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 0, 0, 220_000, "outstanding")])
    );
    assert_eq!(
        doc["instant"],
        json!({"open": true, "next_opens_at": null, "payable_amount": 220_000, "refusal": null})
    );
    assert!(doc["blocked_since"].is_null());

    // Reading computes the catch-up and rolls it back.
    assert_eq!(env.dump(), before);
}

#[test]
fn p1_bill_is_issued_on_the_3rd() {
    let env = by_deposit();
    let doc = env.json("2024-02-02T23:59", &["pay"]);
    assert_eq!(doc["bills"], json!([]));
    assert_eq!(
        doc["instant"],
        json!({"open": false, "next_opens_at": "2024-02-03T14:00:00+09:00", "payable_amount": 0, "refusal": null})
    );
    let doc = env.json("2024-02-03T00:00", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 0, 0, 220_000, "open")])
    );
    assert!(outbox(&env, "2024-02-02T23:59").is_empty());
}

#[test]
fn p3_p10_deposit_from_the_15th_settles_without_penalty() {
    let env = by_deposit();
    let doc = env.json("2024-02-20", &["pay", "--deposit", "220000", "--yes"]);
    assert_eq!(doc["payment_id"], 1);
    assert_eq!(doc["kind"], "deposit");
    assert_eq!(doc["method"], "deposit");
    assert_eq!(doc["amount"], 220_000);
    assert_eq!(doc["paid_at"], "2024-02-20T00:00:00+09:00");
    assert_eq!(
        doc["applied"],
        json!([{"month": "2024-01", "amount": 220_000, "penalty_amount": 0}])
    );
    assert_eq!(doc["unapplied_amount"], 0);
    assert_eq!(doc["replayed"], false);
    assert_eq!(doc["credit_balance"], 0);

    let later = env.json("2024-04-01", &["pay"]);
    assert_eq!(
        bill(&later, "2024-01"),
        row("2024-01", 220_000, 220_000, 0, 0, "paid")
    );
    assert!(later["blocked_since"].is_null());
    assert_eq!(later["instant"]["payable_amount"], 0);
    assert!(outbox(&env, "2024-04-01")
        .iter()
        .all(|n| n.0 != "late_penalty"));
}

#[test]
fn p10_p9_unpaid_bill_gets_a_penalty_each_month_and_services_are_blocked() {
    let env = by_deposit();

    let doc = env.json("2024-02-29T23:59", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-01"),
        row("2024-01", 220_000, 0, 0, 220_000, "outstanding")
    );
    assert!(doc["blocked_since"].is_null());

    let doc = env.json("2024-03-01T00:00", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-01"),
        row("2024-01", 220_000, 0, 3_300, 223_300, "outstanding")
    );
    assert_eq!(doc["blocked_since"], "2024-03-01T00:00:00+09:00");

    let doc = env.json("2024-03-31T23:59", &["pay"]);
    assert_eq!(bill(&doc, "2024-01")["penalty_amount"], 3_300);

    let doc = env.json("2024-04-01T00:00", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([
            row("2024-01", 220_000, 0, 6_600, 226_600, "outstanding"),
            // February had no usage: billed 0, nothing owed.
            row("2024-02", 0, 0, 0, 0, "paid"),
        ])
    );
    assert_eq!(doc["blocked_since"], "2024-03-01T00:00:00+09:00");
    assert_eq!(doc["instant"]["payable_amount"], 226_600);
}

#[test]
fn p1_p9_p10_notifications_of_an_unpaid_bill() {
    let env = by_deposit();
    assert_eq!(
        outbox(&env, "2024-04-01"),
        sent(&[
            (
                "bill_issued",
                "email",
                "2024-01",
                "2024-02-03T00:00:00+09:00"
            ),
            ("bill_issued", "sms", "2024-01", "2024-02-03T00:00:00+09:00"),
            (
                "outstanding",
                "email",
                "2024-01",
                "2024-02-15T00:00:00+09:00"
            ),
            ("outstanding", "sms", "2024-01", "2024-02-15T00:00:00+09:00"),
            (
                "blocking_notice",
                "email",
                "2024-01",
                "2024-02-15T00:00:00+09:00"
            ),
            (
                "blocking_notice",
                "sms",
                "2024-01",
                "2024-02-15T00:00:00+09:00"
            ),
            (
                "late_penalty",
                "email",
                "2024-01",
                "2024-03-01T00:00:00+09:00"
            ),
            (
                "late_penalty",
                "email",
                "2024-01",
                "2024-04-01T00:00:00+09:00"
            ),
            // The 0-won February bill (issued 2024-03-03) is not announced.
        ])
    );
    let doc = env.json("2024-04-01", &["notifications", "--month", "2024-01"]);
    let n = &doc["notifications"][0];
    assert_eq!(
        n["subject"],
        "Your 2024-01 bill: 220,000 KRW, due 2024-02-10 to 2024-02-14"
    );
    let blocking = &doc["notifications"][4];
    assert_eq!(blocking["kind"], "blocking_notice");
    assert!(
        blocking["subject"].as_str().unwrap().contains("2024-03-01"),
        "{blocking}"
    );
    assert_eq!(
        env.json("2024-04-01", &["notifications", "--month", "2024-02"])["notifications"],
        json!([])
    );
}

#[test]
fn p3_p10_deposit_pays_penalties_first_and_the_next_penalty_is_on_the_unpaid_principal() {
    let env = by_deposit();
    let doc = env.json("2024-03-05", &["pay", "--deposit", "10000", "--yes"]);
    assert_eq!(
        doc["applied"],
        json!([{"month": "2024-01", "amount": 6_700, "penalty_amount": 3_300}])
    );
    let doc = env.json("2024-04-01", &["pay"]);
    // 1.5 % of the 213,300 won of the bill still unpaid: 3,199.5 → 3,199.
    assert_eq!(
        bill(&doc, "2024-01"),
        row("2024-01", 220_000, 10_000, 6_499, 216_499, "outstanding")
    );
}

#[test]
fn p9_status_flags_blocked_services() {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    direct_deposit(&env, "2024-01-01");
    // Held on: the January bill is 220,000 won, and the service is still in use in March.
    contracts(
        &env,
        "2024-01-02",
        "held.csv",
        "KR-SVR-1,Server,KR,monthly,200000,month,2024-01-01,\n",
    );
    let services = |as_of: &str| env.json(as_of, &["status"])["services"].clone();
    assert_eq!(services("2024-02-29T23:59")[0]["blocked"], false);
    assert_eq!(services("2024-03-01T00:00")[0]["blocked"], true);
}

// ---------------------------------------------------------------------------------------
// P4: the instant payment window, each boundary on its own ledger.

fn instant_accepted(env: &Env, as_of: &str, rfc: &str) {
    let doc = env.json(as_of, &["pay", "--instant", "--yes"]);
    assert_eq!(doc["kind"], "instant");
    assert_eq!(doc["method"], "card");
    assert_eq!(doc["amount"], 220_000);
    assert_eq!(doc["paid_at"], rfc);
    assert_eq!(
        doc["applied"],
        json!([{"month": "2024-01", "amount": 220_000, "penalty_amount": 0}])
    );
    assert_eq!(doc["unapplied_amount"], 0);
    assert_eq!(doc["replayed"], false);
    assert_eq!(doc["credit_balance"], 0);
    assert_eq!(
        bill(&env.json(as_of, &["pay"]), "2024-01")["status"],
        "paid"
    );
}

fn instant_refused(env: &Env, as_of: &str, next: &str) {
    let err = refused(env, as_of, &["pay", "--instant", "--yes"], 3);
    assert!(err.contains("P4"), "{err}");
    assert!(err.contains(next), "{err}");
    let view = env.json(as_of, &["pay"]);
    assert_eq!(view["instant"]["open"], false);
    assert_eq!(view["instant"]["next_opens_at"], next);
}

#[test]
fn p4_refused_at_13_59_on_the_3rd() {
    instant_refused(&by_card(), "2024-02-03T13:59", "2024-02-03T14:00:00+09:00");
}

#[test]
fn p4_accepted_from_14_00_on_the_3rd() {
    instant_accepted(&by_card(), "2024-02-03T14:00", "2024-02-03T14:00:00+09:00");
}

#[test]
fn p4_accepted_at_23_59_on_the_9th() {
    instant_accepted(&by_card(), "2024-02-09T23:59", "2024-02-09T23:59:00+09:00");
}

#[test]
fn p4_refused_from_00_00_on_the_10th() {
    // The catch-up of the refused command would charge the card: rolled back with it.
    instant_refused(&by_card(), "2024-02-10T00:00", "2024-02-15T00:00:00+09:00");
}

#[test]
fn p4_accepted_at_21_59_on_the_last_day_with_the_registered_card() {
    instant_accepted(
        &by_deposit(),
        "2024-02-29T21:59",
        "2024-02-29T21:59:00+09:00",
    );
}

#[test]
fn p4_refused_from_22_00_on_the_last_day() {
    instant_refused(
        &by_deposit(),
        "2024-02-29T22:00",
        "2024-03-03T14:00:00+09:00",
    );
}

#[test]
fn o3_paying_without_yes_and_without_a_terminal_changes_nothing() {
    let env = by_deposit();
    let err = refused(&env, "2024-02-20", &["pay", "--instant"], 2);
    assert!(err.contains("--yes"), "{err}");
    let err = refused(&env, "2024-02-20", &["pay", "--deposit", "220000"], 2);
    assert!(err.contains("--yes"), "{err}");
}

// ---------------------------------------------------------------------------------------
// P8: minimum amounts for outstanding amounts.

/// A 1,100-won January bill of which 200 won was deposited on 2024-02-05: 900 won
/// outstanding from the 15th. Card and transfer are registered, direct deposit is the method.
fn outstanding_900() -> Env {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    transfer(&env, "2024-01-01", &[]);
    direct_deposit(&env, "2024-01-01");
    contracts(&env, "2024-01-02", "small.csv", JANUARY_1100);
    env.ok("2024-02-05", &["pay", "--deposit", "200", "--yes"]);
    let doc = env.json("2024-02-15", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 1_100, 200, 0, 900, "outstanding")])
    );
    env
}

#[test]
fn p8_card_refuses_an_outstanding_amount_under_1000_won() {
    let env = outstanding_900();
    let err = refused(
        &env,
        "2024-02-15",
        &["pay", "--instant", "--method", "card", "--yes"],
        3,
    );
    assert!(err.contains("P8"), "{err}");
    assert!(err.contains("1000") || err.contains("1,000"), "{err}");
    assert!(err.contains("900"), "{err}");
}

#[test]
fn p8_pay_never_suggests_an_instant_payment_a_minimum_refuses() {
    let env = outstanding_900();
    let refusal = "a card does not approve an outstanding amount under 1,000 won (this payment: \
                   900 won); pay it by direct deposit (ncp-usage pay --deposit)";
    let doc = env.json("2024-02-15", &["pay"]);
    assert_eq!(doc["instant"]["open"], true);
    assert_eq!(doc["instant"]["payable_amount"], 900);
    assert_eq!(doc["instant"]["refusal"], refusal);
    let page = env.ok("2024-02-15", &["pay"]);
    assert!(
        page.contains(&format!(
            "Instant payment   open, but `pay --instant` is refused: {refusal}"
        )),
        "{page}"
    );
    assert!(!page.contains("pays 900 KRW"), "{page}");
}

#[test]
fn p8_transfer_refuses_an_outstanding_amount_under_3000_won() {
    let env = outstanding_900();
    let err = refused(
        &env,
        "2024-02-15",
        &["pay", "--instant", "--method", "transfer", "--yes"],
        3,
    );
    assert!(err.contains("P8"), "{err}");
    assert!(err.contains("3000") || err.contains("3,000"), "{err}");
}

#[test]
fn p8_a_prepayment_has_no_minimum() {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    transfer(&env, "2024-01-01", &[]);
    direct_deposit(&env, "2024-01-01");
    contracts(&env, "2024-01-02", "small.csv", JANUARY_1100);
    env.ok("2024-02-05", &["pay", "--deposit", "200", "--yes"]);
    let doc = env.json(
        "2024-02-05T15:00",
        &["pay", "--instant", "--method", "transfer", "--yes"],
    );
    assert_eq!(doc["method"], "transfer");
    assert_eq!(doc["amount"], 900);
}

#[test]
fn p8_card_accepts_exactly_1000_won_outstanding() {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    direct_deposit(&env, "2024-01-01");
    contracts(&env, "2024-01-02", "small.csv", JANUARY_1100);
    env.ok("2024-02-05", &["pay", "--deposit", "100", "--yes"]);
    let doc = env.json("2024-02-15", &["pay", "--instant", "--yes"]);
    assert_eq!(doc["method"], "card");
    assert_eq!(doc["amount"], 1_000);
    assert_eq!(
        doc["applied"],
        json!([{"month": "2024-01", "amount": 1_000, "penalty_amount": 0}])
    );
}

// ---------------------------------------------------------------------------------------
// P2: automatic payment.

#[test]
fn p2_card_is_charged_at_00_00_on_the_10th() {
    let env = by_card();
    let doc = env.json("2024-02-09T23:59", &["pay"]);
    assert_eq!(bill(&doc, "2024-01")["status"], "open");

    let doc = env.json("2024-02-10T00:00", &["pay", "--auto"]);
    assert_eq!(doc["as_of"], "2024-02-10T00:00:00+09:00");
    assert_eq!(
        doc["attempts"],
        json!([{
            "month": "2024-01",
            "at": "2024-02-10T00:00:00+09:00",
            "amount": 220_000,
            "outcome": "approved",
            "reason": null,
            "payment_id": 1,
        }])
    );
    let payments = doc["payments"].as_array().unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0]["kind"], "auto");
    assert_eq!(payments[0]["method"], "card");
    assert_eq!(payments[0]["amount"], 220_000);
    assert_eq!(payments[0]["paid_at"], "2024-02-10T00:00:00+09:00");

    let doc = env.json("2024-02-16", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 220_000, 0, 0, "paid")])
    );
    let err = refused(&env, "2024-02-16", &["pay", "--instant", "--yes"], 3);
    assert!(err.contains("nothing is payable"), "{err}");
    assert_eq!(count(&env, "payments"), 1);
}

#[test]
fn p2_expired_card_declines_and_a_new_card_is_charged_the_next_day() {
    let env = business();
    card(&env, "2024-01-01", "4242", "2024-01", &[]);
    january(&env);

    let doc = env.json("2024-02-11T08:00", &["pay", "--auto"]);
    assert_eq!(doc["payments"], json!([]));
    let attempts = doc["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2);
    for (a, at) in attempts
        .iter()
        .zip(["2024-02-10T00:00:00+09:00", "2024-02-11T00:00:00+09:00"])
    {
        assert_eq!(a["at"], at);
        assert_eq!(a["amount"], 220_000);
        assert_eq!(a["outcome"], "declined");
        assert_eq!(a["reason"], "card expired");
        assert!(a["payment_id"].is_null());
    }

    card(&env, "2024-02-11T09:00", "5555", "2028-06", &[]);
    let doc = env.json("2024-02-12T09:00", &["pay", "--auto"]);
    assert_eq!(
        doc["attempts"],
        json!([{
            "month": "2024-01",
            "at": "2024-02-12T00:00:00+09:00",
            "amount": 220_000,
            "outcome": "approved",
            "reason": null,
            "payment_id": 1,
        }])
    );
    let doc = env.json("2024-02-20", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 220_000, 0, 0, "paid")])
    );
    let failed: Vec<_> = outbox(&env, "2024-02-20")
        .into_iter()
        .filter(|n| n.0 == "payment_failed")
        .collect();
    assert_eq!(
        failed,
        sent(&[
            (
                "payment_failed",
                "email",
                "2024-01",
                "2024-02-10T00:00:00+09:00"
            ),
            (
                "payment_failed",
                "email",
                "2024-01",
                "2024-02-11T00:00:00+09:00"
            ),
        ])
    );
}

#[test]
fn p2_p9_card_over_its_limit_declines_five_times_then_outstanding() {
    let env = business();
    card(
        &env,
        "2024-01-01",
        "4242",
        "2027-12",
        &["--limit", "100000"],
    );
    january(&env);

    let doc = env.json("2024-02-15T00:00", &["pay", "--auto"]);
    assert_eq!(doc["payments"], json!([]));
    let attempts = doc["attempts"].as_array().unwrap();
    let days: Vec<&str> = attempts.iter().map(|a| a["at"].as_str().unwrap()).collect();
    assert_eq!(
        days,
        [
            "2024-02-10T00:00:00+09:00",
            "2024-02-11T00:00:00+09:00",
            "2024-02-12T00:00:00+09:00",
            "2024-02-13T00:00:00+09:00",
            "2024-02-14T00:00:00+09:00",
        ]
    );
    for a in attempts {
        assert_eq!(a["outcome"], "declined");
        assert_eq!(a["reason"], "limit exceeded");
        assert_eq!(a["amount"], 220_000);
    }
    let doc = env.json("2024-02-15T00:00", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 0, 0, 220_000, "outstanding")])
    );
    let notes = outbox(&env, "2024-02-15T00:00");
    assert_eq!(notes.iter().filter(|n| n.0 == "payment_failed").count(), 5);
    assert_eq!(
        &notes[notes.len() - 4..],
        sent(&[
            (
                "outstanding",
                "email",
                "2024-01",
                "2024-02-15T00:00:00+09:00"
            ),
            ("outstanding", "sms", "2024-01", "2024-02-15T00:00:00+09:00"),
            (
                "blocking_notice",
                "email",
                "2024-01",
                "2024-02-15T00:00:00+09:00"
            ),
            (
                "blocking_notice",
                "sms",
                "2024-01",
                "2024-02-15T00:00:00+09:00"
            ),
        ])
    );
}

#[test]
fn p2_transfer_over_its_balance_declines() {
    let env = business();
    transfer(&env, "2024-01-01", &["--balance", "1000"]);
    january(&env);
    let doc = env.json("2024-02-10T09:00", &["pay", "--auto"]);
    assert_eq!(
        doc["attempts"],
        json!([{
            "month": "2024-01",
            "at": "2024-02-10T00:00:00+09:00",
            "amount": 220_000,
            "outcome": "declined",
            "reason": "insufficient balance",
            "payment_id": null,
        }])
    );
    assert_eq!(doc["payments"], json!([]));
}

#[test]
fn p2_pay_auto_reports_only_what_this_run_did() {
    let env = by_card();
    let doc = env.json("2024-02-10T09:00", &["pay", "--auto"]);
    assert_eq!(doc["as_of"], "2024-02-10T09:00:00+09:00");
    let attempts = doc["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["outcome"], "approved");
    assert_eq!(attempts[0]["at"], "2024-02-10T00:00:00+09:00");
    assert_eq!(doc["payments"][0]["payment_id"], attempts[0]["payment_id"]);

    let again = env.json("2024-02-10T09:00", &["pay", "--auto"]);
    assert_eq!(again["attempts"], json!([]));
    assert_eq!(again["payments"], json!([]));
    // The run made nothing, but today was charged: it says so rather than "nothing was due".
    assert_eq!(again["earlier_today"][0]["at"], "2024-02-10T00:00:00+09:00");
    assert_eq!(again["earlier_today"][0]["amount"], 220_000);
    assert_eq!(
        env.ok("2024-02-10T09:00", &["pay", "--auto"]),
        "No new automatic payment by 2024-02-10T09:00:00+09:00; today's already made:\n  \
         2024-01 220,000 KRW at 2024-02-10T00:00:00+09:00: approved\n"
    );
    let later = env.json("2024-02-14T09:00", &["pay", "--auto"]);
    assert_eq!(later["attempts"], json!([]));
    assert_eq!(later["earlier_today"], json!([]));
    assert_eq!(
        env.ok("2024-02-14T09:00", &["pay", "--auto"]),
        "No automatic payment was due by 2024-02-14T09:00:00+09:00.\n"
    );
    assert_eq!(count(&env, "payments"), 1);
}

// ---------------------------------------------------------------------------------------
// P6: no double payment.

#[test]
fn p6_instant_prepayment_is_not_charged_again_automatically() {
    let env = by_card();
    let doc = env.json("2024-02-05", &["pay", "--instant", "--yes"]);
    assert_eq!(doc["amount"], 220_000);
    let auto = env.json("2024-02-20", &["pay", "--auto"]);
    assert_eq!(auto["attempts"], json!([]));
    assert_eq!(auto["payments"], json!([]));
    assert_eq!(count(&env, "payments"), 1);
    assert_eq!(count(&env, "auto_attempts"), 0);
    assert_eq!(
        env.json("2024-02-20", &["pay"])["bills"],
        json!([row("2024-01", 220_000, 220_000, 0, 0, "paid")])
    );
}

#[test]
fn p6_a_replayed_idempotency_key_returns_the_same_payment() {
    let env = by_card();
    let args = [
        "pay",
        "--instant",
        "--idempotency-key",
        "k-1",
        "--yes",
        "--json",
    ];
    let first: Value = serde_json::from_str(&env.ok("2024-02-05T15:00", &args)).unwrap();
    assert_eq!(first["replayed"], false);
    let before = env.dump();
    let again: Value = serde_json::from_str(&env.ok("2024-02-05T15:00", &args)).unwrap();
    assert_eq!(env.dump(), before);
    assert_eq!(again["payment_id"], first["payment_id"]);
    assert_eq!(again["replayed"], true);
    assert_eq!(again["amount"], 220_000);
    assert_eq!(again["paid_at"], "2024-02-05T15:00:00+09:00");
    assert_eq!(again["applied"], first["applied"]);
    assert_eq!(count(&env, "payments"), 1);
}

#[test]
fn p6_the_same_key_with_other_arguments_is_refused() {
    let env = by_card();
    env.ok(
        "2024-02-05T15:00",
        &["pay", "--instant", "--idempotency-key", "k-1", "--yes"],
    );
    let err = refused(
        &env,
        "2024-02-05T15:00",
        &[
            "pay",
            "--instant",
            "--idempotency-key",
            "k-1",
            "--month",
            "2024-02",
            "--yes",
        ],
        3,
    );
    assert!(err.contains("P6"), "{err}");
    assert!(err.contains("k-1"), "{err}");
}

#[test]
fn p6_a_deposit_recorded_twice_with_the_same_reference_counts_once() {
    let env = by_deposit();
    let args = [
        "pay",
        "--deposit",
        "220000",
        "--reference",
        "DEP-1",
        "--yes",
    ];
    let first = env.json("2024-02-20", &args);
    assert_eq!(first["reference"], "DEP-1");
    assert_eq!(first["replayed"], false);
    let again = env.json("2024-02-21", &args);
    assert_eq!(again["payment_id"], first["payment_id"]);
    assert_eq!(again["replayed"], true);
    assert_eq!(again["paid_at"], "2024-02-20T00:00:00+09:00");
    assert_eq!(again["credit_balance"], 0);
    assert_eq!(count(&env, "payments"), 1);

    let err = refused(
        &env,
        "2024-02-21",
        &["pay", "--deposit", "10000", "--reference", "DEP-1", "--yes"],
        3,
    );
    assert!(err.contains("P6"), "{err}");
    let doc = env.json("2024-02-21", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 220_000, 0, 0, "paid")])
    );
    assert_eq!(doc["credit_balance"], 0);
}

// ---------------------------------------------------------------------------------------
// P3: overpayment; P7; T2; P1 adjustments.

#[test]
fn p3_overpayment_is_a_credit_that_the_next_bill_consumes() {
    let env = business();
    card(&env, "2024-01-01", "4242", "2027-12", &[]);
    direct_deposit(&env, "2024-01-01");
    contracts(
        &env,
        "2024-01-02",
        "two.csv",
        &format!("{JANUARY}KR-SVR-2,Server,KR,monthly,50000,month,2024-02-01,2024-02-29\n"),
    );
    let doc = env.json("2024-02-20", &["pay", "--deposit", "300000", "--yes"]);
    assert_eq!(
        doc["applied"],
        json!([{"month": "2024-01", "amount": 220_000, "penalty_amount": 0}])
    );
    assert_eq!(doc["unapplied_amount"], 80_000);
    assert_eq!(doc["credit_balance"], 80_000);

    let doc = env.json("2024-03-02T23:59", &["pay"]);
    assert_eq!(doc["credit_balance"], 80_000);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 220_000, 0, 0, "paid")])
    );

    // February: 50,000 + VAT 5,000, paid from the credit when it is issued.
    let doc = env.json("2024-03-03T00:00", &["pay"]);
    assert_eq!(
        bill(&doc, "2024-02"),
        row("2024-02", 55_000, 55_000, 0, 0, "paid")
    );
    assert_eq!(doc["credit_balance"], 25_000);
    assert_eq!(doc["instant"]["payable_amount"], 0);
}

#[test]
fn p7_an_expatriate_cannot_pay_instantly_by_transfer() {
    let env = Env::new();
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--member-type",
            "individual",
            "--expatriate",
            "--first-name",
            "John",
            "--last-name",
            "Smith",
            "--email",
            "john@example.com",
        ],
    );
    january(&env);
    // Without a card, the refusal points to the one method that works (found from outside:
    // it suggested --method transfer, which P7 then refused).
    let err = refused(&env, "2024-02-05T15:00", &["pay", "--instant", "--yes"], 3);
    assert_eq!(
        err,
        "error: no card is registered to pay with; register one with `ncp-usage account payment-method card …` (expatriate members pay instantly by card only)\n []"
    );
    card(&env, "2024-02-05T15:00", "4242", "2027-12", &[]);
    let err = refused(
        &env,
        "2024-02-05T15:00",
        &["pay", "--instant", "--method", "transfer", "--yes"],
        3,
    );
    assert!(err.contains("P7"), "{err}");
    let doc = env.json(
        "2024-02-05T15:00",
        &["pay", "--instant", "--method", "card", "--yes"],
    );
    assert_eq!(doc["method"], "card");
    assert_eq!(doc["amount"], 220_000);
}

#[test]
fn t2_a_deposit_before_the_latest_write_is_refused() {
    let env = by_deposit();
    env.ok("2024-02-20", &["pay", "--deposit", "1000", "--yes"]);
    let err = refused(
        &env,
        "2024-02-19",
        &["pay", "--deposit", "219000", "--yes"],
        3,
    );
    assert!(err.contains("T2"), "{err}");
    assert!(err.contains("2024-02-20T00:00:00+09:00"), "{err}");
}

#[test]
fn p1_usage_imported_after_the_bill_is_issued_is_carried_into_the_next_bill() {
    let env = by_deposit();
    let doc = contracts(
        &env,
        "2024-02-05",
        "late.csv",
        "KR-SVR-2,Server,KR,monthly,100000,month,2024-01-01,2024-01-31\n",
    );
    assert_eq!(doc["adjusted_bills"], json!(["2024-01"]));

    // January's bill stays as issued.
    let doc = env.json("2024-02-05", &["pay"]);
    assert_eq!(
        doc["bills"],
        json!([row("2024-01", 220_000, 0, 0, 220_000, "open")])
    );

    // February had no usage; its bill carries January's 110,000-won difference.
    let doc = env.json("2024-03-03T00:00", &["pay"]);
    assert_eq!(bill(&doc, "2024-01")["billed_amount"], 220_000);
    assert_eq!(
        bill(&doc, "2024-02"),
        row("2024-02", 110_000, 0, 0, 110_000, "open")
    );
    let notes = env.json("2024-03-03T00:00", &["notifications", "--month", "2024-02"]);
    assert_eq!(
        notes["notifications"][0]["subject"],
        "Your 2024-02 bill: 110,000 KRW, due 2024-03-10 to 2024-03-14"
    );
}
