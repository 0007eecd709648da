//! `sync`: pulling billing data straight from NCP's Billing API, v1 or v2.
//!
//! Requests are signed with the API gateway's signature v2 (HMAC-SHA256 over method, path
//! with query exactly as sent, timestamp and access key). v1 months go in the API's 3-month
//! windows and every page is fetched by number (`pageNo`, `pageSize`, `totalRows`); v2 asks
//! one month per call (`demandMonth=yyyy-MM`) and follows the cursor (`nextToken`, null on
//! the last page). 429 and 5xx answers are retried with backoff; 401 and 403 say which access
//! key was used, never the secret, and on v2 which actions a sub account needs. Nothing here
//! writes the ledger: `sync` stores all pages in one transaction once every one has arrived.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::ncp::parse;
use ncp_usage_core::billing::ncp::{Api, Page};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::{Error, Result};

/// The public v1 endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://billingapi.apigw.ntruss.com/billing/v1";

/// The public v2 endpoint.
pub const DEFAULT_ENDPOINT_V2: &str = "https://billingapi.apigw.ntruss.com/billing/v2";

/// NCP's public endpoint of `api`.
pub fn default_endpoint(api: Api) -> &'static str {
    match api {
        Api::V1 => DEFAULT_ENDPOINT,
        Api::V2 => DEFAULT_ENDPOINT_V2,
    }
}

/// An API key pair, and where it came from (for messages; the secret is never shown).
#[derive(Clone)]
pub struct Credentials {
    /// The access key id (shown in messages).
    pub access_key: String,
    secret_key: String,
    /// `environment` or the configure file's path.
    pub source: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<hidden>")
            .field("source", &self.source)
            .finish()
    }
}

impl Credentials {
    /// A key pair given directly.
    pub fn new(access_key: &str, secret_key: &str, source: &str) -> Credentials {
        Credentials {
            access_key: access_key.to_string(),
            secret_key: secret_key.to_string(),
            source: source.to_string(),
        }
    }
}

/// The keys, as NCP's own tools find them: `NCLOUD_ACCESS_KEY` and `NCLOUD_SECRET_KEY`, else
/// `~/.ncloud/configure`, section `[DEFAULT]`, `ncloud_access_key_id` and
/// `ncloud_secret_access_key`.
pub fn credentials(
    env: impl Fn(&str) -> Option<String>,
    home: Option<&Path>,
) -> Result<Credentials> {
    if let (Some(a), Some(s)) = (env("NCLOUD_ACCESS_KEY"), env("NCLOUD_SECRET_KEY")) {
        if !a.trim().is_empty() && !s.trim().is_empty() {
            return Ok(Credentials::new(
                a.trim(),
                s.trim(),
                "the environment (NCLOUD_ACCESS_KEY)",
            ));
        }
    }
    let missing = || {
        Error::invalid(
            "no NCP API keys: set NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY, or put ncloud_access_key_id and ncloud_secret_access_key under [DEFAULT] in ~/.ncloud/configure",
        )
    };
    let path: PathBuf = home.ok_or_else(missing)?.join(".ncloud").join("configure");
    let text = std::fs::read_to_string(&path).map_err(|_| missing())?;
    let file = configure_file(text)
        .map_err(|e| Error::invalid(format!("{} cannot be read: {e}", path.display())))?;
    let key = |name: &str| file.get("DEFAULT", name);
    let (access, secret) = (key("ncloud_access_key_id"), key("ncloud_secret_access_key"));
    match (access, secret) {
        (Some(a), Some(s)) if !a.is_empty() && !s.is_empty() => {
            Ok(Credentials::new(&a, &s, &path.display().to_string()))
        }
        _ => Err(Error::invalid(format!(
            "{} has no ncloud_access_key_id and ncloud_secret_access_key under [DEFAULT]",
            path.display()
        ))),
    }
}

