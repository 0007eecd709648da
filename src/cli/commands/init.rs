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
    /// The account's short name in the ledger (letters, digits, '-', '_').
    #[arg(long, value_name = "NAME", default_value = ncp_usage_core::billing::accounts::MAIN)]
    pub name: String,
    #[command(flatten)]
    pub member: MemberArgs,
    /// Load the demo account (a business with 10 services in KR, SGN and JPN, 2023-06 to
    /// 2024-06) into the --db ledger instead, to keep and change.
    #[arg(
        long = "demo",
        id = "init_demo",
        conflicts_with_all = ["first_name", "last_name", "email", "phone", "company", "business_no"]
    )]
    pub load_demo: bool,
}

/// The member of an account (SPEC A1, A2): what `init` and `accounts add` ask for.
#[derive(Debug, Args)]
pub struct MemberArgs {
    /// Individual or business member.
    #[arg(long, value_parser = choice::<MemberType>(), default_value = "individual")]
    pub member_type: MemberType,
    /// An expatriate (international resident) member: pays by credit card only.
    #[arg(long)]
    pub expatriate: bool,
    /// First name: at least 2 letters (required unless --demo).
    #[arg(long)]
    pub first_name: Option<String>,
    /// Last name: at least 1 letter (required unless --demo).
    #[arg(long)]
    pub last_name: Option<String>,
    /// Login email; bills go here until `account billing-email` changes it (required unless
    /// --demo).
    #[arg(long)]
    pub email: Option<String>,
    /// Mobile number for SMS notices (bills, outstanding amounts).
    #[arg(long)]
    pub phone: Option<String>,
    /// Company name (business members), shown on usage confirmations.
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    /// Business registration number (business members), NNN-NN-NNNNN.
    #[arg(long, value_name = "NNN-NN-NNNNN")]
    pub business_no: Option<String>,
}

impl MemberArgs {
    /// Whether any of the member's details were given.
    pub fn given(&self) -> bool {
        self.first_name.is_some() || self.last_name.is_some() || self.email.is_some()
    }

    /// The member to create; `alternative` names what else the command accepts instead.
    pub fn request(&self, command: &str, alternative: &str) -> Result<Request> {
        // Checked here rather than by clap, so that `ncp-usage --demo init` gets its own
        // message instead of a list of missing options.
        let (Some(first_name), Some(last_name), Some(email)) = (
            self.first_name.clone(),
            self.last_name.clone(),
            self.email.clone(),
        ) else {
            let missing: Vec<&str> = [
                ("--first-name", self.first_name.is_none()),
                ("--last-name", self.last_name.is_none()),
                ("--email", self.email.is_none()),
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
                "{command} needs {names}; give them{alternative}"
            )));
        };
        Request::create(Given {
            first_name,
            last_name,
            email,
            member_type: self.member_type,
            expatriate: self.expatriate,
            phone: self.phone.clone(),
            company: self.company.clone(),
            business_no: self.business_no.clone(),
        })
    }
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
        args.member
            .request("init", ", or --demo to load the demo account")?
    };
    let done = ctx.write(|tx| {
        let done = init::run(tx, ctx.now, &request)?;
        init::name_account(tx, &args.name)?;
        Ok(done)
    })?;
    ctx.print(&done)
}
