//! `check`: the ledger's integrity and invariants, read exactly as stored.

use ncp_usage_ledger::{check, Connection};

use crate::report::check::CheckReport;
use ncp_usage_core::error::Result;

/// Checks the ledger named `ledger` (its path, or what stands for it in the report).
pub fn run(tx: &Connection, ledger: String) -> Result<CheckReport> {
    let findings = check::run(tx)?;
    Ok(CheckReport {
        ledger,
        ok: findings.is_empty(),
        findings,
    })
}
