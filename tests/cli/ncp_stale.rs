//! Issue 14: an older NCP bill never supersedes a newer one. A bill NCP wrote earlier
//! (v1 `writeDate`, v2 `createdDateTime`) than the one the ledger holds for its month — an
//! old saved body re-synced, an old page retried — is refused before anything is written
//! (exit 2, the ledger byte for byte as it was); at the same writing only NCP's paid-up and
//! overdue state may change; within one import the bill NCP wrote last wins, whatever the
//! order of the files.
//!
//! The bodies are the documented fixtures (`fixtures/ncp/demand-cost-2024-05.json`,
//! `demand-costs-v2-2024-06.json`, see SOURCES.md) with a field or two changed here.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::Env;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

/// The v1 2024-05 bill (113,740 KRW, written 2024-06-01 08:00, paid up 2024-06-10).
fn v1() -> String {
    fixture("demand-cost-2024-05.json").display().to_string()
}

/// The v1 2024-05 bill changed by `edit`, written as `name`.
fn v1_variant(env: &Env, name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("demand-cost-2024-05.json")).unwrap(),
    )
    .unwrap();
    edit(&mut doc["getDemandCostListResponse"]["demandCostList"][0]);
    env.file(name, doc.to_string()).display().to_string()
}

/// NCP's preliminary bill of 2024-05, written 2024-05-16: 66,000 KRW, not paid up.
fn v1_early(env: &Env) -> String {
    v1_variant(env, "early.json", |x| {
        x["writeDate"] = "2024-05-16T08:00:00+0900".into();
        x["isPaidUp"] = false.into();
        x["paidUpDate"] = "".into();
        x["useAmount"] = 80_000.into();
        x["promotionDiscountAmount"] = 20_000.into();
        x["rounddownDiscountAmount"] = 0.into();
        x["thisMonthDemandAmount"] = 60_000.into();
        x["thisMonthVatAmount"] = 6_000.into();
        x["thisMonthAmountIncludingVat"] = 66_000.into();
        x["totalDemandAmount"] = 66_000.into();
    })
}

