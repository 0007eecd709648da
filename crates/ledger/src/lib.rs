//! The ledger: the only code that speaks SQL.
//!
//! One SQLite file per account (SPEC O4): created with its folder on first use (file 0600,
//! folder 0700), WAL, foreign keys, STRICT tables, an explicit busy timeout, migrations by
//! `user_version`. Every command runs in one transaction — writers take the write lock up
//! front with `BEGIN IMMEDIATE` and check T2's monotonic clock inside it — so a command
//! either happens whole or not at all, and two shells never interleave.

/// `account_id = ` the running account ([`ledger_account!`]), for a statement's table or for
/// the table an alias names (`this_account!("b")`): a statement on an account's rows says
/// whose, for every account table it names (docs/ACCOUNTS.md). Defined before the modules
/// so that each can use it by name inside `concat!`.
macro_rules! this_account {
    () => {
        concat!("account_id = ", $crate::ledger_account!())
    };
    ($alias:literal) => {
        concat!($alias, ".account_id = ", $crate::ledger_account!())
    };
}

pub mod account;
pub mod accounts;
pub mod as_of;
pub mod bills;
pub mod check;
pub mod contracts;
mod detail;
pub mod error;
pub mod fees;
pub mod holidays;
pub mod ncp;
pub mod ncp_daily;
pub mod ncp_discount;
pub mod ncp_v2;
pub mod promotions;
pub mod receipts;
pub mod upsert;
pub mod usage;
mod values;

