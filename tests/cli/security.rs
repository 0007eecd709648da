//! Security (SPEC O4, P11, H4): private files whatever the umask, card numbers refused
//! everywhere and found nowhere, no SQL built by formatting, and exported text that a
//! spreadsheet never runs — which still round-trips through an import.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;

use ncp_usage_app::exchange::export::write_csv;
use ncp_usage_app::exchange::fees_format::{neutralize, unneutralize};
use ncp_usage_app::exchange::import::{import, Kind};
use ncp_usage_core::billing::account::find_card_number;
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_ledger::{fees, Ledger};

use crate::common::Env;

const PANS: &[&str] = &["4111111111111111", "5555555555554444", "378282246310005"];

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// The binary run under `umask 000`, as a careless shell might.
fn open_umask(db: &Path, dir: &Path, as_of: &str, args: &[&str]) -> std::process::Output {
    let mut script = String::from("umask 000; exec \"$0\" \"$@\"");
    script.push('\n');
    Command::new("sh")
        .env_clear()
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .arg("-c")
        .arg(&script)
        .arg(assert_cmd::cargo::cargo_bin("ncp-usage"))
        .arg("--db")
        .arg(db)
        .args(["--as-of", as_of])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn o4_files_are_private_even_under_umask_000() {
    let env = Env::new();
    let db = env.path("deep/er/ledger.db");
    let init = [
        "init",
        "--first-name",
        "Minji",
        "--last-name",
        "Kim",
        "--email",
        "minji@example.com",
    ];
    let out = open_umask(&db, env.dir.path(), "2024-01-01", &init);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&env.path("deep/er")), 0o700);
    assert_eq!(mode(&env.path("deep")), 0o700);
    // A reader keeps the WAL and shared-memory files in place while another command writes.
    let reader = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = reader
        .query_row("SELECT COUNT(*) FROM account", [], |r| r.get(0))
        .unwrap();
    let contracts = env.file(
        "contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,60000,month,2024-01-01,\n",
    );
    let out = open_umask(
        &db,
        env.dir.path(),
        "2024-02-05",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&sidecar(&db, "-wal")), 0o600);
    assert_eq!(mode(&sidecar(&db, "-shm")), 0o600);
    drop(reader);
    for name in ["fees.csv", "fees.xlsx"] {
        let out = open_umask(
            &db,
            env.dir.path(),
            "2024-02-05",
            &["export", "--month", "2024-01", "--output", name],
        );
        assert!(out.status.success(), "{out:?}");
        assert_eq!(mode(&env.path(name)), 0o600, "{name}");
    }
    let out = open_umask(
        &db,
        env.dir.path(),
        "2024-02-05",
        &["confirmation", "--month", "2024-01", "--output", "c.html"],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&env.path("c.html")), 0o600);
}

/// Every byte of every file in the folder and every output, searched for the test PANs in
/// the ways they can be written.
fn assert_no_pan(what: &str, bytes: &[u8]) {
    for pan in PANS {
        let spaced: String = pan
            .chars()
            .enumerate()
            .flat_map(|(i, c)| (i > 0 && i % 4 == 0).then_some(' ').into_iter().chain([c]))
            .collect();
        for form in [pan.to_string(), spaced.clone(), spaced.replace(' ', "-")] {
            assert!(
                !bytes.windows(form.len()).any(|w| w == form.as_bytes()),
                "{what} holds {form}"
            );
        }
    }
    assert!(
        find_card_number(bytes).is_none(),
        "{what} holds a card number"
    );
}

