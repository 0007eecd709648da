//! `check`: verify the ledger's integrity and invariants (exit 0 when clean, 4 otherwise).

use crate::cli::Context;
use crate::error::{Error, Kind, Result};
use crate::ledger::check;
use crate::report::check::CheckReport;

/// Runs `check`.
pub fn run(ctx: &Context) -> Result<()> {
    let findings = ctx.read_without_catch_up(|tx| check::run(tx))?;
    let report = CheckReport {
        ledger: ctx
            .db
            .as_ref()
            .map_or("the demo ledger".to_string(), |p| p.display().to_string()),
        ok: findings.is_empty(),
        findings,
    };
    ctx.print(&report)?;
    if report.ok {
        Ok(())
    } else {
        Err(Error {
            kind: Kind::Ledger,
            message: format!(
                "the ledger failed {}; restore it from a backup or re-import the affected data",
                crate::report::plural(report.findings.len(), "check", "checks")
            ),
        })
    }
}
