//! `receipt`: automatic issuance of cash receipts, and the list of cash receipts and tax
//! invoices (SPEC R1–R3).

use std::io::IsTerminal;

use clap::Subcommand;

use crate::cli::prompt::ask;
use crate::cli::Context;
use ncp_usage_app::ops::receipt_list;
use ncp_usage_app::ops::{receipt_apply, receipt_cancel};
use ncp_usage_core::billing::receipt::NTS_CONSENT;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::{Error, Result};

/// Receipt subcommands.
#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Apply for automatic issuance of cash receipts (individual members).
    Apply {
        /// Agree to provide the transaction information to the National Tax Service for the
        /// income tax deduction (otherwise you are asked on a terminal).
        #[arg(long)]
        agree_nts: bool,
    },
    /// Stop automatic issuance of cash receipts from now on.
    Cancel,
    /// List cash receipts and tax invoices with the dates they can be checked.
    List {
        /// Only this month (the payment's month for cash receipts, the usage month for tax
        /// invoices).
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<Month>,
    },
}

/// Runs a `receipt` subcommand.
pub fn run(ctx: &Context, cmd: ReceiptCommand) -> Result<()> {
    match cmd {
        ReceiptCommand::Apply { agree_nts } => {
            ctx.read(|tx| receipt_apply::check(tx))?;
            if !agree_nts {
                ask_consent()?;
            }
            ctx.print(&ctx.write(|tx| receipt_apply::run(tx, ctx.now))?)
        }
        ReceiptCommand::Cancel => ctx.print(&ctx.write(|tx| receipt_cancel::run(tx, ctx.now))?),
        ReceiptCommand::List { month } => {
            let view = ctx.read(|tx| receipt_list::run(tx, ctx.now, month))?;
            ctx.print(&view)
        }
    }
}

/// R1: on a terminal, shows the consent and asks; elsewhere, `--agree-nts` is required.
fn ask_consent() -> Result<()> {
    if std::io::stderr().is_terminal() {
        eprintln!("{NTS_CONSENT}");
    }
    ask(
        "Do you agree?",
        Error::invalid(
            "R1: applying needs your consent to provide the transaction information to the National Tax Service; pass --agree-nts (nothing was recorded)",
        ),
        Error::cancelled("R1: cancelled; without consent nothing is recorded"),
    )
}
