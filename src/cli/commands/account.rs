//! `account`: show and change the member, the billing email and the payment method
//! (SPEC A1, A2, P11).

use crate::cli::choice::choice;
use clap::{Args, Subcommand};

use crate::cli::Context;
use ncp_usage_app::ops::account_set::{self, Changes};
use ncp_usage_app::ops::account_show;
use ncp_usage_app::ops::{account_billing_email, account_payment_method};
use ncp_usage_core::billing::account::{MemberType, PaymentMethod};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::money::Krw;

/// Account subcommands.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Show the member, billing email, payment method and the history of changes.
    Show,
    /// Change the member's details.
    Set(SetArgs),
    /// Change the email bills are sent to.
    BillingEmail {
        /// The new billing email.
        email: String,
    },
    /// Register the payment method (replaces the current one).
    #[command(subcommand)]
    PaymentMethod(MethodCommand),
}

/// New details; what is not given stays as it is.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// First name: at least 2 letters.
    #[arg(long)]
    pub first_name: Option<String>,
    /// Last name: at least 1 letter.
    #[arg(long)]
    pub last_name: Option<String>,
    /// Login email.
    #[arg(long)]
    pub email: Option<String>,
    /// Individual or business member.
    #[arg(long, value_parser = choice::<MemberType>())]
    pub member_type: Option<MemberType>,
    /// Expatriate (international resident) member: true or false (yes/no also work).
    #[arg(long, value_name = "BOOL", value_parser = parse_bool)]
    pub expatriate: Option<bool>,
    /// Mobile number for SMS notices.
    #[arg(long)]
    pub phone: Option<String>,
    /// Company name (business members), shown on usage confirmations.
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,
    /// Business registration number (business members), NNN-NN-NNNNN.
    #[arg(long, value_name = "NNN-NN-NNNNN")]
    pub business_no: Option<String>,
}

/// `--expatriate`: true or false; yes/no, on/off and 1/0 mean the same.
fn parse_bool(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "1" => Ok(true),
        "false" | "no" | "n" | "off" | "0" => Ok(false),
        _ => Err("give true or false".to_string()),
    }
}

/// Payment methods (P11). Only the last four digits of a card or account are ever kept.
#[derive(Debug, Subcommand)]
pub enum MethodCommand {
    /// A credit card: automatic payment between the 10th and the 14th.
    Card {
        /// Card brand, e.g. VISA.
        #[arg(long)]
        brand: String,
        /// The card's last four digits.
        #[arg(long)]
        last4: String,
        /// The last month the card is valid, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        expiry: Month,
        /// The card's monthly limit in won, for the local payment gateway.
        #[arg(long, value_name = "KRW", allow_negative_numbers = true)]
        limit: Option<Krw>,
    },
    /// An account transfer (business members): automatic payment.
    Transfer {
        /// Bank name.
        #[arg(long)]
        bank: String,
        /// The account's last four digits.
        #[arg(long)]
        last4: String,
        /// The account balance in won, for the local payment gateway.
        #[arg(long, value_name = "KRW", allow_negative_numbers = true)]
        balance: Option<Krw>,
    },
    /// Direct deposit to the fee deposit account (business members with an automatic method).
    Deposit,
}

/// Runs an `account` subcommand.
pub fn run(ctx: &Context, cmd: AccountCommand) -> Result<()> {
    match cmd {
        AccountCommand::Show => {
            let view = ctx.read(|tx| account_show::run(tx, ctx.now))?;
            ctx.print(&view)
        }
        AccountCommand::Set(args) => {
            let changes = Changes {
                first_name: args.first_name,
                last_name: args.last_name,
                email: args.email,
                member_type: args.member_type,
                expatriate: args.expatriate,
                phone: args.phone,
                company: args.company,
                business_no: args.business_no,
            };
            if changes.is_empty() {
                return Err(Error::invalid(
                    "nothing to change; give --first-name, --last-name, --email, --phone, --member-type, --expatriate, --company or --business-no",
                ));
            }
            ctx.print(&ctx.write(|tx| account_set::run(tx, ctx.now, &changes))?)
        }
        AccountCommand::BillingEmail { email } => {
            let request = account_billing_email::Request::new(&email)?;
            ctx.print(&ctx.write(|tx| account_billing_email::run(tx, ctx.now, &request))?)
        }
        AccountCommand::PaymentMethod(m) => {
            let given = match m {
                MethodCommand::Card {
                    brand,
                    last4,
                    expiry,
                    limit,
                } => PaymentMethod::Card {
                    brand,
                    last4,
                    expiry,
                    limit,
                },
                MethodCommand::Transfer {
                    bank,
                    last4,
                    balance,
                } => PaymentMethod::Transfer {
                    bank,
                    last4,
                    balance,
                },
                MethodCommand::Deposit => PaymentMethod::Deposit,
            };
            let request = account_payment_method::Request::new(given, ctx.now)?;
            ctx.print(&ctx.write(|tx| account_payment_method::run(tx, ctx.now, &request))?)
        }
    }
}
