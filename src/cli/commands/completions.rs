//! `completions SHELL` and the man page, generated from the same clap definitions.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::{io_error, Cli};
use crate::error::Result;

/// Print a completion script for a shell.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ncp-usage", &mut out);
    out
}

/// The man page, in roff.
pub fn man_page() -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(io_error)?;
    Ok(out)
}

/// Runs `completions`.
pub fn run(args: CompletionsArgs) -> Result<()> {
    use std::io::Write;
    std::io::stdout()
        .write_all(&script(args.shell))
        .map_err(io_error)
}

/// Prints the man page.
pub fn manpage() -> Result<()> {
    use std::io::Write;
    std::io::stdout().write_all(&man_page()?).map_err(io_error)
}
