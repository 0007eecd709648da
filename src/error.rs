//! The errors a command can end with, and their exit codes (SPEC O2).
//!
//! Every failure is one line on stderr that names what was wrong and how to fix it. The kind
//! decides the exit status scripts rely on: 2 invalid input, 3 refused by a billing rule,
//! 4 a ledger problem, 1 anything else (a "no" at a prompt among it), 130 interrupted.
//!
//! Messages are written in code as "P4: sentence": the SPEC rule id first. The id is kept for
//! JSON errors and tests ([`Error::rule`]); people read the sentence ([`Error::sentence`],
//! which `Display` prints).

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
    /// The member answered no at a prompt; nothing was done: exit 1.
    Cancelled,
    /// Interrupted (Ctrl-C) at a prompt; nothing was done: exit 130.
    Interrupted,
}

impl Kind {
    /// The process exit status for this kind (SPEC O2).
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Invalid => 2,
            Kind::Refused => 3,
            Kind::Ledger | Kind::Busy => 4,
            Kind::Other | Kind::Cancelled => 1,
            Kind::Interrupted => 130,
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

    /// The member said no at a prompt (exit 1).
    pub fn cancelled(message: impl Into<String>) -> Error {
        Error {
            kind: Kind::Cancelled,
            message: message.into(),
        }
    }

    /// Prefixes the message with where the problem is (a file, a line); a rule id stays first.
    pub fn context(self, what: impl fmt::Display) -> Error {
        let message = match self.rule() {
            Some(rule) => format!("{rule}: {what}: {}", self.sentence()),
            None => format!("{what}: {}", self.message),
        };
        Error {
            kind: self.kind,
            message,
        }
    }

    /// The SPEC rule the message names with a leading "P4: ", if any.
    pub fn rule(&self) -> Option<&'static str> {
        split_rule(&self.message).map(|(rule, _)| rule)
    }

    /// The message without its rule id: what people read.
    pub fn sentence(&self) -> &str {
        split_rule(&self.message).map_or(&self.message, |(_, sentence)| sentence)
    }

    /// The error as one JSON document (printed on stderr under `--json`):
    /// `{"error":{"rule":…,"message":…,"exit_code":…}}`.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "rule": self.rule(),
                "message": self.sentence(),
                "exit_code": self.kind.exit_code(),
            }
        })
    }
}

/// The rule ids of the SPEC, which messages may start with.
const RULES: &[&str] = &[
    "A1", "A2", "C1", "H1", "H2", "H3", "H4", "H5", "M1", "M2", "M3", "O1", "O2", "O3", "O4", "P1",
    "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "PR1", "PR2", "R1", "R2", "R3",
    "S1", "T1", "T2", "TR1",
];

/// Splits "P4: sentence" into the rule and the sentence; `None` when the message does not
/// start with a SPEC rule id.
fn split_rule(message: &str) -> Option<(&'static str, &str)> {
    let (id, rest) = message.split_once(": ")?;
    let rule = RULES.iter().find(|r| **r == id)?;
    Some((rule, rest))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sentence())
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

impl From<crate::billing::statement::OverCeiling> for Error {
    fn from(e: crate::billing::statement::OverCeiling) -> Error {
        Error::ledger(e.to_string())
    }
}

impl From<crate::billing::period::FutureMonth> for Error {
    fn from(e: crate::billing::period::FutureMonth) -> Error {
        Error::invalid(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o2_a_rule_id_is_kept_apart_from_the_sentence() {
        let e = Error::refused("P4: instant payment opens at 14:00");
        assert_eq!(e.rule(), Some("P4"));
        assert_eq!(e.sentence(), "instant payment opens at 14:00");
        assert_eq!(e.to_string(), "instant payment opens at 14:00");
        let e = e.context("pay");
        assert_eq!(e.rule(), Some("P4"));
        assert_eq!(e.to_string(), "pay: instant payment opens at 14:00");
        assert_eq!(
            e.json().to_string(),
            r#"{"error":{"rule":"P4","message":"pay: instant payment opens at 14:00","exit_code":3}}"#
        );
    }

    #[test]
    fn o2_a_file_name_is_not_a_rule_id() {
        let e = Error::invalid("usage.csv: line 7, column quantity: expected a number");
        assert_eq!(e.rule(), None);
        assert_eq!(e.sentence(), e.message);
        let e = Error::invalid("X9: not a rule");
        assert_eq!(e.rule(), None);
        assert_eq!(e.to_string(), "X9: not a rule");
    }

    #[test]
    fn o2_exit_codes() {
        assert_eq!(Error::cancelled("no").kind.exit_code(), 1);
        assert_eq!(Kind::Interrupted.exit_code(), 130);
    }
}
