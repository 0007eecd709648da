//! A real HTTP server on 127.0.0.1 for the `sync` tests (v1 in ncp.rs, v2 in ncp_v2.rs):
//! it checks every request's signature with its own HMAC code (RFC 2104 written out, not the
//! crate the program uses), records the URLs asked for, and answers what the test's handler
//! says.

use std::sync::{Arc, Mutex};
use std::thread;

use sha2::{Digest, Sha256};

/// The access key the tests sign with.
pub const ACCESS: &str = "AKTEST0000000001";
/// The secret key the server checks signatures with (never shown by the program).
pub const SECRET: &str = "SKtest-secret-never-shown";

/// HMAC-SHA256 written out from RFC 2104, independent of the `hmac` crate the program uses.
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut k = if key.len() > 64 {
        Sha256::digest(key).to_vec()
    } else {
        key.to_vec()
    };
    k.resize(64, 0);
    let inner: Vec<u8> = k
        .iter()
        .map(|b| b ^ 0x36)
        .chain(message.iter().copied())
        .collect();
    let inner_hash = Sha256::digest(&inner);
    let outer: Vec<u8> = k
        .iter()
        .map(|b| b ^ 0x5c)
        .chain(inner_hash.iter().copied())
        .collect();
    Sha256::digest(&outer).to_vec()
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A running server: its base URL (`http://127.0.0.1:PORT` + `base`) and every URL asked.
pub struct Server {
    pub url: String,
    pub requests: Arc<Mutex<Vec<String>>>,
    _thread: thread::JoinHandle<()>,
}

/// Serves `handle(url) -> (status, body)` under `base` (`/billing/v1`) to requests signed
/// with `secret` and [`ACCESS`]; any other request gets `refused` with 401.
pub fn serve(
    base: &str,
    secret: &'static str,
    refused: &'static str,
    handle: impl Fn(&str) -> (u16, String) + Send + 'static,
) -> Server {
    let http = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = http.server_addr().to_ip().unwrap().port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    let thread = thread::spawn(move || {
        for req in http.incoming_requests() {
            let url = req.url().to_string();
            let header = |name: &str| {
                req.headers()
                    .iter()
                    .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                    .map(|h| h.value.as_str().to_string())
                    .unwrap_or_default()
            };
            let (ts, key, sig) = (
                header("x-ncp-apigw-timestamp"),
                header("x-ncp-iam-access-key"),
                header("x-ncp-apigw-signature-v2"),
            );
            let expected = base64(&hmac_sha256(
                secret.as_bytes(),
                format!("GET {url}\n{ts}\n{key}").as_bytes(),
            ));
            seen.lock().unwrap().push(url.clone());
            let (status, body) = if key != ACCESS || sig != expected || ts.len() != 13 {
                (401, refused.to_string())
            } else {
                handle(&url)
            };
            let _ = req.respond(tiny_http::Response::from_string(body).with_status_code(status));
        }
    });
    Server {
        url: format!("http://127.0.0.1:{port}{base}"),
        requests,
        _thread: thread,
    }
}

/// The value of query parameter `name` in `url`, as sent (still percent-encoded).
pub fn query<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let (_, qs) = url.split_once('?')?;
    qs.split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// The answer of NCP's Discount API with nothing in it (v1 getCreditHistoryList,
/// getCoinHistoryList, getProductDiscountHistoryList and getDiscountList; v2
/// `/credit-discounts`, `/coin-discounts` and `/product-discounts`), when `url` asks it: for servers whose tests are
/// about other bodies, since `sync` asks it too.
pub fn no_discounts(url: &str) -> Option<(u16, String)> {
    let path = url.split('?').next().unwrap_or("");
    let body = match path.rsplit('/').next().unwrap_or("") {
        "getCreditHistoryList" => {
            r#"{"getCreditHistoryListResponse": {"returnCode": "0", "totalRows": 0, "creditHistoryList": []}}"#
        }
        "getCoinHistoryList" => {
            r#"{"getCoinHistoryListResponse": {"returnCode": "0", "totalRows": 0, "coinHistoryList": []}}"#
        }
        "getProductDiscountHistoryList" => {
            r#"{"getProductDiscountHistoryListResponse": {"returnCode": "0", "totalRows": 0, "productDiscountHistoryList": []}}"#
        }
        "getDiscountList" => {
            r#"{"getDiscountListResponse": {"returnCode": "0", "totalRows": 0, "demandCostList": []}}"#
        }
        "credit-discounts" => r#"{"creditDiscounts": [], "nextToken": null}"#,
        "coin-discounts" => r#"{"coinDiscounts": [], "nextToken": null}"#,
        "product-discounts" => r#"{"productDiscounts": [], "nextToken": null}"#,
        _ => return None,
    };
    Some((200, body.to_string()))
}

