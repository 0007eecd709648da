//! The errors a command can end with, and their exit codes (SPEC O2).
//!
//! Every failure is one line on stderr that names what was wrong and how to fix it. The kind
//! decides the exit status scripts rely on: 2 invalid input, 3 refused by a billing rule,
//! 4 a ledger problem, 1 anything else.

use std::fmt;

/// What went wrong, as far as the exit status is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Input that cannot be used: exit 2.
    Invalid,
    /// Valid input that a billing rule refuses: exit 3.
    Refused,
    /// The ledger is damaged or from a newer version: exit 4.
    Ledger,
    /// Another command holds the ledger's lock past the busy timeout: exit 4.
    Busy,
    /// Anything else (an unwritable output file, …): exit 1.
    Other,
}

impl Kind {
    /// The process exit status for this kind (SPEC O2).
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Invalid => 2,
            Kind::Refused => 3,
            Kind::Ledger | Kind::Busy => 4,
            Kind::Other => 1,
        }
    }
}

/// A failed command: its kind and the one line that explains it.
#[derive(Debug)]
pub struct Error {
    /// Decides the exit status.
    pub kind: Kind,
    /// What was wrong and how to fix it.
    pub message: String,
}

/// A command's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Bad input (exit 2).
    pub fn invalid(message: impl Into<String>) -> Error {
        Error {
            kind: Kind::Invalid,
            message: message.into(),
        }
    }

    /// Refused by a billing rule (exit 3).
    pub fn refused(message: impl Into<String>) -> Error {
        Error {
            kind: Kind::Refused,
            message: message.into(),
        }
    }

    /// A ledger problem (exit 4).
    pub fn ledger(message: impl Into<String>) -> Error {
        Error {
            kind: Kind::Ledger,
            message: message.into(),
        }
    }

    /// Anything else (exit 1).
    pub fn other(message: impl Into<String>) -> Error {
        Error {
            kind: Kind::Other,
            message: message.into(),
        }
    }

    /// Prefixes the message with where the problem is (a file, a line).
    pub fn context(self, what: impl fmt::Display) -> Error {
        Error {
            kind: self.kind,
            message: format!("{what}: {}", self.message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        let code = e.sqlite_error_code();
        let message = match code {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                return Error {
                    kind: Kind::Busy,
                    message: "the ledger is locked by another ncp-usage command; nothing was written, try again when it has finished".to_string(),
                };
            }
            Some(ErrorCode::NotADatabase) => {
                "the ledger file is not an SQLite database; point --db at an ncp-usage ledger"
                    .to_string()
            }
            Some(ErrorCode::DatabaseCorrupt) => {
                "the ledger file is damaged; restore it from a backup".to_string()
            }
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                format!("cannot write the ledger ({e}); check the file's permissions and --db")
            }
            Some(ErrorCode::DiskFull) => "the disk is full; nothing was written".to_string(),
            // SQLite's messages can quote a whole statement; keep the one line of O2.
            _ => format!(
                "ledger error: {}",
                e.to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        };
        Error::ledger(message)
    }
}

impl From<crate::money::MoneyError> for Error {
    fn from(e: crate::money::MoneyError) -> Error {
        Error::invalid(e.to_string())
    }
}

impl From<crate::calendar::MonthError> for Error {
    fn from(e: crate::calendar::MonthError) -> Error {
        Error::invalid(e.to_string())
    }
}

impl From<crate::clock::AsOfError> for Error {
    fn from(e: crate::clock::AsOfError) -> Error {
        Error::invalid(e.to_string())
    }
}

impl From<crate::clock::NowError> for Error {
    fn from(e: crate::clock::NowError) -> Error {
        Error::invalid(e.to_string())
    }
}

impl From<crate::billing::account::AccountError> for Error {
    fn from(e: crate::billing::account::AccountError) -> Error {
        if e.is_refusal() {
            Error::refused(e.to_string())
        } else {
            Error::invalid(e.to_string())
        }
    }
}

impl From<crate::billing::period::FutureMonth> for Error {
    fn from(e: crate::billing::period::FutureMonth) -> Error {
        Error::invalid(e.to_string())
    }
}
