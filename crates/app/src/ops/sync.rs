//! `sync`: NCP's Billing API into the ledger, all of it in one transaction or none of it.
//!
//! The command line calls the API (it draws the progress, and no lock is held while the
//! network is slow); this module says which months may be asked for, checks what came back
//! before the ledger is opened, and stores it as `import ncp` does.

use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::ncp::Page;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::Connection;

use crate::exchange::ncp_api::{plan, Call};
use crate::ops::import::store_ncp;
use crate::report::import::NcpImported;

/// The months to fetch, and the API calls that fetch them.
#[derive(Debug)]
pub struct Request {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// What to call, in order.
    pub calls: Vec<Call>,
}

impl Request {
    /// Months `from` to `to`, which must have started by `now`: NCP bills nothing later.
    pub fn new(from: Month, to: Month, now: Instant) -> Result<Request> {
        if from > to {
            return Err(Error::invalid(format!(
                "--from {from} is after --to {to}; give the earlier month first"
            )));
        }
        let current = Month::of(now.date_naive());
        if to > current {
            return Err(Error::invalid(format!(
                "--to {to} is after the month of --as-of ({current}); NCP has no bills for it yet"
            )));
        }
        Ok(Request {
            from,
            to,
            calls: plan(from, to),
        })
    }
}

/// What the calls returned, checked, ready to store.
pub struct Fetched<'a> {
    /// What was asked.
    pub request: &'a Request,
    /// Every page of every call.
    pub pages: Vec<Page>,
    /// Who charges a bill NCP reopened.
    pub gateway: &'a dyn Gateway,
}

impl<'a> Fetched<'a> {
    /// Checks every page before the ledger is opened: one bad page changes nothing.
    pub fn check(
        request: &'a Request,
        pages: Vec<Page>,
        now: Instant,
        gateway: &'a dyn Gateway,
    ) -> Result<Fetched<'a>> {
        for page in &pages {
            page.check(now, "sync")?;
        }
        Ok(Fetched {
            request,
            pages,
            gateway,
        })
    }
}

/// Stores what `sync` fetched.
pub fn run(tx: &Connection, now: Instant, fetched: &Fetched) -> Result<NcpImported> {
    let request = fetched.request;
    let reason = format!(
        "NCP's amounts synced for {} to {} after the bill was issued",
        request.from, request.to
    );
    let stored = store_ncp(tx, now, &fetched.pages, &reason, fetched.gateway)?;
    let mut actions: Vec<String> = request.calls.iter().map(|c| c.action.to_string()).collect();
    actions.dedup();
    Ok(NcpImported {
        kind: "ncp",
        files: actions,
        stored,
    })
}
