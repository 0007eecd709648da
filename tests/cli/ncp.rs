//! NCP's own data (issue: import ncp and sync): saved Billing API bodies, and a real HTTP
//! server on 127.0.0.1 that checks every request's signature with its own HMAC code, serves
//! recorded bodies across pages and fails a page once to prove the retry.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::common::Env;
use crate::ncp_server::{empty_v1, no_discounts, query, serve, Server, ACCESS, SECRET};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

fn member() -> Env {
    member_since("2024-01-01")
}

fn import(env: &Env, as_of: &str, files: &[&str]) -> Value {
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    env.json(as_of, &args)
}

#[test]
fn ncp_bill_and_per_service_amounts_show_in_history_pay_and_trend() {
    let env = member();
    let doc = import(
        &env,
        "2024-07-05",
        &["demand-cost-2024-05.json", "product-demand-2024-05.json"],
    );
    assert_eq!(doc["kind"], "ncp");
    assert_eq!(doc["rows"]["getDemandCostList"], 1);
    assert_eq!(doc["rows"]["getProductDemandCostList"], 2);
    assert_eq!(doc["bills"], serde_json::json!(["2024-05"]));
    assert_eq!(doc["differences"], serde_json::json!([]));

    let h = env.json("2024-07-05", &["history", "--month", "2024-05"]);
    assert_eq!(h["source"], "ncp");
    let server = h["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "Server(VPC)")
        .unwrap();
    assert_eq!(
        (
            server["used_amount"].as_i64(),
            server["discount_amount"].as_i64()
        ),
        (Some(120_000), Some(20_000))
    );
    let t = &h["totals"];
    assert_eq!(t["used_amount"], 123_456);
    assert_eq!(t["rounddown_discount_amount"], 56);
    assert_eq!(t["vat_amount"], 10_340);
    assert_eq!(t["billed_amount"], 113_740);

    let may = bill_of(&env, "2024-07-05", "2024-05");
    assert_eq!(may["billed_amount"], 113_740);
    assert_eq!(may["status"], "paid", "isPaidUp feeds pay");
    let trend = env.json("2024-07-05", &["trend"]);
    let m = trend["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2024-05")
        .unwrap();
    assert_eq!(
        (m["used_amount"].as_i64(), m["paid_amount"].as_i64()),
        (Some(123_456), Some(113_740))
    );
    let p = &trend["payments"][0];
    assert_eq!(
        (p["kind"].as_str(), p["paid_at"].as_str()),
        (Some("ncp"), Some("2024-06-10T09:00:00+09:00"))
    );
    env.ok("2024-07-05", &["check"]);
}

#[test]
fn per_contract_lines_win_over_per_service_lines() {
    let env = member();
    import(
        &env,
        "2024-07-05",
        &[
            "product-demand-2024-05.json",
            "contract-demand-2024-05.json",
        ],
    );
    let h = env.json("2024-07-05", &["history", "--month", "2024-05", "--detail"]);
    let lines = h["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    let web = lines
        .iter()
        .find(|l| l["contract_no"] == "30012345")
        .unwrap();
    assert_eq!(web["item"], "Standard server");
    assert_eq!(web["quantity"], 744);
    assert_eq!(web["unit"], "Hour");
    assert_eq!(web["unit_price"], serde_json::json!(107.5268));
    assert_eq!(
        (web["used_amount"].as_i64(), web["discount_amount"].as_i64()),
        (Some(80_000), Some(20_000))
    );
    assert_eq!(h["totals"]["used_amount"], 123_456);
}

#[test]
fn contract_summaries_feed_status_and_daily_usage_is_kept() {
    let env = member();
    let doc = import(
        &env,
        "2024-05-20",
        &[
            "contract-summary-2024-05.json",
            "v1/daily-usage-2024-05.json",
        ],
    );
    assert_eq!(doc["rows"]["getContractUsageListByDaily"], 2);
    let s = env.json("2024-05-20", &["status"]);
    assert_eq!(s["source"], "ncp 2024-05");
    let rows: Vec<(String, i64)> = s["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["service"].as_str().unwrap().to_string(),
                r["contracts"].as_i64().unwrap(),
            )
        })
        .collect();
    // NLEND (terminated) contracts are not held.
    assert_eq!(
        rows,
        [
            ("Object Storage".to_string(), 1),
            ("Server(VPC)".to_string(), 1)
        ]
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    // Bytes in NCP's metering unit, with NCP's GB figure beside them.
    let q: (String, String, String) = conn
        .query_row(
            "SELECT quantity, unit, user_quantity FROM ncp_daily_usage
             WHERE account_id = 1 AND date = '2024-05-02'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(q, ("4402341478".into(), "USAGE_1BYTE".into(), "4.1".into()));
}

#[test]
fn legacy_and_v2_bodies_keep_ncps_overdue_ratio() {
    let env = Env::new();
    env.ok(
        "2021-12-01",
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
    import(&env, "2022-02-20", &["demand-cost-2022-01-legacy.json"]);
    // Unpaid, carried: NCP's own 2 % instead of 1.5 % on 1 March (60,500 × 2 % = 1,210).
    let jan = bill_of(&env, "2022-03-01", "2022-01");
    assert_eq!(jan["billed_amount"], 60_500);
    assert_eq!(jan["penalty_amount"], 1_210);
    assert_eq!(jan["status"], "outstanding");
    let h = env.json("2022-03-01", &["history", "--month", "2022-01"]);
    assert_eq!(
        h["totals"]["rounddown_discount_amount"], 555,
        "under100 + under1000"
    );

    let v2 = member();
    import(&v2, "2024-07-05", &["demand-costs-v2-2024-06.json"]);
    let pay = v2.json("2024-07-05", &["pay"]);
    let june = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-06")
        .unwrap();
    assert_eq!(
        (june["billed_amount"].as_i64(), june["status"].as_str()),
        (Some(55_000), Some("open"))
    );
}

#[test]
fn reimporting_a_month_replaces_ncps_earlier_figures() {
    let env = member();
    // A preliminary bill written inside the month, then the final one.
    let early = env.file(
        "early.json",
        r#"{"getProductDemandCostListResponse": {"returnCode": "0", "totalRows": 1, "productDemandCostList": [
            {"demandMonth": "202405", "productDemandType": {"code": "VSVR", "codeName": "Server(VPC)", "regionCode": "KR"},
             "useAmount": 60000, "writeDate": "2024-05-16T08:00:00+0900"}]}}"#,
    );
    env.ok("2024-05-20", &["import", "ncp", early.to_str().unwrap()]);
    assert_eq!(
        env.json("2024-06-01", &["history", "--month", "2024-05"])["totals"]["used_amount"],
        60_000
    );
    import(&env, "2024-06-02", &["product-demand-2024-05.json"]);
    let h = env.json("2024-06-02", &["history", "--month", "2024-05"]);
    assert_eq!(h["totals"]["used_amount"], 123_456, "replaced, not added");
    assert_eq!(h["services"].as_array().unwrap().len(), 2);
    // And the same files again change nothing.
    let before = env.dump();
    import(&env, "2024-06-02", &["product-demand-2024-05.json"]);
    assert_eq!(env.dump(), before);
}

