//! Adding a row or correcting it, as every import does: importing the same file twice adds
//! nothing, and a corrected row replaces the one imported before.

use rusqlite::{Connection, ToSql};

use crate::error::Result;

/// What an upsert did to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    /// A new row.
    Added,
    /// An existing row got new values.
    Updated,
    /// The row was already there as given.
    Unchanged,
}

/// Runs `insert` (an `INSERT OR IGNORE`), then, when the row was there, `update` (an
/// `UPDATE … WHERE` key `AND` values differ), both with `values`: the first says whether the
/// row was new, the second whether anything changed.
pub(crate) fn row(
    conn: &Connection,
    insert: &str,
    update: &str,
    values: &[&dyn ToSql],
) -> Result<Upserted> {
    if conn.prepare_cached(insert)?.execute(values)? == 1 {
        return Ok(Upserted::Added);
    }
    Ok(if conn.prepare_cached(update)?.execute(values)? == 1 {
        Upserted::Updated
    } else {
        Upserted::Unchanged
    })
}
