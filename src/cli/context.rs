//! What every command gets: the ledger location, the instant "now", the output format and
//! whether prompts may be skipped.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use super::output::Format;
use super::Cli;

use ncp_usage_app::exchange::demo;
use ncp_usage_app::ops::catch_up::{catch_up, catch_up_for_write};
use ncp_usage_app::report::{Report, Style};
use ncp_usage_core::billing::gateway::LocalGateway;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{AccountId, Ledger, Transaction};

/// The settings of one command run.
pub struct Context {
    /// The ledger file, or `None` with `--demo`.
    pub db: Option<PathBuf>,
    /// T1: the one instant every rule is evaluated at.
    pub now: Instant,
    /// How to print results.
    pub format: Format,
    /// `--account`: the account to work for (the only one when `None`).
    pub account: Option<String>,
    /// Whether `--account` was typed (not taken from `NCP_USAGE_ACCOUNT`).
    pub account_typed: bool,
    /// `--yes`: skip confirmation prompts.
    pub yes: bool,
    /// Who approves charges.
    pub gateway: LocalGateway,
}

impl Context {
    /// Resolves the global options.
    pub fn new(cli: &Cli) -> Result<Context> {
        let now = match &cli.as_of {
            // A value from the environment is named, as the typed option need not be.
            Some(text) if std::env::var("NCP_USAGE_NOW").ok().as_ref() == Some(text) => {
                clock::parse_now(text).map_err(|e| Error::from(e).context("NCP_USAGE_NOW"))?
            }
            Some(text) => clock::parse_now(text)?,
            None => {
                let now = clock::system_now();
                clock::check_now(&clock::rfc3339(now), now)?
            }
        };
        let format = if cli.json {
            Format::Json
        } else {
            cli.format.unwrap_or(Format::Table)
        };
        let db = if cli.demo {
            // NCP_USAGE_DB names the usual ledger; only a --db typed beside --demo conflicts.
            let from_env = std::env::var_os("NCP_USAGE_DB").map(PathBuf::from);
            if cli.db.is_some() && cli.db != from_env {
                return Err(Error::invalid(
                    "--demo uses a ledger in memory and never touches --db; drop one of the two (to keep the demo in a file: ncp-usage --db FILE init --demo)",
                ));
            }
            None
        } else {
            Some(match &cli.db {
                Some(p) if p.as_os_str().is_empty() => {
                    return Err(Error::invalid("--db is empty; give a file path"))
                }
                Some(p) => {
                    refuse_url(p)?;
                    p.clone()
                }
                None => default_db()?,
            })
        };
        Ok(Context {
            db,
            now,
            format,
            account: cli.account.clone(),
            account_typed: cli.account.is_some()
                && std::env::var("NCP_USAGE_ACCOUNT").ok() != cli.account,
            yes: cli.yes,
            gateway: LocalGateway,
        })
    }

