//! `check` (SPEC §10): a ledger made by the real binary is clean, and faults planted straight
//! into SQLite — each on a fresh copy — are each found and named (exit 4).

use std::path::Path;

use crate::common::Env;

/// A ledger with every kind of row: an individual member whose card has a 1,000-won monthly
/// limit, so automatic attempts are declined; February 2024 paid instantly by real-time
/// transfer with an idempotency key; March left outstanding until a late penalty falls; a
/// deposit with a reference; then a new card that the June attempts charge.
pub fn busy_ledger() -> Env {
    let env = Env::new().with_member().with_february();
    let card = |as_of: &str, last4: &str, extra: &[&str]| {
        let mut args = vec![
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            last4,
            "--expiry",
            "2027-12",
        ];
        args.extend_from_slice(extra);
        env.ok(as_of, &args);
    };
    card("2024-03-02", "1111", &["--limit", "1000"]);
    env.ok("2024-03-16", &["pay", "--auto"]);
    env.ok(
        "2024-03-20T10:00",
        &[
            "pay",
            "--instant",
            "--method",
            "transfer",
            "--idempotency-key",
            "k-feb",
            "--yes",
        ],
    );
    env.ok(
        "2024-05-20T10:00",
        &[
            "pay",
            "--deposit",
            "50000",
            "--reference",
            "KB-0520",
            "--yes",
        ],
    );
    card("2024-05-20T10:00", "2222", &[]);
    env.ok("2024-06-20T10:00", &["pay", "--auto"]);
    env
}

/// The binary on another ledger file than the Env's, with a cleared environment.
pub fn bin(db: &Path, as_of: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("ncp-usage").unwrap();
    cmd.env_clear()
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .arg("--as-of")
        .arg(as_of);
    cmd
}

fn copy(env: &Env, name: &str) -> std::path::PathBuf {
    let to = env.path(name);
    std::fs::copy(&env.db, &to).unwrap();
    to
}

