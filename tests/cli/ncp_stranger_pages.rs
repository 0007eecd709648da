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
    let env = Env::new();
    env.ok(
        "2026-09-01",
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
