//! The crate graph is the architecture (issue 13): these tests keep it so. The core depends
//! on no I/O crate, each crate only on those below it, no SQL is written outside the ledger
//! crate, and the binary ends quietly when its reader goes away (a broken pipe is an error
//! kind of its own, not a message to match).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The crates `package` depends on (normal dependencies, all the way down), one name a line.
fn dependencies(package: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "tree",
            "--offline",
            "--locked",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_core_has_no_io_crate() {
    let deps = dependencies("ncp-usage-core");
    assert!(deps.contains(&"rust_decimal".to_string()), "{deps:?}");
    for io in [
        "rusqlite",
        "clap",
        "ureq",
        "comfy-table",
        "dialoguer",
        "indicatif",
        "csv",
        "rust_xlsxwriter",
        "ncp-usage-ledger",
        "ncp-usage-app",
    ] {
        assert!(!deps.iter().any(|d| d == io), "the core depends on {io}");
    }
}

#[test]
fn each_crate_depends_only_on_those_below_it() {
    let ledger = dependencies("ncp-usage-ledger");
    assert!(ledger.contains(&"ncp-usage-core".to_string()));
    assert!(ledger.contains(&"rusqlite".to_string()));
    for above in [
        "ncp-usage-app",
        "clap",
        "ureq",
        "comfy-table",
        "dialoguer",
        "indicatif",
    ] {
        assert!(
            !ledger.iter().any(|d| d == above),
            "the ledger depends on {above}"
        );
    }
    let app = dependencies("ncp-usage-app");
    assert!(app.contains(&"ncp-usage-ledger".to_string()));
    for above in ["clap", "dialoguer", "indicatif"] {
        assert!(
            !app.iter().any(|d| d == above),
            "the app depends on {above}"
        );
    }
}

/// Every Rust file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What SQL looks like in Rust source: statements in literals, and the calls that run them.
const SQL: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "INSERT OR ",
    "DELETE FROM",
    "CREATE TABLE",
    "CREATE VIEW",
    "PRAGMA ",
    " SET quantity",
    ".execute(",
    ".execute_batch(",
    ".prepare(",
    ".prepare_cached(",
    ".query_row(",
    ".query_map(",
    "rusqlite::",
];

#[test]
fn no_sql_outside_the_ledger_crate() {
    let mut files = Vec::new();
    for dir in ["src", "crates/core/src", "crates/app/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 60, "{} files", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some(sql) = SQL.iter().find(|s| line.contains(*s)) {
                found.push(format!("{}:{}: {sql}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside crates/ledger:\n{}",
        found.join("\n")
    );
    // And the ledger does hold it: the test would pass on a tree with no SQL at all.
    let mut ledger = Vec::new();
    rust_files(&root().join("crates/ledger/src"), &mut ledger);
    let sql_files = ledger
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("SELECT "))
        .count();
    assert!(sql_files >= 5, "{sql_files} ledger files with SQL");
}

/// O2: `| head` that stops reading is not an error: exit 0, nothing on stderr.
#[test]
fn o2_a_closed_stdout_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ncp-usage"))
        .env_clear()
        .args([
            "--demo",
            "--as-of",
            "2024-06-05",
            "history",
            "--month",
            "2024-05",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closing the read end before the command writes: its write fails with EPIPE.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
