//! Confirmation before moving money or giving consent (SPEC O3): a dialoguer prompt on a
//! terminal, `--yes` for scripts, and a refusal when neither is possible.

use std::io::IsTerminal;

use dialoguer::Confirm;

use super::Context;
use crate::error::{Error, Result};

/// Asks a yes/no `question` on the terminal (default no). Without a terminal to ask on,
/// fails with `no_terminal`; a "no" fails with `declined`.
pub fn ask(question: &str, no_terminal: Error, declined: Error) -> Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(no_terminal);
    }
    let yes = Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| Error::other(format!("cannot read the answer: {e}")))?;
    if yes {
        Ok(())
    } else {
        Err(declined)
    }
}

/// Asks `question` before moving money; Ok only if the member says yes (or passed `--yes`).
pub fn confirm(ctx: &Context, question: &str) -> Result<()> {
    if ctx.yes {
        return Ok(());
    }
    ask(
        question,
        Error::invalid(
            "this command moves money and needs confirmation: run it on a terminal, or pass --yes in scripts",
        ),
        Error::refused("cancelled; nothing was charged or recorded"),
    )
}
