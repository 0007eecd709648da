//! The ledger file and the clock (SPEC T1, T2, O1, O2, O4): private permissions, the
//! monotonic clock of writes, refusing files that are not (or not yet) our ledgers, locks,
//! and the environment variables that stand in for `--db` and `--as-of`.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

use crate::common::Env;

/// The binary with a cleared environment and no `--db` or `--as-of` of its own.
fn bare() -> Command {
    let mut cmd = Command::cargo_bin("ncp-usage").expect("the binary");
    cmd.env_clear().env("NO_COLOR", "1");
    cmd
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

fn sidecar(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

fn holidays(env: &Env) -> String {
    env.file(
        "holidays.csv",
        "date,name\n2025-10-10,Company founding day\n",
    )
    .to_string_lossy()
    .into_owned()
}

#[test]
fn o4_ledger_file_is_0600_in_a_new_0700_folder() {
    let env = Env::new();
    let db = env.path("data/ncp-usage/ledger.db");
    let out = bare()
        .arg("--db")
        .arg(&db)
        .args([
            "--as-of",
            "2024-01-01",
            "calendar",
            "add",
            "2030-01-02",
            "Test",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&env.path("data/ncp-usage")), 0o700);
    assert_eq!(mode(&env.path("data")), 0o700);
}

#[test]
fn o4_the_wal_file_is_0600_too() {
    let env = Env::new().with_member();
    assert_eq!(mode(&env.db), 0o600);
    // Another reader keeps the WAL from being removed when the command ends.
    let reader = rusqlite::Connection::open(&env.db).unwrap();
    let mode_name: String = reader
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode_name, "wal");
    env.ok(
        "2024-01-02",
        &["calendar", "add", "2025-10-10", "Founding day"],
    );
    let wal = sidecar(&env.db, "-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(&sidecar(&env.db, "-shm")), 0o600);
    drop(reader);
}

#[test]
fn t2_a_write_before_the_latest_instant_is_refused() {
    let env = Env::new().with_member().with_february();
    let before = env.dump();
    let e = env.fail(
        "2024-02-15",
        &["calendar", "add", "2025-10-10", "Founding day"],
        3,
    );
    assert_eq!(
        e,
        "error: the ledger already records 2024-03-01T00:00:00+09:00; a command that writes cannot run at the earlier --as-of 2024-02-15T00:00:00+09:00 (read-only commands can)\n"
    );
    let e = env.fail(
        "2024-02-29T23:59:59",
        &["import", "holidays", &holidays(&env)],
        3,
    );
    assert!(
        e.contains("the ledger already records 2024-03-01T00:00:00+09:00"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
    let e = env.fail(
        "2024-02-29T23:59:59",
        &["account", "billing-email", "b@example.com"],
        3,
    );
    assert!(e.contains("the ledger already records"), "{e}");
    assert_eq!(env.dump(), before);

    // Read-only commands may look at the earlier instant, and see the ledger as it stood
    // then: the contracts imported on 1 March are not there yet.
    let doc = env.json("2024-02-15T09:00", &["history", "--month", "2024-02"]);
    assert_eq!(doc["period"]["to"], "2024-02-14");
    let doc = env.json("2024-02-15", &["status"]);
    assert_eq!(doc["services"].as_array().unwrap().len(), 0);
    let doc = env.json("2024-03-01", &["status"]);
    assert_eq!(doc["services"].as_array().unwrap().len(), 2);
    let doc = env.json("2023-12-31", &["account", "show"]);
    assert_eq!(doc["payment_method"]["kind"], "none");
    assert_eq!(doc["changes"].as_array().unwrap().len(), 0);
    assert_eq!(env.dump(), before);

    // The latest instant itself is not earlier: a write at it goes through.
    env.ok("2024-03-01", &["import", "holidays", &holidays(&env)]);
}

#[test]
fn o4_a_ledger_of_a_newer_version_is_refused_untouched() {
    let env = Env::new().with_member();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let bytes = std::fs::read(&env.db).unwrap();
    let e = env.fail("2024-01-02", &["account", "show"], 4);
    assert!(
        e.contains("this ledger has schema 99, made by a newer ncp-usage (this one knows up to "),
        "{e}"
    );
    assert!(e.contains("); upgrade ncp-usage to use it"), "{e}");
    env.fail(
        "2024-01-02",
        &["calendar", "add", "2025-10-10", "Founding day"],
        4,
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
    assert!(!sidecar(&env.db, "-wal").exists());
}

#[test]
fn o4_a_file_that_is_not_sqlite_is_refused_untouched() {
    let env = Env::new();
    let text = "month,region,service\n".repeat(40);
    std::fs::write(&env.db, &text).unwrap();
    let e = env.fail("2024-01-01", &["status"], 4);
    assert!(
        e.contains("the ledger file is not an SQLite database; point --db at an ncp-usage ledger"),
        "{e}"
    );
    env.fail("2024-01-01", &["import", "holidays", &holidays(&env)], 4);
    assert_eq!(std::fs::read_to_string(&env.db).unwrap(), text);
}

#[test]
fn o4_an_sqlite_file_of_another_application_is_refused_untouched() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('kimchi');",
        )
        .unwrap();
    }
    let bytes = std::fs::read(&env.db).unwrap();
    let e = env.fail("2024-01-01", &["status"], 4);
    assert!(
        e.contains("this SQLite file is not an ncp-usage ledger"),
        "{e}"
    );
    env.fail(
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
        4,
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn o2_a_locked_ledger_fails_fast_and_writes_nothing() {
    let env = Env::new().with_member();
    let before = env.dump();
    let holder = rusqlite::Connection::open(&env.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let out = env
        .cmd("2024-01-02")
        .env("NCP_USAGE_BUSY_TIMEOUT_MS", "200")
        .args(["import", "holidays", &holidays(&env)])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("the ledger is locked by another process (an ncp-usage command, or a program such as sqlite3 holding it); nothing was written"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // The default wait is 5 seconds; the environment variable cut it short.
    assert!(started.elapsed() < Duration::from_secs(4));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(env.dump(), before);
}

#[test]
fn t1_bad_as_of_values_are_invalid_input() {
    let env = Env::new();
    for bad in [
        "2024-13-01",
        "yesterday",
        "2024-02-30",
        "2024-02-15T25:00",
        "2024-2-5",
    ] {
        let e = env.fail(bad, &["status"], 2);
        assert_eq!(
            e,
            format!("error: '{bad}' is not a date or time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 with an offset\n")
        );
    }
    // Refused before the ledger was even created.
    assert!(!env.db.exists());
}

#[test]
fn t1_o4_environment_variables_stand_in_for_the_options() {
    let env = Env::new();
    let db = env.path("from-env.db");
    // A read never creates a ledger; a write does, in the file the environment names.
    let created = bare()
        .env("NCP_USAGE_DB", &db)
        .env("NCP_USAGE_NOW", "2024-02-14T15:30:00Z")
        .args(["calendar", "add", "2025-10-09", "Test"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");
    let out = bare()
        .env("NCP_USAGE_DB", &db)
        .env("NCP_USAGE_NOW", "2024-02-14T15:30:00Z")
        .args(["status", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["as_of"], "2024-02-15T00:30:00+09:00");
    assert!(db.exists());
    assert_eq!(mode(&db), 0o600);

    // A write through the environment records its instant in that ledger.
    let out = bare()
        .env("NCP_USAGE_DB", &db)
        .env("NCP_USAGE_NOW", "2024-03-01T09:00")
        .args(["calendar", "add", "2025-10-10", "Founding day"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let latest: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'latest_instant'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(latest, "2024-03-01T09:00:00+09:00");

    // The options win over the environment.
    let out = bare()
        .env("NCP_USAGE_DB", env.path("unused.db"))
        .env("NCP_USAGE_NOW", "yesterday")
        .arg("--db")
        .arg(&db)
        .args(["--as-of", "2024-03-02", "status", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["as_of"], "2024-03-02T00:00:00+09:00");
    assert!(!env.path("unused.db").exists());

    // A bad NCP_USAGE_NOW is as invalid as a bad --as-of.
    let out = bare()
        .env("NCP_USAGE_DB", &db)
        .env("NCP_USAGE_NOW", "yesterday")
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn o1_json_is_one_document_with_the_currency_first() {
    let env = Env::new().with_member().with_february();
    for args in [
        vec!["status"],
        vec!["account", "show"],
        vec!["history", "--month", "2024-02"],
        vec!["calendar", "list", "--year", "2024"],
    ] {
        let mut all = args.clone();
        all.push("--json");
        let out = env.run("2024-03-05", &all);
        assert!(out.status.success(), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
        // from_slice refuses trailing content: exactly one document.
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let first = doc.as_object().unwrap().iter().next().unwrap();
        assert_eq!(
            (first.0.as_str(), first.1),
            ("currency", &Value::from("KRW"))
        );
        // --format json is the same document.
        let mut fmt = args.clone();
        fmt.extend(["--format", "json"]);
        assert_eq!(env.run("2024-03-05", &fmt).stdout, out.stdout, "{args:?}");
    }
    // Under --json, the error is one JSON line on stderr.
    let out = env.run("2024-03-05", &["status", "--json", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let e: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert!(
        e["error"]["message"].as_str().unwrap().contains("--json"),
        "{e}"
    );
    let e = env.fail("2024-03-05", &["account", "show", "--format", "csv"], 2);
    assert!(e.contains("`account show` has no CSV form"), "{e}");
}

#[test]
fn o4_a_read_never_creates_a_ledger_and_demo_refuses_a_typed_db() {
    let env = Env::new();
    let typo = env.path("ledgr.db");
    for args in [
        vec!["history", "--month", "2024-05"],
        vec!["pay"],
        vec!["check"],
        vec!["calendar", "list"],
    ] {
        let out = bare()
            .arg("--db")
            .arg(&typo)
            .args(["--as-of", "2024-06-05"])
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "error: this ledger has no account yet; run `ncp-usage init --first-name F --last-name L --email E` first (or `init --demo`) (there is no ledger file at {}: check --db or NCP_USAGE_DB, or try --demo)\n",
                typo.display()
            )
        );
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    let out = bare()
        .arg("--db")
        .arg(&typo)
        .args(["--demo", "history", "--month", "2024-05"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: --demo uses a ledger in memory and never touches --db; drop one of the two (to keep the demo in a file: ncp-usage --db FILE init --demo)\n"
    );
    assert!(!typo.exists());
    // The usual ledger named by NCP_USAGE_DB does not stand in the way of --demo.
    let out = bare()
        .env("NCP_USAGE_DB", &typo)
        .args([
            "--as-of",
            "2024-06-05",
            "--demo",
            "history",
            "--month",
            "2024-05",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!typo.exists());
}

#[test]
fn t1_a_bad_clock_from_the_environment_is_named() {
    let env = Env::new();
    let out = bare()
        .env("NCP_USAGE_DB", env.path("l.db"))
        .env("NCP_USAGE_NOW", "garbage")
        .args(["pay"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: NCP_USAGE_NOW: 'garbage' is not a date or time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339 with an offset\n"
    );
}
