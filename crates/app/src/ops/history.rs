//! `history` (alias `usage`): a month's usage by service and region (SPEC H1–H4).

use ncp_usage_ledger::{account, bills, contracts, fees, ncp, ncp_daily, Connection};

use super::month;
use crate::report::correction::Correction;
use crate::report::history::{History, LinesAside};
use crate::report::ncp_bill::NcpBill;
use crate::report::ncp_daily::DailyHistory;
use ncp_usage_core::billing::statement::{shown_totals, Source};
use ncp_usage_core::billing::status::check_region;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_core::money::Krw;

/// `history` as asked on the command line.
#[derive(Debug, Clone)]
pub struct HistoryRequest {
    /// `--month`: the usage month [default: the month of "now", up to the day before].
    pub month: Option<Month>,
    /// `--region`: limit the rows to one region; totals stay over every region.
    pub region: Option<String>,
    /// `--detail`: list the fee lines behind each service.
    pub detail: bool,
}

/// Shows a month's usage as of `now`.
pub fn run(tx: &Connection, now: Instant, request: &HistoryRequest) -> Result<History> {
    let month = request.month.unwrap_or_else(|| Month::of(now.date_naive()));
    let fees = month::load(tx, month, now)?;
    let region = match &request.region {
        Some(r) => {
            let mut in_use = contracts::regions(tx)?;
            in_use.extend(fees.lines.iter().map(|l| l.region.clone()));
            in_use.sort();
            in_use.dedup();
            Some(check_region(r, &in_use)?)
        }
        None => None,
    };
    let member = account::member(tx)?;
    let method = account::current_method(tx, now)?;
    let issued = bills::issued(tx, now)?;
    let ncp_billed = month::ncp_totals(tx, month, &issued)?;
    // A month NCP's figures stand for is NCP's, whether NCP sent its lines or its bill only.
    let source = if ncp::stands_for(tx, month)? {
        Source::Ncp
    } else {
        fees.source
    };
    let mut view = History::new(
        month,
        fees.period,
        source,
        fees.lines,
        region,
        request.detail,
        member.as_ref(),
        method.as_ref(),
    )?;
    let demand = ncp::demand_cost(tx, month)?;
    // A month NCP billed in another currency bills no won: its lines' figures summed as won
    // would be invented (18 "won" of 18.75 USD); NCP's bill shows it (`ncp_bill`).
    view.totals = if demand.as_ref().is_some_and(|d| !d.currency.is_krw()) {
        ncp_billed.unwrap_or_default()
    } else {
        shown_totals(view.totals, ncp_billed)
    };
    let (corrections, carried_in) = bills::adjustments(tx, month, now)?;
    if !corrections.is_empty() {
        // What the bill was issued at: today's figure less what was corrected since. A month
        // NCP billed in another currency has no figure in won today (its totals are NCP's):
        // the ledger's bill of won that was corrected is the one stored.
        let corrected: Krw = corrections.iter().map(|a| a.amount).sum();
        view.issued_billed_amount = if ncp::foreign_currency(tx, month)?.is_some() {
            issued
                .iter()
                .find(|b| b.month == month)
                .map(|b| b.totals.billed_amount)
        } else {
            Some(view.totals.billed_amount - corrected)
        };
    }
    view.corrections = corrections.into_iter().map(Correction::from).collect();
    view.carried_in = carried_in.into_iter().map(Correction::from).collect();
    view.ncp_bill = demand.as_ref().map(NcpBill::new);
    view.lines_aside = fees::lines_aside(tx, month)?.map(|(api, lines)| LinesAside {
        api,
        lines,
        shown_api: if api == "v1" { "v2" } else { "v1" },
    });
    // NCP's bill checked against its own parts, as `import ncp` and `check` check it.
    view.differences = demand.map(|d| d.differences()).unwrap_or_default();
    Ok(view)
}

/// `history --daily`: NCP's daily usage of the month (default: the month of `now`), as the
/// ledger stood at `now`.
pub fn daily(tx: &Connection, now: Instant, request: &HistoryRequest) -> Result<DailyHistory> {
    let month = request.month.unwrap_or_else(|| Month::of(now.date_naive()));
    Ok(DailyHistory::new(
        month,
        ncp_daily::month(tx, month)?,
        request.region.clone(),
    ))
}
