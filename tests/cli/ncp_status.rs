//! `status --month YYYY-MM` (issue 14, S1, P9): the contracts held during an earlier month, or
//! NCP's contract summary of it when imported; P9's blocked flag only for the month of "now";
//! a month after "now" refused as `history` refuses it.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn row(service: &str, region: &str, contracts: usize, blocked: bool) -> Value {
    json!({
        "service": service,
        "region": region,
        "contracts": contracts,
        "console_url": format!("https://console.ncloud.com/dashboard?regionCode={region}"),
        "blocked": blocked,
    })
}

/// Contracts of January to March 2024: one ending on 31 January, one from the 20th of
/// January on, one held from 1 to 1 February only, one from March on in JPN.
fn contracts() -> Env {
    Env::new().with_member().with_contracts(
        "2024-01-01",
        "KR-SVR-1,Server,KR,monthly,60000,month,2024-01-01,2024-01-31\n\
         KR-SVR-2,Server,KR,monthly,60000,month,2024-01-20,\n\
         KR-DB-1,Cloud DB,KR,monthly,90000,month,2024-02-01,2024-02-01\n\
         JPN-NAS-1,NAS,JPN,monthly,9000,month,2024-03-01,\n",
    )
}

#[test]
fn i14_status_month_counts_the_contracts_held_during_an_earlier_month() {
    let env = contracts();
    let doc = env.json("2024-03-15T10:00", &["status", "--month", "2024-01"]);
    assert_eq!(doc["as_of"], "2024-03-15T10:00:00+09:00");
    assert_eq!(doc["month"], "2024-01");
    assert_eq!(doc["source"], "contracts");
    assert_eq!(doc["services"], json!([row("Server", "KR", 2, false)]));
    let doc = env.json("2024-03-15T10:00", &["status", "--month", "2024-02"]);
    assert_eq!(
        doc["services"],
        json!([
            row("Cloud DB", "KR", 1, false),
            row("Server", "KR", 1, false)
        ])
    );
    // The month of "now" counts the contracts held that day, as `status` without --month.
    let now = env.json("2024-03-15T10:00", &["status", "--month", "2024-03"]);
    assert_eq!(now, env.json("2024-03-15T10:00", &["status"]));
    assert_eq!(now["month"], "2024-03");
    assert_eq!(
        now["services"],
        json!([row("NAS", "JPN", 1, false), row("Server", "KR", 1, false)])
    );
    let doc = env.json(
        "2024-03-15",
        &["status", "--month", "2024-02", "--region", "KR"],
    );
    assert_eq!(doc["region"], "KR");
    assert_eq!(doc["services"].as_array().unwrap().len(), 2);
    let doc = env.json("2024-03-15", &["status", "--month", "2023-12"]);
    assert_eq!(doc["services"], json!([]));
}

#[test]
fn i14_status_month_table_names_the_month() {
    let env = contracts();
    let out = env.ok("2024-03-15T10:00", &["status", "--month", "2024-01"]);
    assert!(
        out.starts_with("Service usage status of 2024-01: the contracts held during the month (as of 2024-03-15T10:00:00+09:00)\n"),
        "{out}"
    );
    assert!(out.contains("│ Server  ┆ KR     ┆         2 ┆"), "{out}");
    let out = env.ok("2024-03-15T10:00", &["status", "--month", "2023-11"]);
    assert_eq!(
        out,
        "No contracts held in 2023-11 (as of 2024-03-15T10:00:00+09:00).\n"
    );
    let csv = env.ok(
        "2024-03-15",
        &["status", "--month", "2024-01", "--format", "csv"],
    );
    assert_eq!(
        csv,
        "service,region,contracts,console_url,blocked\n\
         Server,KR,2,https://console.ncloud.com/dashboard?regionCode=KR,false\n"
    );
}

#[test]
fn i14_status_month_after_now_is_refused_and_creates_nothing() {
    let env = contracts();
    let before = env.dump();
    let err = env.fail("2024-03-15", &["status", "--month", "2024-04"], 2);
    assert_eq!(
        err,
        "error: 2024-04 has not started as of 2024-03-15; choose a month up to 2024-03\n"
    );
    assert_eq!(env.dump(), before);
    // Refused before the ledger is opened: no ledger is needed to say so.
    let empty = Env::new();
    empty.fail("2024-03-15", &["status", "--month", "2024-04"], 2);
    assert!(!empty.db.exists());
}

