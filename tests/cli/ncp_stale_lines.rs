//! Issue 14 for NCP's lines and across its APIs. Older lines never replace newer ones: v1
//! per-service and per-contract lines (`writeDate`) and v2 groups (`createdDateTime`) NCP
//! wrote earlier than the ones the ledger holds for their month and level are refused
//! before anything is written (exit 2, the ledger byte for byte as it was), and within one
//! import the later-written lines win whatever the file order. At one writing a bill NCP
//! reported paid up never goes back to unpaid (an older page retried). The same bill read
//! through v1 then v2 is compared by its figures and dates, not by its API.
//!
//! The bodies are the documented fixtures (see fixtures/ncp/SOURCES.md) with a field or two
//! changed here.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// The fixture `name` with each row of its list `list` (under `response`, if any) changed
/// by `edit`, written as `to`.
fn variant(
    env: &Env,
    name: &str,
    to: &str,
    at: &[&str],
    mut edit: impl FnMut(usize, &mut Value),
) -> String {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap();
    let mut rows = &mut doc;
    for key in at {
        rows = &mut rows[*key];
    }
    for (i, row) in rows.as_array_mut().unwrap().iter_mut().enumerate() {
        edit(i, row);
    }
    env.file(to, doc.to_string()).display().to_string()
}

const PRODUCTS: &[&str] = &["getProductDemandCostListResponse", "productDemandCostList"];

