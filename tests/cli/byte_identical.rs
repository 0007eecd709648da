//! A failed command changes nothing (SPEC O2, T2, issue 11): every writing command — `init`,
//! `account set`, `account billing-email`, `account payment-method card|transfer|deposit`,
//! `import` of every kind (NCP bodies included), `export`, `pay --instant|--auto|--deposit`,
//! `receipt apply|cancel`, `confirmation`, `calendar add` and `sync` against an endpoint
//! that does not answer — run with bad variants: an output format it has no form for, a bad
//! `--as-of`, an `--as-of` earlier than the ledger's latest write (T2), bad arguments, a
//! missing `--yes`, and a rule that refuses or a gateway that declines. Each must exit with
//! its code and leave the ledger file byte for byte as it was, and every row of every table
//! the same (read with rusqlite, no `sqlite3` needed).
//!
//! The commands run at an instant when catching up has work to do (a bill to issue, declined
//! automatic attempts, notices), so a command that commits its catch-up, or its own write,
//! before failing is caught. The table is exhaustive: each command with each variant.

use std::path::{Path, PathBuf};

use crate::common::{dump, Env};

/// When the failing commands run: March's bill was issued on 2024-04-03, its automatic
/// attempts on the 10th–14th are declined by the card's limit, and it became outstanding on
/// the 15th; none of that is in the ledger yet.
const NOW: &str = "2024-04-16T10:00";
/// Earlier than the ledger's latest write (2024-03-20T10:00): T2 refuses a write.
const EARLIER: &str = "2024-03-20T09:00";

/// A business member since 2024-01-01 whose card has a 1,000-won monthly limit (automatic
/// attempts and card payments are declined); the February figures; February paid instantly
/// by real-time transfer with the key `k-inst`; a 10,000-won deposit with reference
/// `KB-0320` and key `k-dep` waiting as credit balance; then the ledger closed at rest.
fn base() -> Env {
    let env = Env::business("2024-01-01")
        .paying_by_card("2024-01-01", "2027-12", &["--limit", "1000"])
        .with_february();
    env.ok(
        "2024-03-20T10:00",
        &[
            "pay",
            "--instant",
            "--method",
            "transfer",
            "--idempotency-key",
            "k-inst",
            "--yes",
        ],
    );
    env.ok(
        "2024-03-20T10:00",
        &[
            "pay",
            "--deposit",
            "10000",
            "--reference",
            "KB-0320",
            "--idempotency-key",
            "k-dep",
            "--yes",
        ],
    );
    env
}

/// One failing run: its name, the instant, the arguments after `--as-of`, extra environment,
/// and the exit code it must end with.
struct Case {
    name: String,
    as_of: String,
    args: Vec<String>,
    envs: Vec<(&'static str, &'static str)>,
    /// The exit codes it may end with (more than one when two of its faults compete).
    codes: Vec<i32>,
}