/// `~/.ncloud/configure` read as NCP's tools write it: `key = value` lines (values taken
/// whole, `#` and `;` included, as a secret may hold them) under case-sensitive `[section]`
/// headers; a line starting with `#` or `;` is a comment.
fn configure_file(text: String) -> std::result::Result<configparser::ini::Ini, String> {
    let mut defaults = configparser::ini::Ini::new_cs().defaults();
    defaults.delimiters = vec!['='];
    defaults.enable_inline_comments = false;
    let mut file = configparser::ini::Ini::new_from_defaults(defaults);
    file.read(text)?;
    Ok(file)
}

/// Signature v2: Base64(HMAC-SHA256(secret, "METHOD PATH?QUERY\nTIMESTAMP\nACCESS_KEY")).
pub fn signature(
    secret_key: &str,
    method: &str,
    path_with_query: &str,
    timestamp_ms: &str,
    access_key: &str,
) -> String {
    let message = format!("{method} {path_with_query}\n{timestamp_ms}\n{access_key}");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(message.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// How `sync` talks to the API.
pub struct Client {
    api: Api,
    endpoint: String,
    credentials: Credentials,
    agent: ureq::Agent,
    /// Rows per page (≤ 1000).
    pub page_size: u32,
    /// Attempts per request on 429 and 5xx.
    pub attempts: u32,
    /// The first backoff; it doubles with each retry.
    pub backoff: Duration,
}

/// One request `sync` makes: an action and its query (without paging).
#[derive(Debug, Clone)]
pub struct Call {
    /// `getDemandCostList`, `listBillingItemCosts`…
    pub action: &'static str,
    /// The path under the endpoint: `/cost/getDemandCostList`, `/billing-item-costs`.
    pub path: &'static str,
    /// Query parameters besides paging and the response format.
    pub query: Vec<(&'static str, String)>,
    /// The months the query asks for, first and last: NCP's answer holds no cost row of
    /// another month. `None` for a call not asked by month (the Discount API's, the codes).
    pub months: Option<(Month, Month)>,
    /// A Discount API call: a key NCP does not let read it (401 or 403) skips it with a
    /// warning rather than failing the sync, since a key set up for the costs alone was
    /// enough before the Discount API was read.
    pub optional: bool,
    /// Whose data it asks for, sent after `query`: nothing for the key's own member, else
    /// v1 `isOrganization`, `isPartner` or `memberNoList.N`, v2 `scope` with `targetMemberNo`
    /// or a `filter` on `memberNo` (see [`Scope`]).
    pub scope: Vec<(String, String)>,
}

/// Whose data `sync` asks NCP for (issue 15).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// The key's own member (NCP's default).
    #[default]
    Own,
    /// These members, by number: an Organization master's or a partner representative's.
    Members(Vec<String>),
    /// Every member account of the key's Organization (its master's key).
    Organization,
    /// Every customer of the key's partner (its representative's key; v1 only).
    Partner,
}

impl Scope {
    /// Whether it asks for other members than the key's own.
    pub fn is_own(&self) -> bool {
        *self == Scope::Own
    }
}

/// `calls` asking for `scope`'s members: v1 adds `isOrganization=true`, `isPartner=true` or
/// `memberNoList.1=…&memberNoList.2=…` to every call and drops the contract summaries (their
/// rows name no member, so they could not be told apart); v2 adds `scope=ORGANIZATION`, and
/// for `Members` asks each member apart, its cost calls with `targetMemberNo`, its discount
/// calls with `filter=memberNo=N` (the codes are asked once). v2 has no partner scope.
pub fn scoped(api: Api, calls: Vec<Call>, scope: &Scope) -> Result<Vec<Call>> {
    let param = |k: &str, v: &str| (k.to_string(), v.to_string());
    match (api, scope) {
        (_, Scope::Own) => Ok(calls),
        (Api::V2, Scope::Partner) => Err(Error::invalid(
            "--partner is for --api v1: NCP's Billing API v2 has no partner representative's scope; sync with --api v1, or give the customers with --members",
        )),
        (Api::V1, _) => {
            let extra: Vec<(String, String)> = match scope {
                Scope::Organization => vec![param("isOrganization", "true")],
                Scope::Partner => vec![param("isPartner", "true")],
                Scope::Members(members) => members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (format!("memberNoList.{}", i + 1), m.clone()))
                    .collect(),
                Scope::Own => Vec::new(),
            };
            Ok(calls
                .into_iter()
                .filter(|c| c.action != "getContractSummaryList")
                .map(|mut c| {
                    c.scope = extra.clone();
                    c
                })
                .collect())
        }
        (Api::V2, Scope::Organization) => Ok(calls
            .into_iter()
            .map(|mut c| {
                if c.action != "listCostRelationCodes" {
                    c.scope = vec![param("scope", "ORGANIZATION")];
                }
                c
            })
            .collect()),
        (Api::V2, Scope::Members(members)) => {
            let mut out = Vec::new();
            for c in calls {
                if c.action == "listCostRelationCodes" {
                    out.push(c);
                    continue;
                }
                for m in members {
                    let mut one = c.clone();
                    one.scope = vec![
                        param("scope", "ORGANIZATION"),
                        if c.optional {
                            param("filter", &format!("memberNo={m}"))
                        } else {
                            param("targetMemberNo", m)
                        },
                    ];
                    out.push(one);
                }
            }
            Ok(out)
        }
    }
}

/// The calls that fetch months `from` to `to`: bills, per-service and per-contract amounts in
/// 3-month windows, each month's contract summary, and once the Discount API's credits (with
/// their whole use history) and discounts.
pub fn plan(from: Month, to: Month) -> Vec<Call> {
    let yyyymm = |m: Month| format!("{:04}{:02}", m.year(), m.number());
    let mut calls = Vec::new();
    let mut start = from;
    while start <= to {
        let mut end = start;
        for _ in 0..2 {
            if end.next() <= to {
                end = end.next();
            }
        }
        for (action, path) in [
            ("getDemandCostList", "/cost/getDemandCostList"),
            ("getProductDemandCostList", "/cost/getProductDemandCostList"),
            (
                "getContractDemandCostList",
                "/cost/getContractDemandCostList",
            ),
        ] {
            calls.push(Call {
                action,
                path,
                query: vec![("startMonth", yyyymm(start)), ("endMonth", yyyymm(end))],
                months: Some((start, end)),
                optional: false,
                scope: Vec::new(),
            });
        }
        start = end.next();
    }
    let mut m = from;
    while m <= to {
        calls.push(Call {
            action: "getContractSummaryList",
            path: "/cost/getContractSummaryList",
            query: vec![("contractMonth", yyyymm(m))],
            months: Some((m, m)),
            optional: false,
            scope: Vec::new(),
        });
        m = m.next();
    }
    calls.extend(DISCOUNT_CALLS.iter().map(|&(action, path)| Call {
        action,
        path,
        query: Vec::new(),
        months: None,
        optional: true,
        scope: Vec::new(),
    }));
    calls
}

/// The months a call asks for, as its query names them: `startMonth 202610 to endMonth
/// 202612`, for a refusal that names what was being fetched.
fn call_months(call: &Call) -> String {
    let text = call
        .query
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    if text.is_empty() {
        "every month".to_string()
    } else {
        text
    }
}

/// The v1 Discount API's calls `sync` makes, unfiltered: every credit, coin and product
/// discount with every use NCP recorded, and every discount NCP lists.
const DISCOUNT_CALLS: &[(&str, &str)] = &[
    ("getCreditHistoryList", "/discount/getCreditHistoryList"),
    ("getCoinHistoryList", "/discount/getCoinHistoryList"),
    (
        "getProductDiscountHistoryList",
        "/discount/getProductDiscountHistoryList",
    ),
    ("getDiscountList", "/discount/getDiscountList"),
];

/// The v2 calls that fetch months `from` to `to`: one month per call (v2 has no ranges), the
/// bill, its per-group and per-item costs, and once the names of the codes, the credits, the
/// coins and the product discounts.
pub fn plan_v2(from: Month, to: Month) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut m = from;
    while m <= to {
        for (action, path) in [
            ("listDemandCosts", "/demand-costs"),
            ("listBillingItemGroupCosts", "/billing-item-group-costs"),
            ("listBillingItemCosts", "/billing-item-costs"),
        ] {
            calls.push(Call {
                action,
                path,
                query: vec![("demandMonth", m.to_string())],
                months: Some((m, m)),
                optional: false,
                scope: Vec::new(),
            });
        }
        m = m.next();
    }
    calls.push(Call {
        action: "listCostRelationCodes",
        path: "/cost-relation-codes",
        query: Vec::new(),
        months: None,
        optional: false,
        scope: Vec::new(),
    });
    for (action, path) in [
        ("listCreditDiscounts", "/credit-discounts"),
        ("listCoinDiscounts", "/coin-discounts"),
        ("listProductDiscounts", "/product-discounts"),
    ] {
        calls.push(Call {
            action,
            path,
            query: Vec::new(),
            months: None,
            optional: true,
            scope: Vec::new(),
        });
    }
    calls
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Client {
    /// A client of `api` for `endpoint` (default: NCP's public endpoint of `api`).
    pub fn new(api: Api, endpoint: Option<&str>, credentials: Credentials) -> Result<Client> {
        let endpoint = endpoint
            .unwrap_or(default_endpoint(api))
            .trim_end_matches('/')
            .to_string();
        if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
            return Err(Error::invalid(format!(
                "--endpoint '{endpoint}' is not an http(s) URL; give e.g. {}",
                default_endpoint(api)
            )));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Client {
            api,
            endpoint,
            credentials,
            agent,
            page_size: 1000,
            attempts: 5,
            backoff: Duration::from_millis(500),
        })
    }

    /// The path part of the endpoint (`/billing/v1`), which the signature covers.
    fn base_path(&self) -> &str {
        let after_scheme = self.endpoint.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }

    fn origin(&self) -> &str {
        let path = self.base_path();
        &self.endpoint[..self.endpoint.len() - path.len()]
    }

    /// Fetches one page (v1: by number; v2: at a cursor), with retries on 429 and 5xx. `None`:
    /// NCP does not let this key read an optional call (401 or 403).
    fn get(&self, call: &Call, page: &Cursor) -> Result<Option<Vec<u8>>> {
        let mut query: Vec<(&str, String)> = call.query.clone();
        match page {
            Cursor::Number(n) => {
                query.push(("responseFormatType", "json".to_string()));
                query.push(("pageNo", n.to_string()));
            }
            Cursor::Token(None) => {}
            Cursor::Token(Some(token)) => query.push(("nextToken", token.clone())),
        }
        query.push(("pageSize", self.page_size.to_string()));
        let qs: Vec<String> = query
            .iter()
            .map(|(k, v)| (*k, v))
            .chain(call.scope.iter().map(|(k, v)| (k.as_str(), v)))
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        // The path signed is the path sent, query and all, byte for byte.
        let path = format!("{}{}?{}", self.base_path(), call.path, qs.join("&"));
        let url = format!("{}{}", self.origin(), path);
        let mut wait = self.backoff;
        let mut last = String::new();
        for attempt in 1..=self.attempts.max(1) {
            let timestamp = ncp_usage_core::clock::wall_clock_millis();
            let sig = signature(
                &self.credentials.secret_key,
                "GET",
                &path,
                &timestamp,
                &self.credentials.access_key,
            );
            let sent = self
                .agent
                .get(&url)
                .header("x-ncp-apigw-timestamp", &timestamp)
                .header("x-ncp-iam-access-key", &self.credentials.access_key)
                .header("x-ncp-apigw-signature-v2", &sig)
                .call();
            match sent {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    let body = resp
                        .body_mut()
                        .with_config()
                        .limit(256 * 1024 * 1024)
                        .read_to_vec()
                        .map_err(|e| {
                            Error::other(format!("{}: cannot read the answer: {e}", call.action))
                        })?;
                    match status {
                        200..=299 => return Ok(Some(body)),
                        401 | 403 if call.optional => return Ok(None),
                        _ if self.api == Api::V2 && !(status == 429 || status >= 500) => {
                            return Err(self.v2_refusal(call, status, &body))
                        }
                        401 | 403 => {
                            return Err(Error::invalid(format!(
                                "NCP refused the API key {} from {} ({status}); check the key pair and its permission to the Billing API",
                                self.credentials.access_key, self.credentials.source
                            )))
                        }
                        429 | 500..=599 => last = format!("HTTP {status}"),
                        _ => {
                            let text = String::from_utf8_lossy(&body);
                            return Err(Error::other(format!(
                                "{}: NCP answered HTTP {status}: {}",
                                call.action,
                                text.chars().take(200).collect::<String>().replace('\n', " ")
                            )));
                        }
                    }
                }
                Err(e) => last = e.to_string(),
            }
            if attempt < self.attempts {
                std::thread::sleep(wait);
                wait *= 2;
            }
        }
        Err(Error::other(format!(
            "{}: no answer after {} attempts ({last}); nothing was written, try again later",
            call.action, self.attempts
        )))
    }

    /// What a v2 answer other than success or a retry says: its standard error body, with
    /// the key used on 401 and 403.
    fn v2_refusal(&self, call: &Call, status: u16, body: &[u8]) -> Error {
        let parsed: Option<serde_json::Value> = serde_json::from_slice(body).ok();
        let line = match parsed.as_ref().and_then(|v| v.get("error")) {
            Some(err) => super::ncp_v2::error(err, Some(status)).message,
            None => {
                let text = String::from_utf8_lossy(body);
                format!(
                    "HTTP {status}: {}",
                    text.chars()
                        .take(200)
                        .collect::<String>()
                        .replace('\n', " ")
                )
            }
        };
        let key = if matches!(status, 401 | 403) {
            format!(
                " (API key {} from {})",
                self.credentials.access_key, self.credentials.source
            )
        } else {
            String::new()
        };
        Error::invalid(format!("{}: {line}{key}", call.action))
    }

    /// Fetches every page of a call; `progress` is told after each page. `None`: an optional
    /// call this key may not read.
    pub fn fetch(
        &self,
        call: &Call,
        progress: &mut dyn FnMut(&Call, u32),
    ) -> Result<Option<Vec<Page>>> {
        if self.api == Api::V2 {
            return self.fetch_cursor(call, progress);
        }
        let mut pages = Vec::new();
        let mut fetched = 0u64;
        for page_no in 1.. {
            let Some(body) = self.get(call, &Cursor::Number(page_no))? else {
                return Ok(None);
            };
            let mut page = parse(&body, &format!("{} page {page_no}", call.action))?;
            if let Some(m) = call
                .query
                .iter()
                .find(|(k, _)| *k == "contractMonth")
                .and_then(|(_, v)| super::ncp::parse_month(v))
            {
                page.fill_month(m);
            }
            let rows = page.body.len() as u64;
            fetched += rows;
            let total = page.total_rows;
            pages.push(page);
            progress(call, page_no);
            // Stop when all `totalRows` are counted. A short page ends the answer only when NCP
            // gave no count: with one, the next page is asked for, and a page that comes back
            // empty with rows still missing is an incomplete answer, refused before anything
            // is written (a stored line must never be replaced by a partial page).
            match total {
                Some(t) if fetched >= t => break,
                Some(t) if rows == 0 => {
                    return Err(Error::invalid(format!(
                        "{} ({}): NCP said totalRows {t} but its pages gave {fetched} rows \
                         (page {page_no} came back empty); nothing was written, try the sync \
                         again later",
                        call.action,
                        call_months(call)
                    )))
                }
                Some(_) => {}
                None if rows < u64::from(self.page_size) => break,
                None => {}
            }
            if page_no >= 100_000 {
                return Err(Error::other(format!(
                    "{}: more than 100,000 pages; stopping",
                    call.action
                )));
            }
        }
        Ok(Some(pages))
    }

    /// v2: every page of a call, following `nextToken` until it is null. A token given twice
    /// would loop for ever, and is refused.
    fn fetch_cursor(
        &self,
        call: &Call,
        progress: &mut dyn FnMut(&Call, u32),
    ) -> Result<Option<Vec<Page>>> {
        let mut pages = Vec::new();
        let mut token: Option<String> = None;
        let mut seen = std::collections::HashSet::new();
        for page_no in 1..=100_000u32 {
            let Some(body) = self.get(call, &Cursor::Token(token.clone()))? else {
                return Ok(None);
            };
            let page = parse(&body, &format!("{} page {page_no}", call.action))?;
            token = page.next_token.clone();
            pages.push(page);
            progress(call, page_no);
            match &token {
                None => return Ok(Some(pages)),
                Some(t) if !seen.insert(t.clone()) => {
                    return Err(Error::other(format!(
                        "{}: NCP gave the nextToken of page {page_no} twice; stopping rather than looping",
                        call.action
                    )))
                }
                Some(_) => {}
            }
        }
        Err(Error::other(format!(
            "{}: more than 100,000 pages; stopping",
            call.action
        )))
    }
}

