//! Crashes (SPEC O2, P6): the real binary killed with SIGKILL at random moments while it
//! imports a large usage file, records a deposit or pays instantly. After every kill `check`
//! is clean and the command happened whole or not at all.
//!
//! `NCP_USAGE_CRASH_KILLS` sets how many kills (CI: 200; docs/RELIABILITY.md: 1,000) and
//! `NCP_USAGE_CRASH_SEED` the random seed.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Env;

const NOW: &str = "2024-03-20T10:00";
/// Usage rows per imported file.
const ROWS: usize = 2_000;
/// Metered contracts available for usage files.
const FILES: usize = 1_200;

/// A tiny deterministic generator (xorshift64*), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// An individual member with no payment method (nothing is paid automatically) owing January
/// and February 2024, and metered contracts from 2019 whose usage predates the account (so
/// importing it changes no bill).
fn setup(env: &Env) {
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    let mut contracts = String::from(
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,100000,month,2024-01-01,\n",
    );
    for k in 0..FILES {
        contracts.push_str(&format!("KR-M-{k},Metered,KR,metered,3,hour,2019-01-01,\n"));
    }
    let file = env.file("contracts.csv", contracts);
    env.ok(
        "2024-01-02",
        &["import", "contracts", file.to_str().unwrap()],
    );
    env.ok(NOW, &["pay", "--auto"]);
}

fn usage_file(env: &Env, k: usize) -> std::path::PathBuf {
    let path = env.path(&format!("usage-{k}.csv"));
    if !path.exists() {
        let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        let mut s = String::from("contract_no,date,quantity\n");
        for d in 0..ROWS {
            let date = start + chrono::Days::new(d as u64);
            s.push_str(&format!("KR-M-{k},{date},{}.5\n", d % 24));
        }
        std::fs::write(&path, s).unwrap();
    }
    path
}

fn spawn(env: &Env, args: &[&str]) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("ncp-usage"))
        .env_clear()
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(&env.db)
        .args(["--as-of", NOW])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn one(conn: &rusqlite::Connection, sql: &str, p: impl rusqlite::Params) -> i64 {
    conn.query_row(sql, p, |r| r.get(0)).unwrap()
}

/// Everything still owed on the issued bills (nothing falls due at the fixed instant).
fn owed(conn: &rusqlite::Connection) -> i64 {
    one(
        conn,
        "SELECT COALESCE(SUM(b.billed_amount
                 + (SELECT COALESCE(SUM(amount), 0) FROM penalties p WHERE p.month = b.month)
                 - (SELECT COALESCE(SUM(principal + penalty), 0) FROM payment_applications x WHERE x.month = b.month)), 0)
         FROM bills b",
        [],
    )
}

/// How long a command takes when it is not killed, to aim the kills inside it.
fn duration(env: &Env, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = spawn(env, args).wait().unwrap();
    assert!(status.success(), "{args:?}");
    started.elapsed()
}

