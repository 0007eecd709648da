//! Closed sets of named values — member types, payment methods, import kinds — that the
//! command line offers and the ledger and JSON spell the same way.
//!
//! The core cannot derive clap's `ValueEnum` (it has no clap); a [`Choice`] says the same
//! things — every value, its spelling, one line of help — and the command line turns it into
//! a value parser with possible values for `--help`, man pages and completions.

/// A closed set of values with one spelling each.
pub trait Choice: Sized + Copy + Send + Sync + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];

    /// How the command line, the ledger and JSON spell it.
    fn name(self) -> &'static str;

    /// One line for `--help`.
    fn help(self) -> &'static str;

    /// The value spelled `text`, if any.
    fn from_name(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == text)
    }
}
