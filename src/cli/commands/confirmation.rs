//! `confirmation`: issue the printable usage confirmation of a month (SPEC H5).

use std::path::PathBuf;

use clap::Args;

use crate::cli::Context;
use ncp_usage_app::exchange::confirmation;
use ncp_usage_app::ops::month;
use ncp_usage_app::report::confirmation::{lines, Confirmation, ConfirmationBill, Dates};
use ncp_usage_core::billing::account::display_name;
use ncp_usage_core::billing::account::MemberType;
use ncp_usage_core::billing::payment::BillStatus;
use ncp_usage_core::billing::period::usage_period;
use ncp_usage_core::billing::schedule;
use ncp_usage_core::billing::statement::summarize;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{account, bills, receipts};

/// Issue a usage confirmation: a printable document with the month's services, amounts,
/// VAT, payment status and a unique number (reissuing keeps the number).
#[derive(Debug, Args)]
pub struct ConfirmationArgs {
    /// The usage month, YYYY-MM (a month that has ended).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Month,
    /// The file to write: .html (self-contained, print-ready A4) or .pdf (needs Chromium).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `confirmation`.
pub fn run(ctx: &Context, args: ConfirmationArgs) -> Result<()> {
    let period = usage_period(args.month, ctx.now.date_naive())?;
    if !period.complete {
        return Err(Error::refused(format!(
            "H5: {} is not over yet; a usage confirmation covers a whole month (the last one is {})",
            args.month,
            args.month.prev()
        )));
    }
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("html" | "htm" | "pdf")) {
        return Err(Error::invalid(format!(
            "cannot tell the format of '{}'; name the output file .html or .pdf",
            args.output.display()
        )));
    }
    let doc = ctx.write(|tx| {
        let member = account::require_member(tx)?;
        // 12.17: a confirmation is issued only for a month with a bill; its payment status and
        // paid amount come from the bill's balance, the one `pay` shows (11.16).
        let Some(balance) = bills::balance(tx, args.month, ctx.now)? else {
            let first = account::created_at(tx)?.map(|t| Month::of(t.date_naive()));
            return Err(Error::refused(match first {
                Some(first) if args.month < first => format!(
                    "H5: {} is before the account was opened ({first}), so it has no bill and no usage confirmation; the first month with one is {first}",
                    args.month
                ),
                _ => format!(
                    "H5: {} has no bill yet (it is issued at {}); issue its usage confirmation from then",
                    args.month,
                    clock::rfc3339(schedule::issued_at(args.month))
                ),
            }));
        };
        let fees = month::load(tx, args.month, ctx.now)?;
        let statement = summarize(&fees.lines)?;
        let (corrections, carried_in) = bills::adjustments(tx, args.month, ctx.now)?;
        let business = (member.member_type == MemberType::Business)
            .then(|| account::business(tx))
            .transpose()?
            .filter(|b| !b.is_empty());
        let record = receipts::issue_confirmation(tx, args.month, ctx.now)?;
        let doc = Confirmation {
            number: record.number,
            issued_on: ctx.now.date_naive().to_string(),
            times_issued: record.times_issued,
            month: args.month,
            period: Dates {
                from: args.month.first_day(),
                to: args.month.last_day(),
            },
            lines: lines(&statement.services, &statement.totals),
            totals: statement.totals,
            payment_status: match balance.status(ctx.now) {
                BillStatus::Paid => "paid",
                BillStatus::Open => "open",
                BillStatus::Outstanding => "outstanding",
            }
            .to_string(),
            paid_amount: balance.paid(),
            bill: ConfirmationBill::new(&balance, carried_in),
            corrections,
            member_name: display_name(&member.first_name, &member.last_name),
            business,
            member,
            output: args.output.display().to_string(),
        };
        // Written inside the transaction: if the file cannot be written, the issue is not
        // recorded either.
        let warnings = confirmation::write(&doc, &args.output)?;
        Ok((doc, warnings))
    })?;
    let (doc, warnings) = doc;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    ctx.print(&doc)
}