/// Runs `check --json` on a ledger file: (exit code, the names of the checks that found
/// something).
pub fn check(db: &Path) -> (Option<i32>, Vec<String>, String) {
    let out = bin(db, "2024-06-20T10:00")
        .args(["check", "--json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let names = doc["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["check"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (
        out.status.code(),
        names,
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// (the check that must find it, what the fault is, the SQL that plants it)
const FAULTS: &[(&str, &str, &str)] = &[
    (
        "bill_totals",
        "a bill's VAT one won off",
        "UPDATE bills SET vat_amount = vat_amount + 1 WHERE account_id = 1 AND month = '2024-02'",
    ),
    (
        "bill_totals",
        "a rounding discount of 100 or more",
        "UPDATE bills SET rounddown_discount_amount = rounddown_discount_amount + 100 WHERE account_id = 1 AND month = '2024-03'",
    ),
    (
        "payment_overapplied",
        "a payment applied beyond its amount",
        "UPDATE payments SET amount = amount - 100 WHERE account_id = 1 AND idempotency_key = 'k-feb'",
    ),
    (
        "bill_overpaid",
        "a bill paid twice",
        "INSERT INTO payments (account_id, kind, method, amount, paid_at)
         VALUES (1, 'deposit', 'deposit', 5000, '2024-05-21T00:00:00+09:00');
         INSERT INTO payment_applications (account_id, payment_id, month, principal, penalty, applied_at)
         VALUES (1, last_insert_rowid(), '2024-02', 5000, 0, '2024-05-21T00:00:00+09:00');
         INSERT INTO meta (key, value) VALUES ('latest_instant', '2024-06-20T10:00:00+09:00')
           ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
    (
        "application_time",
        "money applied before it was received",
        "UPDATE payment_applications SET applied_at = '2024-03-01T00:00:00+09:00'
         WHERE account_id = 1
           AND payment_id = (SELECT id FROM payments WHERE account_id = 1 AND idempotency_key = 'k-feb')",
    ),
    (
        "auto_attempts",
        "an approved attempt that lost its payment",
        "UPDATE auto_attempts SET payment_id = NULL WHERE account_id = 1 AND outcome = 'approved'",
    ),
    (
        "auto_attempts",
        "a declined attempt that charged anyway",
        "UPDATE auto_attempts SET payment_id = (SELECT MIN(id) FROM payments WHERE account_id = 1)
         WHERE account_id = 1 AND outcome = 'declined'",
    ),
    (
        "penalty_dates",
        "a penalty charged before the bill was carried",
        "UPDATE penalties SET charged_on = '2024-04-15'
         WHERE account_id = 1 AND charged_on = (SELECT MIN(charged_on) FROM penalties WHERE account_id = 1)",
    ),
    (
        "usage_monthly",
        "the monthly usage summary out of step with the daily rows",
        "UPDATE usage SET quantity_milli = quantity_milli + 1000 WHERE account_id = 1 AND date = '2024-02-14'",
    ),
    (
        "idempotency",
        "a keyed payment without its request fingerprint",
        "UPDATE payments SET request = NULL WHERE account_id = 1 AND idempotency_key = 'k-feb'",
    ),
    (
        "fee_lines",
        "a fee line whose estimate is not used − discount",
        "INSERT INTO fee_lines (account_id, month, region, service, contract_no, item, quantity, unit,
                                unit_price, used_amount, discount_amount, estimated_payment_amount)
         VALUES (1, '2023-12', 'KR', 'Server', 'KR-SVR-1', 'Monthly flat rate',
                                       '1', 'month', '1000', 1000, 100, 1000)",
    ),
    (
        "negative_amounts",
        "a card with a negative monthly limit",
        "UPDATE payment_methods SET monthly_limit = -1 WHERE account_id = 1 AND last4 = '1111'",
    ),
    (
        "bill_issued_early",
        "a bill issued before its month ended",
        "UPDATE bills SET issued_at = '2024-02-20T00:00:00+09:00' WHERE account_id = 1 AND month = '2024-02'",
    ),
    (
        "latest_instant",
        "a payment recorded after the ledger's latest instant",
        "UPDATE payments SET paid_at = '2099-01-01T00:00:00+09:00' WHERE account_id = 1 AND reference = 'KB-0520'",
    ),
    (
        "last4",
        "more than the last four digits of a card",
        "UPDATE payment_methods SET last4 = '12a4' WHERE account_id = 1 AND last4 = '2222'",
    ),
    (
        "card_number",
        "a full card number in a deposit reference",
        "UPDATE payments SET reference = 'card 4111 1111 1111 1111' WHERE account_id = 1 AND reference = 'KB-0520'",
    ),
    (
        "usage_in_contract",
        "usage on days before its contract started",
        "UPDATE contracts SET start_date = '2024-02-15' WHERE account_id = 1 AND contract_no = 'KR-LB-1'",
    ),
    (
        "usage_in_contract",
        "usage on a day after its contract ended",
        "UPDATE contracts SET end_date = '2024-02-28' WHERE account_id = 1 AND contract_no = 'KR-LB-1'",
    ),
    (
        "payment_before_issue",
        "an instant payment dated before the bill it paid was issued",
        "UPDATE payments SET paid_at = '2024-03-02T10:00:00+09:00' WHERE account_id = 1 AND idempotency_key = 'k-feb'",
    ),
    (
        "payment_before_issue",
        "a deposit recorded after a later one",
        "INSERT INTO payments (account_id, kind, method, amount, paid_at, reference)
         VALUES (1, 'deposit', 'deposit', 1000, '2024-05-01T00:00:00+09:00', 'KB-0501')",
    ),
    (
        "foreign_key_check",
        "an application to a bill that does not exist",
        "UPDATE payment_applications SET month = '1999-01'
         WHERE account_id = 1 AND id = (SELECT MIN(id) FROM payment_applications WHERE account_id = 1)",
    ),
];

#[test]
fn check_a_busy_ledger_is_clean() {
    let env = busy_ledger();
    let (code, names, out) = check(&env.db);
    assert_eq!(code, Some(0), "{out}");
    assert!(names.is_empty(), "{out}");
    // The ledger has every kind of row the faults below touch.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    for (table, filter) in [
        ("auto_attempts", "outcome = 'approved'"),
        ("auto_attempts", "outcome = 'declined'"),
        ("penalties", "1"),
        ("payments", "idempotency_key = 'k-feb'"),
        ("payments", "reference = 'KB-0520'"),
        ("payments", "kind = 'auto'"),
        ("usage_monthly", "1"),
    ] {
        let n: i64 = conn
            .query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE account_id = 1 AND {filter}"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(n > 0, "no {table} row with {filter}");
    }
    let human = env.ok("2024-06-20T10:00", &["check"]);
    assert!(human.contains("ok, every check passed"), "{human}");
}

#[test]
fn check_finds_every_planted_fault() {
    let env = busy_ledger();
    let mut found = 0;
    let distinct: std::collections::BTreeSet<&str> = FAULTS.iter().map(|f| f.0).collect();
    assert!(distinct.len() >= 10, "at least 10 different checks");
    for (i, (name, what, sql)) in FAULTS.iter().enumerate() {
        let db = copy(&env, &format!("fault-{i}.db"));
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            // Faults the schema's own CHECK constraints would stop: plant them anyway, as a
            // bug, a bad restore or another program could.
            conn.pragma_update(None, "ignore_check_constraints", true)
                .unwrap();
            conn.pragma_update(None, "foreign_keys", false).unwrap();
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
        let (code, names, out) = check(&db);
        assert_eq!(code, Some(4), "{what}: {out}");
        assert!(
            names.iter().any(|n| n == name),
            "{what}: {name} did not find it: {out}"
        );
        found += 1;
        // The human form lists it too, and the one error line says what to do.
        let out = bin(&db, "2024-06-20T10:00").arg("check").output().unwrap();
        assert_eq!(out.status.code(), Some(4));
        assert!(String::from_utf8_lossy(&out.stdout).contains(name));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error: the ledger failed ") && stderr.lines().count() == 1,
            "{stderr}"
        );
    }
    assert_eq!(found, FAULTS.len());
}

#[test]
fn check_reports_a_damaged_file() {
    let env = busy_ledger();
    let db = copy(&env, "damaged.db");
    // Overwrite the middle of the file: pages of tables and indexes no longer agree.
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    let n = bytes.len();
    for b in &mut bytes[n / 2..n / 2 + page] {
        *b = 0x5A;
    }
    std::fs::write(&db, bytes).unwrap();
    let (code, _, out) = check(&db);
    assert_eq!(code, Some(4), "{out}");
}
