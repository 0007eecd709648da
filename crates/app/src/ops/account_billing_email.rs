//! `account billing-email`: where bills are sent (SPEC A1).

use ncp_usage_core::billing::account::validate_email;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{account, Connection};

use crate::report::import::Done;

/// A billing email, checked before the ledger is opened.
#[derive(Debug, Clone)]
pub struct Request {
    email: String,
}

impl Request {
    /// A1: refuses what is not an email address.
    pub fn new(email: &str) -> Result<Request> {
        Ok(Request {
            email: validate_email(email)?,
        })
    }
}

/// Sends bills to the new address from now on.
pub fn run(tx: &Connection, now: Instant, request: &Request) -> Result<Done> {
    let old = account::require_member(tx)?;
    let mut new = old.clone();
    new.billing_email = request.email.clone();
    account::update(tx, &old, &new, now)?;
    Ok(Done {
        message: format!("Bills will be sent to {}.", request.email),
    })
}
