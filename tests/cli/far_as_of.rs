//! A far `--as-of` (T1, P10): every month an unpaid bill is carried adds a penalty, so the
//! catch-up's work grows with the square of the months walked; a command more than 10 years
//! past the ledger's latest entry is refused before anything is caught up.

use crate::common::Env;

fn demo() -> Env {
    let env = Env::new();
    env.ok("2024-06-01", &["init", "--demo"]);
    env
}

#[test]
fn t1_a_write_more_than_10_years_past_the_latest_entry_is_refused_and_changes_nothing() {
    let env = demo();
    let before = std::fs::read(&env.db).unwrap();
    let write = ["account", "billing-email", "x@example.com"];
    let err = env.fail("2999-12-31", &write, 2);
    assert!(
        err.contains("--as-of 2999-12-31T00:00:00+09:00 is 975 years after the ledger's latest entry (2024-06-01T00:00:00+09:00); a writing command may move the ledger at most 10 years at once: give a nearer --as-of"),
        "{err}"
    );
    // One day past the bound is refused too; exactly 10 years is the last instant allowed.
    let err = env.fail("2034-06-01T00:00:01", &write, 2);
    assert!(
        err.contains("--as-of 2034-06-01T00:00:01+09:00 is more than 10 years after the ledger's latest entry (2024-06-01T00:00:00+09:00)"),
        "{err}"
    );
    // A read that far would walk the same quadratic catch-up: refused the same way.
    let err = env.fail("2999-12-31", &["pay"], 2);
    assert!(
        err.contains("--as-of 2999-12-31T00:00:00+09:00 is 975 years after the ledger's latest entry (2024-06-01T00:00:00+09:00); a command may look ahead at most 10 years at once: give a nearer --as-of"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        before,
        "ledger byte-identical"
    );
    // The typo did not move the ledger: a write at the real date still works (T2).
    env.ok("2024-06-02", &write);
}

#[test]
fn t1_a_write_9_years_ahead_is_accepted_and_the_bound_moves_with_the_ledger() {
    let env = Env::new().with_member();
    let write = ["account", "billing-email", "x@example.com"];
    env.ok("2033-01-01", &write);
    // Measured from the latest entry (now 2033-01-01): exactly 10 years more is accepted.
    env.ok("2043-01-01", &write);
    let err = env.fail("2053-01-02", &write, 2);
    assert!(
        err.contains(
            "is more than 10 years after the ledger's latest entry (2043-01-01T00:00:00+09:00)"
        ),
        "{err}"
    );
    let pay = env.json("2043-01-02", &["pay"]);
    assert_eq!(
        pay["bills"].as_array().unwrap().len(),
        227,
        "2024-01 … 2042-11"
    );
}

#[test]
fn p10_six_years_of_carried_demo_bills_catch_up_and_read_back() {
    let env = demo();
    env.ok("2030-06-01", &["account", "billing-email", "x@example.com"]);
    let pay = env.json("2030-06-02", &["pay"]);
    let bills = pay["bills"].as_array().unwrap();
    assert_eq!(bills.len(), 83);
    let last = bills.last().unwrap();
    assert_eq!(last["month"], "2030-04");
    assert_eq!(last["billed_amount"], 1_059_740);
    // 1.5 % of 1,059,740 on 1 June 2030, truncated.
    assert_eq!(last["penalty_amount"], 15_896);
    assert_eq!(last["unpaid_amount"], 1_075_636);
}
