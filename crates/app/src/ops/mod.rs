//! Operations that take several steps over the ledger and the rules: catching the ledger up
//! to "now" and paying. Like cargo's `ops`, they sit between the thin commands and the two
//! layers they combine; they never print.

pub mod catch_up;
pub mod month;
pub mod pay;
pub mod import;
pub mod sync;
pub mod init;
pub mod account_billing_email;
pub mod account_payment_method;
pub mod account_set;
pub mod pay_auto;
pub mod pay_show;
pub mod export;
pub mod calendar_add;
pub mod receipt_apply;
pub mod receipt_cancel;