use std::fs::{DirBuilder, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{OpenFlags, OptionalExtension, TransactionBehavior};

/// The connection a command's one transaction runs on. The layers above hold it only to hand
/// it back to this crate's functions: no SQL is written outside this crate (a test greps the
/// other crates for it).
pub use rusqlite::{Connection, Transaction};

pub use crate::as_of::AccountId;
use crate::error::{Error, Result};
use ncp_usage_core::billing::accounts::AccountRef;
use ncp_usage_core::clock::{self, Instant};

/// `PRAGMA application_id` of every ledger ("NCPU"): tells a ledger from any other database.
const APPLICATION_ID: i64 = 0x4E43_5055;

/// The migrations, in order; the ledger's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_init.sql"),
    include_str!("sql/0002_payments.sql"),
    include_str!("sql/0003_receipts.sql"),
    include_str!("sql/0004_ncp.sql"),
    include_str!("sql/0005_recorded_at.sql"),
    include_str!("sql/0006_business_details.sql"),
    include_str!("sql/0007_credits.sql"),
    include_str!("sql/0008_payment_keys.sql"),
    include_str!("sql/0009_ncp_exact.sql"),
    include_str!("sql/0010_ncp_daily.sql"),
    include_str!("sql/0011_ncp_cost_relation_codes.sql"),
    include_str!("sql/0012_ncp_discounts.sql"),
    include_str!("sql/0013_ncp_penalties.sql"),
    include_str!("sql/0014_accounts.sql"),
    include_str!("sql/0015_bill_versions.sql"),
    include_str!("sql/0016_recorded_ncp_facts.sql"),
    include_str!("sql/0017_penalties_taken_back.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a command waits for another one's write lock before giving up (exit 4).
const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open ledger.
pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
    /// The account its transactions work for ([`Ledger::choose_account`]; `main` until
    /// chosen).
    account: AccountId,
}

impl Ledger {
    /// Opens the ledger at `path`, creating it (and its folder) on first use, and brings its
    /// schema up to date. A ledger from a newer version, or a file that is not a ledger, is
    /// refused untouched.
    pub fn open(path: &Path, busy_timeout: Option<Duration>) -> Result<Ledger> {
        create_private(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| Error::from(e).context(path.display()))?;
        conn.busy_timeout(busy_timeout.unwrap_or(DEFAULT_BUSY_TIMEOUT))?;
        let mut ledger = Ledger {
            conn,
            path: Some(path.to_path_buf()),
            account: AccountId::MAIN,
        };
        ledger
            .prepare()
            .map_err(|e| e.context(format!("ledger {}", path.display())))?;
        Ok(ledger)
    }

    /// A ledger that lives in memory only: `--demo` and tests.
    pub fn in_memory() -> Result<Ledger> {
        let mut ledger = Ledger {
            conn: Connection::open_in_memory()?,
            path: None,
            account: AccountId::MAIN,
        };
        ledger.prepare()?;
        Ok(ledger)
    }

    /// Chooses the account the following transactions work for: the one `selector` names
    /// (by name or NCP member number), or the only one (issue 15, `core::billing::accounts`).
    pub fn choose_account(&mut self, selector: Option<&str>) -> Result<AccountRef> {
        let all = accounts::list(&self.conn)?;
        let chosen = ncp_usage_core::billing::accounts::choose(&all, selector)
            .map_err(Error::from)?
            .clone();
        self.account = AccountId(chosen.id);
        Ok(chosen)
    }

    /// The file behind the ledger, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        let app_id: i64 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            let objects: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if app_id != 0 || objects > 0 {
                return Err(Error::ledger(
                    "this SQLite file is not an ncp-usage ledger; point --db at a ledger or a new file",
                ));
            }
        }
        if version > SCHEMA_VERSION {
            return Err(Error::ledger(format!(
                "this ledger has schema {version}, made by a newer ncp-usage (this one knows up to {SCHEMA_VERSION}); upgrade ncp-usage to use it"
            )));
        }
        // WAL lets readers go on while a writer works; it is a property of the file.
        if self.path.is_some() {
            let mode: String =
                self.conn
                    .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::ledger(format!(
                    "cannot switch the ledger to WAL (got {mode}); is its folder writable?"
                )));
            }
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        self.conn.execute_batch(as_of::TEMP_SCHEMA)?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        // Migrations rebuild tables that others refer to (create, copy, drop, rename: SQLite's
        // way of changing a key), which foreign keys would refuse half-way; they are off for
        // the migration, which must leave every reference whole before it commits.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let migrated = self.run_migrations();
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrated?;
        // The rebuilt tables leave their old pages free (half a new ledger's file): give them
        // back, so the file holds only the ledger.
        self.conn.execute_batch("VACUUM")?;
        Ok(())
    }

    fn run_migrations(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            if i == 0 {
                holidays::seed_builtin(&tx)?;
            }
        }
        let broken: Option<String> = tx
            .query_row(
                "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(table) = broken {
            return Err(Error::ledger(format!(
                "migrating the ledger left a row of {table} pointing at nothing; the ledger is unchanged: report this with the ledger's schema version"
            )));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Runs a command that writes, at instant `now`, in one `BEGIN IMMEDIATE` transaction.
    /// T2: a `now` earlier than the latest instant the ledger recorded is refused before
    /// anything is written. On any error the transaction rolls back whole.
    pub fn write<T, E: From<Error>>(
        &mut self,
        now: Instant,
        f: impl FnOnce(&Transaction) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Error::from)?;
        let latest = latest_instant(&tx)?;
        clock::check_monotonic(latest, now).map_err(Error::from)?;
        clock::check_within_reach(latest, now, true).map_err(Error::from)?;
        as_of::set(&tx, Some(now))?;
        as_of::set_scope(&tx, self.account)?;
        let out = f(&tx)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('latest_instant', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [clock::rfc3339(now)],
        )
        .map_err(Error::from)?;
        tx.commit().map_err(Error::from)?;
        Ok(out)
    }

    /// Runs a command that only reads, in one transaction: it sees one consistent ledger,
    /// and whatever it wrote on the way (the catch-up of derived state to its instant) is
    /// rolled back, so a read never changes the ledger.
    pub fn read<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<T, E>,
    ) -> Result<T, E> {
        self.read_as_of(None, f)
    }

    /// Like [`Ledger::read`], showing the facts as they stood at `now` (T2): a fact recorded
    /// later is left out, a fact replaced later is seen as it was. Without `now`, every fact
    /// as stored (`check`).
    pub fn read_as_of<T, E: From<Error>>(
        &mut self,
        now: Option<Instant>,
        f: impl FnOnce(&Transaction) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(Error::from)?;
        if let Some(now) = now {
            clock::check_within_reach(latest_instant(&tx)?, now, false).map_err(Error::from)?;
        }
        as_of::set(&tx, now)?;
        as_of::set_scope(&tx, self.account)?;
        let out = f(&tx)?;
        tx.rollback().map_err(Error::from)?;
        Ok(out)
    }
}

