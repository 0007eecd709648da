//! What a stranger found with NCP bodies written from NCP's docs (session 5): per-contract
//! lines that lose the per-service line's credit and product discounts, identical rows added
//! together, a sync page's rows for a month outside its window, and the services check
//! skipped when the bill came in an earlier import.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::Env;
use crate::ncp_server::{empty_v1, no_discounts, serve, Server, ACCESS, SECRET};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v1")
        .join(name)
        .display()
        .to_string()
}

const AS_OF: &str = "2026-11-12";
const BILL: &str = "demand-cost-2026-10-credit.json";
const PRODUCT: &str = "product-demand-2026-10-credit.json";
const CONTRACT: &str = "contract-demand-2026-10-credit.json";

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2026-11-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
        ],
    );
    env
}

fn import(env: &Env, files: &[&str]) -> Value {
    let paths: Vec<String> = files.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import", "ncp"];
    args.extend(paths.iter().map(String::as_str));
    env.json(AS_OF, &args)
}

/// (service, NCP's use amount, NCP's estimated payment amount, contracts) of each history row.
fn services(env: &Env) -> Vec<(String, String, String, Value)> {
    let doc = env.json(AS_OF, &["history", "--month", "2026-10"]);
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["service"].as_str().unwrap().to_string(),
                s["ncp"]["use_amount"].to_string(),
                s["ncp"]["estimated_payment_amount"].to_string(),
                s["contracts"].clone(),
            )
        })
        .collect()
}

/// Contract rows carry no credit or product discount (ContractDemandCost has none): their use
/// adds up to VSVR's per-service line, their demand (277,776.2) does not (138,888.2), so the
/// per-service line stands, with its discounts.
#[test]
fn contract_lines_whose_demand_misses_the_service_line_do_not_replace_it() {
    let env = member();
    let doc = import(&env, &[BILL, PRODUCT, CONTRACT]);
    assert_eq!(doc["differences"], serde_json::json!([]));
    let vsvr = services(&env)
        .into_iter()
        .find(|s| s.0 == "Server(VPC)")
        .unwrap();
    assert_eq!(
        (vsvr.1.as_str(), vsvr.2.as_str(), &vsvr.3),
        ("293208.2", "138888.2", &Value::Null)
    );
    let out = env.path("fees.csv");
    env.ok(
        AS_OF,
        &[
            "export",
            "--month",
            "2026-10",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    let vsvr_row = csv.lines().find(|l| l.contains("Server(VPC)")).unwrap();
    assert!(
        vsvr_row.contains(",293208,") && vsvr_row.contains(",138888"),
        "{csv}"
    );
    assert!(!csv.contains("277776"), "{csv}");
    let promos = env.json(AS_OF, &["promotions"]);
    let credit: Vec<&Value> = promos["ncp_discounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["service"] == "Server(VPC)")
        .map(|d| &d["discount"])
        .collect();
    assert_eq!(credit, ["credit", "product", "promise"]);
    let check = env.json(AS_OF, &["check"]);
    assert_eq!(check["differences"], serde_json::json!([]));
}

/// VSVR's NCP use amount in history, as NCP sent it.
fn vsvr_use(env: &Env) -> String {
    services(env)
        .into_iter()
        .find(|s| s.0 == "Server(VPC)")
        .unwrap()
        .1
}

/// A row one body repeats alike is kept once (as a row two files both hold); repeated with
/// other figures under the same key, the import is refused naming the key.
#[test]
fn a_row_repeated_within_one_body_is_kept_once_or_refused() {
    let env = member();
    let doc = import(&env, &[BILL, "product-demand-2026-10-duprow.json"]);
    assert_eq!(doc["differences"], serde_json::json!([]));
    assert_eq!(vsvr_use(&env), "293208.2");

    let env = member();
    let text = std::fs::read_to_string(fixture("product-demand-2026-10-duprow.json")).unwrap();
    let at = text.rfind("138888.2").unwrap();
    let other = format!("{}138888.3{}", &text[..at], &text[at + "138888.2".len()..]);
    let path = env.file("duprow-other.json", other);
    let before = env.dump();
    let e = env.fail(
        AS_OF,
        &["import", "ncp", &fixture(BILL), path.to_str().unwrap()],
        2,
    );
    assert!(
        e.contains("duprow-other.json holds the 2026-10 line of Server(VPC) VSVR")
            && e.contains("twice with different figures"),
        "{e}"
    );
    assert_eq!(env.dump(), before, "a refused import changed the ledger");
}

/// A server answering every window with the 2026-10 bill and the per-service rows of
/// `product`.
fn same_rows_server(product: &'static str) -> Server {
    let refused = "{\"error\":{\"errorCode\":\"200\",\"message\":\"Authentication Failed\"}}";
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
        let body = match action.as_str() {
            "getDemandCostList" => std::fs::read_to_string(fixture(BILL)).unwrap(),
            "getProductDemandCostList" => std::fs::read_to_string(fixture(product)).unwrap(),
            _ => empty_v1(&action),
        };
        (200, body)
    })
}

fn sync(env: &Env, server: &Server, from: &str, to: &str) -> std::process::Output {
    env.cmd(AS_OF)
        .env("NCLOUD_ACCESS_KEY", ACCESS)
        .env("NCLOUD_SECRET_KEY", SECRET)
        .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
        .args([
            "sync",
            "--from",
            from,
            "--to",
            to,
            "--endpoint",
            &server.url,
        ])
        .output()
        .unwrap()
}

/// A sync page's rows for a month outside its call's window are refused, naming the action,
/// the window and the month, and nothing is written; asked for that month, they land once.
#[test]
fn sync_refuses_rows_of_a_month_outside_the_window_asked() {
    let env = member();
    let srv = same_rows_server(PRODUCT);
    let before = env.dump();
    let out = sync(&env, &srv, "2026-01", "2026-10");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "error: sync: NCP answered getDemandCostList for 2026-01 to 2026-03 with rows of 2026-10, a month not asked for; nothing was written (sync again; if NCP keeps answering so, import its bodies with `import ncp`)"
    );
    assert_eq!(env.dump(), before, "a refused sync changed the ledger");

    let out = sync(&env, &srv, "2026-10", "2026-10");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(vsvr_use(&env), "293208.2");
}

