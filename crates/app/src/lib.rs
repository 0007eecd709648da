//! The application layer of ncp-usage: what each command does and shows, between the
//! command line (the binary) and the two layers below it.
//!
//! - [`ops`]: one operation per command, in the order load facts → decide (the core's rules)
//!   → store (the ledger) → view;
//! - [`report`]: the views each command shows, as tables, JSON or CSV;
//! - [`exchange`]: data in and out — CSV imports, NCP's API, `.xlsx`/`.csv` exports, the usage
//!   confirmation, the demo.

pub mod exchange;
pub mod ops;
pub mod report;
