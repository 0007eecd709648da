//! `check`: verify the ledger's integrity and invariants (exit 0 when clean, 4 otherwise).

use crate::cli::Context;
use ncp_usage_app::ops::check;
use ncp_usage_core::error::{Error, Kind, Result};

/// Runs `check`.
pub fn run(ctx: &Context) -> Result<()> {
    let ledger = ctx
        .db
        .as_ref()
        .map_or("the demo ledger".to_string(), |p| p.display().to_string());
    let report = ctx.read_without_catch_up(|tx| check::run(tx, ledger))?;
    for d in &report.differences {
        eprintln!("warning: {d}");
    }
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