#[test]
fn the_cross_check_reports_a_difference() {
    let env = member();
    let bill = env.file(
        "bill.json",
        std::fs::read_to_string(fixture("demand-cost-2024-05.json"))
            .unwrap()
            .replace("\"useAmount\": 123456", "\"useAmount\": 123500"),
    );
    let out = env
        .cmd("2024-07-05")
        .args([
            "import",
            "ncp",
            bill.to_str().unwrap(),
            fixture("product-demand-2024-05.json").to_str().unwrap(),
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    // A use amount changed by hand breaks two of NCP's sums: the bill's own (use − discounts
    // = demand) and the per-service lines against the bill; each is one warning line.
    assert_eq!(
        stderr,
        "warning: 2024-05 bill: use less every discount plus the default charge does not make NCP's demand amount: NCP says 103,400 KRW, the parts add up to 103,444 (gap -44); NCP's figures are kept as NCP sent them\n\
         warning: 2024-05 product: the per-service use amounts do not add up to the bill's use amount: NCP says 123,500 KRW, the parts add up to 123,456 (gap 44); NCP's figures are kept as NCP sent them\n"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["differences"],
        serde_json::json!([
            {"kind": "demand", "month": "2024-05", "member_no": "1000001", "level": "bill",
             "currency": "KRW", "ncp_amount": 103400, "sum_amount": 103444, "gap_amount": -44},
            {"kind": "services", "month": "2024-05", "member_no": "1000001", "level": "product",
             "currency": "KRW", "ncp_amount": 123500, "sum_amount": 123456, "gap_amount": 44}
        ])
    );
}

#[test]
fn malformed_bodies_exit_2_naming_the_file_and_path_and_change_nothing() {
    let env = member();
    env.ok("2024-07-05", &["status"]);
    let before = env.dump();
    let good = fixture("demand-cost-2024-05.json");
    let text = std::fs::read_to_string(&good).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        ("truncated.json", text[..text.len() / 2].to_string(), "ends too early"),
        ("garbage.json", "not json at all".to_string(), "not well-formed JSON"),
        ("code.json", text.replace("\"returnCode\": \"0\"", "\"returnCode\": \"1200\""), "returnCode: NCP answered the error code 1200 with the message 'success'; only code 0 is an answer with data"),
        ("type.json", text.replace("\"useAmount\": 123456", "\"useAmount\": \"many\""), "$.getDemandCostListResponse.demandCostList[0].useAmount: expected a number, got the text 'many'"),
        ("missing.json", text.replace("\"useAmount\": 123456,", ""), "demandCostList[0].useAmount: a required field is missing"),
        ("huge.json", text.replace("\"useAmount\": 123456", "\"useAmount\": 10000000000000000.5"), "useAmount: expected an amount up to 10^15 won, got the number 10000000000000000.5"),
        ("unknown.json", "{\"getServerInstanceListResponse\": {}}".to_string(), "not an NCP Billing API body this version reads (its keys: getServerInstanceListResponse)"),
        ("month.json", text.replace("\"202405\"", "\"202413\""), "demandMonth: expected a month"),
        ("v2error.json", "{\"error\": {\"errorCode\": \"401\", \"message\": \"Authentication failed\"}}".to_string(), "NCP answered with error"),
    ];
    for (name, body, message) in cases {
        let path = env.file(name, body);
        // A good file first: the bad one must undo it too.
        let e = env.fail(
            "2024-07-05",
            &[
                "import",
                "ncp",
                good.to_str().unwrap(),
                path.to_str().unwrap(),
            ],
            2,
        );
        assert!(e.contains(name) && e.contains(message), "{name}: {e}");
        assert_eq!(env.dump(), before, "{name} changed the ledger");
    }
}

// ---------------------------------------------------------------------------------------
// sync against a real HTTP server

/// Serves the fixtures: product amounts one row a page (pageSize 1), the second page failing
/// once with 503; every request's signature checked.
fn server(secret: &'static str, fail_once: bool) -> Server {
    let failures = Arc::new(AtomicUsize::new(if fail_once { 1 } else { 0 }));
    let refused = "{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\"}}";
    serve("/billing/v1", secret, refused, move |url| {
        if let Some(answer) = no_discounts(url) {
            return answer;
        }
        let page = query(url, "pageNo").unwrap_or("1").to_string();
        let body = if url.contains("/cost/getDemandCostList?") && url.contains("startMonth=202404")
        {
            std::fs::read_to_string(fixture("demand-cost-2024-05.json")).unwrap()
        } else if url.contains("/cost/getProductDemandCostList?")
            && url.contains("startMonth=202404")
        {
            if page == "2" && failures.fetch_sub(1, Ordering::SeqCst) == 1 {
                return (503, "busy".to_string());
            }
            let full: Value = serde_json::from_str(
                &std::fs::read_to_string(fixture("product-demand-2024-05.json")).unwrap(),
            )
            .unwrap();
            let mut one = full.clone();
            let idx: usize = page.parse::<usize>().unwrap() - 1;
            let row =
                full["getProductDemandCostListResponse"]["productDemandCostList"][idx].clone();
            one["getProductDemandCostListResponse"]["productDemandCostList"] =
                serde_json::json!([row]);
            one.to_string()
        } else if url.contains("/cost/getContractSummaryList?")
            && url.contains("contractMonth=202405")
        {
            // Real rows carry no month: the request's contractMonth gives it.
            std::fs::read_to_string(fixture("contract-summary-2024-05.json"))
                .unwrap()
                .replace("\"contractMonth\": \"202405\", ", "")
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

fn sync(env: &Env, server: &Server, as_of: &str, secret: &str) -> std::process::Output {
    env.cmd(as_of)
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", secret)
        .env("NCP_USAGE_SYNC_PAGE_SIZE", "1")
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync",
            "--from",
            "2024-04",
            "--to",
            "2024-06",
            "--endpoint",
            &server.url,
            "--json",
        ])
        .output()
        .unwrap()
}

#[test]
fn sync_signs_pages_retries_and_lands_in_one_transaction() {
    let env = member();
    let srv = server(SECRET, true);
    let out = sync(&env, &srv, "2024-07-05", SECRET);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no progress bar without a terminal: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["rows"]["getProductDemandCostList"], 2);
    assert_eq!(doc["rows"]["getDemandCostList"], 1);
    assert_eq!(doc["rows"]["getContractSummaryList"], 3);

    let urls = srv.requests.lock().unwrap().clone();
    let product_pages: Vec<&String> = urls
        .iter()
        .filter(|u| u.contains("getProductDemandCostList"))
        .collect();
    // Page 1, page 2 refused once with 503, page 2 again.
    assert_eq!(product_pages.len(), 3, "{product_pages:?}");
    assert!(product_pages
        .iter()
        .all(|u| u.contains("responseFormatType=json") && u.contains("pageSize=1")));
    assert!(
        urls.iter()
            .any(|u| u.contains("startMonth=202404&endMonth=202406")),
        "one 3-month window"
    );
    assert_eq!(
        urls.iter()
            .filter(|u| u.contains("getContractSummaryList"))
            .count(),
        3,
        "one a month"
    );

    let h = env.json("2024-07-05", &["history", "--month", "2024-05"]);
    assert_eq!(h["totals"]["billed_amount"], 113_740);
    assert_eq!(h["services"].as_array().unwrap().len(), 2);
    // T2: what the sync of 5 July stored is seen from then on.
    let status = env.json("2024-05-20", &["status"]);
    assert_eq!(status["source"], "contracts");
    // S1: NCP's May summary counts May only; in July, status counts the contracts.
    let status = env.json("2024-07-05", &["status"]);
    assert_eq!(status["source"], "contracts");
}

#[test]
fn sync_with_a_wrong_key_names_the_key_never_the_secret_and_writes_nothing() {
    let env = member();
    env.ok("2024-07-05", &["status"]);
    let before = env.dump();
    let srv = server(SECRET, false);
    let out = sync(&env, &srv, "2024-07-05", "a-wrong-secret");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(ACCESS) && stderr.contains("401"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("a-wrong-secret") && !stderr.contains(SECRET),
        "{stderr}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn sync_reads_keys_from_the_ncloud_configure_file() {
    let env = member();
    let home = env.path("home");
    std::fs::create_dir_all(home.join(".ncloud")).unwrap();
    std::fs::write(
        home.join(".ncloud/configure"),
        format!(
            "[DEFAULT]\nncloud_access_key_id = {ACCESS}\nncloud_secret_access_key = {SECRET}\n"
        ),
    )
    .unwrap();
    let srv = server(SECRET, false);
    let out = env
        .cmd("2024-07-05")
        .env("HOME", &home)
        .env("NCP_USAGE_SYNC_PAGE_SIZE", "1")
        .args([
            "sync",
            "--from",
            "2024-05",
            "--to",
            "2024-05",
            "--endpoint",
            &srv.url,
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sync_refuses_bad_ranges_and_missing_keys() {
    let env = member();
    let e = env.fail(
        "2024-07-05",
        &["sync", "--from", "2024-06", "--to", "2024-04"],
        2,
    );
    assert!(e.contains("after --to"), "{e}");
    let e = env.fail(
        "2024-07-05",
        &["sync", "--from", "2024-06", "--to", "2024-08"],
        2,
    );
    assert!(e.contains("after the month of --as-of"), "{e}");
    let e = env.fail(
        "2024-07-05",
        &["sync", "--from", "2024-05", "--to", "2024-06"],
        2,
    );
    assert!(e.contains("NCLOUD_ACCESS_KEY"), "{e}");
}

#[test]
fn a_preliminary_ncp_bill_is_superseded_and_the_ledger_stays_sound() {
    let env = member();
    let text = std::fs::read_to_string(fixture("demand-cost-2024-05.json")).unwrap();
    let early = env.file(
        "early-bill.json",
        text.replace(
            "\"writeDate\": \"2024-06-01T08:00:00+0900\"",
            "\"writeDate\": \"2024-05-16T08:00:00+0900\"",
        )
        .replace("\"isPaidUp\": true", "\"isPaidUp\": false")
        .replace(
            "\"thisMonthAmountIncludingVat\": 113740",
            "\"thisMonthAmountIncludingVat\": 66000",
        ),
    );
    env.ok("2024-05-20", &["import", "ncp", early.to_str().unwrap()]);
    env.ok("2024-05-20", &["check"]);
    let bill = |as_of: &str| {
        env.json(as_of, &["pay"])["bills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["month"] == "2024-05")
            .cloned()
            .unwrap()
    };
    assert_eq!(bill("2024-05-20")["billed_amount"], 66_000);
    import(&env, "2024-06-12", &["demand-cost-2024-05.json"]);
    let b = bill("2024-06-12");
    assert_eq!(
        (b["billed_amount"].as_i64(), b["status"].as_str()),
        (Some(113_740), Some("paid"))
    );
    env.ok("2024-06-12", &["check"]);
}

// ---------------------------------------------------------------------------------------
// Issue 14: NCP's bills as NCP sends them (v1 and v2), exact, and NCP's own sums checked

/// A member whose account opened on `as_of` (fixtures of older months need an older one).
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

/// `import ncp` of fixtures under fixtures/ncp: (its JSON, its stderr).
fn import_with_warnings(env: &Env, as_of: &str, files: &[&str]) -> (Value, String) {
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let mut args = vec!["import", "ncp", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let out = env.run(as_of, &args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

/// `pay`'s view of the bill of `month`.
fn bill_of(env: &Env, as_of: &str, month: &str) -> Value {
    env.json(as_of, &["pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == month)
        .unwrap()
        .clone()
}

/// The exact figures the ledger keeps of NCP's bill of `month`, by column.
fn stored_bill(env: &Env, month: &str) -> serde_json::Map<String, Value> {
    let conn = rusqlite::Connection::open(env.path("ledger.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT * FROM ncp_demand_costs WHERE account_id = 1 AND month = ?1")
        .unwrap();
    let names: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    stmt.query_row([month], |r| {
        Ok(names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let v = match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => Value::Null,
                    rusqlite::types::ValueRef::Integer(n) => Value::from(n),
                    rusqlite::types::ValueRef::Text(t) => {
                        Value::from(String::from_utf8(t.to_vec()).unwrap())
                    }
                    other => panic!("{other:?}"),
                };
                (n.clone(), v)
            })
            .collect())
    })
    .unwrap()
}

/// The partner-priced view of the 2022 public sample: use amounts real, every other amount
/// 0. Each month's bill is a `demand` difference (on import and on `check`, with one stderr
/// line each), the bill stays NCP's 0 won — never "corrected" — and 0.0 overdue is kept as 0.
#[test]
fn ncp_a_partner_priced_view_is_a_difference_never_a_corrected_bill() {
    let env = member_since("2021-12-01");
    let (doc, stderr) =
        import_with_warnings(&env, "2022-03-05", &["v1/demand-cost-2022-01-partner.json"]);
    let expected = serde_json::json!([
        {"kind": "demand", "month": "2022-01", "member_no": "klaytn@hongikit.com", "level": "bill",
         "currency": "KRW", "ncp_amount": 0, "sum_amount": 1880530, "gap_amount": -1880530},
        {"kind": "demand", "month": "2022-02", "member_no": "klaytn@hongikit.com", "level": "bill",
         "currency": "KRW", "ncp_amount": 0, "sum_amount": 1357040, "gap_amount": -1357040}
    ]);
    assert_eq!(doc["differences"], expected);
    let warnings = "warning: 2022-01 bill: use less every discount plus the default charge does not make NCP's demand amount: NCP says 0 KRW, the parts add up to 1,880,530 (gap -1,880,530); NCP's figures are kept as NCP sent them\n\
                    warning: 2022-02 bill: use less every discount plus the default charge does not make NCP's demand amount: NCP says 0 KRW, the parts add up to 1,357,040 (gap -1,357,040); NCP's figures are kept as NCP sent them\n";
    assert_eq!(stderr, warnings);
    let jan = bill_of(&env, "2022-03-05", "2022-01");
    assert_eq!(jan["billed_amount"], 0);
    // `check` recomputes them from the stored exact figures; they are NCP's, not faults.
    let out = env.run("2022-03-05", &["check", "--json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), warnings);
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["ok"], true);
    assert_eq!(check["differences"], expected);
    let bill = stored_bill(&env, "2022-01");
    assert_eq!(bill["overdue_ratio"], "0");
    assert_eq!(bill["vat_rate"], "0.1");
    assert_eq!(bill["attribute"], "GEN");
    assert_eq!(bill["previous_demand_no"], "3936015");
    assert_eq!(bill["total_demand_amount"], "0");
}

/// v2's documented DemandCost (pub-billing-v2-type-demandcost): fractional KRW amounts are
/// kept digit for digit, `vatRate` 10.0 is 10 %, NCP's sums hold, and the payable bill is
/// M2's truncation of NCP's figures: 152,776.8 bills 152,776 won.
#[test]
fn ncp_v2_documented_bill_is_exact_and_its_rates_are_percents() {
    let env = member_since("2026-01-01");
    let (doc, stderr) = import_with_warnings(&env, "2026-08-01", &["v2/demand-cost-2026-06.json"]);
    assert_eq!(doc["differences"], serde_json::json!([]));
    assert_eq!(stderr, "");
    let bill = stored_bill(&env, "2026-06");
    for (column, value) in [
        ("api", "v2"),
        ("member_no", "2001234"),
        ("demand_no", "660112233"),
        ("previous_demand_no", "660001122"),
        ("attribute", "GENERAL"),
        ("currency", "KRW"),
        ("exchange_rate", "1"),
        ("use_amount", "293208"),
        ("promise_discount_amount", "15432"),
        ("product_discount_amount", "13888.8"),
        ("credit_discount_amount", "124999.2"),
        ("savings_plan_discount_amount", "0"),
        ("demand_amount", "138888"),
        ("vat_rate", "0.1"),
        ("vat_amount", "13888.8"),
        ("including_vat_amount", "152776.8"),
        ("total_demand_amount", "152776.8"),
        ("overdue_plus_amount", "0"),
        ("overdue_ratio", "0"),
        ("paid_up_at", "2026-07-25T12:00:00+09:00"),
        ("written_at", "2026-07-01T03:30:00+09:00"),
    ] {
        assert_eq!(bill[column], value, "{column}");
    }
    let june = bill_of(&env, "2026-08-01", "2026-06");
    assert_eq!(june["billed_amount"], 152_776);
    assert_eq!(june["status"], "paid");
}

/// v2 `overdueRate` 1.0 is 1 % (a percent, as `vatRate` 10.0 is), not 100 %: the unpaid
/// 151,676.8 bill (with its 1,000 savings-plan discount) is charged 1 % at each of the two
/// penalty dates by September (1,516 each), never the whole bill again.
#[test]
fn ncp_v2_overdue_rate_is_a_percent() {
    let env = member_since("2026-01-01");
    let (doc, _) =
        import_with_warnings(&env, "2026-07-05", &["v2/demand-cost-2026-06-unpaid.json"]);
    assert_eq!(doc["differences"], serde_json::json!([]));
    assert_eq!(stored_bill(&env, "2026-06")["overdue_ratio"], "0.01");
    assert_eq!(
        stored_bill(&env, "2026-06")["savings_plan_discount_amount"],
        "1000"
    );
    let june = bill_of(&env, "2026-09-02", "2026-06");
    assert_eq!(june["billed_amount"], 151_676);
    assert_eq!(june["penalty_amount"], 3_032);
    assert_eq!(june["unpaid_amount"], 154_708);
}

/// A bill in USD is kept exactly in its currency and is no payable bill of won: no `bills`
/// row for it, and the catch-up issues none for its month either (imported before the 3rd,
/// when the ledger would have issued its own).
#[test]
fn ncp_a_usd_bill_is_kept_exactly_and_never_billed_in_won() {
    let env = member();
    let (doc, stderr) =
        import_with_warnings(&env, "2024-07-02", &["v1/demand-cost-2024-06-usd.json"]);
    assert_eq!(doc["bills"], serde_json::json!([]));
    assert_eq!(
        doc["bills_in_other_currencies"],
        serde_json::json!([{"month": "2024-06", "currency": "USD"}])
    );
    let again = env.ok(
        "2024-07-02",
        &[
            "import",
            "ncp",
            fixture("v1/demand-cost-2024-06-usd.json").to_str().unwrap(),
        ],
    );
    assert!(
        again.contains(
            "NCP's bill of 2024-06 is in USD: kept exactly in it, and paid in NCP's portal.\n"
        ),
        "{again}"
    );
    assert_eq!(doc["differences"], serde_json::json!([]));
    assert_eq!(stderr, "");
    let bill = stored_bill(&env, "2024-06");
    assert_eq!(bill["currency"], "USD");
    assert_eq!(bill["exchange_rate"], "1380.5");
    assert_eq!(bill["use_amount"], "123.45");
    assert_eq!(bill["currency_discount_amount"], "0.2");
    assert_eq!(bill["including_vat_amount"], "124.3");
    let pay = env.json("2024-08-05", &["pay"]);
    let months: Vec<&str> = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["month"].as_str().unwrap())
        .collect();
    assert!(
        months.contains(&"2024-05") && !months.contains(&"2024-06"),
        "{months:?}"
    );
    // Asked for by name, it is NCP's to collect, not "paid".
    let e = env.fail(
        "2024-07-05T15:00",
        &["pay", "--instant", "--month", "2024-06", "--yes"],
        3,
    );
    assert!(
        e.contains("nothing is payable now: NCP bills 2024-06 in USD, and it is paid in NCP's portal (this tool pays won)"),
        "{e}"
    );
}

/// One member per account (issue 15): a body of another NCP member goes to that member's
/// account, made for it and named after it, never into the account holding the first; with
/// `--no-create` it is refused naming the member and the fix, exit 2, byte-identical.
#[test]
fn ncp_a_body_of_another_member_goes_to_an_account_of_its_own() {
    let env = member();
    // After the other member's paid-up date (10 July), which is checked first.
    import(&env, "2024-07-12", &["demand-cost-2024-05.json"]);
    let other = fixture("v1/demand-cost-2024-06-other-member.json");
    let other = other.to_str().unwrap();
    let before = env.dump();
    let e = env.fail("2024-07-12", &["import", "ncp", "--no-create", other], 2);
    assert_eq!(
        e,
        "error: NCP member 1000002 has no account in this ledger and --no-create keeps the import from making one; nothing was written; add its account first: ncp-usage accounts add NAME --member-no 1000002\n"
    );
    assert_eq!(env.dump(), before);
    let doc = env.json("2024-07-12", &["import", "ncp", other]);
    assert_eq!(
        doc["accounts_created"],
        json!([{"name": "1000002", "member_no": "1000002"}])
    );
    let months = |account: &str| -> Vec<String> {
        env.json("2024-07-12", &["--account", account, "pay"])["ncp_bills"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["month"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(months("main"), ["2024-05"]);
    assert_eq!(months("1000002"), ["2024-06"]);
}

/// One body holding two members' bills is refused naming the two members (the real
/// problem), never split; two members' bills of one month in two files go to two accounts.
#[test]
fn ncp_two_members_of_one_month_in_one_body_are_named() {
    let env = member();
    let mine = std::fs::read_to_string(fixture("demand-cost-2024-05.json")).unwrap();
    let doc: Value = serde_json::from_str(&mine).unwrap();
    let mut both = doc.clone();
    let list = both["getDemandCostListResponse"]["demandCostList"]
        .as_array_mut()
        .unwrap();
    let mut theirs = list[0].clone();
    theirs["memberNo"] = json!("1000002");
    list.push(theirs);
    let both = env.file("both.json", both.to_string());
    let before = env.dump();
    let e = env.fail("2024-07-05", &["import", "ncp", both.to_str().unwrap()], 2);
    assert!(
        e.contains("both.json holds rows of NCP members 1000001 and 1000002: one body is one member's and is never split; nothing was written; import each member's bodies as NCP answered that member"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
    let other = env.file(
        "other.json",
        mine.replace("\"memberNo\": \"1000001\"", "\"memberNo\": \"1000002\""),
    );
    let mine = fixture("demand-cost-2024-05.json");
    let doc = env.json(
        "2024-07-05",
        &[
            "import",
            "ncp",
            mine.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    let created: Vec<&str> = doc["accounts_created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(created, ["1000001", "1000002"]);
}

/// 0 is a value: NCP's `overdueRatio` 0.0 on a bill is NCP's rate, so a bill left unpaid
/// is charged no late penalty (before, 0.0 was taken as absent and 1.5 % charged).
#[test]
fn ncp_an_overdue_ratio_of_zero_is_a_value() {
    let env = member();
    let body = std::fs::read_to_string(fixture("demand-cost-2024-05.json"))
        .unwrap()
        .replace("\"isPaidUp\": true", "\"isPaidUp\": false")
        .replace(
            "\"paidUpDate\": \"2024-06-10T09:00:00+0900\"",
            "\"paidUpDate\": \"\"",
        )
        .replace("\"overdueRatio\": 0.015", "\"overdueRatio\": 0.0");
    let file = env.file("unpaid.json", body);
    env.ok("2024-06-05", &["import", "ncp", file.to_str().unwrap()]);
    let may = bill_of(&env, "2024-09-02", "2024-05");
    assert_eq!(may["billed_amount"], 113_740);
    assert_eq!(may["penalty_amount"], 0);
    assert_eq!(stored_bill(&env, "2024-05")["overdue_ratio"], "0");
}

/// The files of one import are one answer: the same page twice is kept once; two files
/// holding the same month's bill with different figures are refused naming both, exit 2,
/// and nothing is written (never "the last file wins").
#[test]
fn ncp_files_of_one_import_are_one_answer() {
    let env = member();
    let good = fixture("demand-cost-2024-05.json");
    let doc = import(
        &env,
        "2024-07-05",
        &["demand-cost-2024-05.json", "demand-cost-2024-05.json"],
    );
    assert_eq!(doc["rows"]["getDemandCostList"], 1);
    let before = env.dump();
    let other = env.file(
        "later.json",
        std::fs::read_to_string(&good).unwrap().replace(
            "\"thisMonthVatAmount\": 10340",
            "\"thisMonthVatAmount\": 10341",
        ),
    );
    let e = env.fail(
        "2024-07-05",
        &[
            "import",
            "ncp",
            good.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        e.contains("demand-cost-2024-05.json and ")
            && e.contains("later.json both hold NCP's bill of 2024-05 and they differ"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}

/// `check` recomputes NCP's sums from the exact figures stored: a VAT planted straight in
/// the ledger breaks demand + VAT = including VAT, and nothing else; a per-service line
/// planted off the bill breaks the per-service sum. Each is one warning line.
#[test]
fn ncp_check_recomputes_each_planted_mismatch() {
    let env = member();
    import(
        &env,
        "2024-07-05",
        &["demand-cost-2024-05.json", "product-demand-2024-05.json"],
    );
    let conn = rusqlite::Connection::open(env.path("ledger.db")).unwrap();
    conn.execute_batch(
        "UPDATE ncp_demand_costs SET vat_amount = '10340.5' WHERE account_id = 1 AND month = '2024-05';
         UPDATE fee_lines SET exact = json_set(exact, '$.use_amount', 3457)
         WHERE account_id = 1 AND month = '2024-05' AND contract_no = 'OBJST';",
    )
    .unwrap();
    drop(conn);
    let out = env.run("2024-07-05", &["check", "--json"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "warning: 2024-05 bill: demand plus VAT does not make NCP's amount including VAT: NCP says 113,740 KRW, the parts add up to 113,740.5 (gap -0.5); NCP's figures are kept as NCP sent them\n\
         warning: 2024-05 product: the per-service use amounts do not add up to the bill's use amount: NCP says 123,456 KRW, the parts add up to 123,457 (gap -1); NCP's figures are kept as NCP sent them\n"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = doc["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["including_vat", "services"]);
}
