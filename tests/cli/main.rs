//! Integration tests: the real `ncp-usage` binary on a temporary ledger with a fixed clock.
//! One test binary (`autotests = false`) keeps link time down; each file covers a command
//! and names the SPEC rules it pins.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a failure is a test failure

mod account;
mod check;
mod common;
mod concurrency;
mod contention;
mod crash;
mod export;
mod generated;
mod history;
mod hostile;
mod imports;
mod ledger;
mod model;
mod ncp;
mod pay;
mod promotions;
mod prompts;
mod receipts;
mod security;
mod status;
mod tables;
