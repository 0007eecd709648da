//! `accounts`: the NCP accounts one ledger holds (issue 15): list them with their month,
//! add, rename and remove one.

use clap::{Args, Subcommand};

use super::init::MemberArgs;
use crate::cli::prompt::ask;
use crate::cli::Context;
use ncp_usage_app::ops::{accounts, init, rollup};
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{work_for, AccountId};

/// List the accounts (with no subcommand), or change them.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AccountsArgs {
    /// With the list: add a total per currency (what the accounts used this month and
    /// what they owe).
    #[arg(long)]
    pub all_accounts: bool,
    /// What to change.
    #[command(subcommand)]
    pub action: Option<AccountsCommand>,
}

/// Changes of the accounts.
#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Add an account, with its member when its details are given (as `init` takes them).
    Add {
        /// Its short name: letters, digits, '-', '_'.
        name: String,
        /// Its NCP member number (NCP's bodies of that member land in it).
        #[arg(long, value_name = "N")]
        member_no: Option<String>,
        #[command(flatten)]
        member: MemberArgs,
    },
    /// Rename an account.
    Rename {
        /// Its name or NCP member number.
        from: String,
        /// The new name.
        to: String,
    },
    /// Remove an account; one holding bills or payments only with --force, after a prompt.
    Remove {
        /// Its name or NCP member number.
        name: String,
        /// Remove it even though it holds bills or payments (they are deleted with it).
        #[arg(long)]
        force: bool,
    },
}

/// Runs `accounts`.
pub fn run(ctx: &Context, args: AccountsArgs) -> Result<()> {
    match args.action {
        None if args.all_accounts => {
            ctx.print(&ctx.read_all(|tx| rollup::accounts(tx, ctx.now, &ctx.gateway))?)
        }
        None => ctx.print(&ctx.read_across(|tx| accounts::list(tx, ctx.now, &ctx.gateway))?),
        Some(AccountsCommand::Add {
            name,
            member_no,
            member,
        }) => {
            let request = member
                .given()
                .then(|| {
                    member.request("accounts add", ", or none of them to add the member later")
                })
                .transpose()?;
            let done = ctx.write_across(|tx| {
                let done = accounts::add(tx, ctx.now, &name, member_no.as_deref())?;
                if let Some(request) = &request {
                    work_for(tx, AccountId(done.id))?;
                    init::run(tx, ctx.now, request)?;
                }
                Ok(done)
            })?;
            ctx.print(&done)
        }
        Some(AccountsCommand::Rename { from, to }) => {
            ctx.print(&ctx.write_across(|tx| accounts::rename(tx, &from, &to))?)
        }
        Some(AccountsCommand::Remove { name, force }) => {
            if force && !ctx.yes {
                ask(
                    &format!("Remove account {name} and every bill, payment and figure it holds?"),
                    Error::invalid(
                        "accounts remove --force deletes bills and payments and needs confirmation: run it on a terminal, or add --yes",
                    ),
                    Error::cancelled("cancelled; nothing was removed"),
                )?;
            }
            ctx.print(&ctx.write_across(|tx| accounts::remove(tx, &name, force))?)
        }
    }
}