/// Switches the running transaction to work for `account`: for the commands that span
/// accounts (the `accounts` list, roll-ups, an NCP import routed by member number), which
/// visit each account in turn within their one transaction.
pub fn work_for(conn: &Connection, account: AccountId) -> Result<()> {
    as_of::set_scope(conn, account)
}

/// T2: the latest instant any writing command ran at.
pub fn latest_instant(conn: &Connection) -> Result<Option<Instant>> {
    meta_instant(conn, "latest_instant", "latest instant")
}

/// An instant kept in `meta` under `key`, if any; `what` names it when it is damaged.
pub(crate) fn meta_instant(conn: &Connection, key: &str, what: &str) -> Result<Option<Instant>> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        clock::parse_as_of(&t)
            .map_err(|_| Error::ledger(format!("the ledger's {what} '{t}' is damaged")))
    })
    .transpose()
}

/// Creates the ledger file and its folder with owner-only permissions before SQLite opens it.
/// SQLite gives the `-wal` and `-shm` files the same mode as the database file.
fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.exists() {
            let mut builder = DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder.create(parent).map_err(|e| {
                Error::ledger(format!(
                    "cannot create the ledger's folder {}: {e}; choose another --db",
                    parent.display()
                ))
            })?;
        }
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::ledger(format!(
            "cannot create the ledger {}: {e}; choose another --db",
            path.display()
        ))),
    }
}

