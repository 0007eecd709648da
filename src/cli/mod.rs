//! The command line: clap definitions, one file per subcommand, and the one `match` that
//! dispatches (SPEC §10).
//!
//! Each subcommand is glue: it parses, loads facts from the ledger in one transaction, calls
//! the rules of `billing`, stores what they decided and renders a `report`.

mod commands;
mod context;
mod output;
mod prompt;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use commands::completions::{man_page, script as completion_script};
pub use context::Context;
pub use output::Format;

use crate::error::{Error, Result};

/// Manage NAVER Cloud Platform usage and billing from the terminal.
///
/// ncp-usage keeps a local SQLite ledger that mirrors the portal's My page › Manage usage
/// screens: usage history by month and region, service status, payments, cash receipts and
/// tax invoices, promotions and the billing trend, with imports of your files and of NCP's
/// own billing data. Tables for people, JSON for scripts (`--json`).
#[derive(Debug, Parser)]
#[command(
    name = "ncp-usage",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// The ledger file [default: ncp-usage/ledger.db in the user's data folder].
    #[arg(long, global = true, env = "NCP_USAGE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339
    /// [default: the system clock].
    #[arg(long, global = true, env = "NCP_USAGE_NOW", value_name = "WHEN")]
    pub as_of: Option<String>,

    /// Print one JSON document (same as --format json).
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Output format.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Answer yes to confirmation prompts (for scripts).
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,

    /// Use a fresh in-memory demo ledger instead of --db (nothing is written to disk).
    #[arg(long, global = true)]
    pub demo: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the account in a new ledger (or load the demo account with --demo).
    Init(commands::init::InitArgs),
    /// Show or change the account, billing email and payment method.
    #[command(subcommand)]
    Account(commands::account::AccountCommand),
    /// Import files: contracts, usage, fees, promotions, holidays, or NCP Billing API bodies.
    Import(commands::import::ImportArgs),
    /// Export a month's fee lines to .xlsx or .csv.
    Export(commands::export::ExportArgs),
    /// Service usage history of a month, by service and region.
    #[command(visible_alias = "usage")]
    History(commands::history::HistoryArgs),
    /// Service usage status: contracts held per service and region now.
    Status(commands::status::StatusArgs),
    /// Bills, what is unpaid and instant payment; pay instantly, automatically or by deposit.
    Pay(commands::pay::PayArgs),
    /// The email and SMS outbox: bills issued, outstanding amounts, notices.
    Notifications(commands::notifications::NotificationsArgs),
    /// Promotions and credits: what they give, what is left, when credits run out.
    Promotions,
    /// Usage and billing over the last months, with a chart and a month-end projection.
    Trend(commands::trend::TrendArgs),
    /// Issue the printable usage confirmation of a month (HTML or PDF).
    Confirmation(commands::confirmation::ConfirmationArgs),
    /// Cash receipts (individuals) and tax invoices (businesses).
    #[command(subcommand)]
    Receipt(commands::receipt::ReceiptCommand),
    /// The holiday calendar that business days skip.
    #[command(subcommand)]
    Calendar(commands::calendar::CalendarCommand),
    /// Pull bills and amounts from NCP's Billing API (keys from the environment or
    /// ~/.ncloud/configure).
    Sync(commands::sync::SyncArgs),
    /// Verify the ledger's integrity and invariants (exit 0 when clean, 4 with findings).
    Check,
    /// Print shell completions.
    Completions(commands::completions::CompletionsArgs),
    /// Print the man page (roff).
    #[command(hide = true)]
    Manpage,
}

/// Parses the command line; clap's own errors become one line (exit 2), help and version
/// print as usual.
pub fn parse() -> std::result::Result<Cli, clap::Error> {
    // P11: a full card number is refused before anything can store or echo it.
    // `--last4` refuses anything but 4 digits with its own message, which never echoes it.
    let mut args: Vec<_> = std::env::args_os().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--last4") {
        args.drain(i..(i + 2).min(args.len()));
    }
    args.retain(|a| !a.as_encoded_bytes().starts_with(b"--last4="));
    let given = args.into_iter().chain(
        ["NCP_USAGE_NOW", "NCP_USAGE_DB"]
            .into_iter()
            .filter_map(std::env::var_os),
    );
    for arg in given {
        if let Some(last4) = crate::billing::account::find_card_number(arg.as_encoded_bytes()) {
            return Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("an argument holds what looks like a full card number (ending {last4}); ncp-usage never takes card numbers: give only the last 4 digits with --last4\n"),
            ));
        }
    }
    Cli::try_parse()
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let ctx = Context::new(&cli)?;
    match cli.command {
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Account(cmd) => commands::account::run(&ctx, cmd),
        Command::Import(args) => commands::import::run(&ctx, args),
        Command::Export(args) => commands::export::run(&ctx, args),
        Command::History(args) => commands::history::run(&ctx, args),
        Command::Status(args) => commands::status::run(&ctx, args),
        Command::Pay(args) => commands::pay::run(&ctx, args),
        Command::Notifications(args) => commands::notifications::run(&ctx, args),
        Command::Receipt(cmd) => commands::receipt::run(&ctx, cmd),
        Command::Confirmation(args) => commands::confirmation::run(&ctx, args),
        Command::Promotions => commands::promotions::run(&ctx),
        Command::Trend(args) => commands::trend::run(&ctx, args),
        Command::Calendar(cmd) => commands::calendar::run(&ctx, cmd),
        Command::Sync(args) => commands::sync::run(&ctx, args),
        Command::Check => commands::check::run(&ctx),
        Command::Completions(args) => commands::completions::run(args),
        Command::Manpage => commands::completions::manpage(),
    }
}

/// One line for a clap error: its first line, and where to look for help.
pub fn clap_error_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut lines = rendered.lines().filter(|l| !l.trim().is_empty());
    let mut first = lines
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ")
        .to_string();
    // "the following required arguments were not provided:" lists them on the next lines.
    if first.ends_with(':') {
        let listed: Vec<&str> = lines
            .take_while(|l| l.starts_with(' '))
            .map(str::trim)
            .collect();
        first = format!("{} {}", first, listed.join(", "));
    }
    format!("{first} (see ncp-usage --help)")
}

/// Turns an I/O failure on stdout into an error (a closed pipe is not one; see main).
pub(crate) fn io_error(e: std::io::Error) -> Error {
    Error::other(format!("cannot write output: {e}"))
}