    /// Runs a command that writes: one `BEGIN IMMEDIATE` transaction that first catches the
    /// ledger up to "now" (bills, automatic payments, outstanding notices, penalties).
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut ledger = self.ledger()?;
        ledger.write(self.now, |tx| {
            catch_up_for_write(tx, self.now, &self.gateway)?;
            f(tx)
        })
    }

    /// Runs a command that writes for the accounts its input names (`import ncp`, routed by
    /// NCP member, issue 15): like [`Context::write`] for the chosen account, which `f` is
    /// given; with several accounts and none chosen, `f` gets `None` and chooses each
    /// account itself (and catches it up). A named account that does not exist is refused.
    pub fn write_routed<T>(
        &self,
        f: impl FnOnce(&Transaction, Option<AccountId>) -> Result<T>,
    ) -> Result<T> {
        let mut ledger = self.open()?;
        let chosen = match ledger.choose_account(self.account.as_deref()) {
            Ok(a) => Some(AccountId(a.id)),
            Err(e) => {
                let e = Error::from(e);
                // Several accounts and none named: not a fault until a body needs one.
                if self.account.is_some() || e.kind != ncp_usage_core::error::Kind::Invalid {
                    return Err(e);
                }
                None
            }
        };
        ledger.write(self.now, |tx| {
            if chosen.is_some() {
                catch_up_for_write(tx, self.now, &self.gateway)?;
            }
            f(tx, chosen)
        })
    }

    /// Runs a command that writes and does its own catching up (`pay --auto`, which reports
    /// what the catch-up did).
    pub fn write_without_catch_up<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        self.ledger()?.write(self.now, f)
    }

    /// Runs a command that reads the ledger exactly as stored, without catching up (`check`).
    pub fn read_without_catch_up<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.existing_ledger()?.read(f)
    }

    /// Runs a command that reads: the ledger as it stands at "now", caught up in a
    /// transaction that is rolled back afterwards.
    pub fn read<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<T> {
        let mut ledger = self.existing_ledger()?;
        // A read's catch-up writes only when something fell due since the last write; if a
        // writer commits meanwhile, SQLite refuses to upgrade the stale read at once
        // (SQLITE_BUSY), and reading again from a fresh snapshot is the cure.
        let mut tries = 0;
        loop {
            let result = ledger.read_as_of(Some(self.now), |tx| {
                catch_up(tx, self.now, &self.gateway)?;
                f(tx)
            });
            match result {
                Err(e) if e.kind == ncp_usage_core::error::Kind::Busy && tries < 20 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10 * tries));
                }
                other => return other,
            }
        }
    }

    /// Opens the ledger, creating it on first use; with `--demo`, a fresh in-memory ledger
    /// holding the demo account.
    fn ledger(&self) -> Result<Ledger> {
        let mut ledger = self.open()?;
        ledger.choose_account(self.account.as_deref())?;
        Ok(ledger)
    }

    /// Runs a command that spans every account (`accounts`): one read transaction, each
    /// account visited in turn by the command itself; nothing it wrote is kept.
    pub fn read_across<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.existing_ledger_path()?;
        self.open()?.read_as_of(Some(self.now), f)
    }

    /// Runs a roll-up (`--all-accounts`): [`Context::read_across`], refused (exit 2) when
    /// `--account` names one account too; `NCP_USAGE_ACCOUNT` is left aside.
    /// Like [`Context::read`], a stale snapshot that a writer overtook is read again.
    pub fn read_all<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<T> {
        if self.account_typed {
            return Err(Error::invalid(
                "--all-accounts shows every account and --account chooses one; drop one of the two",
            ));
        }
        let mut tries = 0;
        loop {
            match self.read_across(&f) {
                Err(e) if e.kind == ncp_usage_core::error::Kind::Busy && tries < 20 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10 * tries));
                }
                other => return other,
            }
        }
    }

    /// Runs a command that changes the accounts themselves (`accounts add|rename|remove`),
    /// in one writing transaction.
    pub fn write_across<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.existing_ledger_path()?;
        self.open()?.write(self.now, f)
    }

    /// Opens the ledger without choosing an account (the first one is in scope).
    fn open(&self) -> Result<Ledger> {
        Ok(match &self.db {
            Some(path) => Ledger::open(path, busy_timeout())?,
            None => {
                let mut ledger = Ledger::in_memory()?;
                ledger.write(self.now, |tx| demo::load(tx))?;
                ledger
            }
        })
    }

    /// The ledger for a read: a read never creates one, so a mistyped `--db` (or a first
    /// command on a new machine) is told so instead of showing an empty account.
    fn existing_ledger(&self) -> Result<Ledger> {
        self.existing_ledger_path()?;
        self.ledger()
    }

    /// Refuses a ledger file that does not exist yet, for the commands that never make one.
    fn existing_ledger_path(&self) -> Result<()> {
        match &self.db {
            Some(path) if !path.exists() => Err(Error::refused(format!(
                "{} (there is no ledger file at {}: check --db or NCP_USAGE_DB, or try --demo)",
                ncp_usage_ledger::account::NO_ACCOUNT,
                path.display()
            ))),
            _ => Ok(()),
        }
    }

    /// Prints a report in the chosen format on stdout.
    pub fn print<R: Report>(&self, report: &R) -> Result<()> {
        let style = Style {
            color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            width: terminal_width(),
        };
        super::output::print(report, self.format, style)
    }
}

/// Refuses a `--db` that is a server URL rather than a file: SQLite would otherwise make a
/// folder tree out of `postgres://user:password@host/db`, password and all. PostgreSQL is
/// planned (issue 16, docs/POSTGRES.md); the URL is never echoed, as it may hold a password.
fn refuse_url(path: &std::path::Path) -> Result<()> {
    let text = path.to_string_lossy();
    let scheme = text.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("postgres" | "postgresql") => Err(Error::invalid(
            "--db names a PostgreSQL server, and PostgreSQL ledgers are not supported yet (planned: docs/POSTGRES.md); give a SQLite file path",
        )),
        Some(s) if !s.is_empty() && s != "file" && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) => {
            Err(Error::invalid("--db names a URL; give a SQLite file path"))
        }
        _ => Ok(()),
    }
}

/// The default ledger: `ncp-usage/ledger.db` in the user's data folder.
fn default_db() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "ncp-usage")
        .map(|d| d.data_dir().join("ledger.db"))
        .ok_or_else(|| {
            Error::invalid(
                "cannot find your data folder (is HOME set?); pass --db PATH or set NCP_USAGE_DB",
            )
        })
}

/// `NCP_USAGE_BUSY_TIMEOUT_MS` shortens or lengthens the wait for another command's lock.
fn busy_timeout() -> Option<Duration> {
    std::env::var("NCP_USAGE_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
}

/// `COLUMNS`, else the terminal's width when stdout is one.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| comfy_table::Table::new().width())
}
