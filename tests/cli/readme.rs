//! The README as a stranger reads it: every shell line of its `sh` blocks, run in order, as
//! written, on a fresh HOME, with the real binary first on the PATH (issue 12: a documented
//! command that never worked went unnoticed because no test ran it). The figures the
//! README's prose quotes are checked against what the commands beside them print.

use std::path::Path;
use std::process::Command;

/// Lines that build, test or reach the network: a developer's commands, not a user's session.
const NOT_RUN: &[&str] = &[
    "cargo ",
    "bash .ci/run",
    "scripts/",
    "man ",
    "UPDATE_GENERATED=",
    "INSTA_UPDATE=",
    "PROPTEST_CASES=",
    "NCP_USAGE_CRASH_KILLS=",
    "apt-get ",
];

/// (README line, figures its prose quotes that the line's output must show). A figure is
/// looked for as written and, for CSV output, without thousands separators.
const FIGURES: &[(&str, &[&str])] = &[
    (
        "ncp-usage history --month 2024-02",
        &["1,240,048", "124,000", "1,364,000"],
    ),
    (
        "ncp-usage history --month 2024-02 --detail --format csv",
        &["KR-SVR-1003", "41,379", "KR-LB-4001", "696", "12,528"],
    ),
    (
        "ncp-usage --demo --as-of 2024-02-15T09:00 history --month 2024-02 --detail",
        &["5 of 29 days", "10,344"],
    ),
];

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The shell lines of the README's `sh`/`bash` blocks, comments removed, in order.
fn shell_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if let Some(info) = line.strip_prefix("```") {
            inside = !inside && matches!(info.trim(), "sh" | "bash" | "console" | "shell");
            continue;
        }
        if !inside {
            continue;
        }
        let command = line.split("  #").next().unwrap_or("").trim();
        let command = command.strip_prefix("$ ").unwrap_or(command);
        if command.is_empty() || command.starts_with('#') {
            continue;
        }
        if NOT_RUN.iter().any(|p| command.starts_with(p)) || command.contains(" sync ") {
            continue;
        }
        lines.push(command.to_string());
    }
    lines
}

#[test]
fn readme_commands_run_as_written_in_order() {
    let text = readme();
    let lines = shell_lines(&text);
    assert!(lines.len() > 30, "found only {} README lines", lines.len());

    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["fixtures", "completions", "man", "docs"] {
        std::os::unix::fs::symlink(root.join(name), work.path().join(name)).unwrap();
    }
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("ncp-usage"),
        bin.path().join("ncp-usage"),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut failures = Vec::new();
    let mut outputs = Vec::new();
    for line in &lines {
        let out = Command::new("bash")
            .arg("-c")
            .arg(line)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .current_dir(work.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{line}\n    exit {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        outputs.push((
            line.clone(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {} README lines failed:\n{}",
        failures.len(),
        lines.len(),
        failures.join("\n")
    );

    for (line, figures) in FIGURES {
        let (_, stdout) = outputs
            .iter()
            .find(|(l, _)| l == line)
            .unwrap_or_else(|| panic!("the README no longer has the line `{line}`"));
        for figure in *figures {
            assert!(
                text.contains(figure),
                "the README no longer quotes {figure} (from `{line}`)"
            );
            let bare = figure.replace(',', "");
            assert!(
                stdout.contains(figure) || stdout.contains(&bare),
                "`{line}` does not print {figure}, which the README quotes:\n{stdout}"
            );
        }
    }
}

#[test]
fn readme_figures_first_session_rounding() {
    // The rounding discount the README quotes for February (48 won) is the line of the table.
    let text = readme();
    assert!(text.contains("a rounding discount of 48"));
    let env = crate::common::Env::new();
    let as_of = "2024-03-02";
    env.ok(
        as_of,
        &[
            "init",
            "--member-type",
            "individual",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (kind, file) in [("contracts", "contracts.csv"), ("usage", "usage.csv")] {
        let path = root.join("fixtures/demo").join(file);
        env.ok(as_of, &["import", kind, path.to_str().unwrap()]);
    }
    let doc = env.json(as_of, &["history", "--month", "2024-02"]);
    assert_eq!(doc["totals"]["used_amount"], 1_240_048);
    assert_eq!(doc["totals"]["rounddown_discount_amount"], 48);
    assert_eq!(doc["totals"]["vat_amount"], 124_000);
    assert_eq!(doc["totals"]["billed_amount"], 1_364_000);
}
