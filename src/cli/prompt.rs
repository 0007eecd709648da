//! Confirmation before moving money or giving consent (SPEC O3): a dialoguer prompt on a
//! terminal, `--yes` for scripts, and a refusal when neither is possible.

use std::io::IsTerminal;

use dialoguer::Confirm;

use super::Context;
use crate::error::{Error, Result};

/// Asks `question`; Ok only if the member says yes (or passed `--yes`).
pub fn confirm(ctx: &Context, question: &str) -> Result<()> {
    if ctx.yes {
        return Ok(());
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::invalid(
            "this command moves money and needs confirmation: run it on a terminal, or pass --yes in scripts",
        ));
    }
    let yes = Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| Error::other(format!("cannot read the answer: {e}")))?;
    if yes {
        Ok(())
    } else {
        Err(Error::refused("cancelled; nothing was charged or recorded"))
    }
}
