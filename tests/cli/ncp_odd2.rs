//! Issue 14, more of what an outside tester found NCP bodies could carry without a word: a
//! bill paid up with no paid-up date, one not paid up with a date, and a later writing of a
//! bill whose late penalty NCP waived while the ledger keeps the one it charged. Each is
//! kept and told once, on stderr and in the import's JSON `warnings`.

use serde_json::json;

use crate::common::Env;
use crate::ncp_odd::{import, planted};

#[test]
fn a_bill_paid_up_without_a_date_is_told_and_paid_when_ncp_wrote_it_not_before_its_issue() {
    let env = Env::new().with_member();
    let (doc, stderr) = import(
        &env,
        "2024-07-05",
        planted(
            "demand-cost-2024-05.json",
            &[(
                "\"paidUpDate\": \"2024-06-10T09:00:00+0900\"",
                "\"paidUpDate\": \"\"",
            )],
        ),
    );
    let says = "NCP says the bill is paid up (isPaidUp true) but gives no paidUpDate: the payment is dated when NCP wrote the bill (writeDate), never before the ledger's bill was issued nor after this import; check that the body is the one NCP sent";
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2024-05", "field": "paidUpDate", "says": says}])
    );
    assert_eq!(
        stderr,
        format!("warning: 2024-05 bill: paidUpDate: {says}\n")
    );
    // Paid when NCP wrote the bill (2024-06-01T08:00 KST), but never before the ledger
    // issued its bill of the month (the 3rd, 00:00 KST), which the import replaces.
    let trend = env.json("2024-07-05T01:00", &["trend"]);
    let paid: Vec<_> = trend["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].clone(), p["paid_at"].clone()))
        .collect();
    assert_eq!(
        paid,
        vec![(json!("ncp"), json!("2024-06-03T00:00:00+09:00"))]
    );
}

#[test]
fn a_v2_bill_paid_up_without_a_date_is_told() {
    let env = Env::new().with_member();
    let (doc, _) = import(
        &env,
        "2026-08-01",
        planted(
            "v2/demand-cost-2026-06.json",
            &[(
                "\"paidUpDateTime\": \"2026-07-25T03:00:00Z\"",
                "\"paidUpDateTime\": null",
            )],
        ),
    );
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2026-06", "field": "paidUpDateTime", "says": "NCP says the bill is paid up (paidUp true) but gives no paidUpDateTime: the payment is dated when NCP wrote the bill (createdDateTime), never before the ledger's bill was issued nor after this import; check that the body is the one NCP sent"}])
    );
}

#[test]
fn a_bill_not_paid_up_with_a_date_is_told_and_kept_unpaid() {
    let env = Env::new().with_member();
    let (doc, stderr) = import(
        &env,
        "2024-07-05",
        planted(
            "demand-cost-2024-05.json",
            &[("\"isPaidUp\": true", "\"isPaidUp\": false")],
        ),
    );
    let says = "NCP says the bill is not paid up (isPaidUp false) yet gives paidUpDate 2024-06-10T09:00:00+09:00: the bill is kept unpaid and the date is not used; check that the body is the one NCP sent";
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2024-05", "field": "isPaidUp", "says": says}])
    );
    assert_eq!(stderr, format!("warning: 2024-05 bill: isPaidUp: {says}\n"));
    let trend = env.json("2024-07-05T01:00", &["trend"]);
    assert_eq!(trend["payments"], json!([]));
    // v2: paidUp false with a paidUpDateTime.
    let (doc, _) = import(
        &Env::new().with_member(),
        "2026-08-01",
        planted(
            "v2/demand-cost-2026-06.json",
            &[("\"paidUp\": true", "\"paidUp\": false")],
        ),
    );
    assert_eq!(doc["warnings"][0]["field"], "paidUp");
}

#[test]
fn a_penalty_ncp_waived_in_a_later_writing_is_told_with_both_figures() {
    let env = Env::new();
    env.ok(
        "2024-04-01",
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
    let (doc, stderr) = import(
        &env,
        "2024-06-04",
        planted("v1/demand-cost-2024-04-overdue-06.json", &[]),
    );
    assert_eq!(doc.get("warnings"), None, "{stderr}");
    let waived = planted(
        "v1/demand-cost-2024-04-overdue-06.json",
        &[
            ("\"overduePlusAmount\": 2200", "\"overduePlusAmount\": 0"),
            (
                "\"writeDate\": \"2024-06-03T05:00:00+0900\"",
                "\"writeDate\": \"2024-06-20T05:00:00+0900\"",
            ),
        ],
    );
    let (doc, stderr) = import(&env, "2024-06-21", waived.clone());
    let says = "NCP's bill written on 2024-06-20 charges a late penalty of 0 won, but the ledger keeps the 2,200 won of late penalties it charged the month up to that day, and still asks them (a lower figure of NCP's takes no charged penalty back); check with NCP before paying the penalty";
    assert_eq!(
        doc["warnings"],
        json!([{"month": "2024-04", "field": "overduePlusAmount", "says": says}])
    );
    assert_eq!(
        stderr,
        format!("warning: 2024-04 bill: overduePlusAmount: {says}\n")
    );
    // The ledger still asks the bill and the penalty it charged.
    let pay = env.json("2024-06-21T01:00", &["pay"]);
    let april: Vec<_> = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["month"] == "2024-04")
        .map(|b| (b["penalty_amount"].clone(), b["unpaid_amount"].clone()))
        .collect();
    assert_eq!(april, vec![(json!(2200), json!(112200))]);
}