/// The v1 bill as written on 2024-06-01, not paid up yet.
fn v1_unpaid(env: &Env) -> String {
    v1_variant(env, "unpaid.json", |x| {
        x["isPaidUp"] = false.into();
        x["paidUpDate"] = "".into();
    })
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

/// (month, billed, paid, unpaid) of each bill at `as_of`.
fn bills(env: &Env, as_of: &str) -> Vec<(String, i64, i64, i64)> {
    env.json(as_of, &["pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["month"].as_str().unwrap().to_string(),
                b["billed_amount"].as_i64().unwrap(),
                b["paid_amount"].as_i64().unwrap(),
                b["unpaid_amount"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Every payment: (kind, amount, paid at).
fn payments(env: &Env) -> Vec<(String, i64, String)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT kind, amount, paid_at FROM payments ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// NCP's stored bill of `month`: (written at, including VAT, paid up).
fn stored(env: &Env, month: &str) -> (String, String, bool) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(
        "SELECT written_at, including_vat_amount, paid_up FROM ncp_demand_costs WHERE month = ?1",
        [month],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
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

const OLDER_V1: &str = "NCP's bill of 2024-05 being imported was written 2024-05-16T08:00:00+09:00, before the one the ledger holds (written 2024-06-01T08:00:00+09:00): an older bill never supersedes a newer one; import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest bill";

#[test]
fn issue14_an_older_v1_bill_is_refused_exit_2_and_the_ledger_stays_byte_identical() {
    let env = member();
    env.ok("2024-06-12", &["import", "ncp", &v1()]);
    let early = v1_early(&env);
    refused(&env, "2024-06-20", &[&early], OLDER_V1);
    // The newer bill, its paid-up state and NCP's payment stand.
    assert_eq!(
        bills(&env, "2024-06-20"),
        vec![("2024-05".to_string(), 113_740, 113_740, 0)]
    );
    assert_eq!(
        payments(&env),
        vec![(
            "ncp".to_string(),
            113_740,
            "2024-06-10T09:00:00+09:00".to_string()
        )]
    );
    // Given alongside other, acceptable bodies, the whole import is refused.
    refused(
        &env,
        "2024-06-20",
        &[
            &early,
            &fixture("product-demand-2024-05.json").display().to_string(),
        ],
        OLDER_V1,
    );
}

#[test]
fn issue14_an_older_v2_bill_is_refused_exit_2_and_the_ledger_stays_byte_identical() {
    let env = member();
    let v2 = fixture("demand-costs-v2-2024-06.json")
        .display()
        .to_string();
    env.ok("2024-07-05", &["import", "ncp", &v2]);
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&v2).unwrap()).unwrap();
    let row = &mut doc["demandCosts"][0];
    row["createdDateTime"] = "2024-06-20T00:00:00Z".into();
    row["useAmount"] = 41_000.into();
    row["demandAmount"] = 40_000.into();
    row["vatAmount"] = 4_000.into();
    row["demandAmountIncludingVat"] = 44_000.into();
    row["totalDemandAmount"] = 44_000.into();
    let old = env.file("old-v2.json", doc.to_string());
    refused(
        &env,
        "2024-07-06",
        &[old.to_str().unwrap()],
        "NCP's bill of 2024-06 being imported was written 2024-06-20T09:00:00+09:00, before the one the ledger holds (written 2024-07-01T09:00:00+09:00): an older bill never supersedes a newer one; import NCP's newer body instead, or nothing needs doing: the ledger holds NCP's latest bill",
    );
    assert_eq!(
        stored(&env, "2024-06"),
        (
            "2024-07-01T09:00:00+09:00".to_string(),
            "55000".to_string(),
            false
        )
    );
    // One writing with other figures is refused too.
    row_at_the_same_writing(&env, &v2);
}

/// v2's bill of 2024-06 at the ledger's writing instant with another VAT: refused.
fn row_at_the_same_writing(env: &Env, v2: &str) {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(v2).unwrap()).unwrap();
    doc["demandCosts"][0]["vatAmount"] = 5_001.into();
    let other = env.file("same-instant-v2.json", doc.to_string());
    refused(
        env,
        "2024-07-06",
        &[other.to_str().unwrap()],
        "NCP's bill of 2024-06 being imported was written 2024-07-01T09:00:00+09:00 like the one the ledger holds, with other figures (vatAmount: the ledger holds 5000, this body 5001): NCP writes one bill per writing; import the body NCP sent with a later write date, or nothing needs doing if the ledger's bill is NCP's latest",
    );
}

#[test]
fn issue14_the_same_writing_with_other_figures_is_refused_v1() {
    let env = member();
    env.ok("2024-06-12", &["import", "ncp", &v1()]);
    let other = v1_variant(&env, "other-vat.json", |x| {
        x["thisMonthVatAmount"] = 10_341.into();
    });
    refused(
        &env,
        "2024-06-20",
        &[&other],
        "NCP's bill of 2024-05 being imported was written 2024-06-01T08:00:00+09:00 like the one the ledger holds, with other figures (thisMonthVatAmount: the ledger holds 10340, this body 10341): NCP writes one bill per writing; import the body NCP sent with a later write date, or nothing needs doing if the ledger's bill is NCP's latest",
    );
}

#[test]
fn issue14_the_same_body_imported_twice_changes_nothing() {
    let env = member();
    env.ok("2024-06-12", &["import", "ncp", &v1()]);
    let bytes = std::fs::read(&env.db).unwrap();
    let rows = env.dump();
    env.ok("2024-06-12", &["import", "ncp", &v1()]);
    assert_eq!(env.dump(), rows);
    assert!(
        std::fs::read(&env.db).unwrap() == bytes,
        "the ledger file changed"
    );
}

#[test]
fn issue14_at_the_same_writing_ncps_paid_up_state_moves_and_its_payment_is_recorded() {
    let env = member();
    env.ok("2024-06-05", &["import", "ncp", &v1_unpaid(&env)]);
    assert_eq!(
        bills(&env, "2024-06-05"),
        vec![("2024-05".to_string(), 113_740, 0, 113_740)]
    );
    assert_eq!(payments(&env), vec![]);
    env.ok("2024-06-12", &["import", "ncp", &v1()]);
    assert_eq!(
        bills(&env, "2024-06-12"),
        vec![("2024-05".to_string(), 113_740, 113_740, 0)]
    );
    assert_eq!(
        payments(&env),
        vec![(
            "ncp".to_string(),
            113_740,
            "2024-06-10T09:00:00+09:00".to_string()
        )]
    );
    assert_eq!(
        stored(&env, "2024-05"),
        (
            "2024-06-01T08:00:00+09:00".to_string(),
            "113740".to_string(),
            true
        )
    );
}

#[test]
fn issue14_a_newer_bill_supersedes_and_the_older_one_cannot_come_back() {
    let env = member();
    let early = v1_early(&env);
    env.ok("2024-05-20", &["import", "ncp", &early]);
    assert_eq!(
        bills(&env, "2024-05-20"),
        vec![("2024-05".to_string(), 66_000, 0, 66_000)]
    );
    env.ok("2024-06-12", &["import", "ncp", &v1()]);
    assert_eq!(
        bills(&env, "2024-06-12"),
        vec![("2024-05".to_string(), 113_740, 113_740, 0)]
    );
    assert_eq!(
        stored(&env, "2024-05"),
        (
            "2024-06-01T08:00:00+09:00".to_string(),
            "113740".to_string(),
            true
        )
    );
    refused(&env, "2024-06-13", &[&early], OLDER_V1);
}

#[test]
fn issue14_in_one_import_the_later_written_bill_wins_whatever_the_file_order() {
    let mut dumps = Vec::new();
    for later_first in [true, false] {
        let env = member();
        let early = v1_early(&env);
        let files = if later_first {
            [v1(), early]
        } else {
            [early, v1()]
        };
        let doc = env.json("2024-06-12", &["import", "ncp", &files[0], &files[1]]);
        assert_eq!(doc["rows"]["getDemandCostList"], 1, "{doc}");
        assert_eq!(doc["bills"], serde_json::json!(["2024-05"]), "{doc}");
        assert_eq!(
            bills(&env, "2024-06-12"),
            vec![("2024-05".to_string(), 113_740, 113_740, 0)]
        );
        assert_eq!(
            stored(&env, "2024-05"),
            (
                "2024-06-01T08:00:00+09:00".to_string(),
                "113740".to_string(),
                true
            )
        );
        assert_eq!(
            payments(&env),
            vec![(
                "ncp".to_string(),
                113_740,
                "2024-06-10T09:00:00+09:00".to_string()
            )]
        );
        dumps.push(env.dump());
    }
    assert_eq!(dumps[0], dumps[1]);
    // Two files of one writing with other figures are still refused, naming both.
    let env = member();
    let other = v1_variant(&env, "other.json", |x| {
        x["thisMonthVatAmount"] = 10_341.into();
    });
    let before = env.dump();
    let e = env.fail("2024-06-12", &["import", "ncp", &v1(), &other], 2);
    assert!(
        e.contains("other.json both hold NCP's bill of 2024-05 and they differ"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}
