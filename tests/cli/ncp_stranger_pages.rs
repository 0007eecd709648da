//! Session 5's stranger, on pages and instants: a sync answer whose pages stop before
//! `totalRows` is refused and a saved incomplete page never deletes stored lines (README
//! "Incomplete pages", `sync`); the late penalty of an unpaid NCP bill does not depend on
//! when it was imported (P10, T2); a paid-up date after `--as-of` is refused (T2).

use std::path::PathBuf;

use serde_json::Value;

use crate::common::Env;
use crate::ncp_server::{empty_v1, no_discounts, query, serve, Server, ACCESS, SECRET};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

/// A member whose account opened on 2026-09-01.
fn member() -> Env {
    member_since("2026-09-01")
}

fn member_since(as_of: &str) -> Env {
    let env = Env::new();
    env.ok(
        as_of,
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    env
}

/// `import ncp --json` of fixtures: (its JSON, its stderr).
fn import(env: &Env, as_of: &str, files: &[&str]) -> (Value, String) {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let out = env.run(as_of, &args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

/// The services `history` shows for October 2026, by name, with their use amounts.
fn services(env: &Env) -> Vec<(String, Value)> {
    let h = env.json("2026-11-05", &["history", "--month", "2026-10"]);
    h["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["used_amount"].clone(),
            )
        })
        .collect()
}

/// Serves October 2026 as the stranger's server did: the bill, and the three services with
/// `totalRows` 3 split over pages of the default size 1000, two rows on page 1 and the third
/// on page 2 — or nothing on page 2 when `second_page` is false.
fn server(second_page: bool) -> Server {
    let refused = "{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\"}}";
    serve("/billing/v1", SECRET, refused, move |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let page: usize = query(url, "pageNo").unwrap_or("1").parse().unwrap();
        let body = if url.contains("/cost/getDemandCostList?") {
            std::fs::read_to_string(fixture("v1/stranger-bill-2026-10.json")).unwrap()
        } else if url.contains("/cost/getProductDemandCostList?") {
            let mut full: Value = serde_json::from_str(
                &std::fs::read_to_string(fixture("v1/stranger-product-2026-10.json")).unwrap(),
            )
            .unwrap();
            let list = &mut full["getProductDemandCostListResponse"]["productDemandCostList"];
            let rows = list.as_array().unwrap().clone();
            *list = match page {
                1 => Value::from(rows[..2].to_vec()),
                2 if second_page => Value::from(rows[2..].to_vec()),
                _ => Value::from(Vec::<Value>::new()),
            };
            full.to_string()
        } else {
            let action = url
                .split("/cost/")
                .nth(1)
                .and_then(|s| s.split('?').next())
                .unwrap_or("x")
                .to_string();
            empty_v1(&action)
        };
        (200, body)
    })
}

fn sync(env: &Env, server: &Server) -> std::process::Output {
    env.cmd("2026-11-05")
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync",
            "--from",
            "2026-10",
            "--to",
            "2026-10",
            "--endpoint",
            &server.url,
            "--json",
        ])
        .output()
        .unwrap()
}

#[test]
fn ncp_sync_asks_the_next_page_while_rows_are_missing() {
    let env = member();
    let srv = server(true);
    let out = sync(&env, &srv);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "no incomplete page now: {stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["rows"]["getProductDemandCostList"], 3);
    let urls = srv.requests.lock().unwrap().clone();
    let pages: Vec<&str> = urls
        .iter()
        .filter(|u| u.contains("getProductDemandCostList"))
        .map(|u| query(u, "pageNo").unwrap())
        .collect();
    assert_eq!(
        pages,
        ["1", "2"],
        "a short page with rows missing is not the last"
    );
    assert!(urls
        .iter()
        .all(|u| !u.contains("/cost/") || u.contains("pageSize=1000")));
    let names: Vec<String> = services(&env).into_iter().map(|(s, _)| s).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().any(|s| s == "Block Storage"), "{names:?}");
}

