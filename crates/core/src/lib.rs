//! The rules of ncp-usage, pure: exact money ([`money`]), the instant of SPEC T1 ([`clock`]),
//! the business-day calendar ([`calendar`]), the one check for stored text ([`text`]), the
//! errors a command can end with ([`error`]) and every billing rule over facts ([`billing`]).
//!
//! This crate reads no clock, opens no file, speaks no SQL and prints nothing: its manifest
//! has no I/O crate to do it with, so the compiler keeps it pure. The ledger crate loads facts
//! and stores decisions; the application crate combines the two; the binary parses and prints.

pub mod billing;
pub mod calendar;
pub mod choice;
pub mod clock;
pub mod error;
pub mod exact;
pub mod money;
pub mod text;
