//! The command line: clap definitions, one file per subcommand, and the one `match` that
//! dispatches (SPEC §10).
//!
//! Each subcommand is glue: it parses, loads facts from the ledger in one transaction, calls
//! the rules of `billing`, stores what they decided and renders a `report`.

pub(crate) mod choice;
mod commands;
mod context;
mod output;
mod prompt;

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use commands::completions::{man_page, script as completion_script};
pub use context::Context;
pub use output::Format;

use ncp_usage_core::error::{Error, Kind, Result};

/// The help heading the global options are listed under in every subcommand's help.
pub const GLOBAL_OPTIONS: &str = "Global options";

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
    max_term_width = 100,
    mut_subcommands(decorate)
)]
pub struct Cli {
    /// The ledger file [default: ncp-usage/ledger.db in the user's data folder].
    #[arg(long, global = true, env = "NCP_USAGE_DB", value_name = "PATH", help_heading = GLOBAL_OPTIONS)]
    pub db: Option<PathBuf>,

    /// The instant "now" for every rule: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (KST) or RFC 3339
    /// [default: the system clock].
    #[arg(long, global = true, env = "NCP_USAGE_NOW", value_name = "WHEN", help_heading = GLOBAL_OPTIONS)]
    pub as_of: Option<String>,

    /// The account to work for, by name or NCP member number [default: the only one].
    #[arg(long, global = true, env = "NCP_USAGE_ACCOUNT", value_name = "NAME|MEMBER_NO", help_heading = GLOBAL_OPTIONS)]
    pub account: Option<String>,

    /// Print one JSON document (same as --format json); errors too, on stderr.
    #[arg(long, global = true, conflicts_with = "format", help_heading = GLOBAL_OPTIONS)]
    pub json: bool,

    /// Output format (not every command has every form; csv is for tables of rows, focus for
    /// `export`'s FOCUS 1.2 file).
    #[arg(long, global = true, value_enum, value_name = "FORMAT", help_heading = GLOBAL_OPTIONS)]
    pub format: Option<Format>,

    /// Answer yes to confirmation prompts (for scripts).
    #[arg(long, short = 'y', global = true, help_heading = GLOBAL_OPTIONS)]
    pub yes: bool,

    /// Use a fresh in-memory demo ledger instead of --db (nothing is written to disk).
    ///
    /// Not a clap `global`: `init` has a `--demo` of its own (load the demo into --db), and a
    /// global flag would take its place. [`decorate`] gives every other subcommand this one.
    #[arg(long, help_heading = GLOBAL_OPTIONS)]
    pub demo: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The output format asked for: `--json`, `--format`, else a table.
    pub fn output_format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.format.unwrap_or(Format::Table)
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the account in a new ledger (or load the demo account with --demo).
    Init(commands::init::InitArgs),
    /// Show or change the account, billing email and payment method.
    #[command(subcommand)]
    Account(commands::account::AccountCommand),
    /// The NCP accounts this ledger holds: list them, add, rename or remove one.
    Accounts(commands::accounts::AccountsArgs),
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
    Promotions(commands::promotions::PromotionsArgs),
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

impl Command {
    /// The output formats this command can print. `cli::run` checks the one asked for before
    /// any ledger is opened, so a command refused for its format has written nothing (O2,
    /// P6: a script that retries after the refusal cannot pay twice). A new command has no
    /// CSV form until it is listed here.
    pub fn formats(&self) -> &'static [Format] {
        const ROWS: &[Format] = &[Format::Table, Format::Json, Format::Csv];
        const DOCUMENT: &[Format] = &[Format::Table, Format::Json];
        const TEXT: &[Format] = &[Format::Table];
        const EXPORT: &[Format] = &[Format::Table, Format::Json, Format::Focus];
        match self {
            Command::Export(_) => EXPORT,
            Command::History(_)
            | Command::Status(_)
            | Command::Notifications(_)
            | Command::Promotions(_)
            | Command::Trend(_)
            | Command::Accounts(commands::accounts::AccountsArgs { action: None, .. })
            | Command::Receipt(commands::receipt::ReceiptCommand::List { .. })
            | Command::Calendar(commands::calendar::CalendarCommand::List { .. }) => ROWS,
            Command::Pay(args) if args.is_view() => ROWS,
            Command::Completions(_) | Command::Manpage => TEXT,
            _ => DOCUMENT,
        }
    }

