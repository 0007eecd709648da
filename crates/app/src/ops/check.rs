//! `check`: the ledger's integrity and invariants, read exactly as stored, and NCP's own
//! sums recomputed from the exact figures NCP sent.

use ncp_usage_ledger::{check, ncp, Connection};

use crate::report::check::CheckReport;
use ncp_usage_core::error::Result;

/// Checks the ledger named `ledger` (its path, or what stands for it in the report).
pub fn run(tx: &Connection, ledger: String) -> Result<CheckReport> {
    let findings = check::run(tx)?;
    Ok(CheckReport {
        ledger,
        ok: findings.is_empty(),
        findings,
        differences: ncp::differences(tx)?,
    })
}
