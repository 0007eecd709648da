//! Issue 15, step 1 (docs/ACCOUNTS.md): every statement on an account's rows works for the
//! running account only.
//!
//! The oracle needs no knowledge of the SQL: two ledgers are built by the binary, each of one
//! account; the second's rows are then merged into the first as a second account (ids
//! negated, so they never collide and never move the first's next id). Every read command on
//! the first account must print exactly what it printed before the merge, and the same
//! writes on a copy without the merge and on the merged ledger must leave the first account's
//! rows the same and the second's untouched. A statement that forgets its account sums,
//! lists, checks or overwrites the other one's rows, and shows here.

use std::path::Path;

use rusqlite::Connection;

use crate::common::Env;

/// Account `main` of the first ledger: a business member since 2024-01-01, paying by card,
/// with February's rated figures paid instantly, NCP's own May (bill, services, contracts,
/// summary; member 1000001) and a deposit waiting as credit.
fn first() -> Env {
    let env = Env::business("2024-01-01")
        .paying_by_card("2024-01-01", "2027-12", &[])
        .with_february();
    env.ok(
        "2024-03-05T15:00",
        &["pay", "--instant", "--idempotency-key", "a-inst", "--yes"],
    );
    let ncp = |name: &str| format!("{}/fixtures/ncp/{name}", env!("CARGO_MANIFEST_DIR"));
    env.ok(
        "2024-06-20",
        &[
            "import",
            "ncp",
            &ncp("demand-cost-2024-05.json"),
            &ncp("product-demand-2024-05.json"),
            &ncp("contract-demand-2024-05.json"),
            &ncp("contract-summary-2024-05.json"),
        ],
    );
    env.ok(
        "2024-06-20",
        &[
            "pay",
            "--deposit",
            "10000",
            "--reference",
            "KB-0620",
            "--idempotency-key",
            "a-dep",
            "--yes",
        ],
    );
    env
}

/// The account merged in: an individual member since 2024-01-01 with the same contract
/// numbers and figures (so a key without its account collides), paid by its own card and a
/// deposit, with a cash receipt, and NCP's June bill of another member (1000002).
fn second() -> Env {
    let env = Env::new().with_member().with_february();
    env.ok(
        "2024-03-05T15:00",
        &["pay", "--instant", "--idempotency-key", "b-inst", "--yes"],
    );
    env.ok(
        "2024-03-21",
        &[
            "pay",
            "--deposit",
            "5000",
            "--reference",
            "KB-0321",
            "--idempotency-key",
            "b-dep",
            "--yes",
        ],
    );
    let bill = format!(
        "{}/fixtures/ncp/v1/demand-cost-2024-06-other-member.json",
        env!("CARGO_MANIFEST_DIR")
    );
    env.ok("2024-07-20", &["import", "ncp", &bill]);
    env
}

/// The columns holding a row id of an account's table (negated in the merged copy).
const IDS: &[&str] = &["id", "payment_id", "method_id", "credit_id"];

/// Text that must stay unique across the ledger (suffixed in the merged copy).
const UNIQUE_TEXT: &[(&str, &str)] = &[
    ("payments", "idempotency_key"),
    ("payment_keys", "key"),
    ("confirmations", "number"),
];

/// Merges `other`'s account 1 into `db` as account 2, `other`.
fn merge(db: &Path, other: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute("ATTACH DATABASE ?1 AS other", [other.to_str().unwrap()])
        .unwrap();
    conn.execute(
        "INSERT INTO accounts (id, name, member_no, created_at, caught_up_to)
         SELECT 2, 'other', NULL, created_at, caught_up_to FROM other.accounts WHERE id = 1",
        [],
    )
    .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'accounts'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let (owner, filter) = if table == "account" {
            ("id", "id = 1")
        } else if columns.iter().any(|c| c == "account_id") {
            ("account_id", "account_id = 1")
        } else {
            continue; // shared: meta, holidays, NCP's codes
        };
        let values: Vec<String> = columns
            .iter()
            .map(|c| {
                if c == owner {
                    "2".to_string()
                } else if IDS.contains(&c.as_str()) {
                    format!("-\"{c}\"")
                } else if UNIQUE_TEXT.contains(&(table.as_str(), c.as_str())) {
                    format!("\"{c}\" || '~other'")
                } else {
                    format!("\"{c}\"")
                }
            })
            .collect();
        let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        conn.execute(
            &format!(
                "INSERT INTO main.\"{table}\" ({}) SELECT {} FROM other.\"{table}\" WHERE {filter}",
                names.join(", "),
                values.join(", ")
            ),
            [],
        )
        .unwrap();
    }
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "the merged ledger's references hold");
}

