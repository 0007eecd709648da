//! `status`: contracts held per service and region at "now" (SPEC S1), flagged while
//! services are blocked (P9), or held during an earlier month (`--month`).

use ncp_usage_ledger::{bills, contracts, fees, ncp, Connection};

use crate::report::status::{NcpHint, NcpOpen, Status};
use ncp_usage_core::billing::payment::blocked_since;
use ncp_usage_core::billing::period::usage_period;
use ncp_usage_core::billing::status::{check_region, counted_days, open_contracts, service_rows};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::Result;

/// `status` as asked on the command line: checked before the ledger is opened.
#[derive(Debug, Clone)]
pub struct StatusRequest {
    month: Month,
    region: Option<String>,
}

impl StatusRequest {
    /// `--month M` (default: the month of `now`) and `--region CODE`; a month after the month
    /// of `now` is refused (exit 2), as `history` refuses it: nothing is held in it yet.
    pub fn new(
        month: Option<Month>,
        region: Option<String>,
        now: Instant,
    ) -> Result<StatusRequest> {
        let today = now.date_naive();
        let month = month.unwrap_or_else(|| Month::of(today));
        usage_period(month, today)?;
        Ok(StatusRequest { month, region })
    }
}

/// Shows the services in use at `now` (or during an earlier month), limited to the region
/// asked for when given.
pub fn run(tx: &Connection, now: Instant, request: &StatusRequest) -> Result<Status> {
    let today = now.date_naive();
    let month = request.month;
    let region = match &request.region {
        Some(r) => Some(check_region(r, &contracts::regions(tx)?)?),
        None => None,
    };
    let days = counted_days(month, today);
    let held = contracts::held_between(tx, days.0, days.1)?;
    let reported = ncp::contract_summaries(tx, month)?;
    let source = match &reported {
        Some((month, _)) => format!("ncp {month}"),
        None => "contracts".to_string(),
    };
    // P9 blocks services now: an earlier month's rows carry no flag of today's.
    let blocked =
        month == Month::of(today) && blocked_since(&bills::balances(tx, now)?, now).is_some();
    let counted_by_ncp = reported.is_some();
    let services = service_rows(
        &held,
        reported.map(|(_, rows)| rows),
        region.as_deref(),
        blocked,
        days,
    );
    let current = month == Month::of(today);
    // Nothing held by the ledger's own contracts today, and no NCP summary of this month to
    // count: say what NCP last showed, rather than leave "no contracts" unexplained.
    let ncp_hint = if current && services.is_empty() && !counted_by_ncp {
        hint(tx, month, today, region.as_deref())?
    } else {
        None
    };
    Ok(Status {
        ncp_hint,
        month,
        current,
        source,
        as_of: clock::rfc3339(now),
        region,
        services,
    })
}

/// What NCP last showed of the contracts: the latest month NCP summarised them (up to
/// `month`), and the contracts NCP's latest per-contract lines show open on `today`; `None`
/// when the ledger holds neither.
fn hint(
    tx: &Connection,
    month: Month,
    today: chrono::NaiveDate,
    region: Option<&str>,
) -> Result<Option<NcpHint>> {
    let last_summary = ncp::latest_contract_summary_month(tx, month)?;
    let open = match fees::latest_ncp_month(tx, "ncp_contract", month)? {
        Some(lines_month) => {
            let lines = fees::ncp_lines(tx, lines_month, "ncp_contract")?;
            let contracts: Vec<_> = open_contracts(&lines, today)
                .into_iter()
                .filter(|c| region.is_none_or(|r| r == c.region))
                .collect();
            (!contracts.is_empty()).then_some(NcpOpen {
                month: lines_month,
                contracts,
            })
        }
        None => None,
    };
    Ok((last_summary.is_some() || open.is_some()).then_some(NcpHint { last_summary, open }))
}
