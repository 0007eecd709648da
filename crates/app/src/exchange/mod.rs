//! Getting data in and out: the CSV interchange files of SPEC §11, `.xlsx` exports and the
//! demo account.
//!
//! Imports are all or nothing: a file is parsed and checked whole before the first row is
//! stored, inside the command's one transaction, and every error names the line, the column
//! and what was expected.

pub mod confirmation;
pub mod demo;
pub mod export;
pub mod fees_format;
pub mod focus;
pub mod import;
pub mod ncp;
pub mod ncp_api;
pub mod ncp_daily;
pub mod ncp_discount;
pub mod ncp_v2;
pub mod strict_csv;
