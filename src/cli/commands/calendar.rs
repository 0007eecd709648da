//! `calendar`: the holidays that business days skip (SPEC C1).

use chrono::NaiveDate;
use clap::Subcommand;

use crate::cli::Context;
use ncp_usage_app::ops::calendar_add;
use ncp_usage_app::ops::calendar_list;
use ncp_usage_core::clock;
use ncp_usage_core::error::Result;

/// Calendar subcommands.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Add a holiday (or rename the one on that day).
    Add {
        /// The day, YYYY-MM-DD.
        #[arg(value_parser = parse_day)]
        date: NaiveDate,
        /// Its name.
        name: String,
    },
    /// List the holidays.
    List {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
    },
}

fn parse_day(text: &str) -> std::result::Result<NaiveDate, String> {
    clock::parse_date(text).ok_or_else(|| format!("'{text}' is not a date; write YYYY-MM-DD"))
}

/// Runs a `calendar` subcommand.
pub fn run(ctx: &Context, cmd: CalendarCommand) -> Result<()> {
    match cmd {
        CalendarCommand::Add { date, name } => {
            let request = calendar_add::Request::new(date, &name)?;
            ctx.print(&ctx.write(|tx| calendar_add::run(tx, &request))?)
        }
        CalendarCommand::List { year } => {
            let view = ctx.read(|tx| calendar_list::run(tx, year))?;
            ctx.print(&view)
        }
    }
}
