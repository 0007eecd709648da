//! The test environment: a temporary folder with a ledger, and helpers that run the binary
//! with a cleared environment and a fixed `--as-of`. Every helper that can fail a test is
//! `#[track_caller]`, so the failure names the line of the test that called it.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A temporary folder holding one ledger.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    #[track_caller]
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ledger.db");
        Env { dir, db }
    }

    /// The binary with a cleared environment, this ledger and the clock at `as_of`.
    #[track_caller]
    pub fn cmd(&self, as_of: &str) -> Command {
        let mut cmd = Command::cargo_bin("ncp-usage").unwrap();
        // The ledger comes from the environment, as a user's usual ledger does, so that a
        // test may add `--demo` (which refuses a --db typed beside it).
        cmd.env_clear()
            .env("NO_COLOR", "1")
            .env("NCP_USAGE_DB", &self.db)
            .arg("--as-of")
            .arg(as_of);
        cmd
    }

    #[track_caller]
    pub fn run(&self, as_of: &str, args: &[&str]) -> Output {
        self.cmd(as_of).args(args).output().unwrap()
    }

    /// Runs a command that must succeed and returns its stdout.
    #[track_caller]
    pub fn ok(&self, as_of: &str, args: &[&str]) -> String {
        let out = self.run(as_of, args);
        assert!(
            out.status.success(),
            "{args:?} failed with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail with `code`; returns its stderr, which must be one line.
    #[track_caller]
    pub fn fail(&self, as_of: &str, args: &[&str], code: i32) -> String {
        let out = self.run(as_of, args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "a failed command printed to stdout");
        assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        stderr
    }

    /// Runs a command that must fail with `code` under `--json`; returns the SPEC rule its
    /// JSON error names (the printed sentence leaves it out).
    #[track_caller]
    pub fn rule(&self, as_of: &str, args: &[&str], code: i32) -> Option<String> {
        let out = self.cmd(as_of).args(args).arg("--json").output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty(), "a failed command printed to stdout");
        let doc: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(doc["error"]["exit_code"], code);
        doc["error"]["rule"].as_str().map(str::to_string)
    }

    /// Runs a command with `--json` and parses its one document.
    #[track_caller]
    pub fn json(&self, as_of: &str, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let doc: Value = serde_json::from_str(&self.ok(as_of, &all)).unwrap();
        assert_eq!(doc["currency"], "KRW");
        doc
    }

    /// Writes a file in the temporary folder.
    #[track_caller]
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Every row of every table, for "nothing changed" checks.
    #[track_caller]
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    /// An individual member paying by card, created on 2024-01-01.
    #[track_caller]
    pub fn with_member(self) -> Env {
        self.ok(
            "2024-01-01",
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
        self.paying_by_card("2024-01-01", "2027-12", &[])
    }

    /// The February 2024 figures: a 60,000-won monthly server from the 10th and a
    /// metered load balancer at 12 won an hour used 700 hours.
    #[track_caller]
    pub fn with_february(self) -> Env {
        self.with_february_at("2024-03-01")
    }

    /// [`Env::with_february`] imported at `as_of`: a read sees it only from then on (T2).
    #[track_caller]
    pub fn with_february_at(self, as_of: &str) -> Env {
        let contracts = self.file(
            "contracts.csv",
            "contract_no,service,region,plan,price,unit,start_date,end_date\n\
             KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,\n\
             KR-LB-1,Load Balancer,KR,metered,12,hour,2024-02-01,\n",
        );
        let mut usage = String::from("contract_no,date,quantity\n");
        // 700 hours: 24 a day for 29 days is 696, plus 4 more on the 1st… spread evenly.
        for day in 1..=28 {
            usage.push_str(&format!("KR-LB-1,2024-02-{day:02},24\n"));
        }
        usage.push_str("KR-LB-1,2024-02-29,28\n");
        let usage = self.file("usage.csv", usage);
        self.ok(as_of, &["import", "contracts", contracts.to_str().unwrap()]);
        self.ok(as_of, &["import", "usage", usage.to_str().unwrap()]);
        self
    }
}

/// A textual dump of a ledger: every table's rows in key order.
#[track_caller]
pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for name in names {
        out.push_str(&format!("# {name}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
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

impl Env {
    /// A business member, Jisoo Lee (jisoo@corp.example, SMS to 010-1111-2222), created at
    /// `as_of` with no payment method yet.
    #[track_caller]
    pub fn business(as_of: &str) -> Env {
        let env = Env::new();
        env.ok(
            as_of,
            &[
                "init",
                "--member-type",
                "business",
                "--first-name",
                "Jisoo",
                "--last-name",
                "Lee",
                "--email",
                "jisoo@corp.example",
                "--phone",
                "010-1111-2222",
            ],
        );
        env
    }

    /// Registers the card VISA ****4242 expiring `expiry`, with `extra` options (`--limit`).
    #[track_caller]
    pub fn paying_by_card(self, as_of: &str, expiry: &str, extra: &[&str]) -> Env {
        let mut args = vec![
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            "4242",
            "--expiry",
            expiry,
        ];
        args.extend_from_slice(extra);
        self.ok(as_of, &args);
        self
    }

    /// Registers a card expiring `expiry`, then direct deposit (P11: deposit needs an
    /// automatic method first).
    #[track_caller]
    pub fn paying_by_deposit(self, as_of: &str, expiry: &str) -> Env {
        let env = self.paying_by_card(as_of, expiry, &[]);
        env.ok(as_of, &["account", "payment-method", "deposit"]);
        env
    }

    /// Imports contracts: `rows` in the contracts format, without the header.
    #[track_caller]
    pub fn with_contracts(self, as_of: &str, rows: &str) -> Env {
        let file = self.file(
            "contracts.csv",
            format!("contract_no,service,region,plan,price,unit,start_date,end_date\n{rows}"),
        );
        self.ok(as_of, &["import", "contracts", file.to_str().unwrap()]);
        self
    }

    /// The binary as a child process with piped output, to race several at once.
    #[track_caller]
    pub fn spawn(&self, as_of: &str, args: &[&str]) -> std::process::Child {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("ncp-usage"))
            .env_clear()
            .env("NO_COLOR", "1")
            .env("NCP_USAGE_DB", &self.db)
            .arg("--as-of")
            .arg(as_of)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

/// Runs `args` on a pseudo-terminal (`script`), types `keys` once the prompt is on screen,
/// and returns what the terminal showed and the exit status.
pub fn at_a_prompt(env: &Env, as_of: &str, args: &str, keys: &[u8]) -> (String, Option<i32>) {
    use std::io::{Read as _, Write as _};
    let bin = assert_cmd::cargo::cargo_bin("ncp-usage");
    let line = format!(
        "{} --db {} --as-of {as_of} {args}",
        bin.display(),
        env.db.display()
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs a command on a pseudo-terminal");
    let screen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = {
        let screen = std::sync::Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 256];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&screen.lock().unwrap()).contains('?') {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "no prompt"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The prompt is drawn; let dialoguer switch the terminal to raw mode.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(keys).unwrap();
    stdin.flush().unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let shown = String::from_utf8_lossy(&screen.lock().unwrap()).into_owned();
    (shown, status.code())
}
