//! A value the ledger cannot read back is a ledger error (exit 4) naming it, never a default:
//! a damaged payment time once showed as 1970-01-01 in `receipt list` and dropped the payment
//! from `trend` without a word.

use rusqlite::Connection;

use crate::common::Env;

const AS_OF: &str = "2024-06-05";

/// A direct deposit with its bank reference: made again, it is a replay of the recorded one.
const DEPOSIT: &[&str] = &[
    "pay",
    "--deposit",
    "1000",
    "--reference",
    "KB-0605",
    "--yes",
];

/// The demo account with its bills and payments stored (a writing command catches it up).
#[track_caller]
fn demo() -> Env {
    let env = Env::new();
    env.ok(AS_OF, &["init", "--demo"]);
    env.ok(AS_OF, &["calendar", "add", "2024-12-30", "A day off"]);
    env
}

/// Runs `sql` on the ledger behind the binary's back, past the schema's CHECK constraints.
#[track_caller]
fn damage(env: &Env, sql: &str) {
    let conn = Connection::open(&env.db).unwrap();
    conn.execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {sql}"))
        .unwrap();
}

#[test]
fn a_damaged_payment_time_is_a_ledger_error_not_1970() {
    let env = demo();
    env.ok(AS_OF, DEPOSIT);
    // Sorts before the running instant, so every read of the payments up to now meets it.
    damage(
        &env,
        "UPDATE payments SET paid_at = '2024-05-1x' WHERE account_id = 1 AND reference = 'KB-0605'",
    );
    for args in [
        &["receipt", "list"][..],
        &["trend"],
        // The replay reads the recorded deposit back.
        DEPOSIT,
    ] {
        let err = env.fail(AS_OF, args, 4);
        assert_eq!(
            err.trim_end(),
            "error: the ledger holds a damaged payment time '2024-05-1x'; restore it from a backup",
            "{args:?}"
        );
    }
    let check = env.run(AS_OF, &["check", "--json"]);
    assert_eq!(check.status.code(), Some(4));
    let doc: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let found: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "instant_text")
        .map(|f| f["detail"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{doc}");
    assert!(found[0].contains("paid_at = '2024-05-1x'"), "{doc}");
}

#[test]
fn a_damaged_bill_source_is_a_ledger_error() {
    let env = demo();
    damage(
        &env,
        "UPDATE bills SET source = 'nCp' WHERE account_id = 1 AND month = '2024-03'",
    );
    let err = env.fail(AS_OF, &["history", "--month", "2024-03"], 4);
    assert_eq!(
        err.trim_end(),
        "error: the ledger holds a damaged bill source 'nCp'; restore it from a backup"
    );
}
