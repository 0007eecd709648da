//! The command line itself (SPEC O1–O3, §10; issues 11 and 12): an output format a command
//! cannot print is refused before anything is written, `init --demo` as the README writes it,
//! amounts refused before a prompt, one exit status for "no", Ctrl-C at a prompt, region
//! filters, clap's suggestions, rule ids kept out of sentences and in JSON errors, help and
//! the man page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use clap::{CommandFactory, Parser};
use ncp_usage::cli::{Cli, Format};
use serde_json::Value;

use crate::common::{at_a_prompt, Env};

/// The instant every run of the format matrix uses: June 2024's 5th, 15:00, when the demo
/// account's May bill is issued, unpaid and open for instant payment.
const NOW: &str = "2024-06-05T15:00";

/// One invocation of each leaf subcommand (every `pay` action too), with the exit status it
/// ends with on the demo ledger at [`NOW`] when its format is one it prints.
fn invocations(dir: &Path) -> Vec<(&'static str, Vec<String>, i32)> {
    let contracts = dir.join("new-contracts.csv");
    std::fs::write(
        &contracts,
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-NEW-1,Server,KR,monthly,1000,month,2024-06-01,\n",
    )
    .unwrap();
    let file = |name: &str| dir.join(name).display().to_string();
    let v = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        (
            "init",
            v(&[
                "init",
                "--first-name",
                "Minji",
                "--last-name",
                "Kim",
                "--email",
                "minji@example.com",
            ]),
            0,
        ),
        ("account show", v(&["account", "show"]), 0),
        (
            "account set",
            v(&["account", "set", "--phone", "010-9999-8888"]),
            0,
        ),
        (
            "account billing-email",
            v(&["account", "billing-email", "new@example.com"]),
            0,
        ),
        (
            "account payment-method card",
            v(&[
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA",
                "--last4",
                "1111",
                "--expiry",
                "2027-12",
            ]),
            0,
        ),
        (
            "account payment-method transfer",
            v(&[
                "account",
                "payment-method",
                "transfer",
                "--bank",
                "KB",
                "--last4",
                "1234",
            ]),
            0,
        ),
        (
            "account payment-method deposit",
            v(&["account", "payment-method", "deposit"]),
            0,
        ),
        (
            "import",
            vec![
                "import".into(),
                "contracts".into(),
                contracts.display().to_string(),
            ],
            0,
        ),
        (
            "export",
            vec![
                "export".into(),
                "--month".into(),
                "2024-05".into(),
                "--output".into(),
                file("fees.csv"),
            ],
            0,
        ),
        ("history", v(&["history", "--month", "2024-05"]), 0),
        ("status", v(&["status"]), 0),
        ("pay", v(&["pay"]), 0),
        ("pay", v(&["pay", "--instant", "--yes"]), 0),
        ("pay", v(&["pay", "--auto"]), 0),
        ("pay", v(&["pay", "--deposit", "50000", "--yes"]), 0),
        ("notifications", v(&["notifications"]), 0),
        ("promotions", v(&["promotions"]), 0),
        ("trend", v(&["trend"]), 0),
        (
            "confirmation",
            vec![
                "confirmation".into(),
                "--month".into(),
                "2024-05".into(),
                "--output".into(),
                file("confirmation.html"),
            ],
            0,
        ),
        // The demo member is a business: cash receipts are refused by R1.
        (
            "receipt apply",
            v(&["receipt", "apply", "--agree-nts", "--yes"]),
            3,
        ),
        ("receipt cancel", v(&["receipt", "cancel"]), 3),
        ("receipt list", v(&["receipt", "list"]), 0),
        (
            "calendar add",
            v(&["calendar", "add", "2024-10-02", "Test day"]),
            0,
        ),
        (
            "calendar list",
            v(&["calendar", "list", "--year", "2024"]),
            0,
        ),
        // No API keys in the cleared environment: refused after the format check.
        (
            "sync",
            v(&[
                "sync",
                "--from",
                "2024-05",
                "--to",
                "2024-05",
                "--endpoint",
                "http://127.0.0.1:9",
            ]),
            2,
        ),
        ("check", v(&["check"]), 0),
        ("accounts add", v(&["accounts", "add", "second"]), 0),
        (
            "accounts rename",
            v(&["accounts", "rename", "main", "demo"]),
            0,
        ),
        // The demo ledger's one account cannot go.
        ("accounts remove", v(&["accounts", "remove", "main"]), 3),
        ("completions", v(&["completions", "bash"]), 0),
        ("manpage", v(&["manpage"]), 0),
    ]
}

