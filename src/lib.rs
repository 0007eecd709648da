//! ncp-usage: NAVER Cloud Platform usage and billing over a local SQLite ledger.
//!
//! The crates are the layers, and each depends only on those below it:
//!
//! - this crate, the command line ([`cli`]): parses, builds a [`cli::Context`] (ledger,
//!   instant, format), calls one operation and renders its view;
//! - `ncp-usage-app`: the operations (`ops`), the views (`report`) and the file formats
//!   (`exchange`);
//! - `ncp-usage-ledger`: loads facts inside one transaction and stores decisions — the only
//!   SQL;
//! - `ncp-usage-core`: decides — pure rules over facts and the instant of SPEC T1, exact
//!   money, the business-day calendar, and the errors with their exit status (SPEC O2).

pub mod cli;
