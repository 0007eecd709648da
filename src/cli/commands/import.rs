//! `import KIND FILE…`: read interchange files (SPEC §11) or NCP Billing API bodies into the
//! ledger, all files in one transaction: all or nothing.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::choice::choice;
use crate::cli::Context;
use ncp_usage_app::ops::import::{self, CsvRequest, Kind, NcpRequest, Step};
use ncp_usage_core::error::{Error, Result};

/// Import files; '-' reads standard input. Importing the same file twice adds nothing.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the files hold.
    #[arg(value_parser = choice::<Kind>())]
    pub kind: Kind,
    /// The files to read, or '-' for standard input.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// ncp: refuse bodies of an NCP member no account holds, instead of making its account.
    #[arg(long)]
    pub no_create: bool,
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &PathBuf) -> Result<Vec<u8>> {
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
    let names = args.files.iter().map(|f| f.display().to_string());
    let Kind::Csv(kind) = args.kind else {
        // Every file opens before any is read (a wrong path is told first); each is then
        // read when its turn comes and dropped once parsed.
        for path in &args.files {
            open_input(path)?;
        }
        let read = |i: usize| read_input(&args.files[i]);
        let mut request = NcpRequest::parse(ctx.now, names.collect(), read, &ctx.gateway)?;
        request.create = !args.no_create;
        let imported =
            ctx.write_routed(|tx, chosen| import::run_ncp(tx, ctx.now, &request, chosen))?;
        for d in &imported.stored.differences {
            eprintln!("warning: {d}");
        }
        for w in &imported.stored.warnings {
            eprintln!("warning: {w}");
        }
        return ctx.print(&imported);
    };
    if args.no_create {
        return Err(Error::invalid(
            "--no-create is for import ncp (CSV files name no NCP member); drop it",
        ));
    }
    let inputs = args
        .files
        .iter()
        .map(open_input)
        .collect::<Result<Vec<_>>>()?;
    let total = inputs.iter().map(|(_, len)| *len).sum::<Option<u64>>();
    let bar = progress(total);
    let request = CsvRequest {
        kind,
        files: names
            .zip(inputs)
            .map(|(name, (input, _))| (name, Box::new(bar.wrap_read(input)) as Box<dyn Read>))
            .collect(),
        progress: &|step| match step {
            Step::Reading(name) => bar.set_message(format!("importing {name}")),
            Step::UpdatingBills => bar.set_message("updating bills"),
        },
    };
    let imported = ctx.write(|tx| import::run(tx, ctx.now, request));
    bar.finish_and_clear();
    ctx.print(&imported?)
}
