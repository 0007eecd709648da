//! `account`: show and change the member, the billing email and the payment method
//! (SPEC A1, A2, P11).

use crate::cli::choice::choice;
use clap::{Args, Subcommand};

use crate::cli::Context;
use ncp_usage_app::ops::account_show;
use ncp_usage_app::report::import::Done;
use ncp_usage_core::billing::account::{
    check_business_allowed, check_card_valid, check_method_allowed, validate_business_no,
    validate_company, validate_email, validate_label, validate_last4, validate_name,
    validate_phone, MemberType, PaymentMethod,
};
use ncp_usage_core::billing::receipt::change_ends_issuance;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::{account, receipts};

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
        #[arg(long, value_name = "KRW")]
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
        #[arg(long, value_name = "KRW")]
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
            if args.first_name.is_none()
                && args.last_name.is_none()
                && args.email.is_none()
                && args.member_type.is_none()
                && args.expatriate.is_none()
                && args.phone.is_none()
                && args.company.is_none()
                && args.business_no.is_none()
            {
                return Err(Error::invalid(
                    "nothing to change; give --first-name, --last-name, --email, --phone, --member-type, --expatriate, --company or --business-no",
                ));
            }
            let ended_issuance = ctx.write(|tx| {
                let old = account::require_member(tx)?;
                let mut new = old.clone();
                if let Some(v) = &args.first_name {
                    new.first_name = validate_name("first name", v, 2)?;
                }
                if let Some(v) = &args.last_name {
                    new.last_name = validate_name("last name", v, 1)?;
                }
                if let Some(v) = &args.email {
                    new.email = validate_email(v)?;
                }
                if let Some(v) = args.member_type {
                    new.member_type = v;
                }
                if let Some(v) = args.expatriate {
                    new.expatriate = v;
                }
                if let Some(v) = &args.phone {
                    new.phone = Some(validate_phone(v)?);
                }
                // P11 holds after the change too: a member who becomes an individual or an
                // expatriate must first move to a method such a member may register.
                if let Some(method) = account::current_method(tx, ctx.now)? {
                    check_method_allowed(&new, &method, account::has_automatic_method(tx)?)
                        .map_err(|e| {
                            Error::refused(format!("{e}; change the payment method first"))
                        })?;
                }
                account::update(tx, &old, &new, ctx.now)?;
                if args.company.is_some() || args.business_no.is_some() {
                    let mut business = account::business(tx)?;
                    if let Some(v) = &args.company {
                        business.company = Some(validate_company(v)?);
                    }
                    if let Some(v) = &args.business_no {
                        business.business_no = Some(validate_business_no(v)?);
                    }
                    check_business_allowed(new.member_type, &business)?;
                    account::set_business(tx, &business, ctx.now)?;
                }
                // R1, R3: a business gets tax invoices, so cash receipts stop now.
                Ok(change_ends_issuance(old.member_type, new.member_type)
                    && receipts::end_issuance(tx, ctx.now)?)
            })?;
            let mut message = "Your profile has been successfully updated.".to_string();
            if ended_issuance {
                message.push_str(" Automatic issuance of cash receipts has stopped: business members receive a tax invoice for each month instead.");
            }
            ctx.print(&Done { message })
        }
        AccountCommand::BillingEmail { email } => {
            let email = validate_email(&email)?;
            ctx.write(|tx| {
                let old = account::require_member(tx)?;
                let mut new = old.clone();
                new.billing_email = email.clone();
                Ok(account::update(tx, &old, &new, ctx.now)?)
            })?;
            ctx.print(&Done {
                message: format!("Bills will be sent to {email}."),
            })
        }
        AccountCommand::PaymentMethod(m) => {
            let method = match m {
                MethodCommand::Card {
                    brand,
                    last4,
                    expiry,
                    limit,
                } => {
                    let card = PaymentMethod::Card {
                        brand: validate_label("--brand", &brand)?,
                        last4: validate_last4(&last4)?,
                        expiry,
                        limit,
                    };
                    check_card_valid(expiry, Month::of(ctx.now.date_naive()))?;
                    card
                }
                MethodCommand::Transfer {
                    bank,
                    last4,
                    balance,
                } => PaymentMethod::Transfer {
                    bank: validate_label("--bank", &bank)?,
                    last4: validate_last4(&last4)?,
                    balance,
                },
                MethodCommand::Deposit => PaymentMethod::Deposit,
            };
            ctx.write(|tx| {
                let member = account::require_member(tx)?;
                check_method_allowed(&member, &method, account::has_automatic_method(tx)?)?;
                Ok(account::register_method(tx, &method, ctx.now)?)
            })?;
            ctx.print(&Done {
                message: format!("Payment method registered: {}.", method.label()),
            })
        }
    }
}