#[test]
fn o2_p6_killed_commands_happen_whole_or_not_at_all() {
    let kills: usize = std::env::var("NCP_USAGE_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("NCP_USAGE_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_CAFE);
    let mut rng = Rng(seed | 1);
    let env = Env::new();
    setup(&env);
    // Aim: the time each command takes when left alone (the last file is the timing run).
    let import_time = duration(
        &env,
        &[
            "import",
            "usage",
            usage_file(&env, FILES - 1).to_str().unwrap(),
        ],
    );
    let deposit_time = duration(
        &env,
        &["pay", "--deposit", "1", "--reference", "timing", "--yes"],
    );

    let mut next_file = 0;
    let (mut whole, mut none) = (0, 0);
    let started = Instant::now();
    for i in 0..kills {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let owed_before = owed(&conn);
        let payments_before = one(&conn, "SELECT COUNT(*) FROM payments", []);
        drop(conn);
        let action = rng.below(3);
        let (args, budget): (Vec<String>, Duration) = match action {
            0 => {
                assert!(next_file < FILES - 1, "out of usage files; raise FILES");
                let f = usage_file(&env, next_file);
                (
                    vec![
                        "import".into(),
                        "usage".into(),
                        f.to_string_lossy().into_owned(),
                    ],
                    import_time,
                )
            }
            1 => (
                vec![
                    "pay".into(),
                    "--deposit".into(),
                    (1 + rng.below(60_000)).to_string(),
                    "--reference".into(),
                    format!("dep-{i}"),
                    "--yes".into(),
                ],
                deposit_time,
            ),
            _ => (
                vec![
                    "pay".into(),
                    "--instant".into(),
                    "--yes".into(),
                    "--method".into(),
                    "transfer".into(),
                    "--idempotency-key".into(),
                    format!("key-{i}"),
                ],
                deposit_time,
            ),
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = spawn(&env, &argv);
        let delay = rng.below(budget.as_micros() as u64 * 13 / 10 + 1);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let killed = !status.success();

        // The ledger opens, recovers and is sound.
        let (code, _, out) = crate::check::check(&env.db);
        assert_eq!(code, Some(0), "kill {i} ({argv:?} after {delay} µs): {out}");
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let happened = match action {
            0 => {
                let rows = one(
                    &conn,
                    "SELECT COUNT(*) FROM usage WHERE contract_no = ?1",
                    [format!("KR-M-{next_file}")],
                );
                let summed = one(
                    &conn,
                    "SELECT COUNT(*) FROM usage_monthly WHERE contract_no = ?1",
                    [format!("KR-M-{next_file}")],
                );
                assert!(
                    (rows == 0 && summed == 0) || (rows == ROWS as i64 && summed > 0),
                    "kill {i}: a usage file half imported: {rows} of {ROWS} rows, {summed} monthly rows"
                );
                if rows > 0 {
                    next_file += 1;
                }
                rows > 0
            }
            1 => {
                let reference = format!("dep-{i}");
                let n = one(
                    &conn,
                    "SELECT COUNT(*) FROM payments WHERE reference = ?1",
                    [&reference],
                );
                assert!(n <= 1, "kill {i}: deposit recorded {n} times");
                if n == 1 {
                    let amount = one(
                        &conn,
                        "SELECT amount FROM payments WHERE reference = ?1",
                        [&reference],
                    );
                    let applied = one(
                        &conn,
                        "SELECT COALESCE(SUM(principal + penalty), 0) FROM payment_applications x
                         JOIN payments p ON p.id = x.payment_id WHERE p.reference = ?1",
                        [&reference],
                    );
                    assert_eq!(
                        applied,
                        amount.min(owed_before),
                        "kill {i}: a deposit half applied"
                    );
                    assert_eq!(owed(&conn), owed_before - applied);
                } else {
                    assert_eq!(owed(&conn), owed_before);
                }
                n == 1
            }
            _ => {
                let key = format!("key-{i}");
                let n = one(
                    &conn,
                    "SELECT COUNT(*) FROM payments WHERE idempotency_key = ?1",
                    [&key],
                );
                if n == 1 {
                    assert_eq!(owed(&conn), 0, "kill {i}: an instant payment half applied");
                    let amount = one(
                        &conn,
                        "SELECT amount FROM payments WHERE idempotency_key = ?1",
                        [&key],
                    );
                    assert_eq!(amount, owed_before);
                } else {
                    assert_eq!(owed(&conn), owed_before);
                }
                n == 1
            }
        };
        let payments_after = one(&conn, "SELECT COUNT(*) FROM payments", []);
        assert!(payments_after - payments_before <= 1);
        if happened {
            whole += 1;
        } else {
            none += 1;
        }
        // A command that exited 0 was not killed in time and must have happened.
        assert!(
            killed
                || happened
                || (action == 2 && owed_before == 0)
                || (action == 2 && owed_before < 3_000),
            "kill {i}: {argv:?} succeeded but left no trace"
        );
    }
    eprintln!(
        "crash: {kills} kills (seed {seed}) in {:.1?}: {whole} whole, {none} not at all; import ~{import_time:.0?}, deposit ~{deposit_time:.0?}",
        started.elapsed()
    );
    assert!(
        whole > 0 && none > 0,
        "the kills should land both before and after commits"
    );
}