#[test]
fn p11_card_numbers_are_refused_everywhere_and_stored_nowhere() {
    let env = Env::new().with_member().with_february();
    // Keep the WAL around so that it is searched too.
    let reader = rusqlite::Connection::open(&env.db).unwrap();
    let _: i64 = reader
        .query_row("SELECT COUNT(*) FROM bills", [], |r| r.get(0))
        .unwrap();
    let now = "2024-03-20T10:00";
    env.ok(now, &["pay", "--auto"]);
    let mut outputs: Vec<u8> = Vec::new();
    let header = "contract_no,service,region,plan,price,unit,start_date,end_date\n";
    for pan in PANS {
        let spaced = format!("{} {} {}", &pan[..4], &pan[4..10], &pan[10..]);
        let files = [
            ("contracts", format!("{header}{pan},Server,KR,monthly,1000,month,2024-03-01,\n")),
            ("contracts", format!("{header}KR-X-1,Card {spaced},KR,monthly,1000,month,2024-03-01,\n")),
            ("usage", format!("contract_no,date,quantity\nKR-LB-1,2024-03-01,{pan}\n")),
            ("holidays", format!("date,name\n2025-10-10,{pan}\n")),
            (
                "promotions",
                format!("name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n{pan},Server,credit,monthly,1,0,,1000,2024-03-01,2024-12-31\n"),
            ),
            (
                "fees",
                format!("month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n2023-11,KR,Server,KR-X-1,{pan},1,month,1000,1000,0,1000\n"),
            ),
        ];
        let mut commands: Vec<Vec<String>> = Vec::new();
        for (i, (kind, body)) in files.iter().enumerate() {
            let f = env.file(&format!("pan-{i}.csv"), body);
            commands.push(vec![
                "import".into(),
                kind.to_string(),
                f.to_string_lossy().into_owned(),
            ]);
        }
        for args in [
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                "VISA",
                "--last4",
                pan,
                "--expiry",
                "2027-12",
            ],
            vec![
                "account",
                "payment-method",
                "card",
                "--brand",
                &format!("VISA {pan}"),
                "--last4",
                "1111",
                "--expiry",
                "2027-12",
            ],
            vec!["pay", "--deposit", "1000", "--reference", pan, "--yes"],
            vec![
                "pay",
                "--deposit",
                "1000",
                "--reference",
                &format!("card {spaced}"),
                "--yes",
            ],
            vec!["pay", "--instant", "--yes", "--idempotency-key", pan],
            vec!["account", "set", "--phone", pan],
            vec!["account", "billing-email", &format!("{pan}@example.com")],
            vec!["calendar", "add", "2025-10-10", &format!("card {pan}")],
            vec!["pay", "--deposit", pan, "--yes"],
            vec!["history", "--month", pan],
        ] {
            commands.push(args.iter().map(|a| a.to_string()).collect());
        }
        for args in commands {
            let argv: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = env.run(now, &argv);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{argv:?} was not refused: {out:?}"
            );
            outputs.extend_from_slice(&out.stdout);
            outputs.extend_from_slice(&out.stderr);
        }
        // Through the environment too.
        let out = env
            .cmd(now)
            .env("NCP_USAGE_NOW", *pan)
            .arg("status")
            .output()
            .unwrap();
        outputs.extend_from_slice(&out.stderr);
    }
    assert_no_pan("the outputs", &outputs);
    // Exports, and a report of everything.
    env.ok(
        now,
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            &env.path("fees.csv").to_string_lossy(),
        ],
    );
    env.ok(
        now,
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            &env.path("fees.xlsx").to_string_lossy(),
        ],
    );
    for entry in std::fs::read_dir(env.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("pan-") {
            continue; // the inputs themselves
        }
        assert_no_pan(&name, &std::fs::read(&path).unwrap());
    }
    assert!(sidecar(&env.db, "-wal").exists(), "the WAL was searched");
    drop(reader);
    let (code, _, out) = crate::check::check(&env.db);
    assert_eq!(code, Some(0), "{out}");
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

