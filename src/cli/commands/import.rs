//! `import KIND FILE…`: read interchange files (SPEC §11) or NCP Billing API bodies into the
//! ledger, all files in one transaction: all or nothing.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::Context;
use ncp_usage_app::exchange::import::{check_month_ceilings, import_from, Kind, Summary};
use ncp_usage_app::exchange::ncp;
use ncp_usage_app::ops::catch_up::adjust_issued_bills;
use ncp_usage_app::report::import::{Imported, NcpImported};
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::ncp as ledger_ncp;

/// What the files hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// `contract_no,service,region,plan,price,unit,start_date,end_date`
    Contracts,
    /// `contract_no,date,quantity`
    Usage,
    /// `month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount`
    Fees,
    /// `name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to`
    Promotions,
    /// `date,name`
    Holidays,
    /// JSON bodies of NCP's Billing API (getDemandCostList, getProductDemandCostList,
    /// getContractDemandCostList, getContractSummaryList, getContractUsageListByDaily, v2
    /// demand-costs)
    Ncp,
}

/// Import files; '-' reads standard input. Importing the same file twice adds nothing.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the files hold.
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// The files to read, or '-' for standard input.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
}

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &PathBuf) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::invalid(format!("cannot read standard input: {e}")))?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|e| {
            Error::invalid(format!(
                "cannot read {}: {e}; check the path",
                path.display()
            ))
        })
    }
}

fn csv_kind(kind: ImportKind) -> Option<Kind> {
    match kind {
        ImportKind::Contracts => Some(Kind::Contracts),
        ImportKind::Usage => Some(Kind::Usage),
        ImportKind::Fees => Some(Kind::Fees),
        ImportKind::Promotions => Some(Kind::Promotions),
        ImportKind::Holidays => Some(Kind::Holidays),
        ImportKind::Ncp => None,
    }
}

/// Opens a file, or standard input for `-`, to be read as a stream; with its size when known.
fn open_input(path: &PathBuf) -> Result<(Box<dyn Read>, Option<u64>)> {
    if path.as_os_str() == "-" {
        return Ok((Box::new(std::io::stdin().lock()), None));
    }
    let file = std::fs::File::open(path).map_err(|e| {
        Error::invalid(format!(
            "cannot read {}: {e}; check the path",
            path.display()
        ))
    })?;
    let len = file.metadata().ok().map(|m| m.len());
    Ok((Box::new(file), len))
}

/// A progress bar over the bytes read, on stderr when it is a terminal; hidden otherwise.
fn progress(total: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template(
                "{msg} [{bar:40}] {binary_bytes}/{binary_total_bytes} ({eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {msg} {binary_bytes}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
    bar
}

/// Runs `import`.
pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    // Standard input can be read once: a second '-' would wait on it for ever.
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Error::invalid(
            "'-' (standard input) is given more than once; standard input can be read only once: give '-' once, or the files by name",
        ));
    }
    let names: Vec<String> = args.files.iter().map(|f| f.display().to_string()).collect();
    let Some(kind) = csv_kind(args.kind) else {
        let inputs = args
            .files
            .iter()
            .map(read_input)
            .collect::<Result<Vec<_>>>()?;
        return import_ncp(ctx, &names, &inputs);
    };
    // CSV files are streamed into the transaction: millions of rows in constant memory.
    let inputs = args
        .files
        .iter()
        .map(open_input)
        .collect::<Result<Vec<_>>>()?;
    let total = inputs.iter().map(|(_, len)| *len).sum::<Option<u64>>();
    let bar = progress(total);
    let outcome = ctx.write(|tx| {
        let mut total = Summary::default();
        for (name, (input, _)) in names.iter().zip(inputs) {
            bar.set_message(format!("importing {name}"));
            let s = import_from(tx, kind, bar.wrap_read(input)).map_err(|e| e.context(name))?;
            total.rows += s.rows;
            total.added += s.added;
            total.updated += s.updated;
            total.unchanged += s.unchanged;
            if let Some(m) = s.first_month {
                total.touch(m);
            }
        }
        if let Some(from) = total.first_month {
            check_month_ceilings(tx, from, ctx.now).map_err(|e| e.context(names.join(", ")))?;
        }
        bar.set_message("updating bills");
        let reason = format!("{} imported after the bill was issued", names.join(", "));
        Ok((total, adjust_issued_bills(tx, ctx.now, &reason)?))
    });
    bar.finish_and_clear();
    let (summary, adjusted) = outcome?;
    ctx.print(&Imported {
        kind,
        file: names.join(", "),
        summary,
        adjusted_bills: adjusted,
    })
}

/// NCP bodies: every file is parsed before anything is stored.
fn import_ncp(ctx: &Context, names: &[String], inputs: &[Vec<u8>]) -> Result<()> {
    let pages = names
        .iter()
        .zip(inputs)
        .map(|(name, bytes)| {
            let page = ncp::parse(bytes, name)?;
            page.check(ctx.now, name)?;
            Ok(page)
        })
        .collect::<Result<Vec<_>>>()?;
    let reason = format!("{} imported after the bill was issued", names.join(", "));
    let stored = ctx.write(|tx| store_ncp(ctx, tx, &pages, &reason))?;
    for d in &stored.differences {
        eprintln!("warning: {d}");
    }
    ctx.print(&NcpImported {
        kind: "ncp",
        files: names.to_vec(),
        stored,
    })
}

/// Stores NCP bodies (`import ncp`, `sync`) inside the command's transaction.
///
/// P1: NCP's per-service and per-contract lines win over the fees CSV and over rating, so
/// where they change what an issued month rates at, the difference becomes an adjustment
/// carried into the next bill, as `import fees` does. A month whose NCP bill is stored is
/// not adjusted again: NCP's bill figures govern it (see `ledger::ncp::store`).
pub fn store_ncp(
    ctx: &Context,
    tx: &ncp_usage_ledger::Connection,
    pages: &[ncp_usage_core::billing::ncp::Page],
    reason: &str,
) -> Result<ledger_ncp::Stored> {
    let mut stored = ledger_ncp::store(tx, pages, ctx.now)?;
    if !stored.months.is_empty() {
        for month in adjust_issued_bills(tx, ctx.now, reason)? {
            if !stored.adjusted_bills.contains(&month) {
                stored.adjusted_bills.push(month);
            }
        }
        stored.adjusted_bills.sort();
    }
    // A bill NCP reopened is outstanding from now on, and notified now (P9).
    ncp_usage_app::ops::catch_up::catch_up_after_import(tx, ctx.now, &ctx.gateway)?;
    Ok(stored)
}
