//! `status`: contracts held per service and region at "now" (SPEC S1), flagged while
//! services are blocked (P9).

use ncp_usage_ledger::{bills, contracts, ncp, Connection};

use crate::report::status::Status;
use ncp_usage_core::billing::payment::blocked_since;
use ncp_usage_core::billing::status::{check_region, service_rows};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::Result;

/// Shows the services in use at `now`, limited to `region` (`--region`) when given.
pub fn run(tx: &Connection, now: Instant, region: Option<&str>) -> Result<Status> {
    let today = now.date_naive();
    let region = match region {
        Some(r) => Some(check_region(r, &contracts::regions(tx)?)?),
        None => None,
    };
    let held = contracts::held_between(tx, today, today)?;
    let balances = bills::balances(tx, now)?;
    let reported = ncp::contract_summaries(tx, Month::of(today))?;
    let source = match &reported {
        Some((month, _)) => format!("ncp {month}"),
        None => "contracts".to_string(),
    };
    let blocked = blocked_since(&balances, now).is_some();
    let services = service_rows(
        &held,
        reported.map(|(_, rows)| rows),
        region.as_deref(),
        blocked,
        today,
    );
    Ok(Status {
        source,
        as_of: clock::rfc3339(now),
        region,
        services,
    })
}
