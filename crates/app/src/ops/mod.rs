//! One operation per command, like cargo's `ops`: each loads facts from the ledger, decides
//! with the core's rules, stores what was decided and returns the view the command shows.
//! They sit between the thin commands and the layers they combine; they never print.

pub mod account_show;
pub mod calendar_list;
pub mod catch_up;
pub mod check;
pub mod confirmation;
pub mod history;
pub mod month;
pub mod notifications;
pub mod pay;
pub mod promotions;
pub mod receipt_list;
pub mod status;
pub mod trend;
