//! `sync`: NCP's Billing API into the ledger, all of it in one transaction or none of it.
//!
//! This module says which months may be asked for, calls the API for them before any ledger
//! is opened (no lock is held while the network is slow; the command line draws the progress
//! it reports), checks what came back, and stores it as `import ncp` does.

use std::path::Path;
use std::time::Duration;

use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::ncp::{by_member, one_answer, split_by_member, Api, Page};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::{Error, Result};
use ncp_usage_ledger::{AccountId, Connection};

use crate::exchange::ncp_api::{credentials, plan, plan_v2, scoped, Call, Client, Scope};
use crate::ops::import::{run_ncp, store_ncp, NcpRequest};
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
    /// Whose data: the key's member, or several (issue 15).
    pub scope: Scope,
}

impl Request {
    /// Months `from` to `to` from `api`; they must have started by `now`: NCP bills nothing
    /// later.
    pub fn new(api: Api, from: Month, to: Month, now: Instant) -> Result<Request> {
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
            calls: match api {
                Api::V1 => plan(from, to),
                Api::V2 => plan_v2(from, to),
            },
            scope: Scope::Own,
        })
    }

    /// The same months asked for `scope`'s members (`--members`, `--organization`,
    /// `--partner`): see [`scoped`].
    pub fn scoped(self, api: Api, scope: Scope) -> Result<Request> {
        Ok(Request {
            calls: scoped(api, self.calls, &scope)?,
            scope,
            ..self
        })
    }
}

/// The API client: keys from `NCLOUD_ACCESS_KEY`/`NCLOUD_SECRET_KEY` in `env`, else
/// `~/.ncloud/configure` under `home`; `NCP_USAGE_SYNC_PAGE_SIZE` and
/// `NCP_USAGE_SYNC_BACKOFF_MS` shrink pages and backoff (for tests and slow links).
pub fn client(
    api: Api,
    endpoint: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
    home: Option<&Path>,
) -> Result<Client> {
    let number = |name: &str| env(name).and_then(|v| v.parse::<u64>().ok());
    let mut client = Client::new(api, endpoint, credentials(&env, home)?)?;
    if let Some(n) = number("NCP_USAGE_SYNC_PAGE_SIZE") {
        client.page_size = u32::try_from(n.clamp(1, 1000)).unwrap_or(1000);
    }
    if let Some(ms) = number("NCP_USAGE_SYNC_BACKOFF_MS") {
        client.backoff = Duration::from_millis(ms);
    }
    Ok(client)
}

/// How far [`fetch`] has got, for a progress bar.
pub enum Step {
    /// A call starts (the call, its months) or moves to a later page (with its number).
    Fetching(String),
    /// A call has every page.
    Fetched,
}

/// What the calls answered: every page of every call, in order, and the optional calls NCP
/// did not let the key read (skipped, not failed: see [`Call::optional`]).
pub struct Pulled {
    /// Every page, with the index of the call in the request that answered it.
    pub pages: Vec<(usize, Page)>,
    /// The actions skipped.
    pub skipped: Vec<&'static str>,
}

/// Every page of every call of `request`, in order.
pub fn fetch(request: &Request, client: &Client, step: &mut dyn FnMut(Step)) -> Result<Pulled> {
    let mut pulled = Pulled {
        pages: Vec::new(),
        skipped: Vec::new(),
    };
    for (i, call) in request.calls.iter().enumerate() {
        let window: Vec<&str> = call.query.iter().map(|(_, v)| v.as_str()).collect();
        let window = window.join("–");
        step(Step::Fetching(format!("{} {window}", call.action)));
        let pages = client.fetch(call, &mut |_, page| {
            if page > 1 {
                step(Step::Fetching(format!(
                    "{} {window} page {page}",
                    call.action
                )));
            }
        })?;
        match pages {
            Some(pages) => pulled.pages.extend(pages.into_iter().map(|p| (i, p))),
            None => pulled.skipped.push(call.action),
        }
        step(Step::Fetched);
    }
    Ok(pulled)
}

/// What the calls returned, checked, ready to store.
pub struct Fetched<'a> {
    /// What was asked.
    pub request: &'a Request,
    /// Every page of every call.
    pub pages: Vec<Page>,
    /// The optional calls NCP did not let the key read.
    pub skipped: Vec<&'static str>,
    /// Who charges a bill NCP reopened.
    pub gateway: &'a dyn Gateway,
    /// With a member scope: the pages by member, routed as `import ncp` routes them
    /// (`pages` is then empty).
    pub members: Option<NcpRequest<'a>>,
}

