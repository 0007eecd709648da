//! Confirmation before moving money or giving consent (SPEC O3): a dialoguer prompt on a
//! terminal, `--yes` for scripts, and a refusal when neither is possible.
//!
//! Answering no ends the command with exit 1 ("cancelled"), the same for every prompt;
//! Ctrl-C at a prompt restores the cursor dialoguer hid and exits 130. Neither writes anything:
//! prompts come before the command's transaction.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use std::time::Duration;

use dialoguer::Confirm;

use super::Context;
use ncp_usage_core::error::{Error, Kind, Result};

/// Set while a prompt waits for an answer: an interrupt then has changed nothing.
static PROMPTING: AtomicBool = AtomicBool::new(false);

/// Installs, once, the Ctrl-C handler: it shows the cursor again (dialoguer hides it while it
/// asks) and exits 130.
fn handle_interrupts() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Without a handler, Ctrl-C keeps its default (the process ends, the cursor may stay
        // hidden): nothing worse than before.
        let _ = ctrlc::set_handler(|| {
            let _ = console::Term::stderr().show_cursor();
            if PROMPTING.load(Ordering::SeqCst) {
                eprintln!("\nerror: interrupted; nothing was charged or recorded");
            } else {
                eprintln!("\nerror: interrupted");
            }
            std::process::exit(i32::from(Kind::Interrupted.exit_code()));
        });
    });
}

/// Asks a yes/no `question` on the terminal (default no), answered with Enter. Without a terminal to ask on,
/// fails with `no_terminal`; a "no" fails with `declined` (made a cancellation, exit 1).
pub fn ask(question: &str, no_terminal: Error, declined: Error) -> Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(no_terminal);
    }
    handle_interrupts();
    PROMPTING.store(true, Ordering::SeqCst);
    // The answer counts once Enter is pressed: a stray key never moves money, and "yes⏎"
    // or "no⏎" is read whole instead of leaving "es" or "o" for the shell to run.
    let answer = Confirm::new()
        .with_prompt(question)
        .default(false)
        .wait_for_newline(true)
        .interact();
    let yes = match answer {
        Ok(yes) => yes,
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            // The handler, woken by the same Ctrl-C, shows the cursor and exits 130; give it
            // the time to, and end the same way if it cannot.
            std::thread::sleep(Duration::from_secs(2));
            let _ = console::Term::stderr().show_cursor();
            return Err(Error::new(
                Kind::Interrupted,
                "interrupted; nothing was charged or recorded",
            ));
        }
        Err(e) => {
            PROMPTING.store(false, Ordering::SeqCst);
            let _ = console::Term::stderr().show_cursor();
            return Err(Error::other(format!("cannot read the answer: {e}")));
        }
    };
    PROMPTING.store(false, Ordering::SeqCst);
    if yes {
        Ok(())
    } else {
        Err(Error::new(Kind::Cancelled, declined.message))
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
            "O3: this command moves money and needs confirmation: run it on a terminal, or pass --yes in scripts",
        ),
        Error::cancelled("cancelled; nothing was charged or recorded"),
    )
}
