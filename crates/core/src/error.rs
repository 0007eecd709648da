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
    /// The reader of standard output went away (`| head`): not worth a message, exit 0.
    BrokenPipe,
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
            Kind::BrokenPipe => 0,
        }
    }
}

/// A failed command: its kind, the one line that explains it, how to fix it, and what caused
/// it.
#[derive(Debug)]
pub struct Error {
    /// Decides the exit status.
    pub kind: Kind,
    /// What was wrong (and, in messages written before hints were kept apart, how to fix it).
    pub message: String,
    /// How to fix it, printed after the message: "message; hint".
    hint: Option<String>,
    /// The lower-level error behind it (SQLite's, the file system's), kept for
    /// [`std::error::Error::source`]: the message already says what people need.
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// A command's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with the one line that explains it.
    pub fn new(kind: Kind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    /// Says how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    /// How to fix it, when kept apart from the message.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// Keeps the lower-level error this one comes from.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// Bad input (exit 2).
    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(Kind::Invalid, message)
    }

    /// Refused by a billing rule (exit 3).
    pub fn refused(message: impl Into<String>) -> Error {
        Error::new(Kind::Refused, message)
    }

    /// A ledger problem (exit 4).
    pub fn ledger(message: impl Into<String>) -> Error {
        Error::new(Kind::Ledger, message)
    }

    /// Anything else (exit 1).
    pub fn other(message: impl Into<String>) -> Error {
        Error::new(Kind::Other, message)
    }

    /// The member said no at a prompt (exit 1).
    pub fn cancelled(message: impl Into<String>) -> Error {
        Error::new(Kind::Cancelled, message)
    }

    /// Prefixes the message with where the problem is (a file, a line); a rule id stays first.
    pub fn context(self, what: impl fmt::Display) -> Error {
        let message = match self.rule() {
            Some(rule) => format!("{rule}: {what}: {}", self.sentence()),
            None => format!("{what}: {}", self.message),
        };
        Error { message, ..self }
    }

    /// The SPEC rule the message names with a leading "P4: ", if any.
    pub fn rule(&self) -> Option<&'static str> {
        split_rule(&self.message).map(|(rule, _)| rule)
    }

    /// The message without its rule id: what people read.
    pub fn sentence(&self) -> &str {
        split_rule(&self.message).map_or(&self.message, |(_, sentence)| sentence)
    }
}

/// Issue 14: the messages of an NCP bill that may not supersede the one the ledger holds
/// (`billing::ncp_stale`), kept here, away from the SQL that stores bills.
impl Error {
    /// NCP's bill of `month` being imported was written (`written`) before the one the
    /// ledger holds (`held`): exit 2.
    pub fn older_ncp_bill(month: crate::calendar::Month, written: &str, held: &str) -> Error {
        Error::invalid(format!(
            "NCP's bill of {month} being imported was written {written}, before the one the ledger holds (written {held}): an older bill never supersedes a newer one"
        ))
        .with_hint(
            "import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest bill",
        )
    }

    /// NCP's bill of `month` being imported was written at the same instant (`written`) as
    /// the one the ledger holds, with other figures: exit 2.
    pub fn rewritten_ncp_bill(
        month: crate::calendar::Month,
        written: &str,
        field: &str,
        held: &str,
        incoming: &str,
    ) -> Error {
        Error::invalid(format!(
            "NCP's bill of {month} being imported was written {written} like the one the ledger holds, with other figures ({field}: the ledger holds {held}, this body {incoming}): NCP writes one bill per writing"
        ))
        .with_hint(
            "import the body NCP sent with a later write date, or nothing needs doing if the ledger's bill is NCP's latest",
        )
    }

    /// NCP's bill of `month` the ledger holds paid up (on `paid`) is being imported unpaid,
    /// written at the same instant (`written`): an older page of the same writing: exit 2.
    pub fn unpaid_older_page(month: crate::calendar::Month, paid: &str, written: &str) -> Error {
        Error::invalid(format!(
            "NCP's bill of {month} being imported is not paid up, but the ledger holds it paid up on {paid} from the same writing ({written}): this body is an older page of the same writing, and a bill NCP reported paid up never goes back to unpaid"
        ))
        .with_hint(
            "import NCP's latest page of the bill instead, or nothing needs doing: the ledger holds NCP's paid-up state",
        )
    }

    /// NCP's `level` lines of `month` being imported were written `written`, before the ones
    /// the ledger holds (written `held`): exit 2.
    pub fn older_ncp_lines(
        month: crate::calendar::Month,
        level: &str,
        written: &str,
        held: &str,
    ) -> Error {
        Error::invalid(format!(
            "NCP's {level} lines of {month} being imported were written {written}, before the ones the ledger holds (written {held}): older lines never replace newer ones"
        ))
        .with_hint(
            "import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest lines",
        )
    }
}

/// The error as one JSON document (printed on stderr under `--json`):
/// `{"error":{"rule":…,"message":…,"exit_code":…}}`.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Body {
            rule: Option<&'static str>,
            message: String,
            exit_code: u8,
        }
        #[derive(serde::Serialize)]
        struct Document {
            error: Body,
        }
        Document {
            error: Body {
                rule: self.rule(),
                message: self.to_string(),
                exit_code: self.kind.exit_code(),
            },
        }
        .serialize(serializer)
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
        f.write_str(self.sentence())?;
        match &self.hint {
            Some(hint) => write!(f, "; {hint}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
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
            serde_json::to_string(&e).unwrap(),
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
    fn o2_a_hint_follows_the_message_and_the_source_is_kept() {
        let io = std::io::Error::other("disk on fire");
        let e = Error::ledger("the ledger file is damaged")
            .with_hint("restore it from a backup")
            .with_source(io);
        assert_eq!(e.message, "the ledger file is damaged");
        assert_eq!(e.hint(), Some("restore it from a backup"));
        assert_eq!(
            e.to_string(),
            "the ledger file is damaged; restore it from a backup"
        );
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"error":{"rule":null,"message":"the ledger file is damaged; restore it from a backup","exit_code":4}}"#
        );
        let source = std::error::Error::source(&e).map(|s| s.to_string());
        assert_eq!(source.as_deref(), Some("disk on fire"));
        let e = e.context("ledger.db");
        assert_eq!(
            e.to_string(),
            "ledger.db: the ledger file is damaged; restore it from a backup"
        );
    }

    #[test]
    fn o2_exit_codes() {
        assert_eq!(Error::cancelled("no").kind.exit_code(), 1);
        assert_eq!(Kind::Interrupted.exit_code(), 130);
    }
}
