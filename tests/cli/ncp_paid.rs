//! NCP's paid-up state next to the ledger's own money (P1, P3, P6): NCP's payment (kind
//! `ncp`) pays only what the ledger's own payments and credit have not, and a higher figure
//! NCP reports paid up is settled by NCP's payment, never carried into the next bill and
//! charged again.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::Env;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ncp/demand-cost-2024-05.json")
}

/// The 2024-05 demand-cost fixture (113,740 KRW, paid up on 2024-06-10) changed by `edit`.
fn variant(env: &Env, name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture()).unwrap()).unwrap();
    edit(&mut doc["getDemandCostListResponse"]["demandCostList"][0]);
    env.file(name, doc.to_string()).display().to_string()
}

fn unpaid(env: &Env) -> String {
    variant(env, "dc-unpaid.json", |x| {
        x["isPaidUp"] = false.into();
        x["paidUpDate"] = "".into();
    })
}

fn member(card: bool) -> Env {
    let env = Env::new();
    env.ok(
        "2024-05-01",
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
    if card {
        return env.paying_by_card("2024-05-01", "2029-12", &[]);
    }
    env
}

fn import(env: &Env, as_of: &str, file: &str) -> Value {
    env.json(as_of, &["import", "ncp", file])
}

/// (billed, paid, unpaid) of each bill, and the credit balance, at `as_of`.
fn balances(env: &Env, as_of: &str) -> (Vec<(String, i64, i64, i64)>, i64) {
    let doc = env.json(as_of, &["pay"]);
    let bills = doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["month"].as_str().unwrap().to_string(),
                b["billed_amount"].as_i64().unwrap(),
                b["paid_amount"].as_i64().unwrap(),
                b["unpaid_amount"].as_i64().unwrap(),
            )
        })
        .collect();
    (bills, doc["credit_balance"].as_i64().unwrap())
}

/// Every payment: (kind, amount, paid at).
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

fn check_clean(env: &Env, as_of: &str) {
    let out = env.run(as_of, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "check: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn may(amount: i64, paid: i64) -> Vec<(String, i64, i64, i64)> {
    vec![("2024-05".to_string(), amount, paid, amount - paid)]
}

#[test]
fn ncp_paid_up_after_a_deposit_pays_only_the_rest() {
    let env = member(false);
    import(&env, "2024-06-20", &unpaid(&env));
    env.ok(
        "2024-06-22",
        &["pay", "--deposit", "50000", "--reference", "n1", "--yes"],
    );
    assert_eq!(balances(&env, "2024-06-22"), (may(113_740, 50_000), 0));
    import(&env, "2024-06-23", &fixture().display().to_string());
    assert_eq!(balances(&env, "2024-06-23"), (may(113_740, 113_740), 0));
    assert_eq!(
        payments(&env),
        vec![
            (
                "deposit".to_string(),
                50_000,
                "2024-06-22T00:00:00+09:00".to_string()
            ),
            (
                "ncp".to_string(),
                63_740,
                "2024-06-10T09:00:00+09:00".to_string()
            ),
        ]
    );
    check_clean(&env, "2024-06-23");
    // Importing the same body again changes nothing.
    let before = env.dump();
    import(&env, "2024-06-23", &fixture().display().to_string());
    assert_eq!(env.dump(), before);
    assert_eq!(balances(&env, "2024-06-24"), (may(113_740, 113_740), 0));
}

#[test]
fn ncp_paid_up_after_an_instant_card_payment_records_no_ncp_payment() {
    let env = member(true);
    import(&env, "2024-06-20", &unpaid(&env));
    let paid = env.json("2024-06-22", &["pay", "--instant", "--yes"]);
    assert_eq!(paid["amount"], 113_740, "{paid}");
    import(&env, "2024-06-23", &fixture().display().to_string());
    assert_eq!(balances(&env, "2024-06-23"), (may(113_740, 113_740), 0));
    let kinds: Vec<(String, i64)> = payments(&env).into_iter().map(|(k, a, _)| (k, a)).collect();
    assert_eq!(kinds, vec![("instant".to_string(), 113_740)]);
    check_clean(&env, "2024-06-23");
}

#[test]
fn ncp_paid_up_after_the_credit_balance_paid_keeps_the_rest_as_credit() {
    let env = member(false);
    env.ok(
        "2024-05-20",
        &["pay", "--deposit", "200000", "--reference", "n2", "--yes"],
    );
    import(&env, "2024-06-20", &unpaid(&env));
    assert_eq!(
        balances(&env, "2024-06-20"),
        (may(113_740, 113_740), 86_260)
    );
    import(&env, "2024-06-23", &fixture().display().to_string());
    assert_eq!(
        balances(&env, "2024-06-23"),
        (may(113_740, 113_740), 86_260)
    );
    let kinds: Vec<(String, i64)> = payments(&env).into_iter().map(|(k, a, _)| (k, a)).collect();
    assert_eq!(kinds, vec![("deposit".to_string(), 200_000)]);
    check_clean(&env, "2024-06-23");
}

#[test]
fn ncp_reimport_paid_up_at_a_higher_figure_is_settled_by_ncp_not_charged_again() {
    let env = member(true);
    import(&env, "2024-06-20", &fixture().display().to_string());
    // NCP wrote the bill again later at the higher figure (issue 14: a bill of the same
    // writing with other figures is refused), and it was paid up after that.
    let more = variant(&env, "dc-paid-more.json", |x| {
        x["writeDate"] = "2024-06-15T08:00:00+0900".into();
        x["isPaidUp"] = true.into();
        x["paidUpDate"] = "2024-06-18T09:00:00+0900".into();
        x["useAmount"] = 223_456.into();
        x["thisMonthDemandAmount"] = 203_400.into();
        x["thisMonthVatAmount"] = 20_340.into();
        x["thisMonthAmountIncludingVat"] = 223_740.into();
        x["totalDemandAmount"] = 223_740.into();
    });
    let doc = import(&env, "2024-06-21", &more);
    assert_eq!(doc["adjusted_bills"], serde_json::json!(["2024-05"]));
    assert_eq!(balances(&env, "2024-06-21"), (may(223_740, 223_740), 0));
    assert_eq!(
        env.json("2024-06-21", &["pay"])["pending_adjustment_amount"],
        0
    );
    let auto = env.json("2024-07-20", &["pay", "--auto"]);
    assert_eq!(auto["payments"], serde_json::json!([]), "{auto}");
    assert_eq!(auto["attempts"], serde_json::json!([]), "{auto}");
    let (bills, credit) = balances(&env, "2024-07-20");
    assert_eq!(
        bills,
        vec![
            ("2024-05".to_string(), 223_740, 223_740, 0),
            ("2024-06".to_string(), 0, 0, 0)
        ]
    );
    assert_eq!(credit, 0);
    let kinds: Vec<(String, i64)> = payments(&env).into_iter().map(|(k, a, _)| (k, a)).collect();
    assert_eq!(kinds, vec![("ncp".to_string(), 223_740)]);
    check_clean(&env, "2024-07-20");
}
