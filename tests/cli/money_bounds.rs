//! Issue 11's money and time bounds: bills for months that have not happened (item 7), amounts
//! the ledger cannot hold (M1, item 8), `--as-of` outside the ledger's range (T1, item 9), a
//! far `--as-of` (P10 catch-up, item 10), contract corrections that orphan usage (item 13) and
//! a stale NCP contract summary in `status` (S1, item 14).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::Env;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

fn contracts_file(env: &Env, name: &str, rows: &str) -> String {
    env.file(
        name,
        format!("contract_no,service,region,plan,price,unit,start_date,end_date\n{rows}"),
    )
    .display()
    .to_string()
}

#[test]
fn r7_an_ncp_bill_for_a_month_that_has_not_happened_is_refused() {
    let env = Env::new().with_member();
    let body = std::fs::read_to_string(fixture("demand-cost-2024-05.json"))
        .unwrap()
        .replace("\"202405\"", "\"203001\"");
    let file = env.file("future.json", body);
    let before = env.dump();
    let err = env.fail("2024-06-20", &["import", "ncp", file.to_str().unwrap()], 2);
    assert!(
        err.contains(
            "future.json: $.getDemandCostListResponse.demandCostList[0].demandMonth: expected a month up to 2024-06 (the month of --as-of), got 2030-01"
        ),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    // Nothing to pay either.
    let pay = env.json("2030-02-20", &["pay"]);
    assert!(pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["month"] != "2030-01" || b["billed_amount"] == 0));
    // The running month is NCP's way (a preliminary bill, written on the 19th: a bill NCP
    // writes after --as-of is refused) and still imports (unpaid: its paid-up date of 10 June
    // has not come yet).
    let body = std::fs::read_to_string(fixture("demand-cost-2024-05.json"))
        .unwrap()
        .replace("\"isPaidUp\": true", "\"isPaidUp\": false")
        .replace("2024-06-01T08:00:00+0900", "2024-05-19T08:00:00+0900");
    let file = env.file("may.json", body);
    env.ok("2024-05-20", &["import", "ncp", file.to_str().unwrap()]);
}