impl<'a> Fetched<'a> {
    /// Checks every page before the ledger is opened: one bad page changes nothing. A page
    /// holding rows of a month its call did not ask for is refused: stored, they would
    /// replace (or, answered again by the next window, add to) that month's figures.
    pub fn check(
        request: &'a Request,
        pulled: Pulled,
        now: Instant,
        gateway: &'a dyn Gateway,
    ) -> Result<Fetched<'a>> {
        let mut pages = Vec::with_capacity(pulled.pages.len());
        let mut names = Vec::with_capacity(pulled.pages.len());
        for (i, page) in pulled.pages {
            page.check(now, "sync")?;
            let call = &request.calls[i];
            let asked = call.months.map(|(from, to)| {
                if from == to {
                    from.to_string()
                } else {
                    format!("{from} to {to}")
                }
            });
            names.push(match &asked {
                Some(asked) => format!("sync: NCP's answer to {} for {asked}", call.action),
                None => format!("sync: NCP's answer to {}", call.action),
            });
            if let (Some((from, to)), Some(asked)) = (call.months, &asked) {
                if let Some(month) = page.body.month_outside(from, to) {
                    return Err(Error::invalid(format!(
                        "sync: NCP answered {} for {asked} with rows of {month}, a month not asked for; nothing was written (sync again; if NCP keeps answering so, import its bodies with `import ncp`)",
                        call.action
                    )));
                }
            }
            pages.push(page);
        }
        if !request.scope.is_own() {
            // Several members' rows: each page split by member, then grouped and checked per
            // member exactly as the bodies of one `import ncp` are.
            let mut parts = Vec::with_capacity(pages.len());
            let mut part_names = Vec::with_capacity(pages.len());
            // A page with no rows names no member, so no account: it is not stored (each
            // member's rows are its whole answer).
            for (page, name) in pages.into_iter().zip(names) {
                if page.body.is_empty() {
                    continue;
                }
                for part in split_by_member(page) {
                    parts.push(part);
                    part_names.push(name.clone());
                }
            }
            let groups = by_member(parts, &part_names)?;
            if let Scope::Members(asked) = &request.scope {
                if let Some(other) = groups
                    .iter()
                    .filter_map(|g| g.member.as_deref())
                    .find(|m| !asked.iter().any(|a| a == m))
                {
                    return Err(Error::invalid(format!(
                        "sync: NCP answered rows of member {other}, not one of --members {}; nothing was written (sync again, or add {other} to --members)",
                        asked.join(",")
                    )));
                }
            }
            return Ok(Fetched {
                request,
                pages: Vec::new(),
                skipped: pulled.skipped,
                gateway,
                members: Some(NcpRequest {
                    files: actions(request),
                    groups,
                    gateway,
                    create: true,
                    reason: reason(request),
                }),
            });
        }
        // Pages are one answer, as the files of one import are: a row repeated alike is kept
        // once, one repeated with other figures refused.
        one_answer(&mut pages, &names)?;
        Ok(Fetched {
            request,
            pages,
            skipped: pulled.skipped,
            gateway,
            members: None,
        })
    }
}

/// Why an issued bill is adjusted by a sync.
fn reason(request: &Request) -> String {
    format!(
        "NCP's amounts synced for {} to {} after the bill was issued",
        request.from, request.to
    )
}

/// The actions called, each once.
fn actions(request: &Request) -> Vec<String> {
    let mut actions: Vec<String> = request.calls.iter().map(|c| c.action.to_string()).collect();
    actions.dedup();
    actions
}

/// Stores what a `sync` with a member scope fetched, each member's rows in its account as
/// `import ncp` routes them ([`run_ncp`]); `create` false refuses a member no account holds.
/// Without a member scope it is [`run`].
pub fn run_members(
    tx: &Connection,
    now: Instant,
    fetched: &mut Fetched,
    chosen: Option<AccountId>,
    create: bool,
) -> Result<NcpImported> {
    let Some(request) = fetched.members.as_mut() else {
        // No member scope: the chosen account's sync.
        return run(tx, now, fetched);
    };
    request.create = create;
    let mut imported = run_ncp(tx, now, request, chosen)?;
    imported.skipped = fetched.skipped.iter().map(|a| a.to_string()).collect();
    Ok(imported)
}

/// Stores what `sync` fetched.
pub fn run(tx: &Connection, now: Instant, fetched: &Fetched) -> Result<NcpImported> {
    let request = fetched.request;
    let stored = store_ncp(tx, now, &fetched.pages, &reason(request), fetched.gateway)?;
    Ok(NcpImported {
        kind: "ncp",
        files: actions(request),
        skipped: fetched.skipped.iter().map(|a| a.to_string()).collect(),
        accounts_created: Vec::new(),
        accounts: Vec::new(),
        stored,
    })
}
