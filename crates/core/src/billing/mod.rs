//! The billing rules, as pure functions of facts and an instant.
//!
//! Nothing in here reads the clock, touches SQLite or prints: commands load facts from the
//! ledger, call these functions with the instant of SPEC T1, store what they decide and render
//! it. Each module names the SPEC rules it implements, and its tests are named after them.

pub mod account;
pub mod accounts;
pub mod confirmation;
pub mod facts;
pub mod focus;
pub mod gateway;
pub mod issued;
pub mod ncp;
pub mod ncp_currency;
pub mod ncp_daily;
pub mod ncp_detail;
pub mod ncp_discount;
pub mod ncp_odd;
pub mod ncp_stale;
pub mod ncp_v2;
pub mod payment;
pub mod penalty;
pub mod period;
pub mod promotion;
pub mod rating;
pub mod receipt;
pub mod rollup;
pub mod schedule;
pub mod statement;
pub mod status;
pub mod trend;
