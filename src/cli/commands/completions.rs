//! `completions SHELL` and the man page, generated from the same clap definitions.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::{io_error, Cli};
use ncp_usage_core::error::Result;

/// Print a completion script for a shell.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The binary's name, as the shells see it.
const BIN: &str = "ncp-usage";

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
    match shell {
        Shell::Bash => fix_bash(out),
        Shell::Fish => fix_fish(out),
        _ => out,
    }
}

/// Two gaps of clap_complete's fish script, filled:
/// - a global option still waiting for its value (`ncp-usage --format <TAB>`) made the
///   "no subcommand yet" test fail, so neither the values nor anything else completed; the
///   test now parses the words before that option when the whole line does not parse;
/// - positional arguments with a fixed set of values (`import <TAB>`, `completions <TAB>`)
///   completed file names; their values are added, until one of them is typed.
fn fix_fish(script: Vec<u8>) -> Vec<u8> {
    let mut text = match String::from_utf8(script) {
        Ok(text) => text,
        Err(e) => return e.into_bytes(),
    };
    let prefix = format!("__fish_{}", BIN.replace('-', "_"));
    let parse = format!("    argparse -s ({prefix}_global_optspecs) -- $cmd 2>/dev/null\n");
    let retry = format!(
        "{parse}    # an option waiting for its value (`--format <TAB>`): parse the words before it\n    or argparse -s ({prefix}_global_optspecs) -- $cmd[1..-2] 2>/dev/null\n"
    );
    text = text.replacen(&parse, &retry, 1);
    let mut extra = String::new();
    positional_values(&Cli::command(), &[], &prefix, &mut extra);
    if !extra.is_empty() {
        text.push_str("\n# Values of positional arguments (added by ncp-usage)\n");
        text.push_str(&extra);
    }
    text.into_bytes()
}

/// Fish `complete` lines for the fixed values of `cmd`'s positional arguments, for `cmd` at
/// `path` (the subcommand names after the binary) and every subcommand below it.
fn positional_values(cmd: &clap::Command, path: &[&str], prefix: &str, out: &mut String) {
    use std::fmt::Write as _;
    if let Some((first, rest)) = path.split_first() {
        for arg in cmd.get_positionals() {
            let values: Vec<_> = arg
                .get_possible_values()
                .into_iter()
                .filter(|v| !v.is_hide_set())
                .collect();
            if values.is_empty() {
                continue;
            }
            let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
            let mut condition = format!("{prefix}_using_subcommand {first}");
            for sub in rest {
                let _ = write!(condition, "; and __fish_seen_subcommand_from {sub}");
            }
            let _ = write!(
                condition,
                "; and not __fish_seen_subcommand_from {}",
                names.join(" ")
            );
            for v in &values {
                let _ = write!(
                    out,
                    "complete -c {BIN} -n \"{condition}\" -f -a '{}'",
                    v.get_name()
                );
                if let Some(help) = v.get_help() {
                    let help = help
                        .to_string()
                        .replace('\n', " ")
                        .replace('\\', "\\\\")
                        .replace('\'', "\\'");
                    let _ = write!(out, " -d '{help}'");
                }
                out.push('\n');
            }
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut deeper = path.to_vec();
        deeper.push(sub.get_name());
        positional_values(sub, &deeper, prefix, out);
    }
}

/// clap_complete 4.6 (clap-rs/clap#6421, still open) spells the bash states of a
/// hyphenated binary two ways: the loop that walks the words builds `ncp__usage__subcmd__pay`
/// while the case labels read `ncp__subcmd__usage__subcmd__pay`, so nothing after the first
/// word ever completes. The labels are rewritten to the loop's spelling; a fixed
/// clap_complete generates no such label and this changes nothing.
fn fix_bash(script: Vec<u8>) -> Vec<u8> {
    let wrong = BIN.replace('-', "__subcmd__");
    let right = BIN.replace('-', "__");
    match String::from_utf8(script) {
        Ok(text) => text.replace(&wrong, &right).into_bytes(),
        Err(e) => e.into_bytes(),
    }
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
