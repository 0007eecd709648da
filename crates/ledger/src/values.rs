//! The core's values in and out of SQLite columns.
//!
//! The core has no rusqlite, and Rust lets only the crate owning a type or a trait implement
//! one for the other, so amounts are bound as their whole won (`Krw::won`), instants as
//! [`clock::rfc3339`] text, and both are read through [`RowExt`]. A stored value that cannot
//! be read is [`Damaged`]: a ledger error naming it, never a default.

use std::fmt;
use std::str::FromStr;

use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::money::Krw;
use rusqlite::types::Type;

/// A stored value the ledger cannot read (a ledger error, exit 4).
#[derive(Debug)]
pub(crate) struct Damaged {
    /// What the column holds, in words: `payment time`, `bill source`.
    what: &'static str,
    /// The text stored.
    text: String,
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the ledger holds a damaged {} '{}'; restore it from a backup",
            self.what, self.text
        )
    }
}

impl std::error::Error for Damaged {}

/// Reads the core's values from a row.
pub(crate) trait RowExt {
    /// An amount stored as whole won.
    fn krw(&self, idx: usize) -> rusqlite::Result<Krw>;

    /// An amount stored as whole won, or NULL.
    fn krw_opt(&self, idx: usize) -> rusqlite::Result<Option<Krw>>;

    /// An instant stored as RFC 3339 text; `what` names it in the error if it is damaged.
    fn instant(&self, idx: usize, what: &'static str) -> rusqlite::Result<Instant>;

    /// An instant stored as RFC 3339 text, or NULL.
    fn instant_opt(&self, idx: usize, what: &'static str) -> rusqlite::Result<Option<Instant>>;

    /// A closed value stored by its spelling (a bill source, a payment kind); `what` names it
    /// in the error if the spelling is unknown.
    fn spelled<T: FromStr>(&self, idx: usize, what: &'static str) -> rusqlite::Result<T>;

    /// Like [`RowExt::spelled`], or NULL.
    fn spelled_opt<T: FromStr>(
        &self,
        idx: usize,
        what: &'static str,
    ) -> rusqlite::Result<Option<T>>;
}

impl RowExt for rusqlite::Row<'_> {
    fn krw(&self, idx: usize) -> rusqlite::Result<Krw> {
        self.get::<_, i64>(idx).map(Krw::new)
    }

    fn krw_opt(&self, idx: usize) -> rusqlite::Result<Option<Krw>> {
        Ok(self.get::<_, Option<i64>>(idx)?.map(Krw::new))
    }

    fn instant(&self, idx: usize, what: &'static str) -> rusqlite::Result<Instant> {
        let text: String = self.get(idx)?;
        clock::parse_as_of(&text).map_err(|_| damaged(idx, what, text))
    }

    fn instant_opt(&self, idx: usize, what: &'static str) -> rusqlite::Result<Option<Instant>> {
        let text: Option<String> = self.get(idx)?;
        text.map(|t| clock::parse_as_of(&t).map_err(|_| damaged(idx, what, t)))
            .transpose()
    }

    fn spelled<T: FromStr>(&self, idx: usize, what: &'static str) -> rusqlite::Result<T> {
        let text: String = self.get(idx)?;
        text.parse().map_err(|_| damaged(idx, what, text))
    }

    fn spelled_opt<T: FromStr>(
        &self,
        idx: usize,
        what: &'static str,
    ) -> rusqlite::Result<Option<T>> {
        let text: Option<String> = self.get(idx)?;
        text.map(|t| t.parse().map_err(|_| damaged(idx, what, t)))
            .transpose()
    }
}

fn damaged(idx: usize, what: &'static str, text: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(Damaged { what, text }))
}
