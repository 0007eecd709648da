//! `init`: create the account in a new ledger (SPEC A1, A2), or load the demo account.

use crate::cli::choice::choice;
use clap::Args;

use crate::cli::Context;
use ncp_usage_app::ops::init::{self, Given, Request};
use ncp_usage_core::billing::account::MemberType;
use ncp_usage_core::error::{Error, Result};

/// Create the account: name, email, member type.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Individual or business member.
    #[arg(long, value_parser = choice::<MemberType>(), default_value = "individual")]
    pub member_type: MemberType,
    /// An expatriate (international resident) member: pays by credit card only.
    #[arg(long)]
    pub expatriate: bool,
    /// First name: at least 2 letters (required unless --demo).
    #[arg(long, conflicts_with = "init_demo")]
    pub first_name: Option<String>,
    /// Last name: at least 1 letter (required unless --demo).
    #[arg(long, conflicts_with = "init_demo")]
    pub last_name: Option<String>,
    /// Login email; bills go here until `account billing-email` changes it (required unless
    /// --demo).
    #[arg(long, conflicts_with = "init_demo")]
    pub email: Option<String>,
    /// Mobile number for SMS notices (bills, outstanding amounts).
    #[arg(long, conflicts_with = "init_demo")]
    pub phone: Option<String>,
    /// Company name (business members), shown on usage confirmations.
    #[arg(long, value_name = "NAME", conflicts_with = "init_demo")]
    pub company: Option<String>,
    /// Business registration number (business members), NNN-NN-NNNNN.
    #[arg(long, value_name = "NNN-NN-NNNNN", conflicts_with = "init_demo")]
    pub business_no: Option<String>,
    /// Load the demo account (a business with 10 services in KR, SGN and JPN, 2023-06 to
    /// 2024-06) into the --db ledger instead, to keep and change.
    #[arg(long = "demo", id = "init_demo")]
    pub load_demo: bool,
}

/// Runs `init`.
pub fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    if ctx.db.is_none() {
        return Err(Error::invalid(
            "the global --demo ledger lives in memory only; to keep a demo ledger, run `ncp-usage --db FILE init --demo`",
        ));
    }
    let request = if args.load_demo {
        Request::Demo
    } else {
        // Checked here rather than by clap, so that `ncp-usage --demo init` gets the message
        // above instead of a list of missing options.
        let (Some(first_name), Some(last_name), Some(email)) = (
            args.first_name.clone(),
            args.last_name.clone(),
            args.email.clone(),
        ) else {
            let missing: Vec<&str> = [
                ("--first-name", args.first_name.is_none()),
                ("--last-name", args.last_name.is_none()),
                ("--email", args.email.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, absent)| absent.then_some(name))
            .collect();
            let names = match missing.split_last() {
                Some((last, [])) => (*last).to_string(),
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            return Err(Error::invalid(format!(
                "init needs {names}; give them, or --demo to load the demo account"
            )));
        };
        Request::create(Given {
            first_name,
            last_name,
            email,
            member_type: args.member_type,
            expatriate: args.expatriate,
            phone: args.phone,
            company: args.company,
            business_no: args.business_no,
        })?
    };
    let done = ctx.write(|tx| init::run(tx, ctx.now, &request))?;
    ctx.print(&done)
}