/// Every leaf of the clap definition, as typed: `account payment-method card`.
fn leaves(cmd: &clap::Command, prefix: &str, out: &mut BTreeSet<String>) {
    for sc in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let path = format!("{prefix}{}", sc.get_name());
        if sc.has_subcommands() {
            leaves(sc, &format!("{path} "), out);
        } else {
            out.insert(path);
        }
    }
}

/// The formats the command line declares for `args` (what `cli::run` checks).
fn declared(args: &[String]) -> &'static [Format] {
    let cli = Cli::try_parse_from(std::iter::once("ncp-usage".to_string()).chain(args.to_vec()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    cli.command.formats()
}

/// The demo ledger loaded at [`NOW`] into a file, closed (its WAL folded in).
fn demo_base(dir: &Path) -> PathBuf {
    let base = dir.join("base.db");
    let out = bin()
        .arg("--db")
        .arg(&base)
        .args(["--as-of", NOW, "init", "--demo"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!dir.join("base.db-wal").exists());
    base
}

fn bin() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("ncp-usage"));
    cmd.env_clear().env("NO_COLOR", "1");
    cmd
}

#[test]
fn r_o2_p6_a_format_a_command_cannot_print_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let base = demo_base(tmp.path());
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let runs = invocations(&work);

    // The table covers every subcommand the command line has.
    let mut all = BTreeSet::new();
    leaves(&Cli::command(), "", &mut all);
    let covered: BTreeSet<String> = runs.iter().map(|(leaf, _, _)| leaf.to_string()).collect();
    assert_eq!(covered, all, "add the new subcommand to invocations()");

    let mut refused = 0;
    for (leaf, args, code) in &runs {
        let formats = declared(args);
        for (option, format) in [
            (vec!["--format", "table"], Format::Table),
            (vec!["--format", "json"], Format::Json),
            (vec!["--format", "csv"], Format::Csv),
            (vec!["--json"], Format::Json),
            (vec!["--format", "focus"], Format::Focus),
        ] {
            // A fresh copy of the ledger for every run; `init` runs on no ledger at all.
            for f in std::fs::read_dir(&work).unwrap() {
                let f = f.unwrap().path();
                if f.file_name().unwrap() != "new-contracts.csv" {
                    std::fs::remove_file(f).unwrap();
                }
            }
            let db = work.join("ledger.db");
            if *leaf != "init" {
                std::fs::copy(&base, &db).unwrap();
            }
            let before = std::fs::read(&db).ok();
            let files_before: BTreeSet<_> = std::fs::read_dir(&work)
                .unwrap()
                .map(|f| f.unwrap().file_name())
                .collect();
            let out = bin()
                .arg("--db")
                .arg(&db)
                .args(["--as-of", NOW])
                .args(args)
                .args(&option)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            let what = format!("{args:?} {option:?}");
            if formats.contains(&format) {
                assert_eq!(out.status.code(), Some(*code), "{what}: {stderr}");
                assert!(!stderr.contains(" form"), "{what}: {stderr}");
                if *code != 0 {
                    continue;
                }
                let stdout = String::from_utf8(out.stdout).unwrap();
                match format {
                    Format::Json => {
                        let doc: Value = serde_json::from_str(&stdout).unwrap();
                        assert_eq!(doc["currency"], "KRW", "{what}");
                    }
                    Format::Csv => {
                        let mut reader = csv::Reader::from_reader(stdout.as_bytes());
                        assert!(!reader.headers().unwrap().is_empty(), "{what}");
                        for record in reader.records() {
                            record.unwrap_or_else(|e| panic!("{what}: {e}"));
                        }
                    }
                    Format::Table | Format::Focus => assert!(!stdout.is_empty(), "{what}"),
                }
            } else {
                refused += 1;
                assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
                assert!(out.stdout.is_empty(), "{what}");
                let name = format!("`{leaf}");
                if format == Format::Json {
                    // The refusal itself is a JSON error under --json and --format json.
                    let doc: Value = serde_json::from_str(&stderr).unwrap();
                    let message = doc["error"]["message"].as_str().unwrap();
                    assert!(message.starts_with(&name), "{what}: {stderr}");
                    assert!(message.contains("has no JSON form"), "{what}: {stderr}");
                    assert!(
                        message.contains(&format!("drop {}", option.join(" "))),
                        "{what}"
                    );
                    assert_eq!(doc["error"]["exit_code"], 2);
                } else {
                    assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
                    assert!(
                        stderr.starts_with(&format!("error: {name}")),
                        "{what}: {stderr}"
                    );
                    assert!(stderr.contains("form"), "{what}: {stderr}");
                }
                // Nothing written: the ledger's bytes, and no file beside it (no -wal, no
                // export, no confirmation, no new ledger for `init`).
                assert_eq!(std::fs::read(&db).ok(), before, "{what}");
                let files_after: BTreeSet<_> = std::fs::read_dir(&work)
                    .unwrap()
                    .map(|f| f.unwrap().file_name())
                    .collect();
                assert_eq!(files_after, files_before, "{what}");
            }
        }
    }
    // 21 invocations without CSV; completions and manpage without JSON (2 ways) or CSV;
    // every invocation but `export` without FOCUS (issue 18).
    assert_eq!(refused, 21 + 2 * 3 + 30, "refusals");
}

