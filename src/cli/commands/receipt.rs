//! `receipt`: automatic issuance of cash receipts, and the list of cash receipts and tax
//! invoices (SPEC R1–R3).

use std::io::IsTerminal;

use clap::Subcommand;

use crate::cli::prompt::ask;
use crate::cli::Context;
use ncp_usage_app::ops::{receipt_apply, receipt_cancel};
use ncp_usage_app::report::receipt::Receipts;
use ncp_usage_core::billing::account::MemberType;
use ncp_usage_core::billing::receipt::{
    cash_receipts, member_type_on, months_with_cash_receipts, tax_invoice, tax_invoice_date,
    PaidFact, NTS_CONSENT,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{account, bills, holidays, receipts};

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
            let doc = ctx.read(|tx| {
                let member = account::require_member(tx)?;
                let calendar = holidays::calendar(tx)?;
                let enrollments = receipts::enrollments(tx)?;
                let facts: Vec<PaidFact> = bills::payments(tx, ctx.now)?
                    .into_iter()
                    .map(|p| PaidFact {
                        issuance_on: receipts::issuance_on(&enrollments, &p.paid_at),
                        paid_on: clock::parse_as_of(&p.paid_at)
                            .map(|t| t.date_naive())
                            .unwrap_or_default(),
                        months: p.applied.iter().map(|a| a.month).collect(),
                        payment_id: p.payment_id,
                        method: p.method,
                        amount: p.amount,
                    })
                    .collect();
                let mut list = cash_receipts(&facts, &calendar);
                let receipted = months_with_cash_receipts(&facts);
                // R3: a month's tax invoice, when the member was a business on the day it is
                // sent (a member who changed type gets each document only while it applies),
                // and never for a bill a payment with a cash receipt paid.
                let types = account::member_type_changes(tx)?;
                let today = ctx.now.date_naive();
                for b in bills::balances(tx, ctx.now)? {
                    let sent_on = tax_invoice_date(b.month, &calendar);
                    if member_type_on(&types, sent_on, member.member_type) == MemberType::Business
                        && !receipted.contains(&b.month)
                    {
                        list.extend(tax_invoice(b.month, b.billed_amount, &calendar, today));
                    }
                }
                list.retain(|r| month.is_none_or(|m| r.month == m));
                list.sort_by_key(|r| (r.issued_on, r.payment_id));
                Ok(Receipts {
                    automatic_issuance: receipts::issuance_on(
                        &enrollments,
                        &clock::rfc3339(ctx.now),
                    ),
                    receipts: list,
                })
            })?;
            ctx.print(&doc)
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
