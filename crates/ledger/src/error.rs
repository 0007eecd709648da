//! The ledger's errors: the core's [`ncp_usage_core::error::Error`], made from SQLite's.
//!
//! The core cannot know SQLite (it has no rusqlite), and Rust lets only the crate owning a
//! type or a trait join them, so the ledger wraps the core's error: `?` turns a
//! `rusqlite::Error` into it here, and into the core's error wherever a caller above uses
//! `?` on a ledger result. The SQLite error is kept as the source.

use std::fmt;
use std::ops::Deref;

use ncp_usage_core::error::{self as core, Kind};

/// An error raised in the ledger (a core error underneath).
#[derive(Debug)]
pub struct Error(pub core::Error);

/// A ledger operation's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Bad input (exit 2).
    pub fn invalid(message: impl Into<String>) -> Error {
        Error(core::Error::invalid(message))
    }

    /// Refused by a billing rule (exit 3).
    pub fn refused(message: impl Into<String>) -> Error {
        Error(core::Error::refused(message))
    }

    /// A ledger problem (exit 4).
    pub fn ledger(message: impl Into<String>) -> Error {
        Error(core::Error::ledger(message))
    }

    /// Anything else (exit 1).
    pub fn other(message: impl Into<String>) -> Error {
        Error(core::Error::other(message))
    }

    /// Prefixes the message with where the problem is (a file, a line).
    pub fn context(self, what: impl fmt::Display) -> Error {
        Error(self.0.context(what))
    }
}

impl Deref for Error {
    type Target = core::Error;

    fn deref(&self) -> &core::Error {
        &self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

impl From<Error> for core::Error {
    fn from(e: Error) -> core::Error {
        e.0
    }
}

/// Any error the core's `?` knows becomes a ledger error the same way.
macro_rules! from_core {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Error {
                Error(core::Error::from(e))
            }
        }
    )*};
}

from_core!(
    core::Error,
    ncp_usage_core::money::MoneyError,
    ncp_usage_core::calendar::MonthError,
    ncp_usage_core::clock::AsOfError,
    ncp_usage_core::clock::NowError,
    ncp_usage_core::billing::account::AccountError,
    ncp_usage_core::billing::statement::OverCeiling,
    ncp_usage_core::billing::period::FutureMonth,
);

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        // A value read back that the core cannot take says which value, in one line (O2).
        if let rusqlite::Error::FromSqlConversionFailure(_, _, cause) = &e {
            if let Some(damaged) = cause.downcast_ref::<crate::values::Damaged>() {
                let message = damaged.to_string();
                return Error(core::Error::ledger(message).with_source(e));
            }
        }
        let (kind, message, hint) = match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => (
                Kind::Busy,
                "the ledger is locked by another process (an ncp-usage command, or a program such as sqlite3 holding it)".to_string(),
                "nothing was written, try again when it has finished",
            ),
            Some(ErrorCode::NotADatabase) => (
                Kind::Ledger,
                "the ledger file is not an SQLite database".to_string(),
                "point --db at an ncp-usage ledger",
            ),
            Some(ErrorCode::DatabaseCorrupt) => (
                Kind::Ledger,
                "the ledger file is damaged".to_string(),
                "restore it from a backup",
            ),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => (
                Kind::Ledger,
                format!("cannot write the ledger ({e})"),
                "check the file's permissions and --db",
            ),
            Some(ErrorCode::DiskFull) => (
                Kind::Ledger,
                "the disk is full".to_string(),
                "nothing was written",
            ),
            // SQLite's messages can quote a whole statement; keep the one line of O2.
            _ => {
                let one_line = e
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                return Error(
                    core::Error::ledger(format!("ledger error: {one_line}")).with_source(e),
                );
            }
        };
        Error(
            core::Error::new(kind, message)
                .with_hint(hint)
                .with_source(e),
        )
    }
}
