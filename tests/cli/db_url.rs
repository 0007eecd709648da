//! `--db` takes a SQLite file path: a server URL is refused (exit 2) before anything is made,
//! and never echoed, as it may hold a password (PostgreSQL is planned: docs/POSTGRES.md).

use crate::common::Env;

#[test]
fn a_postgres_url_is_refused_without_making_a_file_or_echoing_the_password() {
    let env = Env::new();
    for url in [
        "postgres://finance:s3cret@db.example:5432/ledger",
        "postgresql://finance:s3cret@db.example/ledger?sslmode=require",
    ] {
        for args in [&["init", "--demo"][..], &["history"][..]] {
            let out = env
                .cmd("2024-06-10")
                .env("HOME", env.dir.path())
                .current_dir(env.dir.path())
                .arg("--db")
                .arg(url)
                .args(args)
                .output()
                .unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(2), "{url} {args:?}: {stderr}");
            assert_eq!(
                stderr,
                "error: --db names a PostgreSQL server, and PostgreSQL ledgers are not supported yet (planned: docs/POSTGRES.md); give a SQLite file path\n"
            );
            assert!(out.stdout.is_empty());
        }
    }
    let made: Vec<_> = std::fs::read_dir(env.dir.path()).unwrap().collect();
    assert!(made.is_empty(), "{made:?}");
}

#[test]
fn another_url_in_ncp_usage_db_is_refused_and_a_plain_path_is_not() {
    let env = Env::new();
    let out = env
        .cmd("2024-06-10")
        .env("NCP_USAGE_DB", "https://example.com/ledger.db")
        .arg("history")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: --db names a URL; give a SQLite file path\n"
    );
    env.ok("2024-06-10", &["init", "--demo"]);
    assert!(env.db.exists());
}
