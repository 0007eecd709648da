//! The core's values in and out of SQLite columns.
//!
//! The core has no rusqlite, and Rust lets only the crate owning a type or a trait implement
//! one for the other, so amounts are bound as their whole won (`Krw::won`) and read through
//! [`RowExt`].

use ncp_usage_core::money::Krw;

/// Reads the core's values from a row.
pub(crate) trait RowExt {
    /// An amount stored as whole won.
    fn krw(&self, idx: usize) -> rusqlite::Result<Krw>;

    /// An amount stored as whole won, or NULL.
    fn krw_opt(&self, idx: usize) -> rusqlite::Result<Option<Krw>>;
}

impl RowExt for rusqlite::Row<'_> {
    fn krw(&self, idx: usize) -> rusqlite::Result<Krw> {
        self.get::<_, i64>(idx).map(Krw::new)
    }

    fn krw_opt(&self, idx: usize) -> rusqlite::Result<Option<Krw>> {
        Ok(self.get::<_, Option<i64>>(idx)?.map(Krw::new))
    }
}
