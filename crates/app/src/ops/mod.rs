//! One operation per command (like cargo's `ops/cargo_*.rs`): each loads the facts from the
//! ledger, lets the core's rules decide, stores what was decided and returns the view the
//! command shows. They sit between the thin commands and the layers they combine; they
//! never print. A subcommand that writes has its own (`account_set`, `receipt_apply`…).
//! `catch_up` and `month` are the steps several operations share.

pub mod account_billing_email;
pub mod account_payment_method;
pub mod account_set;
pub mod account_show;
pub mod accounts;
pub mod calendar_add;
pub mod calendar_list;
pub mod catch_up;
pub mod check;
pub mod confirmation;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod month;
pub mod notifications;
pub mod pay;
pub mod pay_auto;
pub mod pay_show;
pub mod promotions;
pub mod receipt_apply;
pub mod receipt_cancel;
pub mod receipt_list;
pub mod rollup;
pub mod status;
pub mod sync;
pub mod trend;
