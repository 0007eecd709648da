//! P6 under contention: nine processes of the real binary — instant payments, `pay --auto`
//! and deposits — on the same 200 bills at once; and a lock held past the busy timeout.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Env;

const NOW: &str = "2024-09-20T10:00";

/// A business member paying by direct deposit since January 2008, with a 10,000-won monthly
/// server: 200 monthly bills (2008-01 … 2024-08) of 11,000 won, none paid, each carrying a
/// late penalty of 165 won for every month since it became outstanding.
fn two_hundred_unpaid_bills() -> Env {
    let env = Env::business("2008-01-01")
        .paying_by_deposit("2008-01-01", "2030-12")
        .with_contracts(
            "2008-01-02",
            "KR-SVR-1,Server,KR,monthly,10000,month,2008-01-01,\n",
        );
    // Materialise the 200 bills and their penalties once, before the race (a command moves
    // the ledger at most 10 years at once, T1).
    env.ok("2017-12-31", &["pay", "--auto"]);
    env.ok(NOW, &["pay", "--auto"]);
    env
}

fn spawn(env: &Env, args: &[&str]) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("ncp-usage"))
        .env_clear()
        .env("NO_COLOR", "1")
        // Nine writers queue for one lock; none should give up while the others work.
        .env("NCP_USAGE_BUSY_TIMEOUT_MS", "120000")
        .arg("--db")
        .arg(&env.db)
        .args(["--as-of", NOW])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn one(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn p6_nine_processes_on_200_bills_pay_each_exactly_once() {
    let env = two_hundred_unpaid_bills();
    let before = env.json(NOW, &["pay"]);
    let bills = before["bills"].as_array().unwrap();
    assert_eq!(bills.len(), 200);
    assert_eq!(bills[0]["month"], "2008-01");
    assert_eq!(bills[199]["month"], "2024-08");
    let owed = before["instant"]["payable_amount"].as_i64().unwrap();
    let deposit = 1_000_000;
    assert!(
        3 * deposit < owed,
        "the deposits alone cannot pay everything"
    );

    let mut jobs: Vec<(&str, std::process::Child)> = Vec::new();
    for i in 0..3 {
        let key = format!("instant-{i}");
        jobs.push((
            "instant",
            spawn(
                &env,
                &[
                    "pay",
                    "--instant",
                    "--yes",
                    "--json",
                    "--idempotency-key",
                    &key,
                ],
            ),
        ));
        jobs.push(("auto", spawn(&env, &["pay", "--auto", "--json"])));
        let reference = format!("KB-{i}");
        jobs.push((
            "deposit",
            spawn(
                &env,
                &[
                    "pay",
                    "--deposit",
                    &deposit.to_string(),
                    "--reference",
                    &reference,
                    "--yes",
                    "--json",
                ],
            ),
        ));
    }
    // The same deposit recorded again while the others run: a replay, never a second payment.
    jobs.push((
        "replay",
        spawn(
            &env,
            &[
                "pay",
                "--deposit",
                &deposit.to_string(),
                "--reference",
                "KB-0",
                "--yes",
                "--json",
            ],
        ),
    ));
    let mut instant_paid = 0;
    for (kind, child) in jobs {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match (kind, out.status.code()) {
            ("instant", Some(0)) => instant_paid += 1,
            ("instant", Some(3)) => {
                assert!(stderr.contains("nothing is payable now"), "{stderr}")
            }
            (_, Some(0)) => {}
            (kind, code) => panic!("{kind} ended with {code:?}: {stderr}"),
        }
    }
    // After the first instant payment nothing is left to pay: exactly one of them charges.
    assert_eq!(instant_paid, 1);

    // Every bill is paid exactly: principal = billed, penalties = penalties, not a won more.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let wrong: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM bills b
             WHERE b.billed_amount <> (SELECT COALESCE(SUM(principal), 0) FROM payment_applications x WHERE x.month = b.month)
                OR (SELECT COALESCE(SUM(amount), 0) FROM penalties p WHERE p.month = b.month)
                   <> (SELECT COALESCE(SUM(penalty), 0) FROM payment_applications x WHERE x.month = b.month)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0);
    assert_eq!(one(&env, "SELECT COUNT(*) FROM bills"), 200);
    // One instant payment and three deposits; no automatic payment (direct deposit).
    assert_eq!(
        one(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'instant'"),
        1
    );
    assert_eq!(
        one(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'deposit'"),
        3
    );
    assert_eq!(
        one(&env, "SELECT COUNT(*) FROM payments WHERE kind = 'auto'"),
        0
    );
    // Nothing lost: money in = money applied + the credit balance.
    let received = one(&env, "SELECT SUM(amount) FROM payments");
    let applied = one(
        &env,
        "SELECT SUM(principal + penalty) FROM payment_applications",
    );
    assert_eq!(applied, owed);
    let after = env.json(NOW, &["pay"]);
    assert_eq!(after["instant"]["payable_amount"], 0);
    assert_eq!(
        after["credit_balance"].as_i64().unwrap(),
        received - applied
    );
    assert!(after["bills"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["status"] == "paid"));
    let (code, _, out) = crate::check::check(&env.db);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn o2_a_payment_waiting_past_the_busy_timeout_fails_and_writes_nothing() {
    let env = Env::new().with_member().with_february();
    env.ok("2024-03-20T10:00", &["pay", "--auto"]);
    let before = env.dump();
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    for args in [
        vec!["pay", "--deposit", "1000", "--reference", "locked", "--yes"],
        vec!["pay", "--instant", "--yes", "--idempotency-key", "locked"],
        vec!["pay", "--auto"],
    ] {
        let started = Instant::now();
        let out = env
            .cmd("2024-03-20T10:00")
            .env("NCP_USAGE_BUSY_TIMEOUT_MS", "200")
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(4), "{args:?}: {stderr}");
        assert!(
            stderr
                .contains("the ledger is locked by another process (an ncp-usage command, or a program such as sqlite3 holding it); nothing was written"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
        assert!(started.elapsed() < Duration::from_secs(4));
    }
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(env.dump(), before);
    // Once the lock is gone the same payment goes through, once.
    env.ok(
        "2024-03-20T10:00",
        &["pay", "--deposit", "1000", "--reference", "locked", "--yes"],
    );
    assert_eq!(
        one(
            &env,
            "SELECT COUNT(*) FROM payments WHERE reference = 'locked'"
        ),
        1
    );
}