/// A v1 cost action's answer with no rows (`getDemandCostList`, `getProductDemandCostList`,
/// `getContractDemandCostList`, else `getContractSummaryList`'s list).
pub fn empty_v1(action: &str) -> String {
    let list = match action {
        "getDemandCostList" => "demandCostList",
        "getProductDemandCostList" => "productDemandCostList",
        "getContractDemandCostList" => "contractDemandCostList",
        _ => "contractSummaryList",
    };
    format!("{{\"{action}Response\": {{\"returnCode\": \"0\", \"totalRows\": 0, \"{list}\": []}}}}")
}

/// Whose data a v1 request asks for (issue 15): `memberNoList.N` in order, else
/// `isOrganization=true` or `isPartner=true`, else the key's own member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    Own,
    Members(Vec<String>),
    Organization,
    Partner,
}

/// What `url` asks for; see [`Asked`].
pub fn asked(url: &str) -> Asked {
    let mut members = Vec::new();
    for n in 1.. {
        match query(url, &format!("memberNoList.{n}")) {
            Some(m) => members.push(m.to_string()),
            None => break,
        }
    }
    if !members.is_empty() {
        Asked::Members(members)
    } else if query(url, "isOrganization") == Some("true") {
        Asked::Organization
    } else if query(url, "isPartner") == Some("true") {
        Asked::Partner
    } else {
        Asked::Own
    }
}

/// A v1 server of several NCP members (issue 15): `getDemandCostList` answers one bill
/// row per member asked — `memberNoList.N`'s, the `organization`'s members for
/// `isOrganization=true`, the `partner`'s customers for `isPartner=true`, `own` else — each
/// row `bill(member)`; the first `failures` asks of it answer 503. Every other cost action
/// answers no rows, the Discount API nothing.
pub fn serve_members(
    own: &'static str,
    organization: &'static [&'static str],
    partner: &'static [&'static str],
    bill: impl Fn(&str) -> serde_json::Value + Send + 'static,
    failures: usize,
) -> Server {
    let refused = "{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\"}}";
    let left = Mutex::new(failures);
    serve("/billing/v1", SECRET, refused, move |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let action = url
            .split("/cost/")
            .nth(1)
            .and_then(|s| s.split('?').next())
            .unwrap_or("x")
            .to_string();
        if action != "getDemandCostList" {
            return (200, empty_v1(&action));
        }
        {
            let mut left = left.lock().unwrap();
            if *left > 0 {
                *left -= 1;
                return (
                    503,
                    "{\"error\":{\"errorCode\":\"503\",\"message\":\"busy\"}}".into(),
                );
            }
        }
        let members: Vec<String> = match asked(url) {
            Asked::Own => vec![own.to_string()],
            Asked::Members(m) => m,
            Asked::Organization => organization.iter().map(|m| m.to_string()).collect(),
            Asked::Partner => partner.iter().map(|m| m.to_string()).collect(),
        };
        let rows: Vec<serde_json::Value> = members.iter().map(|m| bill(m)).collect();
        let body = serde_json::json!({"getDemandCostListResponse": {
            "requestId": "5b3f0e0a-0000-4000-8000-00000000000f", "returnCode": "0",
            "returnMessage": "success", "totalRows": rows.len(), "demandCostList": rows}});
        (200, body.to_string())
    })
}