#[test]
fn m1_a_metered_day_beyond_the_ceiling_is_refused_at_its_line_and_column() {
    let env = Env::new().with_member().with_contracts(
        "2024-03-01",
        "KR-BIG-1,Storage,KR,metered,1000000000,unit,2024-02-01,\n",
    );
    let before = env.dump();
    // 10^9 won a unit: a day may hold 32,258.064 units (32,258,064,516,129 won, a 31st of
    // 10^15); one thousandth more is refused.
    let usage = env.file(
        "usage.csv",
        "contract_no,date,quantity\nKR-BIG-1,2024-02-01,32258.064\nKR-BIG-1,2024-02-02,32258.065\n",
    );
    let err = env.fail(
        "2024-03-01",
        &["import", "usage", usage.to_str().unwrap()],
        2,
    );
    assert!(
        err.contains("line 3, column quantity: expected a quantity of at most 32258.064 a day"),
        "{err}"
    );
    assert!(err.contains("got '32258.065'"), "{err}");
    assert_eq!(env.dump(), before, "nothing written");
    // The row: far beyond i64 once priced.
    let usage = env.file(
        "huge.csv",
        "contract_no,date,quantity\nKR-BIG-1,2024-02-01,999999999\n",
    );
    let err = env.fail(
        "2024-03-01",
        &["import", "usage", usage.to_str().unwrap()],
        2,
    );
    assert!(err.contains("line 2, column quantity"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn m1_a_month_beyond_the_ceiling_is_refused_and_never_bills_negative() {
    let env = Env::new().with_member();
    // 10^15 won a month is a line the ledger holds, but with VAT its bill is not.
    let one = contracts_file(
        &env,
        "one.csv",
        "KR-MAX-1,Server,KR,monthly,1000000000000000,month,2024-02-01,\n",
    );
    let before = env.dump();
    let err = env.fail("2024-03-01", &["import", "contracts", &one], 2);
    assert!(
        err.contains("the 2024-02 bill would come to more than 10^15 won"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    // 900 trillion fits: 990 trillion billed with VAT.
    let fits = contracts_file(
        &env,
        "fits.csv",
        "KR-BIG-1,Server,KR,monthly,900000000000000,month,2024-02-01,2024-02-29\n",
    );
    env.ok("2024-03-01", &["import", "contracts", &fits]);
    // A second contract in the same month would carry it past the ceiling.
    let more = contracts_file(
        &env,
        "more.csv",
        "KR-BIG-2,Server,KR,monthly,900000000000000,month,2024-02-01,2024-02-29\n",
    );
    let before = env.dump();
    let err = env.fail("2024-03-01", &["import", "contracts", &more], 2);
    assert!(
        err.contains("the 2024-02 bill would come to more than 10^15 won"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    // Once due and carried, every command still opens the ledger: exact bill, penalty.
    let pay = env.json("2024-04-20", &["pay"]);
    let feb = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-02")
        .unwrap()
        .clone();
    assert_eq!(feb["billed_amount"], 990_000_000_000_000_i64);
    // Paid by the card on the 10th, in full.
    assert_eq!(feb["paid_amount"], 990_000_000_000_000_i64);
    assert_eq!(feb["unpaid_amount"], 0);
    env.ok("2024-04-20", &["pay", "--auto"]);
    env.ok("2024-04-20", &["history", "--month", "2024-02"]);
}

#[test]
fn m1_a_metered_price_raised_past_the_ceiling_is_refused_at_its_column() {
    let env = Env::new().with_member().with_contracts(
        "2024-03-01",
        "KR-LB-1,Load Balancer,KR,metered,1,hour,2024-02-01,\n",
    );
    let mut usage = String::from("contract_no,date,quantity\n");
    for day in 1..=29 {
        usage.push_str(&format!("KR-LB-1,2024-02-{day:02},999999999\n"));
    }
    let usage = env.file("usage.csv", usage);
    env.ok("2024-03-01", &["import", "usage", usage.to_str().unwrap()]);
    // 28,999,999,971 units at 100,000 won: 2.9 × 10^15 won in one line.
    let raised = contracts_file(
        &env,
        "raised.csv",
        "KR-LB-1,Load Balancer,KR,metered,100000,hour,2024-02-01,\n",
    );
    let before = env.dump();
    let err = env.fail("2024-03-02", &["import", "contracts", &raised], 2);
    assert!(
        err.contains("line 2, column price: expected a price of at most 34482.7586 won"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
}

#[test]
fn t1_an_as_of_outside_the_range_in_kst_is_refused_before_anything_is_written() {
    let env = Env::new();
    let init = [
        "init",
        "--first-name",
        "Minji",
        "--last-name",
        "Kim",
        "--email",
        "minji@example.com",
    ];
    // The instant: 9999-12-31 in New York is already 10000-01-01 in Seoul.
    let err = env.fail("9999-12-31T23:00:00-05:00", &init, 2);
    assert!(
        err.contains("is +10000-01-01T13:00:00 in KST, outside the range the ledger keeps (2000-01-01 to 2999-12-31 KST)"),
        "{err}"
    );
    assert!(!env.db.exists(), "no ledger was created");
    for far in ["3000-01-01", "1999-12-31T23:59", "2999-12-31T15:00:00Z"] {
        env.fail(far, &init, 2);
    }
    assert!(!env.db.exists());
    // NCP_USAGE_NOW is range-checked the same way.
    let mut cmd = assert_cmd::Command::cargo_bin("ncp-usage").unwrap();
    let out = cmd
        .env_clear()
        .env("NCP_USAGE_NOW", "9999-12-31T23:00:00-05:00")
        .arg("--db")
        .arg(&env.db)
        .args(init)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!env.db.exists());
    // The last instant inside the range is accepted.
    env.ok("2999-12-31T14:59:59Z", &init);
}

#[test]
fn p10_a_far_as_of_catches_up_in_bounded_time() {
    let env = Env::new().with_member();
    let started = Instant::now();
    // A command may move the ledger at most 10 years at once (T1): walk there by decades.
    for year in (2034..=2094).step_by(10) {
        env.ok(
            &format!("{year}-01-01"),
            &["account", "billing-email", "minji@example.com"],
        );
    }
    let pay = env.json("2099-12-31", &["pay"]);
    let took = started.elapsed();
    // Before the fix: 3 min 19 s (debug build) for this command, and 9999-12-31 ran out of
    // memory. Now a few seconds; the bound leaves room for a loaded machine.
    assert!(took < Duration::from_secs(90), "took {took:?}");
    let bills = pay["bills"].as_array().unwrap();
    // 2024-01 … 2099-11: every month's (0-won) bill, issued once.
    assert_eq!(bills.len(), 911, "{}", bills.len());
    assert_eq!(bills.last().unwrap()["month"], "2099-11");
    assert!(bills.iter().all(|b| b["unpaid_amount"] == 0));
}

#[test]
fn r13_a_contract_correction_that_leaves_usage_outside_its_dates_is_refused() {
    let env = Env::new().with_member().with_february();
    let before = env.dump();
    let later = contracts_file(
        &env,
        "later.csv",
        "KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,\n\
         KR-LB-1,Load Balancer,KR,metered,12,hour,2024-02-10,\n",
    );
    let err = env.fail("2024-03-02", &["import", "contracts", &later], 2);
    assert!(
        err.contains("line 3, column start_date: expected a start date on or before 2024-02-01: contract KR-LB-1 has usage on 9 days from 2024-02-01 to 2024-02-09 outside the new dates"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    let ended = contracts_file(
        &env,
        "ended.csv",
        "KR-LB-1,Load Balancer,KR,metered,12,hour,2024-02-01,2024-02-28\n",
    );
    let err = env.fail("2024-03-02", &["import", "contracts", &ended], 2);
    assert!(
        err.contains("line 2, column end_date: expected an end date on or after 2024-02-29 (or empty): contract KR-LB-1 has usage on 2024-02-29 outside the new dates"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing written");
    // A correction that keeps every day of usage inside its dates is fine.
    let kept = contracts_file(
        &env,
        "kept.csv",
        "KR-LB-1,Load Balancer,KR,metered,12,hour,2024-02-01,2024-02-29\n",
    );
    env.ok("2024-03-02", &["import", "contracts", &kept]);
    let h = env.json("2024-03-02", &["history", "--month", "2024-02"]);
    assert_eq!(h["totals"]["billed_amount"], 54_670);
}

#[test]
fn s1_status_uses_an_ncp_summary_only_for_the_month_it_counts() {
    let env = Env::new().with_member();
    let summary = fixture("contract-summary-2024-05.json");
    env.ok("2024-05-20", &["import", "ncp", summary.to_str().unwrap()]);
    let may = env.json("2024-05-20", &["status"]);
    assert_eq!(may["source"], "ncp 2024-05");
    let env = env.with_contracts(
        "2025-03-01",
        "KR-NAS-1,NAS,KR,monthly,10000,month,2025-02-01,\n",
    );
    let march = env.json("2025-03-01", &["status"]);
    assert_eq!(march["source"], "contracts");
    let rows: Vec<(String, i64)> = march["services"]
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
    assert_eq!(rows, [("NAS".to_string(), 1)]);
}

#[test]
fn m1_deposits_never_carry_the_credit_balance_past_the_ceiling() {
    let env = Env::new().with_member();
    let most = "1000000000000000";
    env.ok("2024-01-05", &["pay", "--deposit", most, "--yes"]);
    let before = env.dump();
    let e = env.fail("2024-01-05", &["pay", "--deposit", "1", "--yes"], 2);
    assert_eq!(
        e,
        "error: a deposit of 1 won would bring the credit balance past 10^15 won, more than the ledger holds; deposit at most 0 won\n"
    );
    assert_eq!(env.dump(), before);
    let e = env.fail(
        "2024-01-05",
        &["pay", "--deposit", "1000000000000001", "--yes"],
        2,
    );
    assert!(
        e.contains("is too large an amount of won (at most 10^15)"),
        "{e}"
    );
    let pay = env.json("2024-01-05", &["pay"]);
    assert_eq!(pay["credit_balance"], 1_000_000_000_000_000_i64);
}
