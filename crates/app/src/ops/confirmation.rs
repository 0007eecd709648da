//! `confirmation`: issue the printable usage confirmation of a month (SPEC H5); reissuing
//! keeps its number.

use std::path::{Path, PathBuf};

use ncp_usage_ledger::{account, bills, ncp, receipts, Connection};

use super::month;
use crate::report::confirmation::{lines, ncp_lines, Confirmation, ConfirmationBill, Dates};
use crate::report::ncp_bill::NcpBill;
use ncp_usage_core::billing::account::{display_name, MemberType};
use ncp_usage_core::billing::confirmation::{check_month_over, no_bill};
use ncp_usage_core::billing::statement::{shown_totals, summarize, Totals};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};

/// `confirmation` as asked on the command line: checked before the ledger is opened.
#[derive(Debug, Clone)]
pub struct ConfirmationRequest {
    month: Month,
    output: PathBuf,
}

impl ConfirmationRequest {
    /// `--month M --output FILE`: a month that is over at `now` (H5), to a file named .html
    /// or .pdf.
    pub fn new(month: Month, output: &Path, now: Instant) -> Result<ConfirmationRequest> {
        check_month_over(month, now.date_naive())?;
        let ext = output
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("html" | "htm" | "pdf")) {
            return Err(Error::invalid(format!(
                "cannot tell the format of '{}'; name the output file .html or .pdf",
                output.display()
            )));
        }
        Ok(ConfirmationRequest {
            month,
            output: output.to_path_buf(),
        })
    }
}

/// Issues the month's confirmation at `now`: records the issue and returns the document.
pub fn run(tx: &Connection, now: Instant, request: &ConfirmationRequest) -> Result<Confirmation> {
    let month = request.month;
    let member = account::require_member(tx)?;
    let Some(balance) = bills::balance(tx, month, now)? else {
        let first = account::created_at(tx)?.map(|t| Month::of(t.date_naive()));
        return Err(no_bill(month, first));
    };
    let fees = month::load(tx, month, now)?;
    let statement = summarize(&fees.lines)?;
    let ncp_bill = ncp::demand_cost(tx, month)?.as_ref().map(NcpBill::new);
    // A month NCP billed in another currency bills nothing in won: its lines and totals are
    // NCP's, in that currency, never its figures read as won (issue 14).
    let other_currency = ncp_bill.as_ref().is_some_and(|b| !b.payable_here);
    let (won_lines, ncp_lines, totals) = if other_currency {
        (
            Vec::new(),
            ncp_lines(&statement.services, &fees.lines),
            Totals::default(),
        )
    } else {
        // H1: a month NCP billed shows NCP's totals, with or without its per-service lines.
        let ncp_billed = month::ncp_totals(tx, month, &bills::issued(tx, now)?)?;
        let totals = shown_totals(statement.totals, ncp_billed);
        (lines(&statement.services, &totals), Vec::new(), totals)
    };
    let (corrections, carried_in) = bills::adjustments(tx, month, now)?;
    let business = (member.member_type == MemberType::Business)
        .then(|| account::business(tx))
        .transpose()?
        .filter(|b| !b.is_empty());
    let record = receipts::issue_confirmation(tx, month, now)?;
    Ok(Confirmation {
        number: record.number,
        issued_on: now.date_naive().to_string(),
        times_issued: record.times_issued,
        month,
        period: Dates {
            from: month.first_day(),
            to: month.last_day(),
        },
        lines: won_lines,
        ncp_lines,
        totals,
        payment_status: balance.status(now).as_str().to_string(),
        paid_amount: balance.paid(),
        bill: ConfirmationBill::new(&balance, carried_in),
        corrections,
        member_name: display_name(&member.first_name, &member.last_name),
        business,
        member,
        output: request.output.display().to_string(),
        ncp_bill,
    })
}