#[test]
fn ncp_sync_refuses_pages_that_run_out_before_total_rows_and_writes_nothing() {
    let env = member();
    // The month's three services, stored whole.
    let (doc, stderr) = import(
        &env,
        "2026-11-05",
        &[
            "v1/stranger-bill-2026-10.json",
            "v1/stranger-product-2026-10.json",
        ],
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(doc["rows"]["getProductDemandCostList"], 3);
    let before = env.dump();

    let srv = server(false);
    let out = sync(&env, &srv);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    let err: Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(
        err["error"]["message"],
        "getProductDemandCostList (startMonth 202610, endMonth 202610): NCP said totalRows 3 \
         but its pages gave 2 rows (page 2 came back empty); nothing was written, try the \
         sync again later"
    );
    assert_eq!(
        env.dump(),
        before,
        "the stored lines stay, Block Storage with them"
    );
    let names: Vec<String> = services(&env).into_iter().map(|(s, _)| s).collect();
    assert!(names.iter().any(|s| s == "Block Storage"), "{names:?}");
}

#[test]
fn ncp_an_imported_incomplete_page_never_deletes_lines_it_does_not_hold() {
    let env = member();
    import(
        &env,
        "2026-11-05",
        &[
            "v1/stranger-bill-2026-10.json",
            "v1/stranger-product-2026-10.json",
        ],
    );
    let whole = services(&env);
    assert_eq!(whole.len(), 3, "{whole:?}");

    // The saved first page (2 of totalRows 3) still imports, reported as incomplete.
    let (doc, stderr) = import(
        &env,
        "2026-11-06",
        &["v1/stranger-product-2026-10-page1.json"],
    );
    assert_eq!(doc["rows"]["getProductDemandCostList"], 2);
    let kinds: Vec<&str> = doc["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["incomplete_page"]);
    assert_eq!(
        stderr,
        "warning: 2026-10 getProductDemandCostList: NCP's totalRows is above the rows the \
         files gave: a page is missing (totalRows 3, rows given 2, 1 missing); import every \
         page of it together\n"
    );
    // Its two rows are updated in place; Block Storage, which it does not hold, stays.
    assert_eq!(services(&env), whole);
}

/// September 2026's bill in `pay --json` at `as_of`.
fn september(env: &Env, as_of: &str) -> Value {
    env.json(as_of, &["pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2026-09")
        .expect("September's bill")
        .clone()
}

/// The ledger's penalty rows: (month, charged_on, source, base, amount).
fn penalties(env: &Env) -> Vec<(String, String, String, i64, i64)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT month, charged_on, source, base, amount FROM penalties ORDER BY charged_on, source")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn ncp_p10_a_late_import_is_charged_the_penalty_days_it_missed() {
    // NCP's September bill, written 1 October, unpaid, 1.5 %: 152,776 won.
    let early = member();
    import(
        &early,
        "2026-10-20",
        &["v1/stranger-bill-2026-09-unpaid.json"],
    );
    let late = member();
    import(
        &late,
        "2026-11-05",
        &["v1/stranger-bill-2026-09-unpaid.json"],
    );
    // 1 November (the 1st of M+2) passed before the late import: charged at its arrival,
    // 2,291 (1.5 % of 152,776, truncated), with its notice sent then.
    assert_eq!(
        penalties(&late),
        [(
            "2026-09".to_string(),
            "2026-11-01".to_string(),
            "p10".to_string(),
            152_776,
            2_291
        )]
    );
    assert_eq!(september(&late, "2026-11-05")["penalty_amount"], 2_291);
    let notices = late.json("2026-11-05", &["notifications"]);
    let sent: Vec<&Value> = notices["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "late_penalty")
        .collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0]["sent_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-05"),
        "{sent:?}"
    );
    // Whenever it was imported, the bill owes the same on 5 December: two penalty days.
    let a = september(&early, "2026-12-05");
    let b = september(&late, "2026-12-05");
    assert_eq!(a["penalty_amount"], 4_582);
    assert_eq!(b, a);
    // Importing it again charges nothing more.
    import(
        &late,
        "2026-11-06",
        &["v1/stranger-bill-2026-09-unpaid.json"],
    );
    assert_eq!(penalties(&late).len(), 1);
}

#[test]
fn ncp_a_paid_up_date_after_as_of_is_refused_and_writes_nothing() {
    // v2's documented example: paid 2026-07-25T03:00:00Z, imported on 5 July.
    let env = member_since("2026-06-01");
    let before = env.dump();
    let err = env.fail(
        "2026-07-05",
        &["import", "ncp", &fixture("v2/demand-cost-2026-06.json")],
        2,
    );
    assert_eq!(
        err,
        format!(
            "error: {}: $.demandCosts[0].paidUpDateTime: expected a time up to \
             2026-07-05T00:00:00+09:00 (--as-of), got 2026-07-25T12:00:00+09:00; a payment \
             after --as-of has not happened yet: import it at an --as-of from then on\n",
            fixture("v2/demand-cost-2026-06.json")
        )
    );
    assert_eq!(env.dump(), before);
    // v1's `paidUpDate` 2026-11-10 on 5 November, the same.
    let env = member();
    let before = env.dump();
    let err = env.fail(
        "2026-11-05",
        &[
            "import",
            "ncp",
            &fixture("v1/stranger-bill-2026-10-paid.json"),
        ],
        2,
    );
    assert_eq!(
        err,
        format!(
            "error: {}: $.getDemandCostListResponse.demandCostList[0].paidUpDate: expected a \
             time up to 2026-11-05T00:00:00+09:00 (--as-of), got 2026-11-10T09:00:00+09:00; a \
             payment after --as-of has not happened yet: import it at an --as-of from then on\n",
            fixture("v1/stranger-bill-2026-10-paid.json")
        )
    );
    assert_eq!(env.dump(), before);
    // Once that day has come, it is NCP's payment.
    let (_, stderr) = import(&env, "2026-11-12", &["v1/stranger-bill-2026-10-paid.json"]);
    assert_eq!(stderr, "");
    let pay = env.json("2026-11-12", &["pay"]);
    let oct = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2026-10")
        .unwrap();
    assert_eq!(oct["status"], "paid", "{oct}");
    assert_eq!(oct["paid_amount"], 152_776, "{oct}");
}
