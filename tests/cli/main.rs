//! Integration tests: the real `ncp-usage` binary on a temporary ledger with a fixed clock.
//! One test binary (`autotests = false`) keeps link time down; each file covers a command
//! and names the SPEC rules it pins.

#![allow(clippy::unwrap_used)] // helpers outside #[test] functions unwrap too: a failure is a test failure

mod account;
mod accounts;
mod accounts_scope;
mod byte_identical;
mod ceiling;
mod check;
mod cli_surface;
mod common;
mod completions_real;
mod concurrency;
mod confirmation_doc;
mod contention;
mod corrections;
mod crash;
mod damaged;
mod export;
mod far_as_of;
mod generated;
mod history;
mod hostile;
mod imports;
mod inputs;
mod keys;
mod layers;
mod ledger;
mod model;
mod money_balances;
mod money_bounds;
mod ncp;
mod ncp_accounts;
mod ncp_card_scan;
mod ncp_daily;
mod ncp_discount;
mod ncp_history_views;
mod ncp_ledger_checks;
mod ncp_lines;
mod ncp_money14;
mod ncp_notices;
mod ncp_paid;
mod ncp_penalty;
mod ncp_public;
mod ncp_server;
mod ncp_status;
mod ncp_stranger;
mod ncp_stranger_pages;
mod ncp_strict;
mod ncp_strict2;
mod ncp_v2;
mod ncp_views;
mod ncp_views2;
mod ncp_views3;
mod pay;
mod promotions;
mod prompts;
mod readme;
mod receipts;
mod security;
mod status;
mod tables;
mod time_travel;
mod views;
