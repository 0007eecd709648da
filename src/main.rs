//! The `ncp-usage` binary: parse, run, map the outcome to an exit status (SPEC O2).

use std::process::ExitCode;

use clap::error::ErrorKind;
use ncp_usage::cli;
use ncp_usage_core::error::{Error, Kind};

fn main() -> ExitCode {
    let parsed = match cli::parse() {
        Ok(parsed) => parsed,
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            let _ = e.print();
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        Err(e) => {
            let error = Error::invalid(cli::clap_error_line(&e));
            cli::print_error(&error, cli::args_want_json());
            return ExitCode::from(error.kind.exit_code());
        }
    };
    let json = parsed.output_format() == cli::Format::Json;
    match cli::run(parsed) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`| head`) is not an error worth a message.
        Err(e) if e.kind == Kind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            cli::print_error(&e, json);
            ExitCode::from(e.kind.exit_code())
        }
    }
}
