//! `check`: verify the ledger's integrity and invariants (exit 0 when clean, 4 otherwise).

use crate::cli::Context;
use ncp_usage_app::report::check::CheckReport;
use ncp_usage_core::error::{Error, Kind, Result};
use ncp_usage_ledger::check;

/// Runs `check`.
pub fn run(ctx: &Context) -> Result<()> {
    let findings = ctx.read_without_catch_up(|tx| Ok(check::run(tx)?))?;
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
        Err(Error::new(
            Kind::Ledger,
            format!(
                "the ledger failed {}; restore it from a backup or re-import the affected data",
                ncp_usage_core::text::plural(report.findings.len(), "check", "checks")
            ),
        ))
    }
}
