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

/// The man page, in roff: clap's sections, then EXIT STATUS, ENVIRONMENT, FILES and
/// EXAMPLES.
pub fn man_page() -> Result<Vec<u8>> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out).map_err(io_error)?;
    man.render_name_section(&mut out).map_err(io_error)?;
    man.render_synopsis_section(&mut out).map_err(io_error)?;
    man.render_description_section(&mut out).map_err(io_error)?;
    man.render_options_section(&mut out).map_err(io_error)?;
    man.render_subcommands_section(&mut out).map_err(io_error)?;
    out.extend_from_slice(MAN_SECTIONS.as_bytes());
    man.render_version_section(&mut out).map_err(io_error)?;
    if cmd.get_author().is_some() {
        man.render_authors_section(&mut out).map_err(io_error)?;
    }
    Ok(out)
}

/// The man page's own sections, in roff (the README's "Exit codes" table and more).
const MAN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Done.
.TP
\fB1\fR
You answered no at a confirmation prompt (nothing was done), or anything else, e.g. an output file that cannot be written.
.TP
\fB2\fR
Invalid input: a bad month, amount, date, CSV row or option, an output format the command has no form for, or a payment without \fB\-\-yes\fR where there is no terminal to ask on.
.TP
\fB3\fR
Refused by a billing rule: instant payment closed, nothing payable, an expired card, \fB\-\-as\-of\fR earlier than the ledger's latest write, no account yet.
.TP
\fB4\fR
Ledger problem: locked past the busy timeout, damaged, not a ledger, made by a newer version; or \fBcheck\fR found problems.
.TP
\fB130\fR
Interrupted (Ctrl\-C) at a prompt; nothing was done.
.PP
An error is one line on standard error and standard output stays empty; with \fB\-\-json\fR the line is a JSON document: {"error":{"rule":"P4","message":"...","exit_code":3}}. A failed command changes nothing.
.SH ENVIRONMENT
.TP
\fBNCP_USAGE_DB\fR
The ledger file, as \fB\-\-db\fR.
.TP
\fBNCP_USAGE_NOW\fR
The instant "now", as \fB\-\-as\-of\fR.
.TP
\fBNCP_USAGE_BUSY_TIMEOUT_MS\fR
How long to wait for another command's lock on the ledger (default 5000).
.TP
\fBNCLOUD_ACCESS_KEY\fR, \fBNCLOUD_SECRET_KEY\fR
The API keys \fBsync\fR signs its requests with (else read from ~/.ncloud/configure).
.TP
\fBNO_COLOR\fR
Turns styling off (so does output to a pipe).
.TP
\fBCOLUMNS\fR
The width tables and charts are drawn to.
.SH FILES
.TP
\fI~/.local/share/ncp\-usage/ledger.db\fR
The default ledger on Linux (the user's data folder elsewhere), created with its folder on first use (folder 0700, file 0600).
.TP
\fI~/.ncloud/configure\fR
NCP API keys for \fBsync\fR.
.SH EXAMPLES
.nf
ncp\-usage \-\-demo history \-\-month 2024\-05
ncp\-usage \-\-db demo.db init \-\-demo
ncp\-usage init \-\-first\-name Minji \-\-last\-name Kim \-\-email minji@example.com
ncp\-usage account payment\-method card \-\-brand VISA \-\-last4 4242 \-\-expiry 2027\-12
ncp\-usage import contracts contracts.csv
ncp\-usage history \-\-month 2024\-02 \-\-region KR \-\-json
ncp\-usage export \-\-month 2024\-02 \-\-output fees.xlsx
ncp\-usage pay \-\-instant \-\-yes \-\-idempotency\-key k\-123
ncp\-usage pay \-\-auto
.fi
"#;

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