/// Where a page starts: v1's page number, v2's cursor (none on the first page).
enum Cursor {
    Number(u32),
    Token(Option<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope_of(c: &Call) -> Vec<(&str, &str)> {
        c.scope
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// issue 15: v1 asks every call for the scope and drops the contract summaries.
    #[test]
    fn issue15_v1_scope_goes_on_every_call() {
        let m = Month::new(2026, 10).unwrap();
        let members = Scope::Members(vec!["1000003".into(), "1000001".into()]);
        let calls = scoped(Api::V1, plan(m, m), &members).unwrap();
        assert!(calls.iter().all(|c| c.action != "getContractSummaryList"));
        assert_eq!(calls.len(), plan(m, m).len() - 1);
        for c in &calls {
            assert_eq!(
                scope_of(c),
                [("memberNoList.1", "1000003"), ("memberNoList.2", "1000001")]
            );
        }
        let org = scoped(Api::V1, plan(m, m), &Scope::Organization).unwrap();
        assert!(org
            .iter()
            .all(|c| scope_of(c) == [("isOrganization", "true")]));
        let partner = scoped(Api::V1, plan(m, m), &Scope::Partner).unwrap();
        assert!(partner
            .iter()
            .all(|c| scope_of(c) == [("isPartner", "true")]));
        assert_eq!(
            scoped(Api::V1, plan(m, m), &Scope::Own).unwrap().len(),
            plan(m, m).len()
        );
    }

    /// issue 15: v2 asks `scope=ORGANIZATION`, each member apart by `targetMemberNo` (costs)
    /// or a `memberNo` filter (discounts); the codes once and unscoped; no partner scope.
    #[test]
    fn issue15_v2_scope_asks_each_member_apart() {
        let m = Month::new(2026, 10).unwrap();
        let members = Scope::Members(vec!["2001234".into(), "2001300".into()]);
        let calls = scoped(Api::V2, plan_v2(m, m), &members).unwrap();
        let bills: Vec<_> = calls
            .iter()
            .filter(|c| c.action == "listDemandCosts")
            .map(scope_of)
            .collect();
        assert_eq!(
            bills,
            [
                vec![("scope", "ORGANIZATION"), ("targetMemberNo", "2001234")],
                vec![("scope", "ORGANIZATION"), ("targetMemberNo", "2001300")]
            ]
        );
        let credits: Vec<_> = calls
            .iter()
            .filter(|c| c.action == "listCreditDiscounts")
            .map(scope_of)
            .collect();
        assert_eq!(
            credits,
            [
                vec![("scope", "ORGANIZATION"), ("filter", "memberNo=2001234")],
                vec![("scope", "ORGANIZATION"), ("filter", "memberNo=2001300")]
            ]
        );
        let codes: Vec<_> = calls
            .iter()
            .filter(|c| c.action == "listCostRelationCodes")
            .collect();
        assert_eq!(codes.len(), 1);
        assert!(codes[0].scope.is_empty());
        let org = scoped(Api::V2, plan_v2(m, m), &Scope::Organization).unwrap();
        assert_eq!(org.len(), plan_v2(m, m).len());
        for c in &org {
            if c.action == "listCostRelationCodes" {
                assert!(c.scope.is_empty());
            } else {
                assert_eq!(scope_of(c), [("scope", "ORGANIZATION")]);
            }
        }
        let e = scoped(Api::V2, plan_v2(m, m), &Scope::Partner).unwrap_err();
        assert!(e.to_string().contains("--partner is for --api v1"), "{e}");
    }

    #[test]
    fn signs_like_the_gateway_documents() {
        // Computed independently: printf 'GET /billing/v1/cost/getDemandCostList?x=1\n1700000000000\nAK'
        //   | openssl dgst -sha256 -hmac secret -binary | base64
        let sig = signature(
            "secret",
            "GET",
            "/billing/v1/cost/getDemandCostList?x=1",
            "1700000000000",
            "AK",
        );
        assert_eq!(sig, "R+Q5qNVzxaDJJFroxFQivXbHTNrzBcMKf3XsRx86FKk=");
        assert_ne!(
            sig,
            signature(
                "other",
                "GET",
                "/billing/v1/cost/getDemandCostList?x=1",
                "1700000000000",
                "AK"
            )
        );
    }

    #[test]
    fn splits_months_into_three_month_windows() {
        let calls = plan("2024-01".parse().unwrap(), "2024-06".parse().unwrap());
        let windows: Vec<String> = calls
            .iter()
            .filter(|c| c.action == "getDemandCostList")
            .map(|c| format!("{}-{}", c.query[0].1, c.query[1].1))
            .collect();
        assert_eq!(windows, ["202401-202403", "202404-202406"]);
        let calls = plan("2024-01".parse().unwrap(), "2024-04".parse().unwrap());
        let windows: Vec<String> = calls
            .iter()
            .filter(|c| c.action == "getDemandCostList")
            .map(|c| format!("{}-{}", c.query[0].1, c.query[1].1))
            .collect();
        assert_eq!(windows, ["202401-202403", "202404-202404"]);
        assert_eq!(
            calls
                .iter()
                .filter(|c| c.action == "getContractSummaryList")
                .count(),
            4
        );
        // The Discount API once, unfiltered, after the months.
        let last: Vec<(&str, usize)> = calls[calls.len() - 4..]
            .iter()
            .map(|c| (c.path, c.query.len()))
            .collect();
        assert_eq!(
            last,
            [
                ("/discount/getCreditHistoryList", 0),
                ("/discount/getCoinHistoryList", 0),
                ("/discount/getProductDiscountHistoryList", 0),
                ("/discount/getDiscountList", 0)
            ]
        );
    }

    #[test]
    fn v2_asks_one_month_per_call_and_the_codes_and_discounts_once() {
        let calls = plan_v2("2026-05".parse().unwrap(), "2026-06".parse().unwrap());
        let asked: Vec<String> = calls
            .iter()
            .map(|c| {
                let q: Vec<String> = c.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{}?{}", c.path, q.join("&"))
            })
            .collect();
        assert_eq!(
            asked,
            [
                "/demand-costs?demandMonth=2026-05",
                "/billing-item-group-costs?demandMonth=2026-05",
                "/billing-item-costs?demandMonth=2026-05",
                "/demand-costs?demandMonth=2026-06",
                "/billing-item-group-costs?demandMonth=2026-06",
                "/billing-item-costs?demandMonth=2026-06",
                "/cost-relation-codes?",
                "/credit-discounts?",
                "/coin-discounts?",
                "/product-discounts?",
            ]
        );
        assert_eq!(default_endpoint(Api::V2), DEFAULT_ENDPOINT_V2);
    }

    #[rstest::rstest]
    #[case::spaces_and_crlf(
        "[ DEFAULT ]\r\nncloud_access_key_id=AK\r\nncloud_secret_access_key = SK\r\n",
        Some(("AK", "SK"))
    )]
    #[case::values_whole(
        "[DEFAULT]\nncloud_access_key_id = AK ; x\nncloud_secret_access_key = S#K=1\n",
        Some(("AK ; x", "S#K=1"))
    )]
    #[case::comments_and_other_sections(
        "# made by ncloud configure\n[other]\nncloud_access_key_id = NO\n[DEFAULT]\n; note\nncloud_access_key_id = AK\nncloud_secret_access_key = SK\n",
        Some(("AK", "SK"))
    )]
    #[case::the_last_value_wins(
        "[DEFAULT]\nncloud_access_key_id = A1\nncloud_secret_access_key = SK\n[x]\n[DEFAULT]\nncloud_access_key_id = A2\n",
        Some(("A2", "SK"))
    )]
    #[case::names_are_case_sensitive(
        "[default]\nncloud_access_key_id = AK\n[DEFAULT]\nNCLOUD_SECRET_ACCESS_KEY = SK\n",
        None
    )]
    #[case::colon_is_no_delimiter(
        "[DEFAULT]\nncloud_access_key_id: AK\nncloud_secret_access_key = SK\n",
        None
    )]
    #[case::outside_any_section("ncloud_access_key_id = AK\nncloud_secret_access_key = SK\n", None)]
    #[case::empty_values(
        "[DEFAULT]\nncloud_access_key_id =\nncloud_secret_access_key = SK\n",
        None
    )]
    fn the_configure_file_is_read_as_ncp_writes_it(
        #[case] file: &str,
        #[case] keys: Option<(&str, &str)>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".ncloud")).unwrap();
        std::fs::write(dir.path().join(".ncloud/configure"), file).unwrap();
        match (credentials(|_| None, Some(dir.path())), keys) {
            (Ok(c), Some(keys)) => {
                assert_eq!((c.access_key.as_str(), c.secret_key.as_str()), keys);
            }
            (Err(e), None) => assert!(
                e.message.ends_with(
                    "has no ncloud_access_key_id and ncloud_secret_access_key under [DEFAULT]"
                ),
                "{}",
                e.message
            ),
            (got, _) => panic!("{file:?}: {got:?}"),
        }
    }

    #[test]
    fn reads_keys_from_the_environment_then_the_configure_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".ncloud")).unwrap();
        std::fs::write(
            dir.path().join(".ncloud/configure"),
            "[DEFAULT]\nncloud_access_key_id = AKFILE\nncloud_secret_access_key = SKFILE\nncloud_api_url = https://ncloud.apigw.ntruss.com\n\n[other]\nncloud_access_key_id = NO\n",
        )
        .unwrap();
        let env = |k: &str| match k {
            "NCLOUD_ACCESS_KEY" => Some("AKENV".to_string()),
            "NCLOUD_SECRET_KEY" => Some("SKENV".to_string()),
            _ => None,
        };
        assert_eq!(
            credentials(env, Some(dir.path())).unwrap().access_key,
            "AKENV"
        );
        let c = credentials(|_| None, Some(dir.path())).unwrap();
        assert_eq!(
            (c.access_key.as_str(), c.secret_key.as_str()),
            ("AKFILE", "SKFILE")
        );
        assert!(
            !format!("{c:?}").contains("SKFILE"),
            "the secret never shows"
        );
        assert!(credentials(|_| None, Some(Path::new("/nonexistent"))).is_err());
    }
}
