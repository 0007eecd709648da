//! `check`: the ledger verifies itself (SPEC §10 `check`).
//!
//! SQLite's own integrity and foreign-key checks, then the ledger's invariants, each a query
//! that returns one row per violation. Nothing here repairs anything: findings are reported so
//! a person can restore a backup or re-import.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;

/// One thing wrong with the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which check found it.
    pub check: &'static str,
    /// What is wrong, in words.
    pub detail: String,
}

/// Runs every check and returns what it found (empty when the ledger is sound).
pub fn run(conn: &Connection) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        let line = row?;
        if line != "ok" {
            findings.push(Finding {
                check: "integrity_check",
                detail: line,
            });
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
        findings.push(Finding {
            check: "foreign_key_check",
            detail: format!(
                "{table} row {} refers to a missing {parent} row",
                rowid.map_or("?".to_string(), |r| r.to_string())
            ),
        });
    }
    Ok(findings)
}