/// Reads a `YYYY-MM-DD` column written by this program.
pub(crate) fn date_col(text: &str) -> Result<chrono::NaiveDate> {
    clock::parse_date(text).ok_or_else(|| {
        Error::ledger(format!(
            "the ledger holds a damaged date '{text}'; restore the ledger from a backup"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query plans of a month's history: every usage and fee read is a range SEARCH on
    /// the month or its dates, never a SCAN over other months.
    #[test]
    fn a_months_history_does_not_scan_other_months() {
        let ledger = Ledger::in_memory().unwrap();
        let plan = |sql: &str| -> String {
            let mut stmt = ledger
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
        };
        for sql in [
            concat!(
                "SELECT contract_no, quantity_milli FROM usage_monthly WHERE ",
                this_account!(),
                " AND month = '2024-02'"
            ),
            concat!(
                "SELECT contract_no, SUM(quantity_milli) FROM usage WHERE ",
                this_account!(),
                " AND date BETWEEN '2024-02-01' AND '2024-02-14' GROUP BY contract_no"
            ),
            concat!(
                "SELECT * FROM fee_lines WHERE ",
                this_account!(),
                " AND month = '2024-02' ORDER BY region, service, contract_no, item"
            ),
        ] {
            let p = plan(sql);
            assert!(p.contains("SEARCH"), "{sql}: {p}");
            assert!(
                !p.contains("SCAN usage") && !p.contains("SCAN fee_lines"),
                "{sql}: {p}"
            );
        }
    }

    /// T2: the views reads use search current rows and earlier versions by the month's dates
    /// too (the only scans are of the view's own rows and the one-row `temp.as_of`).
    #[test]
    fn a_months_history_as_of_an_instant_does_not_scan_other_months() {
        let ledger = Ledger::in_memory().unwrap();
        for sql in [
            "SELECT contract_no, SUM(quantity_milli) FROM usage_asof WHERE date BETWEEN '2024-02-01' AND '2024-02-14' GROUP BY contract_no",
            "SELECT * FROM fee_lines_asof WHERE month = '2024-02'",
        ] {
            let mut stmt = ledger
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            let p = rows.map(Result::unwrap).collect::<Vec<_>>().join("; ");
            assert!(p.matches("SEARCH main.").count() == 2, "{sql}: {p}");
            assert!(!p.contains("SCAN main."), "{sql}: {p}");
        }
    }

    /// Schema 9 rebuilds `fee_lines` in place: a ledger made by schema 8 keeps every line
    /// (and its earlier versions) as it was, reads the same, and takes NCP's new levels.
    #[test]
    fn schema_9_keeps_the_fee_lines_of_a_schema_8_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).unwrap();
        for (i, sql) in MIGRATIONS[..8].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            if i == 0 {
                holidays::seed_builtin(&conn).unwrap();
            }
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 8).unwrap();
        conn.execute_batch(
            "INSERT INTO fee_lines (month, source, region, service, contract_no, item, quantity, unit,
                 unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at)
             VALUES ('2024-05', 'ncp_product', 'KR', 'Server(VPC)', 'VSVR', 'Server(VPC) (NCP)', '1',
                     'month', '120000', 120000, 20000, 100000, '2024-06-02T00:00:00+09:00'),
                    ('2024-04', 'csv', 'KR', 'Server', 'KR-1', 'Monthly flat rate', '1.5', 'month',
                     '1000', 1500, 0, 1500, '2024-06-01T00:00:00+09:00');
             INSERT INTO fee_lines_versions (month, source, region, service, contract_no, item, quantity,
                 unit, unit_price, used_amount, discount_amount, estimated_payment_amount, recorded_at,
                 superseded_at)
             VALUES ('2024-05', 'ncp_product', 'KR', 'Server(VPC)', 'VSVR', 'Server(VPC) (NCP)', '1',
                     'month', '90000', 90000, 0, 90000, '2024-06-01T00:00:00+09:00',
                     '2024-06-02T00:00:00+09:00');",
        )
        .unwrap();
        drop(conn);
        let mut ledger = Ledger::open(&path, None).unwrap();
        let version: i64 = ledger
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let at = |t: &str| clock::parse_as_of(t).unwrap();
        let may: ncp_usage_core::calendar::Month = "2024-05".parse().unwrap();
        let lines = |ledger: &mut Ledger, t: &str| -> Vec<(String, i64, bool)> {
            ledger
                .read_as_of(Some(at(t)), |tx| -> Result<_> {
                    Ok(fees::of_month(tx, may)?
                        .into_iter()
                        .chain(fees::of_month(tx, "2024-04".parse().unwrap())?)
                        .map(|l| {
                            (
                                l.unit_price.to_string(),
                                l.used_amount.won(),
                                l.ncp.is_none(),
                            )
                        })
                        .collect())
                })
                .unwrap()
        };
        assert_eq!(
            lines(&mut ledger, "2024-06-03"),
            vec![
                ("120000".to_string(), 120_000, true),
                ("1000".to_string(), 1_500, true)
            ]
        );
        // The version that stood before the re-import is still read at its instant.
        assert_eq!(
            lines(&mut ledger, "2024-06-01T12:00"),
            vec![
                ("90000".to_string(), 90_000, true),
                ("1000".to_string(), 1_500, true)
            ]
        );
        ledger
            .read(|tx| -> Result<()> {
                assert_eq!(ncp::demand_cost(tx, may)?, None);
                tx.execute_batch(concat!(
                    "INSERT INTO fee_lines (account_id, month, source, region, service, contract_no,
                         item, quantity, unit, unit_price, used_amount, discount_amount,
                         estimated_payment_amount, currency, exact)
                     VALUES (",
                    ledger_account!(),
                    ", '2024-05', 'ncp_item', 'KR', 'Server', 'i-1', 'vCPU', '1', 'hour', '0.5',
                             1, 0, 1, 'USD', '{\"use_amount\": 1.25}')"
                ))?;
                let err = tx
                    .execute_batch(concat!(
                        "INSERT INTO fee_lines (account_id, month, source, region, service,
                             contract_no, item, quantity, unit, unit_price, used_amount,
                             discount_amount, estimated_payment_amount)
                         VALUES (",
                        ledger_account!(),
                        ", '2024-05', 'ncp_other', 'KR', 'S', 'c', 'i', '1', 'u', '1', 1, 0, 1)"
                    ))
                    .unwrap_err();
                assert!(err.to_string().contains("CHECK"), "{err}");
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn o4_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        drop(Ledger::open(&path, None).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = Ledger::open(&path, None).err().unwrap();
        assert_eq!(err.kind, ncp_usage_core::error::Kind::Ledger);
        assert!(err.message.contains("newer ncp-usage"), "{}", err.message);
    }
}
