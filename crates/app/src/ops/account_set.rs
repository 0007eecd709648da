//! `account set`: change the member's details (SPEC A1, A2), keeping P11 and R1, R3 true.

use ncp_usage_core::billing::account::{
    check_business_allowed, check_method_allowed, validate_business_no, validate_company,
    validate_email, validate_name, validate_phone, MemberType,
};
use ncp_usage_core::billing::receipt::change_ends_issuance;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{account, receipts, Connection};

use crate::report::import::Done;

/// The new details; what is `None` stays as it is.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Login email.
    pub email: Option<String>,
    /// Individual or business.
    pub member_type: Option<MemberType>,
    /// Expatriate or not.
    pub expatriate: Option<bool>,
    /// Mobile number.
    pub phone: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Business registration number.
    pub business_no: Option<String>,
}

impl Changes {
    /// Nothing to change.
    pub fn is_empty(&self) -> bool {
        self.first_name.is_none()
            && self.last_name.is_none()
            && self.email.is_none()
            && self.member_type.is_none()
            && self.expatriate.is_none()
            && self.phone.is_none()
            && self.company.is_none()
            && self.business_no.is_none()
    }
}

/// Changes the member (and the company) as asked.
pub fn run(tx: &Connection, now: Instant, changes: &Changes) -> Result<Done> {
    let old = account::require_member(tx)?;
    let mut new = old.clone();
    if let Some(v) = &changes.first_name {
        new.first_name = validate_name("first name", v, 2)?;
    }
    if let Some(v) = &changes.last_name {
        new.last_name = validate_name("last name", v, 1)?;
    }
    if let Some(v) = &changes.email {
        new.email = validate_email(v)?;
    }
    if let Some(v) = changes.member_type {
        new.member_type = v;
    }
    if let Some(v) = changes.expatriate {
        new.expatriate = v;
    }
    if let Some(v) = &changes.phone {
        new.phone = Some(validate_phone(v)?);
    }
    // P11 holds after the change too: a member who becomes an individual or an expatriate
    // must first move to a method such a member may register.
    if let Some(method) = account::current_method(tx, now)? {
        check_method_allowed(&new, &method, account::has_automatic_method(tx)?)
            .map_err(|e| Error::refused(format!("{e}; change the payment method first")))?;
    }
    account::update(tx, &old, &new, now)?;
    if changes.company.is_some() || changes.business_no.is_some() {
        let mut business = account::business(tx)?;
        if let Some(v) = &changes.company {
            business.company = Some(validate_company(v)?);
        }
        if let Some(v) = &changes.business_no {
            business.business_no = Some(validate_business_no(v)?);
        }
        check_business_allowed(new.member_type, &business)?;
        account::set_business(tx, &business, now)?;
    }
    // R1, R3: a business gets tax invoices, so cash receipts stop now.
    let ended_issuance =
        change_ends_issuance(old.member_type, new.member_type) && receipts::end_issuance(tx, now)?;
    let mut message = "Your profile has been successfully updated.".to_string();
    if ended_issuance {
        message.push_str(" Automatic issuance of cash receipts has stopped: business members receive a tax invoice for each month instead.");
    }
    Ok(Done { message })
}