    /// The command as typed, for messages: `pay --instant`, `account billing-email`.
    pub fn name(&self) -> &'static str {
        use commands::account::{AccountCommand as A, MethodCommand as M};
        use commands::calendar::CalendarCommand as C;
        use commands::receipt::ReceiptCommand as R;
        match self {
            Command::Init(_) => "init",
            Command::Account(A::Show) => "account show",
            Command::Account(A::Set(_)) => "account set",
            Command::Account(A::BillingEmail { .. }) => "account billing-email",
            Command::Account(A::PaymentMethod(M::Card { .. })) => "account payment-method card",
            Command::Account(A::PaymentMethod(M::Transfer { .. })) => {
                "account payment-method transfer"
            }
            Command::Account(A::PaymentMethod(M::Deposit)) => "account payment-method deposit",
            Command::Accounts(args) => match &args.action {
                None => "accounts",
                Some(commands::accounts::AccountsCommand::Add { .. }) => "accounts add",
                Some(commands::accounts::AccountsCommand::Rename { .. }) => "accounts rename",
                Some(commands::accounts::AccountsCommand::Remove { .. }) => "accounts remove",
            },
            Command::Import(_) => "import",
            Command::Export(_) => "export",
            Command::History(_) => "history",
            Command::Status(_) => "status",
            Command::Pay(args) if args.instant => "pay --instant",
            Command::Pay(args) if args.auto => "pay --auto",
            Command::Pay(args) if args.deposit.is_some() => "pay --deposit",
            Command::Pay(_) => "pay",
            Command::Notifications(_) => "notifications",
            Command::Promotions(_) => "promotions",
            Command::Trend(_) => "trend",
            Command::Confirmation(_) => "confirmation",
            Command::Receipt(R::Apply { .. }) => "receipt apply",
            Command::Receipt(R::Cancel) => "receipt cancel",
            Command::Receipt(R::List { .. }) => "receipt list",
            Command::Calendar(C::Add { .. }) => "calendar add",
            Command::Calendar(C::List { .. }) => "calendar list",
            Command::Sync(_) => "sync",
            Command::Check => "check",
            Command::Completions(_) => "completions",
            Command::Manpage => "manpage",
        }
    }

    /// O2: refuses an output format the command cannot print, before anything runs.
    fn check_format(&self, format: Format, given: &str) -> Result<()> {
        let formats = self.formats();
        if formats.contains(&format) {
            return Ok(());
        }
        let name = self.name();
        let (form, option) = match format {
            Format::Json if given == "--json" => ("JSON", "--json"),
            Format::Json => ("JSON", "--format json"),
            Format::Csv => ("CSV", "--format csv"),
            Format::Table => ("table", "--format table"),
            Format::Focus => ("FOCUS", "--format focus"),
        };
        let instead: Vec<&str> = formats
            .iter()
            .map(|f| match f {
                Format::Table => "--format table",
                Format::Json => "--json",
                Format::Csv => "--format csv",
                Format::Focus => "--format focus",
            })
            .collect();
        Err(Error::invalid(if instead == ["--format table"] {
            format!("`{name}` prints plain text and has no {form} form; drop {option} (nothing was done)")
        } else {
            format!(
                "`{name}` has no {form} form; use {} (nothing was done)",
                instead.join(" or ")
            )
        }))
    }
}

/// Help decorations applied to every subcommand, recursively: required options are marked
/// and the long help (`--help`) ends with examples.
fn decorate(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd;
    if !cmd.get_arguments().any(|a| a.get_long() == Some("demo")) {
        cmd = cmd.arg(
            clap::Arg::new("demo")
                .long("demo")
                .action(clap::ArgAction::SetTrue)
                .help("Use a fresh in-memory demo ledger instead of --db (nothing is written to disk)")
                .help_heading(GLOBAL_OPTIONS)
                .display_order(999),
        );
    }
    let mut cmd = cmd.mut_args(|a| {
        if a.is_required_set() && !a.is_positional() {
            let help = a.get_help().map(ToString::to_string).unwrap_or_default();
            a.help(format!("{help} [required]"))
        } else {
            a
        }
    });
    if let Some(text) = examples(cmd.get_name()) {
        cmd = cmd.after_long_help(format!("Examples:\n{text}"));
    }
    cmd.mut_subcommands(decorate)
}

