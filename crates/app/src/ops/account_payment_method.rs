//! `account payment-method`: register the payment method (SPEC P11), replacing the current
//! one.

use ncp_usage_core::billing::account::{
    check_card_valid, check_method_allowed, validate_label, validate_last4, PaymentMethod,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::{account, Connection};

use crate::report::import::Done;

/// A payment method, checked before the ledger is opened.
#[derive(Debug, Clone)]
pub struct Request {
    method: PaymentMethod,
}

impl Request {
    /// Refuses labels that are not plain text, anything but four last digits, and a card
    /// that has expired by `now`.
    pub fn new(given: PaymentMethod, now: Instant) -> Result<Request> {
        let method = match given {
            PaymentMethod::Card {
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
                check_card_valid(expiry, Month::of(now.date_naive()))?;
                card
            }
            PaymentMethod::Transfer {
                bank,
                last4,
                balance,
            } => PaymentMethod::Transfer {
                bank: validate_label("--bank", &bank)?,
                last4: validate_last4(&last4)?,
                balance,
            },
            PaymentMethod::Deposit => PaymentMethod::Deposit,
        };
        Ok(Request { method })
    }
}

/// P11: registers the method when the member may use it.
pub fn run(tx: &Connection, now: Instant, request: &Request) -> Result<Done> {
    let member = account::require_member(tx)?;
    let method = &request.method;
    check_method_allowed(&member, method, account::has_automatic_method(tx)?)?;
    account::register_method(tx, method, now)?;
    Ok(Done {
        message: format!("Payment method registered: {}.", method.label()),
    })
}