/// Per-service lines imported alone are checked against the bill an earlier import stored:
/// BST's −0.2 (planted) leaves them 0.4 short of the bill's 293,208.5.
#[test]
fn per_service_lines_imported_alone_are_checked_against_the_stored_bill() {
    let env = member();
    import(&env, &[BILL]);
    let path = fixture("product-demand-2026-10-negative-bst.json");
    let out = env.run(AS_OF, &["import", "ncp", &path, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = serde_json::json!([{
        "kind": "services", "month": "2026-10", "member_no": "9729", "level": "product",
        "currency": "KRW", "ncp_amount": 293208.5, "sum_amount": 293208.1, "gap_amount": 0.4
    }]);
    assert_eq!(doc["differences"], expected);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "warning: 2026-10 product: the per-service use amounts do not add up to the bill's use amount: NCP says 293,208.5 KRW, the parts add up to 293,208.1 (gap 0.4); NCP's figures are kept as NCP sent them\n"
    );
    assert_eq!(env.json(AS_OF, &["check"])["differences"], expected);
}

/// A sync page repeating a row alike keeps it once, as an imported body does.
#[test]
fn a_row_a_sync_page_repeats_alike_is_kept_once() {
    let env = member();
    let srv = same_rows_server("product-demand-2026-10-duprow.json");
    let out = sync(&env, &srv, "2026-10", "2026-10");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(vsvr_use(&env), "293208.2");
}

/// A bill of `pay --json`: (month, billed, paid, penalty, unpaid).
type BillRow = (String, i64, i64, i64, i64);

/// Every bill of `pay --json` at `as_of`, and what an instant payment would charge.
fn owed(env: &Env, as_of: &str) -> (Vec<BillRow>, i64) {
    let doc = env.json(as_of, &["pay"]);
    let bills = doc["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["month"].as_str().unwrap().to_string(),
                b["billed_amount"].as_i64().unwrap(),
                b["paid_amount"].as_i64().unwrap(),
                b["penalty_amount"].as_i64().unwrap(),
                b["unpaid_amount"].as_i64().unwrap(),
            )
        })
        .collect();
    (bills, doc["instant"]["payable_amount"].as_i64().unwrap())
}

/// A member since 2026-10-01: the ledger issues its own (0-won) October bill on 11-03.
fn member_since_october() -> Env {
    let env = Env::new();
    env.ok(
        "2026-10-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
        ],
    );
    env
}

/// NCP's lines imported before NCP's bill re-rate the month the ledger had billed 0 for
/// (a correction of 152,680 for November); when NCP's bill then supersedes that bill, the
/// correction is taken back: the month is owed once, as when the bill came first.
#[test]
fn lines_before_the_bill_never_charge_the_month_twice() {
    let bill_first = member_since_october();
    import(&bill_first, &[BILL]);
    import(&bill_first, &[PRODUCT]);
    let lines_first = member_since_october();
    import(&lines_first, &[PRODUCT]);
    import(&lines_first, &[BILL]);
    let expected = owed(&bill_first, "2026-12-05");
    assert_eq!(owed(&lines_first, "2026-12-05"), expected);
    let october = expected.0.iter().find(|b| b.0 == "2026-10").unwrap();
    assert_eq!((october.1, october.2), (152_776, 0));
    assert_eq!(
        expected.0.iter().map(|b| b.4).sum::<i64>(),
        expected.1,
        "payable is what the bills leave unpaid"
    );
    assert!(expected.1 < 2 * 152_776, "{expected:?}");

    // NCP's paid-up bill after its lines: paid once, at NCP's figure.
    let paid = member_since_october();
    import(&paid, &[PRODUCT]);
    import(&paid, &["stranger-bill-2026-10-paid.json"]);
    let (bills, payable) = owed(&paid, "2026-12-05");
    let october = bills.iter().find(|b| b.0 == "2026-10").unwrap();
    assert_eq!((october.1, october.2, october.4), (152_776, 152_776, 0));
    assert_eq!(payable, 0, "{bills:?}");
}