/// The examples of each subcommand's long help, by name.
fn examples(name: &str) -> Option<&'static str> {
    Some(match name {
        "init" => concat!(
            "  ncp-usage init --first-name Minji --last-name Kim --email minji@example.com\n",
            "  ncp-usage init --member-type business --first-name Jisoo --last-name Park \\\n",
            "      --email ops@example.com --phone 010-1234-5678\n",
            "  ncp-usage --db demo.db init --demo       # a demo ledger to keep and change",
        ),
        "account" => concat!(
            "  ncp-usage account show\n",
            "  ncp-usage account billing-email billing@example.com\n",
            "  ncp-usage account payment-method card --brand VISA --last4 4242 --expiry 2027-12",
        ),
        "set" => "  ncp-usage account set --phone 010-1234-5678 --expatriate false",
        "card" => "  ncp-usage account payment-method card --brand VISA --last4 4242 --expiry 2027-12 --limit 500000",
        "transfer" => "  ncp-usage account payment-method transfer --bank KB --last4 1234",
        "import" => concat!(
            "  ncp-usage import contracts contracts.csv\n",
            "  ncp-usage import usage usage-1.csv usage-2.csv   # all files or none\n",
            "  cat fees.csv | ncp-usage import fees -\n",
            "  ncp-usage import ncp getDemandCostList-2024-05.json",
        ),
        "export" => concat!(
            "  ncp-usage export --month 2024-02 --output fees.xlsx\n",
            "  ncp-usage export --month 2024-02 -o fees.csv",
        ),
        "history" => concat!(
            "  ncp-usage history --month 2024-02\n",
            "  ncp-usage history --month 2024-02 --region KR --detail\n",
            "  ncp-usage history --month 2024-02 --detail --format csv > fees.csv\n",
            "  ncp-usage history --month 2024-02 --json | jq .totals.billed_amount",
        ),
        "status" => concat!(
            "  ncp-usage status\n",
            "  ncp-usage status --region SGN --as-of 2024-06-15",
        ),
        "pay" => concat!(
            "  ncp-usage pay                                   # what is owed, is instant payment open\n",
            "  ncp-usage pay --instant                         # asks first\n",
            "  ncp-usage pay --instant --month 2024-04 --method transfer --yes --idempotency-key k-123 --json\n",
            "  ncp-usage pay --auto                            # what cron runs daily\n",
            "  ncp-usage pay --deposit 113300 --reference \"KB 2024-05-06\" --yes",
        ),
        "notifications" => "  ncp-usage notifications --month 2024-05",
        "promotions" => "  ncp-usage promotions --as-of 2024-06-05 --json",
        "trend" => concat!(
            "  ncp-usage trend\n",
            "  ncp-usage trend --months 12 --format csv",
        ),
        "confirmation" => concat!(
            "  ncp-usage confirmation --month 2024-05 --output confirmation.html\n",
            "  ncp-usage confirmation --month 2024-05 -o confirmation.pdf",
        ),
        "receipt" => concat!(
            "  ncp-usage receipt apply --agree-nts\n",
            "  ncp-usage receipt list --month 2024-05",
        ),
        "calendar" => concat!(
            "  ncp-usage calendar add 2024-10-01 \"Armed Forces Day\"\n",
            "  ncp-usage calendar list --year 2024",
        ),
        "sync" => "  NCLOUD_ACCESS_KEY=... NCLOUD_SECRET_KEY=... ncp-usage sync --from 2024-01 --to 2024-06",
        "check" => "  ncp-usage check && echo clean",
        "completions" => "  ncp-usage completions bash > ~/.local/share/bash-completion/completions/ncp-usage",
        _ => return None,
    })
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
        if let Some(last4) =
            ncp_usage_core::billing::account::find_card_number(arg.as_encoded_bytes())
        {
            return Err(clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("an argument holds what looks like a full card number (ending {last4}); ncp-usage never takes card numbers: give only the last 4 digits with --last4\n"),
            ));
        }
    }
    let matches = Cli::command().try_get_matches()?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    // `--demo` after the subcommand is the subcommand's copy of it (see `decorate`).
    let mut level = &matches;
    while let Some((_, sub)) = level.subcommand() {
        if let Ok(Some(true)) = sub.try_get_one::<bool>("demo") {
            cli.demo = true;
        }
        level = sub;
    }
    Ok(cli)
}

