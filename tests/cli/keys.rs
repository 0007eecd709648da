//! P6: an idempotency key names one payment. Found from outside (issue 13's stranger): a key
//! first given on a retry that replayed a deposit by its reference was never recorded, so the
//! same key with other arguments recorded a second deposit.

use crate::common::Env;

fn demo() -> Env {
    let env = Env::new();
    env.ok("2024-07-20", &["init", "--demo"]);
    env
}

#[test]
fn p6_a_key_first_given_on_a_reference_replay_names_that_deposit() {
    let env = demo();
    let at = "2024-07-20";
    let first = env.json(
        at,
        &["pay", "--deposit", "5000", "--reference", "R1", "--yes"],
    );
    let id = first["payment_id"].clone();
    assert!(id.is_number(), "{first}");
    // The same deposit retried with a key: a replay of payment `id`.
    let retry = env.json(
        at,
        &[
            "pay",
            "--deposit",
            "5000",
            "--reference",
            "R1",
            "--idempotency-key",
            "K9",
            "--yes",
        ],
    );
    assert_eq!(retry["replayed"], true);
    assert_eq!(retry["payment_id"], id);
    // The key again with the same arguments: still that deposit.
    let again = env.json(
        at,
        &[
            "pay",
            "--deposit",
            "5000",
            "--reference",
            "R1",
            "--idempotency-key",
            "K9",
            "--yes",
        ],
    );
    assert_eq!(again["replayed"], true);
    assert_eq!(again["payment_id"], id);
    // The key with other arguments: refused, nothing recorded.
    let before = env.dump();
    let err = env.fail(
        at,
        &[
            "pay",
            "--deposit",
            "7000",
            "--reference",
            "R2",
            "--idempotency-key",
            "K9",
            "--yes",
        ],
        3,
    );
    assert!(
        err.contains("idempotency key 'K9' was already used for payment"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    let pay = env.json(at, &["pay"]);
    assert_eq!(pay["credit_balance"], 5_000, "{pay}");
}

#[test]
fn p6_a_second_key_on_a_reference_replay_is_bound_too() {
    let env = demo();
    let at = "2024-07-20";
    env.ok(
        at,
        &[
            "pay",
            "--deposit",
            "3000",
            "--reference",
            "R3",
            "--idempotency-key",
            "K10",
            "--yes",
        ],
    );
    let retry = env.json(
        at,
        &[
            "pay",
            "--deposit",
            "3000",
            "--reference",
            "R3",
            "--idempotency-key",
            "K11",
            "--yes",
        ],
    );
    assert_eq!(retry["replayed"], true);
    let err = env.fail(
        at,
        &[
            "pay",
            "--deposit",
            "9000",
            "--reference",
            "R4",
            "--idempotency-key",
            "K11",
            "--yes",
        ],
        3,
    );
    assert!(
        err.contains("idempotency key 'K11' was already used"),
        "{err}"
    );
    assert_eq!(env.json(at, &["pay"])["credit_balance"], 3_000);
}

#[test]
fn p6_a_retry_that_names_what_the_first_payment_resolved_is_a_replay() {
    // Found from outside (issue 14's stranger): `--method card` on a retry of a payment made
    // with the registered card, or `--month` of the one bill it paid, was refused as "other
    // arguments", in words from inside the program ("instant months= method=default").
    let env = Env::new();
    env.ok("2024-06-01", &["init", "--demo"]);
    let at = "2024-06-05";
    let first = env.json(at, &["pay", "--instant", "--yes", "--idempotency-key", "A"]);
    assert_eq!(first["replayed"], false, "{first}");
    let before = env.dump();
    for retry in [
        vec!["--method", "card"],
        vec!["--month", "2024-05"],
        vec!["--month", "2024-05", "--method", "card"],
    ] {
        let mut args = vec!["pay", "--instant", "--yes", "--idempotency-key", "A"];
        args.extend(&retry);
        let again = env.json(at, &args);
        assert_eq!(again["replayed"], true, "{retry:?}: {again}");
        assert_eq!(again["payment_id"], first["payment_id"]);
    }
    assert_eq!(env.dump(), before);
    let e = env.fail(
        at,
        &[
            "pay",
            "--instant",
            "--yes",
            "--idempotency-key",
            "A",
            "--month",
            "2024-04",
        ],
        3,
    );
    assert_eq!(
        e,
        format!(
            "error: idempotency key 'A' was already used for payment {} (1,248,390 won paid by card for 2024-05) with other arguments; use a new key for a new payment\n",
            first["payment_id"]
        )
    );
    assert_eq!(env.dump(), before);
}