/// SQL is written out in full (or assembled with `concat!` from literals) and takes its
/// values as parameters: no `format!` builds a statement.
#[test]
fn no_sql_is_built_by_formatting() {
    let mut files = Vec::new();
    for dir in [
        "src",
        "crates/core/src",
        "crates/ledger/src",
        "crates/app/src",
    ] {
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    assert!(files.len() > 60);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("format!(") {
            // The macro's first argument: its format string, up to the first closing quote.
            let rest = &text[at + "format!(".len()..];
            let literal = rest.trim_start();
            let body =
                if let Some(raw) = literal.strip_prefix("r\"").or(literal.strip_prefix("r#\"")) {
                    raw.split('"').next().unwrap_or("")
                } else if let Some(s) = literal.strip_prefix('"') {
                    s.split("\",")
                        .next()
                        .unwrap_or(s)
                        .split("\")")
                        .next()
                        .unwrap_or(s)
                } else {
                    continue; // not a literal first: no SQL text here
                };
            let upper = body.to_uppercase();
            let sql = [
                "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "REPLACE ", "CREATE ", "DROP ",
                "PRAGMA ",
            ]
            .iter()
            .any(|k| {
                body.contains(k) || (upper.starts_with(k.trim()) && body.starts_with(&k[..1]))
            });
            if sql
                && (body.contains(" FROM ")
                    || body.contains(" INTO ")
                    || body.contains(" SET ")
                    || body.contains("TABLE")
                    || upper.starts_with("PRAGMA"))
            {
                let line = text[..at].lines().count();
                found.push(format!(
                    "{}:{line}: format!({}…",
                    file.display(),
                    &body[..body.len().min(60)]
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL built with format!:\n{}",
        found.join("\n")
    );
}

fn text() -> impl Strategy<Value = String> {
    // Any characters, with the formula starts and quotes weighted in.
    prop_oneof![
        any::<String>(),
        ("[=+\\-@\t\r']{1,3}", any::<String>()).prop_map(|(a, b)| a + &b),
        "[=+\\-@'\t\r ]?[A-Za-z0-9(),.\"' =+@-]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// H4: no exported text cell starts like a formula, and the importer gets back exactly
    /// what was exported.
    #[test]
    fn h4_neutralized_text_never_starts_a_formula_and_reverses(s in text()) {
        let n = neutralize(&s);
        prop_assert!(!n.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?} -> {:?}", s, n);
        prop_assert_eq!(unneutralize(&n), s.as_str());
    }
}

fn importable_text() -> impl Strategy<Value = String> {
    // What the importer accepts as a name or unit: up to 40 characters, no control
    // characters, no surrounding spaces (it trims).
    "[=+\\-@'A-Za-z0-9가-힣 ,.\"()]{1,40}".prop_filter("trimmed and card-free", |s| {
        s.trim() == s && find_card_number(s.as_bytes()).is_none()
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// H4, §11: export → import round-trips formula-like names exactly.
    #[test]
    fn h4_export_then_import_round_trips(
        service in importable_text(),
        item in importable_text(),
        unit in importable_text(),
        contract in "[-+=@]?[A-Za-z0-9._:/-]{1,20}",
        used in 0i64..1_000_000,
        discount_share in 0i64..=100,
    ) {
        let discount = used * discount_share / 100;
        let line = FeeLine {
            month: "2023-11".parse().unwrap(),
            region: "KR".into(),
            service,
            contract_no: contract.clone(),
            item,
            quantity: rust_decimal::Decimal::new(15, 1),
            unit,
            unit_price: rust_decimal::Decimal::new(12, 0),
            used_amount: ncp_usage_core::money::Krw::new(used),
            discount_amount: ncp_usage_core::money::Krw::new(discount),
            estimated_payment_amount: ncp_usage_core::money::Krw::new(used - discount),
            ncp: None,
        };
        // A contract number the importer refuses (it allows letters, digits and -_.:/
        // only) is not something export could have written.
        prop_assume!(!contract.starts_with(['+', '=', '@']));
        let mut csv = Vec::new();
        write_csv(&mut csv, std::slice::from_ref(&line)).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_slice());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{}", cell);
            }
        }
        let mut ledger = Ledger::in_memory().unwrap();
        let now = ncp_usage_core::clock::parse_as_of("2024-01-01").unwrap();
        let back = ledger
            .write(now, |tx| {
                import(tx, Kind::Fees, &csv)?;
                fees::of_month(tx, line.month)
            })
            .unwrap();
        prop_assert_eq!(back, vec![line]);
    }
}