#[test]
fn r_p6_pay_with_a_format_it_cannot_print_charges_nothing_and_a_retry_pays_once() {
    let env = Env::business("2024-01-01").paying_by_deposit("2024-01-01", "2027-12");
    let before = env.dump();
    for args in [
        vec!["pay", "--deposit", "50000", "--yes", "--format", "csv"],
        vec!["pay", "--instant", "--yes", "--format", "csv"],
    ] {
        let e = env.fail("2024-02-05T15:00", &args, 2);
        assert!(
            e.contains("has no CSV form; use --format table or --json (nothing was done)"),
            "{e}"
        );
        assert_eq!(env.dump(), before, "{args:?}");
    }
    let e = env.fail(
        "2024-02-05T15:00",
        &[
            "account",
            "billing-email",
            "b@example.com",
            "--format",
            "csv",
        ],
        2,
    );
    assert_eq!(
        e,
        "error: `account billing-email` has no CSV form; use --format table or --json (nothing was done)\n"
    );
    assert_eq!(env.dump(), before);
    // The retry with a format it prints pays once.
    let paid = env.json(
        "2024-02-05T15:00",
        &["pay", "--deposit", "50000", "--yes", "--reference", "KB-1"],
    );
    assert_eq!(paid["amount"], 50_000);
    assert_eq!(paid["kind"], "deposit");
    let payments = env.json("2024-02-05T15:00", &["trend"])["payments"].clone();
    assert_eq!(payments.as_array().unwrap().len(), 1, "{payments}");
}

#[test]
fn r_init_demo_as_the_readme_writes_it() {
    let env = Env::new();
    // README: `ncp-usage --db FILE init --demo`.
    let out = env.ok("2024-06-05T15:00", &["init", "--demo"]);
    assert!(out.starts_with("Loaded the demo account of "), "{out}");
    let doc = env.json("2024-06-05T15:00", &["history", "--month", "2024-05"]);
    assert_eq!(doc["billing_email"], "billing@haneul.example");
    assert_eq!(doc["regions"].as_array().unwrap().len(), 3);
    // The global --demo (in memory) cannot keep anything: refused, nothing created.
    let other = Env::new();
    let e = other.fail("2024-06-05", &["--demo", "init"], 2);
    assert!(
        e.contains("the global --demo ledger lives in memory only"),
        "{e}"
    );
    assert!(!other.db.exists());
    // Without --demo, init names what is missing.
    let e = other.fail("2024-06-05", &["init", "--first-name", "Minji"], 2);
    assert!(
        e.contains("init needs --last-name and --email; give them, or --demo"),
        "{e}"
    );
    assert!(!other.db.exists());
}

