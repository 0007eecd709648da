//! One module per subcommand: an `Args` struct whose doc comments are the help text, and a
//! `run` function.

pub mod account;
pub mod calendar;
pub mod check;
pub mod completions;
pub mod confirmation;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod notifications;
pub mod pay;
pub mod promotions;
pub mod receipt;
pub mod status;
pub mod sync;
pub mod trend;

use ncp_usage_core::error::{Error, Result};

/// `--region CODE`: one of the regions in use, written as the ledger writes it (capitals, as
/// imports require); anything else is refused with the list (exit 2).
pub fn check_region(given: &str, in_use: &[String]) -> Result<String> {
    let code = given.trim();
    if in_use.iter().any(|r| r == code) {
        return Ok(code.to_string());
    }
    let listed = if in_use.is_empty() {
        "none yet (import contracts or NCP data first)".to_string()
    } else {
        in_use.join(", ")
    };
    if let Some(upper) = in_use.iter().find(|r| r.eq_ignore_ascii_case(code)) {
        return Err(Error::invalid(format!(
            "--region '{code}': region codes are written in capitals; did you mean {upper}? (regions in use: {listed})"
        )));
    }
    Err(Error::invalid(format!(
        "--region '{code}' is not a region in use; give a region code: {listed}"
    )))
}