/// NCP's per-service lines of 2024-05 as written on 2024-05-16 (a preliminary writing):
/// Server 60,000 used (50,000 billed), Object Storage 1,000.
fn older_products(env: &Env) -> String {
    variant(
        env,
        "product-demand-2024-05.json",
        "older-products.json",
        PRODUCTS,
        |i, r| {
            r["writeDate"] = "2024-05-16T08:00:00+0900".into();
            let (used, promotion) = if i == 0 { (60_000, 10_000) } else { (1_000, 0) };
            r["useAmount"] = used.into();
            r["promotionDiscountAmount"] = promotion.into();
            r["demandAmount"] = (used - promotion).into();
        },
    )
}

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2024-05-01",
        &[
            "init",
            "--member-type",
            "business",
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

/// The ledger's NCP lines of `month` from `source`: (service, used, estimated payment).
fn lines(env: &Env, month: &str, source: &str) -> Vec<(String, i64, i64)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT service, used_amount, estimated_payment_amount FROM fee_lines
             WHERE month = ?1 AND source = ?2 ORDER BY service, item",
        )
        .unwrap();
    stmt.query_map([month, source], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn row(service: &str, used: i64, estimated: i64) -> (String, i64, i64) {
    (service.to_string(), used, estimated)
}

/// (month, billed, paid, unpaid, penalty) of each bill with something billed at `as_of`.
fn bills(env: &Env, as_of: &str) -> Vec<(String, i64, i64, i64, i64)> {
    env.json(as_of, &["pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["billed_amount"] != 0)
        .map(|b| {
            (
                b["month"].as_str().unwrap().to_string(),
                b["billed_amount"].as_i64().unwrap(),
                b["paid_amount"].as_i64().unwrap(),
                b["unpaid_amount"].as_i64().unwrap(),
                b["penalty_amount"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Runs `import ncp FILES` at `as_of`, which must be refused with exit 2 and `message`,
/// leaving the ledger file byte for byte as it was and every row the same.
#[track_caller]
fn refused(env: &Env, as_of: &str, files: &[&str], message: &str) {
    let bytes = std::fs::read(&env.db).unwrap();
    let rows = env.dump();
    let mut args = vec!["import", "ncp"];
    args.extend(files);
    let e = env.fail(as_of, &args, 2);
    assert_eq!(e.trim_end(), format!("error: {message}"));
    assert!(
        std::fs::read(&env.db).unwrap() == bytes,
        "the ledger file changed"
    );
    assert_eq!(env.dump(), rows);
}

const OLDER_PRODUCTS: &str = "NCP's getProductDemandCostList lines of 2024-05 being imported were written 2024-05-16T08:00:00+09:00, before the ones the ledger holds (written 2024-06-01T08:00:00+09:00): older lines never replace newer ones; import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest lines";

fn newer_products() -> Vec<(String, i64, i64)> {
    vec![
        row("Object Storage", 3_456, 3_456),
        row("Server(VPC)", 120_000, 100_000),
    ]
}

#[test]
fn issue14_older_v1_product_lines_are_refused_exit_2_and_the_ledger_stays_byte_identical() {
    let env = member();
    env.ok(
        "2024-06-12",
        &["import", "ncp", &path("demand-cost-2024-05.json")],
    );
    env.ok(
        "2024-06-12",
        &["import", "ncp", &path("product-demand-2024-05.json")],
    );
    assert_eq!(lines(&env, "2024-05", "ncp_product"), newer_products());
    let older = older_products(&env);
    refused(&env, "2024-06-20", &[&older], OLDER_PRODUCTS);
    assert_eq!(lines(&env, "2024-05", "ncp_product"), newer_products());
    // NCP's bill stands, paid up as NCP reported it.
    assert_eq!(
        bills(&env, "2024-06-20"),
        vec![("2024-05".to_string(), 113_740, 113_740, 0, 0)]
    );
}

#[test]
fn issue14_older_v1_contract_lines_are_refused_naming_their_level() {
    let env = member();
    let newer = path("contract-demand-2024-05.json");
    env.ok("2024-06-12", &["import", "ncp", &newer]);
    let before = lines(&env, "2024-05", "ncp_contract");
    assert_eq!(before.len(), 3, "{before:?}");
    let older = variant(
        &env,
        "contract-demand-2024-05.json",
        "older-contracts.json",
        &[
            "getContractDemandCostListResponse",
            "contractDemandCostList",
        ],
        |_, r| r["writeDate"] = "2024-05-31T23:59:59+0900".into(),
    );
    refused(
        &env,
        "2024-06-20",
        &[&older],
        "NCP's getContractDemandCostList lines of 2024-05 being imported were written 2024-05-31T23:59:59+09:00, before the ones the ledger holds (written 2024-06-01T08:00:00+09:00): older lines never replace newer ones; import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest lines",
    );
    assert_eq!(lines(&env, "2024-05", "ncp_contract"), before);
}

const GROUPS: &[&str] = &["billingItemGroupCosts"];

#[test]
fn issue14_older_v2_groups_are_refused_and_newer_ones_replace_them() {
    let env = member();
    // NCP's groups of 2026-06 as written on 2026-06-20: Server 100,000, Block Storage 0.
    let older = variant(
        &env,
        "v2/billing-item-group-costs-2026-06.json",
        "older-groups.json",
        GROUPS,
        |i, r| {
            r["createdDateTime"] = "2026-06-20T00:00:00Z".into();
            if i == 0 {
                r["useAmount"] = 100_000.into();
                r["promiseDiscountAmount"] = 0.into();
                r["demandAmount"] = 100_000.into();
            }
        },
    );
    env.ok("2026-06-21", &["import", "ncp", &older]);
    let old_lines = lines(&env, "2026-06", "ncp_group");
    assert_eq!(
        old_lines,
        vec![
            row("Block Storage", 138_888, 0),
            row("Server (VPC)", 100_000, 100_000)
        ]
    );
    // The newer writing replaces them ...
    let newer = path("v2/billing-item-group-costs-2026-06.json");
    env.ok("2026-07-02", &["import", "ncp", &newer]);
    let new_lines = lines(&env, "2026-06", "ncp_group");
    assert_eq!(
        new_lines,
        vec![
            row("Block Storage", 138_888, 0),
            row("Server (VPC)", 154_320, 138_888)
        ]
    );
    // ... and the older one never comes back.
    refused(
        &env,
        "2026-07-03",
        &[&older],
        "NCP's listBillingItemGroupCosts lines of 2026-06 being imported were written 2026-06-20T09:00:00+09:00, before the ones the ledger holds (written 2026-07-01T03:12:05+09:00): older lines never replace newer ones; import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest lines",
    );
    assert_eq!(lines(&env, "2026-06", "ncp_group"), new_lines);
}

#[test]
fn issue14_in_one_import_the_later_written_lines_win_whatever_the_file_order() {
    for later_first in [true, false] {
        let env = member();
        let older = older_products(&env);
        let newer = path("product-demand-2024-05.json");
        let files = if later_first {
            [newer, older]
        } else {
            [older, newer]
        };
        let doc = env.json("2024-06-12", &["import", "ncp", &files[0], &files[1]]);
        assert_eq!(doc["rows"]["getProductDemandCostList"], 2, "{doc}");
        assert_eq!(doc["months"], json!(["2024-05"]), "{doc}");
        assert_eq!(lines(&env, "2024-05", "ncp_product"), newer_products());
        // The older lines never stood: nothing of them is kept, not even as a version.
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let versions: i64 = conn
            .query_row("SELECT count(*) FROM fee_lines_versions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(versions, 0);
    }
}

#[test]
fn issue14_newer_lines_replace_older_ones() {
    let env = member();
    let older = older_products(&env);
    env.ok("2024-05-20", &["import", "ncp", &older]);
    assert_eq!(
        lines(&env, "2024-05", "ncp_product"),
        vec![
            row("Object Storage", 1_000, 1_000),
            row("Server(VPC)", 60_000, 50_000)
        ]
    );
    env.ok(
        "2024-06-12",
        &["import", "ncp", &path("product-demand-2024-05.json")],
    );
    assert_eq!(lines(&env, "2024-05", "ncp_product"), newer_products());
}

#[test]
fn issue14_a_bill_paid_up_is_never_reopened_by_an_older_page_of_the_same_writing() {
    let env = member();
    let paid = path("v1/stranger-bill-2026-10-paid.json");
    let unpaid = path("v1/stranger-bill-2026-10.json");
    env.ok("2026-11-11", &["import", "ncp", &paid]);
    assert_eq!(
        bills(&env, "2026-11-11T01:00"),
        vec![("2026-10".to_string(), 152_776, 152_776, 0, 0)]
    );
    refused(
        &env,
        "2026-11-12",
        &[&unpaid],
        "NCP's bill of 2026-10 being imported is not paid up, but the ledger holds it paid up on 2026-11-10T09:00:00+09:00 from the same writing (2026-11-01T08:02:40+09:00): this body is an older page of the same writing, and a bill NCP reported paid up never goes back to unpaid; import NCP's latest page of the bill instead, or nothing needs doing: the ledger holds NCP's paid-up state",
    );
    // No penalty, no blocking: NCP's payment stands.
    assert_eq!(
        bills(&env, "2026-12-02"),
        vec![("2026-10".to_string(), 152_776, 152_776, 0, 0)]
    );
    assert_eq!(
        env.json("2026-12-02", &["pay"])["blocked_since"],
        Value::Null
    );
}

#[test]
fn issue14_at_one_writing_the_paid_up_state_still_moves_forward() {
    let env = member();
    env.ok(
        "2026-11-05",
        &["import", "ncp", &path("v1/stranger-bill-2026-10.json")],
    );
    assert_eq!(
        bills(&env, "2026-11-05"),
        vec![("2026-10".to_string(), 152_776, 0, 152_776, 0)]
    );
    env.ok(
        "2026-11-11",
        &["import", "ncp", &path("v1/stranger-bill-2026-10-paid.json")],
    );
    assert_eq!(
        bills(&env, "2026-11-11T01:00"),
        vec![("2026-10".to_string(), 152_776, 152_776, 0, 0)]
    );
}

/// v2's bill of 2024-06 (`demand-costs-v2-2024-06.json`) as v1's getDemandCostList gives it:
/// the same figures, instant and number, v1's spelling (`GEN`), unpaid.
fn v1_of_the_v2_bill(env: &Env) -> String {
    variant(
        env,
        "demand-cost-2024-05.json",
        "v1-of-v2.json",
        &["getDemandCostListResponse", "demandCostList"],
        |_, r| {
            r["demandMonth"] = "202406".into();
            r["demandNo"] = "DC-202406-1".into();
            r["useAmount"] = 51_000.into();
            r["promotionDiscountAmount"] = 1_000.into();
            r["rounddownDiscountAmount"] = 0.into();
            r["thisMonthDemandAmount"] = 50_000.into();
            r["thisMonthVatAmount"] = 5_000.into();
            r["thisMonthAmountIncludingVat"] = 55_000.into();
            r["totalDemandAmount"] = 55_000.into();
            r["isPaidUp"] = false.into();
            r["paidUpDate"] = "".into();
            r["writeDate"] = "2024-07-01T09:00:00+0900".into();
        },
    )
}

const V2_BILL: &[&str] = &["demandCosts"];

#[test]
fn issue14_the_same_bill_via_v1_then_v2_is_accepted_and_its_paid_up_change_recorded() {
    let env = member();
    env.ok("2024-07-05", &["import", "ncp", &v1_of_the_v2_bill(&env)]);
    assert_eq!(
        bills(&env, "2024-07-05"),
        vec![("2024-06".to_string(), 55_000, 0, 55_000, 0)]
    );
    env.ok(
        "2024-07-06",
        &["import", "ncp", &path("demand-costs-v2-2024-06.json")],
    );
    let paid = variant(
        &env,
        "demand-costs-v2-2024-06.json",
        "v2-paid.json",
        V2_BILL,
        |_, r| {
            r["paidUp"] = true.into();
            r["paidUpDateTime"] = "2024-07-10T00:00:00Z".into();
        },
    );
    env.ok("2024-07-11", &["import", "ncp", &paid]);
    assert_eq!(
        bills(&env, "2024-07-11"),
        vec![("2024-06".to_string(), 55_000, 55_000, 0, 0)]
    );
}

#[test]
fn issue14_the_same_writing_via_the_other_api_with_other_figures_names_the_field() {
    let env = member();
    env.ok("2024-07-05", &["import", "ncp", &v1_of_the_v2_bill(&env)]);
    let other = variant(
        &env,
        "demand-costs-v2-2024-06.json",
        "v2-other.json",
        V2_BILL,
        |_, r| {
            r["vatAmount"] = 5_001.into();
            r["demandAmountIncludingVat"] = 55_001.into();
            r["totalDemandAmount"] = 55_001.into();
        },
    );
    refused(
        &env,
        "2024-07-06",
        &[&other],
        "NCP's bill of 2024-06 being imported was written 2024-07-01T09:00:00+09:00 like the one the ledger holds, with other figures (vatAmount: the ledger holds 5000, this body 5001): NCP writes one bill per writing; import the body NCP sent with a later write date, or nothing needs doing if the ledger's bill is NCP's latest",
    );
    assert_eq!(
        bills(&env, "2024-07-06"),
        vec![("2024-06".to_string(), 55_000, 0, 55_000, 0)]
    );
}