/// P9 blocks services now: a business member paying by direct deposit leaves January's bill
/// unpaid, so from 1 March its services are blocked; February's rows are history.
#[test]
fn i14_status_month_flags_blocking_only_in_the_month_of_now() {
    let env = Env::business("2024-01-01")
        .paying_by_deposit("2024-01-01", "2027-12")
        .with_contracts(
            "2024-01-02",
            "KR-SVR-1,Server,KR,monthly,200000,month,2024-01-01,\n",
        );
    let status = |args: &[&str]| env.json("2024-03-05", args)["services"].clone();
    assert_eq!(status(&["status"]), json!([row("Server", "KR", 1, true)]));
    assert_eq!(
        status(&["status", "--month", "2024-03"]),
        json!([row("Server", "KR", 1, true)])
    );
    assert_eq!(
        status(&["status", "--month", "2024-02"]),
        json!([row("Server", "KR", 1, false)])
    );
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

/// NCP's contract summary of May 2024 (fixtures/ncp/contract-summary-2024-05.json): two
/// services in NOML state, one terminated (NLEND) row not held.
#[test]
fn i14_status_month_shows_ncps_contract_summary_of_that_month() {
    let env = Env::new().with_member().with_contracts(
        "2024-01-01",
        "KR-SVR-1,Server,KR,monthly,60000,month,2024-01-01,\n",
    );
    env.ok(
        "2024-05-20",
        &["import", "ncp", &fixture("contract-summary-2024-05.json")],
    );
    let may = json!([
        row("Object Storage", "KR", 1, false),
        row("Server(VPC)", "KR", 1, false)
    ]);
    let doc = env.json("2024-07-05", &["status", "--month", "2024-05"]);
    assert_eq!(doc["month"], "2024-05");
    assert_eq!(doc["source"], "ncp 2024-05");
    assert_eq!(doc["services"], may);
    let table = env.ok("2024-07-05", &["status", "--month", "2024-05"]);
    assert!(
        table.starts_with("Service usage status of 2024-05: NCP's contract summary of the month (as of 2024-07-05T00:00:00+09:00)\n"),
        "{table}"
    );
    // Other months count the contracts.
    let doc = env.json("2024-07-05", &["status", "--month", "2024-04"]);
    assert_eq!(doc["source"], "contracts");
    assert_eq!(doc["services"], json!([row("Server", "KR", 1, false)]));
    let doc = env.json("2024-07-05", &["status"]);
    assert_eq!(
        (doc["month"].as_str(), doc["source"].as_str()),
        (Some("2024-07"), Some("contracts"))
    );
    // T2: a read before the import does not see NCP's summary.
    let doc = env.json("2024-05-19", &["status", "--month", "2024-05"]);
    assert_eq!(doc["source"], "contracts");
}

/// The same summary page saved twice, or a row NCP's page repeats, counts once; two files
/// counting one (region, type, status) differently are refused, naming both (issue 14).
#[test]
fn i14_a_contract_summary_given_twice_counts_once() {
    let env = Env::new().with_member();
    let page = fixture("contract-summary-2024-05.json");
    let copy = env.file("again.json", std::fs::read(&page).unwrap());
    env.ok(
        "2024-05-20",
        &["import", "ncp", &page, copy.to_str().unwrap()],
    );
    let doc = env.json("2024-07-05", &["status", "--month", "2024-05"]);
    assert_eq!(
        doc["services"],
        json!([
            row("Object Storage", "KR", 1, false),
            row("Server(VPC)", "KR", 1, false)
        ])
    );
    let text = std::fs::read_to_string(&page).unwrap();
    let other = env.file(
        "other.json",
        text.replacen("\"contractCount\": 1", "\"contractCount\": 3", 1),
    );
    let before = env.dump();
    let err = env.fail(
        "2024-05-21",
        &["import", "ncp", &page, other.to_str().unwrap()],
        2,
    );
    assert_eq!(
        err,
        format!(
            "error: {page} and {} both hold the 2024-05 count of NOML VSVR contracts in KR and they differ; import the one that is NCP's latest answer\n",
            other.display()
        )
    );
    assert_eq!(env.dump(), before);
}
