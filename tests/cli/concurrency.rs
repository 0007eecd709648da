//! P6 under concurrency: real processes paying the same bills at once charge each bill once,
//! and the ledger balances afterwards.

use crate::common::Env;

/// A business member paying by direct deposit with three unpaid monthly bills of 220,000
/// (January to March 2024), all outstanding on 20 April.
fn three_unpaid_bills() -> Env {
    Env::business("2024-01-01")
        .paying_by_deposit("2024-01-01", "2027-12")
        .with_contracts(
            "2024-01-02",
            "KR-SVR-1,Server,KR,monthly,200000,month,2024-01-01,2024-03-31\n",
        )
}

fn count(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn p6_eight_processes_pay_the_same_bills_once() {
    let env = three_unpaid_bills();
    let before = env.json("2024-04-20T10:00", &["pay"]);
    // Three bills of 220,000 with one penalty of 3,300 (Jan on 1 Mar) + 3,300 (Jan on 1 Apr)
    // + 3,300 (Feb on 1 Apr).
    assert_eq!(before["instant"]["payable_amount"], 3 * 220_000 + 3 * 3_300);

    let children: Vec<_> = (0..8)
        .map(|i| {
            let key = format!("shell-{i}");
            env.spawn(
                "2024-04-20T10:00",
                &[
                    "pay",
                    "--instant",
                    "--yes",
                    "--json",
                    "--idempotency-key",
                    &key,
                ],
            )
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let paid: Vec<_> = outputs.iter().filter(|o| o.status.success()).collect();
    let refused: Vec<_> = outputs
        .iter()
        .filter(|o| o.status.code() == Some(3))
        .collect();
    assert_eq!(paid.len(), 1, "exactly one process pays");
    assert_eq!(refused.len(), 7, "the others find nothing payable");
    for o in &refused {
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("nothing is payable now"), "{e}");
    }
    let doc: serde_json::Value = serde_json::from_slice(&paid[0].stdout).unwrap();
    assert_eq!(doc["amount"], 669_900);

    // Each bill was paid exactly once, and money in equals money applied.
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payments"), 1);
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payment_applications"), 3);
    assert_eq!(
        count(
            &env,
            "SELECT SUM(principal + penalty) FROM payment_applications"
        ),
        count(&env, "SELECT SUM(amount) FROM payments")
    );
    let after = env.json("2024-04-20T10:00", &["pay"]);
    for bill in after["bills"].as_array().unwrap().iter().take(3) {
        assert_eq!(bill["status"], "paid", "{bill}");
        assert_eq!(bill["unpaid_amount"], 0);
    }
    assert_eq!(after["credit_balance"], 0);
}

#[test]
fn p6_concurrent_deposits_with_one_reference_record_once() {
    let env = three_unpaid_bills();
    let children: Vec<_> = (0..8)
        .map(|_| {
            env.spawn(
                "2024-04-20T10:00",
                &[
                    "pay",
                    "--deposit",
                    "223300",
                    "--reference",
                    "KB 2024-04-20",
                    "--yes",
                    "--json",
                ],
            )
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for o in &outputs {
        assert!(
            o.status.success(),
            "a replayed deposit succeeds: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let ids: std::collections::BTreeSet<i64> = outputs
        .iter()
        .map(|o| {
            serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["payment_id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids.len(), 1, "every process reports the same payment");
    assert_eq!(count(&env, "SELECT COUNT(*) FROM payments"), 1);
    // Oldest first, penalties first: January's 6,600 of penalties, then 216,700 of its bill.
    let pay = env.json("2024-04-20T10:00", &["pay"]);
    assert_eq!(pay["bills"][0]["paid_amount"], 223_300);
    assert_eq!(pay["bills"][0]["unpaid_amount"], 3_300);
}

/// Issue 15: two accounts' bills paid from 8 processes at once — four for each account —
/// are paid once per account, each payment applied to its own account's bills only.
#[test]
fn p6_eight_processes_pay_two_accounts_once_each_and_nothing_crosses() {
    let env = three_unpaid_bills();
    fn shop<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [&["--account", "shop"], args].concat()
    }
    env.ok(
        "2024-01-02",
        &[
            "accounts",
            "add",
            "shop",
            "--member-type",
            "business",
            "--first-name",
            "Jisoo",
            "--last-name",
            "Lee",
            "--email",
            "jisoo@corp.example",
        ],
    );
    for args in [
        &[
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            "1111",
            "--expiry",
            "2027-12",
        ][..],
        &["account", "payment-method", "deposit"],
    ] {
        env.ok("2024-01-02", &shop(args));
    }
    let contracts = env.file(
        "shop-contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,100000,month,2024-01-01,2024-03-31\n",
    );
    env.ok(
        "2024-01-02",
        &shop(&["import", "contracts", contracts.to_str().unwrap()]),
    );
    let children: Vec<_> = (0..8)
        .map(|i| {
            let account = if i % 2 == 0 { "main" } else { "shop" };
            let key = format!("shell-{i}");
            env.spawn(
                "2024-04-20T10:00",
                &[
                    "--account",
                    account,
                    "pay",
                    "--instant",
                    "--yes",
                    "--json",
                    "--idempotency-key",
                    &key,
                ],
            )
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let mut paid: Vec<i64> = outputs
        .iter()
        .filter(|o| o.status.success())
        .map(|o| {
            let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            doc["amount"].as_i64().unwrap()
        })
        .collect();
    paid.sort();
    // Shop: three bills of 110,000 and penalties of 1,650 × 3; main: 220,000 and 3,300 × 3.
    assert_eq!(paid, [3 * 110_000 + 3 * 1_650, 3 * 220_000 + 3 * 3_300]);
    for o in outputs.iter().filter(|o| !o.status.success()) {
        assert_eq!(o.status.code(), Some(3));
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("nothing is payable now"), "{e}");
    }
    // Every application pays a bill of its payment's own account.
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM payment_applications x JOIN payments p ON p.id = x.payment_id
             WHERE p.account_id <> x.account_id"
        ),
        0
    );
    for account in ["main", "shop"] {
        let after = env.json("2024-04-20T10:00", &["--account", account, "pay"]);
        assert_eq!(after["instant"]["payable_amount"], 0, "{account}");
        assert_eq!(after["credit_balance"], 0, "{account}");
        env.ok("2024-04-20T10:00", &["--account", account, "check"]);
    }
}