#[test]
fn r_deposit_amounts_are_refused_with_one_message_before_any_prompt() {
    let env = Env::business("2024-01-01").paying_by_deposit("2024-01-01", "2027-12");
    let before = env.dump();
    // Without --yes and without a terminal, a valid amount would be refused for O3; these
    // are refused for the amount first.
    for bad in [
        ["--deposit", "-100"],
        ["--deposit=-100", ""],
        ["--deposit", "0"],
    ] {
        let mut args = vec!["pay"];
        args.extend(bad.iter().filter(|a| !a.is_empty()));
        let e = env.fail("2024-02-05T15:00", &args, 2);
        assert!(
            e.contains(": the amount must be more than 0 won (digits only, e.g. 113300)"),
            "{args:?}: {e}"
        );
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn r_typos_get_suggestions_and_the_possible_values() {
    let env = Env::new().with_member();
    for (args, fragment) in [
        (
            vec!["histroy"],
            "unrecognized subcommand 'histroy'; tip: a similar subcommand exists: 'history'",
        ),
        (
            vec!["history", "--moth", "2024-01"],
            "unexpected argument '--moth' found; tip: a similar argument exists: '--month'",
        ),
        (
            vec!["import", "contract", "x.csv"],
            "invalid value 'contract' for '<KIND>'; [possible values: contracts, usage, fees, promotions, holidays, ncp]; tip: a similar value exists: 'contracts'",
        ),
        (
            vec!["history", "--format", "xml"],
            "invalid value 'xml' for '--format <FORMAT>'; [possible values: table, json, csv, focus]",
        ),
        (
            vec!["account", "set", "--expatriate", "maybe"],
            "invalid value 'maybe' for '--expatriate <BOOL>': give true or false",
        ),
    ] {
        let e = env.fail("2024-01-05", &args, 2);
        assert!(e.contains(fragment), "{args:?}: {e}");
        assert!(e.ends_with(" (see ncp-usage --help)\n"), "{e}");
    }
    // yes/no are accepted as true/false.
    env.ok("2024-01-05", &["account", "set", "--expatriate", "yes"]);
    let doc = env.json("2024-01-05", &["account", "show"]);
    assert_eq!(doc["member"]["expatriate"], true);
    env.ok("2024-01-05", &["account", "set", "--expatriate", "no"]);
    let doc = env.json("2024-01-05", &["account", "show"]);
    assert_eq!(doc["member"]["expatriate"], false);
}

#[test]
fn r_region_filters_are_region_codes_in_use() {
    let env = Env::new().with_member().with_contracts(
        "2024-01-01",
        "KR-SVR-1,Server,KR,monthly,60000,month,2024-01-01,\n\
             SGN-SVR-1,Server,SGN,monthly,70000,month,2024-01-01,\n",
    );
    for cmd in [vec!["status"], vec!["history", "--month", "2024-01"]] {
        let mut args = cmd.clone();
        args.extend(["--region", "XX"]);
        let e = env.fail("2024-02-05", &args, 2);
        assert_eq!(
            e, "error: --region 'XX' is not a region in use; give a region code: KR, SGN\n",
            "{args:?}"
        );
        let mut args = cmd.clone();
        args.extend(["--region", "Seoul"]);
        let e = env.fail("2024-02-05", &args, 2);
        assert!(e.contains("give a region code: KR, SGN"), "{e}");
        let mut args = cmd.clone();
        args.extend(["--region", "sgn"]);
        let e = env.fail("2024-02-05", &args, 2);
        assert_eq!(
            e,
            "error: --region 'sgn': region codes are written in capitals; did you mean SGN? (regions in use: KR, SGN)\n"
        );
        let mut args = cmd.clone();
        args.extend(["--region", "SGN"]);
        let doc = env.json("2024-02-05", &args);
        assert_eq!(doc["region"], "SGN");
        assert_eq!(doc["services"].as_array().unwrap().len(), 1);
    }
    // Imports refuse lower case too.
    let file = env.file(
        "lower.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-2,Server,kr,monthly,60000,month,2024-01-01,\n",
    );
    let e = env.fail(
        "2024-02-05",
        &["import", "contracts", file.to_str().unwrap()],
        2,
    );
    assert!(e.contains("a region code in capitals"), "{e}");
}

#[test]
fn o2_rule_ids_stay_out_of_sentences_and_in_json_errors() {
    let env = Env::new().with_member();
    // T2: a write before the ledger's latest write.
    let e = env.fail(
        "2023-12-31",
        &["account", "billing-email", "b@example.com"],
        3,
    );
    assert!(e.starts_with("error: the ledger already records "), "{e}");
    let out = env.run(
        "2023-12-31",
        &["account", "billing-email", "b@example.com", "--json"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let doc: Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(doc["error"]["rule"], "T2");
    assert_eq!(doc["error"]["exit_code"], 3);
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("the ledger already records 2024-01-01T00:00:00+09:00"),
        "{doc}"
    );
    // P4: instant payment closed; --format json reports the same way.
    let out = env.run(
        "2024-01-02",
        &["pay", "--instant", "--yes", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(3));
    let doc: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(doc["error"]["rule"], "P4", "{doc}");
    // An error no rule names has `rule: null`; clap's errors are JSON too.
    let out = env.run("2024-01-02", &["histroy", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(doc["error"]["rule"], Value::Null);
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("a similar subcommand exists: 'history'"));
}

#[test]
fn o1_help_lists_own_options_then_global_ones_then_examples() {
    let help = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let long = help(&["pay", "--help"]);
    let own = long.find("--instant").unwrap();
    let global = long.find("Global options:").unwrap();
    assert!(own < global, "{long}");
    assert!(long[global..].contains("--db <PATH>"), "{long}");
    assert!(!long[..global].contains("--db <PATH>"), "{long}");
    assert!(long.contains("Examples:\n  ncp-usage pay "), "{long}");
    // The short help stays short.
    assert!(!help(&["pay", "-h"]).contains("Examples:"));
    // Required options are marked.
    let export = help(&["export", "-h"]);
    assert!(
        export.contains("The usage month, YYYY-MM [required]"),
        "{export}"
    );
    let init = help(&["init", "--help"]);
    assert!(init.contains("(required unless --demo)"), "{init}");
    assert!(
        init.contains("ncp-usage --db demo.db init --demo"),
        "{init}"
    );
    // The man page has the sections scripts and admins look for.
    let man = help(&["manpage"]);
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        ".SH \"GLOBAL OPTIONS\"",
    ] {
        assert!(man.contains(section), "{section}");
    }
    assert!(man.contains("\\fB130\\fR"), "exit 130 documented");
}

fn january_bill() -> Env {
    Env::new().with_member().with_contracts(
        "2024-01-02",
        "KR-SVR-1,Server,KR,monthly,50000,month,2024-01-01,2024-01-31\n",
    )
}

#[test]
fn o3_ctrl_c_at_the_prompt_shows_the_cursor_again_exits_130_and_pays_nothing() {
    let env = january_bill();
    env.ok("2024-02-05T15:00", &["status"]);
    let before = env.dump();
    let (screen, code) = at_a_prompt(&env, "2024-02-05T15:00", "pay --instant", b"\x03");
    assert!(
        screen.contains("Pay 55,000 KRW now for 2024-01"),
        "{screen:?}"
    );
    assert_eq!(code, Some(130), "{screen:?}");
    let hidden = screen
        .find("\x1b[?25l")
        .expect("dialoguer hides the cursor");
    assert!(
        screen[hidden..].contains("\x1b[?25h"),
        "the cursor is shown again after it was hidden: {screen:?}"
    );
    assert!(
        screen.contains("error: interrupted; nothing was charged or recorded"),
        "{screen:?}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn o3_no_at_any_prompt_is_exit_1_and_changes_nothing() {
    let env = january_bill();
    env.ok("2024-02-05T15:00", &["status"]);
    let before = env.dump();
    for (args, shown) in [
        (
            "pay --instant",
            "cancelled; nothing was charged or recorded",
        ),
        (
            "pay --deposit 1000",
            "cancelled; nothing was charged or recorded",
        ),
        (
            "receipt apply",
            "cancelled; without consent nothing is recorded",
        ),
    ] {
        let (screen, code) = at_a_prompt(&env, "2024-02-05T15:00", args, b"n\r");
        assert_eq!(code, Some(1), "{args}: {screen:?}");
        assert!(screen.contains(shown), "{args}: {screen:?}");
        assert_eq!(env.dump(), before, "{args}");
    }
}

/// `import KIND - -` waited on standard input for ever (found from outside): standard input
/// can be read once, so a second '-' is refused before anything is opened.
#[test]
fn s11_standard_input_given_twice_is_refused_instead_of_hanging() {
    let env = Env::new();
    for kind in ["usage", "contracts", "ncp"] {
        let out = env
            .cmd("2024-07-20")
            .args(["import", kind, "-", "-"])
            .write_stdin("")
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{kind}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: '-' (standard input) is given more than once; standard input can be read only once: give '-' once, or the files by name\n"
        );
        assert!(!env.db.exists(), "no ledger is created");
    }
}

/// One shape for scripts: a payment's JSON always carries `reference` (`null` without one).
#[test]
fn o1_payment_json_always_has_a_reference() {
    let env = Env::new();
    env.ok("2024-06-01", &["init", "--demo"]);
    let paid = env.json("2024-06-05", &["pay", "--instant", "--yes"]);
    assert_eq!(paid["reference"], Value::Null);
    assert_eq!(paid["amount"], 1_248_390);
    let deposit = env.json(
        "2024-06-20",
        &["pay", "--deposit", "100", "--reference", "KB 1", "--yes"],
    );
    assert_eq!(deposit["reference"], "KB 1");
}
