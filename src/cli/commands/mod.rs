//! One module per subcommand: an `Args` struct whose doc comments are the help text, and a
//! `run` function.

pub mod account;
pub mod accounts;
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