/// Runs a parsed command line. Everything the command line alone can refuse is refused here,
/// before a ledger is opened.
pub fn run(cli: Cli) -> Result<()> {
    cli.command.check_format(
        cli.output_format(),
        if cli.json { "--json" } else { "--format" },
    )?;
    let ctx = Context::new(&cli)?;
    match cli.command {
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Account(cmd) => commands::account::run(&ctx, cmd),
        Command::Accounts(args) => commands::accounts::run(&ctx, args),
        Command::Import(args) => commands::import::run(&ctx, args),
        Command::Export(args) => commands::export::run(&ctx, args),
        Command::History(args) => commands::history::run(&ctx, args),
        Command::Status(args) => commands::status::run(&ctx, args),
        Command::Pay(args) => commands::pay::run(&ctx, args),
        Command::Notifications(args) => commands::notifications::run(&ctx, args),
        Command::Receipt(cmd) => commands::receipt::run(&ctx, cmd),
        Command::Confirmation(args) => commands::confirmation::run(&ctx, args),
        Command::Promotions(args) => commands::promotions::run(&ctx, args),
        Command::Trend(args) => commands::trend::run(&ctx, args),
        Command::Calendar(cmd) => commands::calendar::run(&ctx, cmd),
        Command::Sync(args) => commands::sync::run(&ctx, args),
        Command::Check => commands::check::run(&ctx),
        Command::Completions(args) => commands::completions::run(args),
        Command::Manpage => commands::completions::manpage(),
    }
}

/// Prints a failed command's error on stderr: one line `error: sentence`, or with `--json`
/// one line of JSON, `{"error":{"rule":…,"message":…,"exit_code":…}}`. Stdout stays empty.
pub fn print_error(e: &Error, json: bool) {
    if json {
        eprintln!(
            "{}",
            serde_json::to_string(e).unwrap_or_else(|_| e.to_string())
        );
    } else {
        eprintln!("error: {e}");
    }
}

/// Whether the raw command line asks for JSON (`--json`, `--format json`), for errors found
/// before it could be parsed.
pub fn args_want_json() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().enumerate().any(|(i, a)| {
        a == "--json"
            || a == "--format=json"
            || (a == "--format" && args.get(i + 1).is_some_and(|v| v == "json"))
    })
}

/// One line for a clap error: its first line, clap's "did you mean" tip and the possible
/// values when it lists them, and where to look for help.
pub fn clap_error_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut lines = rendered.lines().filter(|l| !l.trim().is_empty()).peekable();
    let mut first = lines
        .next()
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ")
        .to_string();
    // "the following required arguments were not provided:" lists them on the next lines.
    if first.ends_with(':') {
        let mut listed = Vec::new();
        while let Some(l) = lines.next_if(|l| l.starts_with("  ") && !is_hint(l)) {
            listed.push(l.trim());
        }
        first = format!("{} {}", first, listed.join(", "));
    }
    let hints: Vec<&str> = lines
        .take_while(|l| !l.starts_with("Usage:"))
        .filter(|l| is_hint(l))
        .map(str::trim)
        .collect();
    for hint in hints {
        first = format!("{first}; {hint}");
    }
    format!("{first} (see ncp-usage --help)")
}

/// clap's lines worth keeping: "tip: a similar subcommand exists: 'history'" and
/// "[possible values: table, json, csv]".
fn is_hint(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("tip:") || l.starts_with("[possible values")
}

/// Turns an I/O failure on stdout into an error (a closed pipe is not one; see main).
pub(crate) fn io_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // `| head` read what it wanted: the rest is not worth a message (SPEC O2).
        return Error::new(Kind::BrokenPipe, "standard output was closed").with_source(e);
    }
    Error::other(format!("cannot write output: {e}")).with_source(e)
}
