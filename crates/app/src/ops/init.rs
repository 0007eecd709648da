//! `init`: the account of a new ledger (SPEC A1, A2), or the demo account.

use ncp_usage_core::billing::account::{
    check_business_allowed, display_name, validate_business_no, validate_company, validate_email,
    validate_name, validate_phone, Business, Member, MemberType,
};
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{account, accounts, AccountId, Connection};

use crate::exchange::demo;
use crate::report::import::Done;

/// The account as given on the command line, before it is checked.
#[derive(Debug, Clone)]
pub struct Given {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Login email, where bills go too at first.
    pub email: String,
    /// Individual or business.
    pub member_type: MemberType,
    /// An expatriate member.
    pub expatriate: bool,
    /// Mobile number.
    pub phone: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Business registration number.
    pub business_no: Option<String>,
}

/// What to create.
#[derive(Debug, Clone)]
pub enum Request {
    /// The demo account, to keep and change.
    Demo,
    /// A new account, checked.
    Create {
        /// The member (A1).
        member: Member,
        /// The company, for business members (A2).
        business: Business,
    },
}

impl Request {
    /// A1, A2: checks what was given before the ledger is opened.
    pub fn create(given: Given) -> Result<Request> {
        let email = validate_email(&given.email)?;
        let member = Member {
            first_name: validate_name("first name", &given.first_name, 2)?,
            last_name: validate_name("last name", &given.last_name, 1)?,
            billing_email: email.clone(),
            email,
            member_type: given.member_type,
            expatriate: given.expatriate,
            phone: given.phone.as_deref().map(validate_phone).transpose()?,
        };
        let business = Business {
            company: given.company.as_deref().map(validate_company).transpose()?,
            business_no: given
                .business_no
                .as_deref()
                .map(validate_business_no)
                .transpose()?,
        };
        check_business_allowed(member.member_type, &business)?;
        Ok(Request::Create { member, business })
    }
}

/// Creates the account, or loads the demo one.
pub fn run(tx: &Connection, now: Instant, request: &Request) -> Result<Done> {
    let message = match request {
        Request::Demo => {
            demo::load(tx)?;
            let m = demo::member();
            format!(
                "Loaded the demo account of {} (business, 10 services in KR, SGN and JPN, 2023-06 to 2024-06). Try: ncp-usage history --month 2024-05",
                display_name(&m.first_name, &m.last_name)
            )
        }
        Request::Create { member, business } => {
            account::create(tx, member, now)?;
            if !business.is_empty() {
                account::set_business(tx, business, now)?;
            }
            format!(
                "Created the account of {} ({}{}). Next: register a payment method with `ncp-usage account payment-method`.",
                display_name(&member.first_name, &member.last_name),
                member.member_type.as_str(),
                if member.expatriate { ", expatriate" } else { "" }
            )
        }
    };
    Ok(Done { message })
}

/// Gives the account `init` created its name in the ledger (`--name`, `main` by default):
/// the first account of a new ledger is `main` until then.
pub fn name_account(tx: &Connection, name: &str) -> Result<()> {
    let running = accounts::running(tx)?;
    if running.name != name {
        accounts::rename(tx, AccountId(running.id), name)?;
    }
    Ok(())
}
