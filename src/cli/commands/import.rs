//! `import KIND FILE`: read an interchange file into the ledger (SPEC §11), all or nothing.

use std::io::Read;
use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use crate::error::{Error, Result};
use crate::exchange::import::{import, Kind};
use crate::ops::catch_up::adjust_issued_bills;
use crate::report::import::Imported;

/// Import a CSV file; '-' reads standard input. Importing the same file twice adds nothing.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The file to read, or '-' for standard input.
    pub file: PathBuf,
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

/// Runs `import`.
pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    let bytes = read_input(&args.file)?;
    let name = args.file.display().to_string();
    let (summary, adjusted) = ctx
        .write(|tx| {
            let summary = import(tx, args.kind, &bytes)?;
            let reason = format!("{} imported after the bill was issued", args.file.display());
            Ok((summary, adjust_issued_bills(tx, ctx.now, &reason)?))
        })
        .map_err(|e| e.context(&name))?;
    ctx.print(&Imported {
        kind: args.kind,
        file: name,
        summary,
        adjusted_bills: adjusted,
    })
}
