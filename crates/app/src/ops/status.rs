//! `status`: contracts held per service and region at "now" (SPEC S1), flagged while
//! services are blocked (P9), or held during an earlier month (`--month`).

use ncp_usage_ledger::{bills, contracts, ncp, Connection};

use crate::report::status::Status;
use ncp_usage_core::billing::payment::blocked_since;
use ncp_usage_core::billing::period::usage_period;
use ncp_usage_core::billing::status::{check_region, counted_days, service_rows};
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
    let services = service_rows(
        &held,
        reported.map(|(_, rows)| rows),
        region.as_deref(),
        blocked,
        days,
    );
    Ok(Status {
        month,
        current: month == Month::of(today),
        source,
        as_of: clock::rfc3339(now),
        region,
        services,
    })
}