/// A writing command in a form that would succeed at `NOW` (or is itself refused, for
/// `init`), and its own bad forms: (name, arguments, exit code).
struct Command {
    name: &'static str,
    args: Vec<String>,
    envs: Vec<(&'static str, &'static str)>,
    /// The exit code of `args` as they are, when that already fails (`init` on a ledger
    /// with an account, `receipt` for a business member, `sync` with nobody answering).
    fails: Option<i32>,
    /// It only reads the ledger (`export`): an earlier `--as-of` is allowed.
    reads: bool,
    bad: Vec<(&'static str, Vec<String>, i32)>,
}

fn s(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

fn p(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The files the imports read: a good one and a bad one of each kind.
fn files(env: &Env) -> impl Fn(&str) -> String + '_ {
    let write = |name: &str, body: &str| -> PathBuf { env.file(name, body) };
    write(
        "contracts.good.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-NEW-1,Server,KR,monthly,30000,month,2024-04-01,\n",
    );
    write(
        "contracts.bad.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-NEW-1,Server,KR,monthly,30000,month,2024-04-01,\n\
         KR-NEW-2,Server,KR,weekly,30000,month,2024-04-01,\n",
    );
    write(
        "usage.good.csv",
        "contract_no,date,quantity\nKR-LB-1,2024-04-15,10\n",
    );
    write(
        "usage.bad.csv",
        "contract_no,date,quantity\nKR-LB-1,2024-04-15,10\nKR-NOPE-9,2024-04-15,1\n",
    );
    write(
        "usage.outside.csv",
        "contract_no,date,quantity\nKR-LB-1,2024-01-15,10\n",
    );
    let fees = "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n";
    write(
        "fees.good.csv",
        &format!("{fees}2024-04,KR,Server,KR-SVR-1,Monthly,1,month,1000,1000,0,1000\n"),
    );
    write(
        "fees.bad.csv",
        &format!(
            "{fees}2024-04,KR,Server,KR-SVR-1,Monthly,1,month,1000,1000,0,1000\n\
             2024-04,KR,Server,KR-SVR-1,Other,1,month,1000,1000,100,1000\n"
        ),
    );
    let promotions =
        "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n";
    write(
        "promotions.good.csv",
        &format!("{promotions}Spring,Server,credit,all,1,0,,5000,2024-04-01,2024-06-30\n"),
    );
    write(
        "promotions.bad.csv",
        &format!("{promotions}Spring,Server,credit,all,1,0,,5000,2024-06-30,2024-04-01\n"),
    );
    write("holidays.good.csv", "date,name\n2024-05-07,Company day\n");
    write(
        "holidays.bad.csv",
        "date,name\n2024-05-07,Company day\n2024-02-30,Nope\n",
    );
    write(
        "ncp.bad.json",
        "{\"getDemandCostListResponse\": {\"returnCode\": \"0\", ",
    );
    let root = env!("CARGO_MANIFEST_DIR").to_string();
    move |name: &str| match name {
        "ncp.good" => format!("{root}/fixtures/ncp/demand-cost-2024-05.json"),
        _ => p(&env.path(name)),
    }
}

fn commands(file: &dyn Fn(&str) -> String, env: &Env) -> Vec<Command> {
    let cmd = |name, args: Vec<String>, bad| Command {
        name,
        args,
        envs: vec![],
        fails: None,
        reads: false,
        bad,
    };
    let import = |kind: &'static str, good: &str, bad: &str| {
        cmd(
            kind,
            vec!["import".into(), kind.replace("import-", ""), file(good)],
            vec![(
                "a bad row after a good one",
                vec!["import".into(), kind.replace("import-", ""), file(bad)],
                2,
            )],
        )
    };
    let out = |name: &str| p(&env.path(name));
    let missing = p(&env.path("no-such-folder").join("x.csv"));
    let export = |args: &[&str], bad| Command {
        reads: true,
        ..cmd("export", s(args), bad)
    };
    let refused = |name, args: &[&str], bad| Command {
        fails: Some(3),
        ..cmd(name, s(args), bad)
    };
    vec![
        Command {
            name: "init",
            args: s(&[
                "init",
                "--member-type",
                "business",
                "--first-name",
                "Jisoo",
                "--last-name",
                "Lee",
                "--email",
                "jisoo@corp.example",
            ]),
            envs: vec![],
            fails: Some(3),
            reads: false,
            bad: vec![
                (
                    "init --demo on a ledger with an account",
                    s(&["init", "--demo"]),
                    3,
                ),
                (
                    "a first name with a digit",
                    s(&[
                        "init",
                        "--first-name",
                        "J1soo",
                        "--last-name",
                        "Lee",
                        "--email",
                        "j@corp.example",
                    ]),
                    2,
                ),
            ],
        },
        cmd(
            "account set",
            s(&[
                "account",
                "set",
                "--member-type",
                "individual",
                "--first-name",
                "Jisu",
            ]),
            vec![
                (
                    "a first name with a digit",
                    s(&["account", "set", "--first-name", "J1su"]),
                    2,
                ),
                (
                    "a bad email",
                    s(&["account", "set", "--email", "jisoo@"]),
                    2,
                ),
                (
                    "an unknown member type",
                    s(&["account", "set", "--member-type", "company"]),
                    2,
                ),
            ],
        ),
        cmd(
            "account billing-email",
            s(&["account", "billing-email", "bills@corp.example"]),
            vec![(
                "a bad email",
                s(&["account", "billing-email", "bills.corp.example"]),
                2,
            )],
        ),
        cmd(
            "account payment-method card",
            s(&[
                "account",
                "payment-method",
                "card",
                "--brand",
                "MASTER",
                "--last4",
                "5555",
                "--expiry",
                "2028-01",
            ]),
            vec![
                (
                    "five last digits",
                    s(&[
                        "account",
                        "payment-method",
                        "card",
                        "--brand",
                        "MASTER",
                        "--last4",
                        "55555",
                        "--expiry",
                        "2028-01",
                    ]),
                    2,
                ),
                (
                    "an expired card",
                    s(&[
                        "account",
                        "payment-method",
                        "card",
                        "--brand",
                        "MASTER",
                        "--last4",
                        "5555",
                        "--expiry",
                        "2024-03",
                    ]),
                    3,
                ),
            ],
        ),
        cmd(
            "account payment-method transfer",
            s(&[
                "account",
                "payment-method",
                "transfer",
                "--bank",
                "KB",
                "--last4",
                "6789",
                "--balance",
                "100000",
            ]),
            vec![(
                "letters as last digits",
                s(&[
                    "account",
                    "payment-method",
                    "transfer",
                    "--bank",
                    "KB",
                    "--last4",
                    "abcd",
                ]),
                2,
            )],
        ),
        cmd(
            "account payment-method deposit",
            s(&["account", "payment-method", "deposit"]),
            vec![(
                "an unknown option",
                s(&["account", "payment-method", "deposit", "--bank", "KB"]),
                2,
            )],
        ),
        import(
            "import-contracts",
            "contracts.good.csv",
            "contracts.bad.csv",
        ),
        Command {
            bad: vec![
                (
                    "usage of an unknown contract",
                    vec!["import".into(), "usage".into(), file("usage.bad.csv")],
                    2,
                ),
                (
                    "usage outside its contract's dates",
                    vec!["import".into(), "usage".into(), file("usage.outside.csv")],
                    2,
                ),
            ],
            ..import("import-usage", "usage.good.csv", "usage.bad.csv")
        },
        import("import-fees", "fees.good.csv", "fees.bad.csv"),
        import(
            "import-promotions",
            "promotions.good.csv",
            "promotions.bad.csv",
        ),
        import("import-holidays", "holidays.good.csv", "holidays.bad.csv"),
        import("import-ncp", "ncp.good", "ncp.bad.json"),
        export(
            &["export", "--month", "2024-03", "--output", &out("fees.csv")],
            vec![
                (
                    "an extension it cannot write",
                    s(&["export", "--month", "2024-03", "--output", &out("fees.txt")]),
                    2,
                ),
                (
                    "a folder that does not exist",
                    s(&["export", "--month", "2024-03", "--output", &missing]),
                    1,
                ),
                (
                    "a month after now",
                    s(&["export", "--month", "2024-05", "--output", &out("fees.csv")]),
                    2,
                ),
            ],
        ),
        cmd(
            "pay --instant",
            s(&["pay", "--instant", "--method", "transfer", "--yes"]),
            vec![
                (
                    "declined by the card's limit",
                    s(&["pay", "--instant", "--yes"]),
                    3,
                ),
                (
                    "without --yes and no terminal",
                    s(&["pay", "--instant", "--method", "transfer"]),
                    2,
                ),
                (
                    "a month not issued yet",
                    s(&[
                        "pay",
                        "--instant",
                        "--month",
                        "2024-04",
                        "--method",
                        "transfer",
                        "--yes",
                    ]),
                    3,
                ),
                (
                    "a month already paid",
                    s(&[
                        "pay",
                        "--instant",
                        "--month",
                        "2024-02",
                        "--method",
                        "transfer",
                        "--yes",
                    ]),
                    3,
                ),
                (
                    "an unknown method",
                    s(&["pay", "--instant", "--method", "cash", "--yes"]),
                    2,
                ),
                (
                    "an idempotency key reused with other arguments",
                    s(&["pay", "--instant", "--idempotency-key", "k-inst", "--yes"]),
                    3,
                ),
            ],
        ),
        cmd(
            "pay --auto",
            s(&["pay", "--auto"]),
            vec![(
                "with a deposit too",
                s(&["pay", "--auto", "--deposit", "1000", "--yes"]),
                2,
            )],
        ),
        cmd(
            "pay --deposit",
            s(&[
                "pay",
                "--deposit",
                "50000",
                "--reference",
                "KB-0416",
                "--yes",
            ]),
            vec![
                (
                    "a negative amount",
                    s(&["pay", "--deposit", "-1", "--yes"]),
                    2,
                ),
                ("zero", s(&["pay", "--deposit", "0", "--yes"]), 2),
                (
                    "thousands separators",
                    s(&["pay", "--deposit", "50,000", "--yes"]),
                    2,
                ),
                (
                    "without --yes and no terminal",
                    s(&["pay", "--deposit", "50000"]),
                    2,
                ),
                (
                    "an idempotency key reused with another amount",
                    s(&[
                        "pay",
                        "--deposit",
                        "20000",
                        "--reference",
                        "KB-0320",
                        "--idempotency-key",
                        "k-dep",
                        "--yes",
                    ]),
                    3,
                ),
            ],
        ),
        // A business member gets tax invoices: both are refused as they are (R1).
        refused(
            "receipt apply",
            &["receipt", "apply", "--agree-nts", "--yes"],
            vec![(
                "without consent and no terminal",
                s(&["receipt", "apply", "--yes"]),
                3,
            )],
        ),
        refused(
            "receipt cancel",
            &["receipt", "cancel"],
            vec![(
                "with --agree-nts",
                s(&["receipt", "cancel", "--agree-nts"]),
                2,
            )],
        ),
        cmd(
            "confirmation",
            vec![
                "confirmation".into(),
                "--month".into(),
                "2024-03".into(),
                "--output".into(),
                out("c.html"),
            ],
            vec![
                (
                    "a month that has not ended (H5)",
                    vec![
                        "confirmation".into(),
                        "--month".into(),
                        "2024-04".into(),
                        "--output".into(),
                        out("c.html"),
                    ],
                    3,
                ),
                (
                    "an extension it cannot write",
                    vec![
                        "confirmation".into(),
                        "--month".into(),
                        "2024-03".into(),
                        "--output".into(),
                        out("c.doc"),
                    ],
                    2,
                ),
                (
                    "a folder that does not exist",
                    vec![
                        "confirmation".into(),
                        "--month".into(),
                        "2024-03".into(),
                        "--output".into(),
                        p(&env.path("no-such-folder").join("c.html")),
                    ],
                    1,
                ),
            ],
        ),
        cmd(
            "calendar add",
            s(&["calendar", "add", "2024-05-07", "Company day"]),
            vec![
                (
                    "30 February",
                    s(&["calendar", "add", "2024-02-30", "Nope"]),
                    2,
                ),
                ("no name", s(&["calendar", "add", "2024-05-07"]), 2),
            ],
        ),
        Command {
            name: "sync",
            args: s(&[
                "sync",
                "--from",
                "2024-03",
                "--to",
                "2024-03",
                "--endpoint",
                "http://127.0.0.1:9",
            ]),
            envs: vec![
                ("NCLOUD_ACCESS_KEY", "test-access"),
                ("NCLOUD_SECRET_KEY", "test-secret"),
                ("NCP_USAGE_SYNC_BACKOFF_MS", "1"),
            ],
            // Nobody answers on port 9 (discard): the valid form fails too.
            fails: Some(1),
            reads: false,
            bad: vec![(
                "--to before --from",
                s(&[
                    "sync",
                    "--from",
                    "2024-03",
                    "--to",
                    "2024-02",
                    "--endpoint",
                    "http://127.0.0.1:9",
                ]),
                2,
            )],
        },
    ]
}

/// Every command with every variant.
fn cases(commands: &[Command]) -> Vec<Case> {
    let mut out = Vec::new();
    for c in commands {
        let case = |variant: &str, as_of: &str, args: Vec<String>, codes: Vec<i32>| Case {
            name: format!("{}: {variant}", c.name),
            as_of: as_of.to_string(),
            args,
            envs: c.envs.clone(),
            codes,
        };
        let with = |extra: &[&str]| {
            let mut a = c.args.clone();
            a.extend(extra.iter().map(|e| e.to_string()));
            a
        };
        // A variant's own code; when the command is refused as it is, either may come first.
        let code = |own: i32| {
            let mut codes = vec![own];
            codes.extend(c.fails);
            codes
        };
        if let Some(f) = c.fails {
            out.push(case("as it is", NOW, c.args.clone(), vec![f]));
        }
        // No writing command has a CSV form: invalid input (O1, O2).
        out.push(case(
            "--format csv",
            NOW,
            with(&["--format", "csv"]),
            code(2),
        ));
        out.push(case(
            "--format csv --yes",
            NOW,
            with(&["--format", "csv", "--yes"]),
            code(2),
        ));
        out.push(case(
            "--json --format table",
            NOW,
            with(&["--json", "--format", "table"]),
            vec![2],
        ));
        out.push(case(
            "a bad --as-of",
            "2024-04-31T10:00",
            c.args.clone(),
            vec![2],
        ));
        // T2: a write earlier than the ledger's latest is refused; a read may look back.
        // (An NCP body for a month after that earlier instant is refused as input first, 2.)
        let earlier = if c.reads {
            vec![0]
        } else if c.name == "import-ncp" {
            vec![2, 3]
        } else {
            code(3)
        };
        out.push(case(
            "an --as-of earlier than the ledger (T2)",
            EARLIER,
            c.args.clone(),
            earlier.clone(),
        ));
        out.push(case(
            "an earlier --as-of with --json",
            EARLIER,
            with(&["--json"]),
            earlier,
        ));
        for (variant, args, own) in &c.bad {
            out.push(case(variant, NOW, args.clone(), code(*own)));
            let mut json = args.clone();
            json.push("--json".into());
            out.push(case(&format!("{variant}, --json"), NOW, json, code(*own)));
        }
    }
    out
}

/// The tables whose rows differ between two dumps, with their row counts.
fn changed_tables(before: &str, after: &str) -> String {
    fn tables(dump: &str) -> std::collections::BTreeMap<&str, Vec<&str>> {
        let mut out = std::collections::BTreeMap::new();
        let mut name = "";
        for line in dump.lines() {
            if let Some(n) = line.strip_prefix("# ") {
                name = n;
                out.insert(name, Vec::new());
            } else {
                out.entry(name).or_insert_with(Vec::new).push(line);
            }
        }
        out
    }
    let (b, a) = (tables(before), tables(after));
    let names: std::collections::BTreeSet<&str> = b.keys().chain(a.keys()).copied().collect();
    names
        .into_iter()
        .filter(|n| b.get(n) != a.get(n))
        .map(|n| {
            format!(
                "{n} ({} → {} rows)",
                b.get(n).map_or(0, Vec::len),
                a.get(n).map_or(0, Vec::len)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Runs one case on `db` (a fresh copy of the base ledger): what went wrong, and stderr.
fn run_case(
    env: &Env,
    db: &Path,
    case: &Case,
    before_bytes: &[u8],
    before_rows: &str,
) -> (Vec<String>, String) {
    let mut cmd = assert_cmd::Command::cargo_bin("ncp-usage").unwrap();
    cmd.env_clear()
        .env("NO_COLOR", "1")
        .current_dir(env.dir.path())
        .arg("--db")
        .arg(db)
        .arg("--as-of")
        .arg(&case.as_of)
        .args(&case.args);
    for (k, v) in &case.envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    let mut problems = Vec::new();
    if !case.codes.iter().any(|c| out.status.code() == Some(*c)) {
        problems.push(format!(
            "exit {:?}, expected {:?}",
            out.status.code(),
            case.codes
        ));
    }
    if out.status.code() != Some(0) {
        if !out.stdout.is_empty() {
            problems.push("stdout is not empty".to_string());
        }
        // With --json (or --format json) the one line is a JSON error (README "Exit codes").
        let json = case.args.iter().any(|a| a == "--json")
            || case
                .args
                .windows(2)
                .any(|w| w[0] == "--format" && w[1] == "json");
        let one_line = stderr.lines().count() == 1;
        let shaped = if json {
            serde_json::from_str::<serde_json::Value>(&stderr).is_ok_and(|v| {
                v["error"]["message"].is_string() && v["error"]["exit_code"].is_number()
            })
        } else {
            stderr.starts_with("error: ")
        };
        if !one_line || !shaped {
            problems.push("stderr is not one `error:` line".to_string());
        }
    }
    if sidecar(db, "-wal").exists() && std::fs::metadata(sidecar(db, "-wal")).unwrap().len() > 0 {
        problems.push("a WAL was left behind".to_string());
    }
    let bytes_same = std::fs::read(db).unwrap() == before_bytes;
    let rows = dump(db);
    if rows != *before_rows {
        problems.push(format!(
            "rows changed in {}",
            changed_tables(before_rows, &rows)
        ));
    } else if !bytes_same {
        problems.push("the file's bytes changed".to_string());
    }
    (problems, stderr)
}

#[test]
fn o2_every_failed_write_leaves_the_ledger_byte_identical() {
    let env = base();
    assert!(
        !sidecar(&env.db, "-wal").exists(),
        "the WAL is checkpointed on close"
    );
    let file = files(&env);
    let commands = commands(&file, &env);
    let cases = cases(&commands);
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let before_bytes = std::fs::read(&env.db).unwrap();
    let before_rows = dump(&env.db);
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        // Each case on its own copy, so one bug does not hide or cause another.
        let db = env.path(&format!("case-{i}.db"));
        std::fs::copy(&env.db, &db).unwrap();
        let (problems, stderr) = run_case(&env, &db, case, &before_bytes, &before_rows);
        if !problems.is_empty() {
            failures.push(format!(
                "{} — {}: {}",
                case.name,
                problems.join("; "),
                stderr
            ));
        }
    }
    assert!(!env.path("no-such-folder").exists());
    assert!(!env.path("fees.txt").exists() && !env.path("c.doc").exists());
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// `init --demo` loads the demo account into the `--db` ledger (README); clap gave its
/// `--demo` to the global in-memory flag too, so it always failed with "the global --demo
/// ledger lives in memory only; … run `ncp-usage --db FILE init --demo`" — the very command.
#[test]
fn init_demo_loads_the_demo_account_into_the_db_ledger() {
    let env = Env::new();
    let out = env.ok("2024-06-05", &["init", "--demo"]);
    assert!(
        out.contains("Loaded the demo account of Seoyeon Park"),
        "{out}"
    );
    let doc = env.json("2024-06-05", &["history", "--month", "2024-05"]);
    assert_eq!(doc["totals"]["billed_amount"], 1_248_390);
    // Once is enough: a second load is refused and changes nothing.
    let before = env.dump();
    let err = env.fail("2024-06-05", &["init", "--demo"], 3);
    assert!(err.contains("already has an account"), "{err}");
    assert_eq!(env.dump(), before);
}

/// The same property at instants picked by proptest: any writing command with an output
/// option it has no form for, or conflicting output options, at any instant in the year after
/// the ledger's latest write (penalties, blocking and months of catch-up to do), or with an
/// `--as-of` anywhere before that write (T2). `PROPTEST_CASES` scales it (default 48).
#[test]
fn o2_failed_writes_at_any_instant_change_nothing() {
    use chrono::{Duration, NaiveDate};
    use proptest::test_runner::{Config, TestCaseError, TestRunner};

    let env = base();
    let file = files(&env);
    let commands = commands(&file, &env);
    let before_bytes = std::fs::read(&env.db).unwrap();
    let before_rows = dump(&env.db);
    let latest = NaiveDate::from_ymd_opt(2024, 3, 20)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 16,
        ..Config::default()
    });
    let counter = std::cell::Cell::new(0usize);
    let result = runner.run(
        &(
            0..commands.len(),
            0usize..4,
            1i64..=366 * 24 * 60,
            1i64..=(79 * 24 * 60 + 10 * 60),
        ),
        |(c, variant, later, earlier)| {
            let c = &commands[c];
            let own = |code: i32| {
                let mut codes = vec![code];
                codes.extend(c.fails);
                codes
            };
            let mut args = c.args.clone();
            let (at, codes) = match variant {
                0 => {
                    args.extend(["--format".into(), "csv".into()]);
                    (latest + Duration::minutes(later), own(2))
                }
                1 => {
                    args.extend(["--json".into(), "--format".into(), "csv".into()]);
                    (latest + Duration::minutes(later), vec![2])
                }
                2 => {
                    args.extend([
                        "--format".into(),
                        "json".into(),
                        "--format".into(),
                        "csv".into(),
                    ]);
                    (latest + Duration::minutes(later), vec![2])
                }
                _ => {
                    // T2 refuses a write; a read may look back. Either way a month that
                    // has not started at that instant is invalid input first.
                    let mut codes = if c.reads { vec![0] } else { own(3) };
                    codes.push(2);
                    (latest - Duration::minutes(earlier), codes)
                }
            };
            let case = Case {
                name: format!("{}: {args:?}", c.name),
                as_of: at.format("%Y-%m-%dT%H:%M").to_string(),
                args,
                envs: c.envs.clone(),
                codes,
            };
            let n = counter.get();
            counter.set(n + 1);
            let db = env.path(&format!("prop-{n}.db"));
            std::fs::copy(&env.db, &db).unwrap();
            let (problems, stderr) = run_case(&env, &db, &case, &before_bytes, &before_rows);
            std::fs::remove_file(&db).unwrap();
            if problems.is_empty() {
                Ok(())
            } else {
                Err(TestCaseError::fail(format!(
                    "{} at {} — {}: {stderr}",
                    case.name,
                    case.as_of,
                    problems.join("; ")
                )))
            }
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