/// Every row of one account, table by table, in a stable order.
fn rows_of(db: &Path, account: i64) -> String {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for table in tables {
        let owner = if table == "account" {
            "id"
        } else {
            let has: bool = conn
                .query_row(
                    &format!(
                        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('{table}') WHERE name = 'account_id')"
                    ),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            if !has {
                continue;
            }
            "account_id"
        };
        out.push_str(&format!("# {table}\n"));
        let mut stmt = conn
            .prepare(&format!(
                "SELECT * FROM \"{table}\" WHERE {owner} = ?1 ORDER BY 1, 2, 3"
            ))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([account]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

/// The read commands, each at its instant: every view of the account's money and facts.
const READS: &[(&str, &[&str])] = &[
    ("2024-06-20", &["history", "--month", "2024-02", "--json"]),
    (
        "2024-06-20",
        &["history", "--month", "2024-02", "--detail", "--json"],
    ),
    (
        "2024-06-20",
        &["history", "--month", "2024-02", "--format", "csv"],
    ),
    ("2024-06-20", &["history", "--month", "2024-05", "--json"]),
    (
        "2024-06-20",
        &["history", "--month", "2024-05", "--detail", "--json"],
    ),
    ("2024-06-20", &["history", "--month", "2024-06", "--json"]),
    ("2024-06-20", &["status", "--json"]),
    ("2024-06-20", &["status", "--month", "2024-05", "--json"]),
    ("2024-06-20", &["pay", "--json"]),
    ("2024-08-20", &["pay", "--json"]),
    ("2024-06-20", &["trend", "--json"]),
    ("2024-06-20", &["promotions", "--json"]),
    ("2024-06-20", &["account", "show", "--json"]),
    ("2024-06-20", &["notifications", "--json"]),
    ("2024-06-20", &["receipt", "list", "--json"]),
    ("2024-03-10", &["history", "--month", "2024-02", "--json"]),
    ("2024-03-10", &["pay", "--json"]),
    ("2024-06-20", &["check", "--json"]),
];

/// What a command printed (exit code, stdout, stderr), its ledger's folder written `<dir>`
/// so that two ledgers' runs compare.
fn printed(env: &Env, out: &std::process::Output) -> String {
    format!(
        "exit {:?}\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
    .replace(env.dir.path().to_str().unwrap(), "<dir>")
}

/// What every read prints, one block per read.
fn read_all(env: &Env) -> Vec<String> {
    READS
        .iter()
        .map(|(as_of, args)| {
            let out = env.run(as_of, &[&["--account", "main"], *args].concat());
            format!(
                "$ --as-of {as_of} {}\n{}",
                args.join(" "),
                printed(env, &out)
            )
        })
        .collect()
}

#[test]
fn another_accounts_rows_change_no_read_of_this_one() {
    let alone = first();
    let merged = first();
    let other = second();
    let before = read_all(&merged);
    assert_eq!(before, read_all(&alone), "the two builds agree");
    merge(&merged.db, &other.db);
    let after = read_all(&merged);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
}

/// The writes run on both ledgers after the merge: a payment of what is due, a re-import of
/// NCP's May, a fees CSV, a confirmation, a holiday (shared), a card change.
#[test]
fn writes_for_this_account_leave_the_other_untouched_and_act_as_alone() {
    let alone = first();
    let merged = first();
    let other = second();
    merge(&merged.db, &other.db);
    let theirs = rows_of(&merged.db, 2);
    let ncp = |name: &str| format!("{}/fixtures/ncp/{name}", env!("CARGO_MANIFEST_DIR"));
    let writes: Vec<(&str, Vec<String>)> = vec![
        (
            "2024-06-21",
            vec![
                "import".into(),
                "ncp".into(),
                ncp("demand-cost-2024-05.json"),
            ],
        ),
        (
            "2024-06-21",
            vec![
                "account".into(),
                "payment-method".into(),
                "card".into(),
                "--brand".into(),
                "MASTER".into(),
                "--last4".into(),
                "5454".into(),
                "--expiry".into(),
                "2028-06".into(),
            ],
        ),
        (
            "2024-08-20",
            vec![
                "pay".into(),
                "--instant".into(),
                "--idempotency-key".into(),
                "a-aug".into(),
                "--yes".into(),
                "--json".into(),
            ],
        ),
        (
            "2024-08-20",
            vec![
                "confirmation".into(),
                "--month".into(),
                "2024-05".into(),
                "--output".into(),
                "<dir>/conf.html".into(),
                "--json".into(),
            ],
        ),
    ];
    for (as_of, args) in &writes {
        let run = |env: &Env| {
            let args: Vec<String> = args
                .iter()
                .map(|a| a.replace("<dir>", env.dir.path().to_str().unwrap()))
                .collect();
            let args: Vec<&str> = ["--account", "main"]
                .into_iter()
                .chain(args.iter().map(String::as_str))
                .collect();
            printed(env, &env.run(as_of, &args))
        };
        assert_eq!(run(&alone), run(&merged), "{args:?}");
    }
    assert_eq!(rows_of(&alone.db, 1), rows_of(&merged.db, 1));
    assert_eq!(
        theirs,
        rows_of(&merged.db, 2),
        "the other account is untouched"
    );
    assert_eq!(read_all(&alone), read_all(&merged));
}
