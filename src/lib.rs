//! ncp-usage: NAVER Cloud Platform usage and billing over a local SQLite ledger.
//!
//! The library is organised the way data flows through a command:
//!
//! - [`cli`] parses the command line and builds a [`cli::Context`] (ledger, instant, format);
//! - [`ledger`] loads facts inside one transaction and stores decisions — the only SQL;
//! - [`billing`] decides: pure rules over facts and the instant of SPEC T1 ([`clock`]),
//!   with exact money ([`money`]) and the business-day calendar ([`calendar`]);
//! - [`report`] shapes what a command shows, and the CLI renders it as a table, JSON or CSV;
//! - [`exchange`] moves data in and out: CSV imports, `.xlsx`/`.csv` exports, the demo;
//! - [`text`] is the one check for stored text (NFC, no control characters).
//!
//! Errors carry their exit status ([`error::Kind`], SPEC O2).

pub mod billing;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod error;
pub mod exchange;
pub mod ledger;
pub mod money;
pub mod ops;
pub mod report;
pub mod text;
