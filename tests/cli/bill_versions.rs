//! T2 for bills: a read at a past `--as-of` shows a month's bill as the ledger held it then,
//! though NCP's figures superseded it in place later — the ledger's preliminary bill before
//! NCP's bill arrived, and NCP's first bill before NCP wrote the month again. A stranger saw
//! `pay --as-of` before the import show the figures imported after it. Likewise what NCP
//! tells with its own dates — its payment (paid up on `paidUpDate`), its late penalty, a bill
//! of a month the ledger had none for — counts from the import that told it, never before.

use serde_json::{json, Value};

use crate::common::Env;

/// NCP's getDemandCostList body of October 2026: `demand` before VAT (10 %), unpaid,
/// written at `written` (v1's `Date`, as NCP's docs and real bodies write it).
fn october(demand: i64, written: &str) -> Value {
    october_with(demand, written, |_| {})
}

/// [`october`] with `edit` applied to its row.
fn october_with(demand: i64, written: &str, edit: impl Fn(&mut Value)) -> Value {
    let vat = demand / 10;
    let mut row = json!({
        "memberNo": "3000777", "demandMonth": "202610", "demandNo": "D-202610",
        "integrationDemandNo": "", "demandAttribute": {"code": "GEN", "codeName": "General"},
        "useAmount": demand, "thisMonthDemandAmount": demand,
        "thisMonthVatRatio": 0.1, "thisMonthVatAmount": vat,
        "thisMonthAmountIncludingVat": demand + vat, "totalDemandAmount": demand + vat,
        "isPaidUp": false, "paidUpDate": "", "overdueOccurDate": "", "overdueRatio": 0.015,
        "writeDate": written,
        "payCurrency": {"code": "KRW", "codeName": "South Korea Won"},
        "thisMonthAppliedExchangeRate": 1
    });
    for zero in [
        "promiseDiscountAmount",
        "promotionDiscountAmount",
        "etcDiscountAmount",
        "customerDiscountAmount",
        "productDiscountAmount",
        "creditDiscountAmount",
        "rounddownDiscountAmount",
        "currencyDiscountAmount",
        "coinUseAmount",
        "defaultAmount",
        "overduePlusAmount",
        "thisMonthOverdueAmount",
        "totalOverdueAmount",
        "memberPriceDiscountAmount",
        "memberPromiseDiscountAddAmount",
    ] {
        row[zero] = json!(0);
    }
    edit(&mut row);
    json!({"getDemandCostListResponse": {
        "requestId": "req-1", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
        "demandCostList": [row]
    }})
}

/// A member without a payment method and without usage of the ledger's own: its October
/// bill, issued on 11-03, is a preliminary 0 won that NCP's bill takes the place of.
fn member() -> Env {
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

fn import(env: &Env, as_of: &str, body: Value) {
    let file = env.file(&format!("ncp-{as_of}.json"), body.to_string());
    env.ok(as_of, &["import", "ncp", file.to_str().unwrap()]);
}

/// October's (billed, source) in `pay --json` at `as_of`.
fn october_bill(env: &Env, as_of: &str) -> (i64, String) {
    let pay = env.json(as_of, &["pay"]);
    let b = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2026-10")
        .unwrap_or_else(|| panic!("no October bill at {as_of}: {pay}"))
        .clone();
    (
        b["billed_amount"].as_i64().unwrap(),
        b["source"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn t2_a_past_read_shows_the_preliminary_bill_ncp_superseded_later() {
    let env = member();
    // The ledger issues its own bill on 11-03: nothing used, 0 won.
    assert_eq!(october_bill(&env, "2026-11-04T09:00").0, 0);
    // NCP's bill, written on 11-01, arrives on 11-05 at 10:00: 60,000 + 6,000.
    import(
        &env,
        "2026-11-05T10:00",
        october(60_000, "2026-11-01T08:00:00+0900"),
    );
    assert_eq!(october_bill(&env, "2026-11-05T10:00").0, 66_000);
    // Read as the ledger stood before the import: its own bill.
    assert_eq!(october_bill(&env, "2026-11-04T09:00").0, 0);
    assert_eq!(october_bill(&env, "2026-11-05T09:59:59").0, 0);
    assert_eq!(october_bill(&env, "2026-11-06").0, 66_000);
    let history = env.json("2026-11-04T09:00", &["history", "--month", "2026-10"]);
    assert_eq!(history["totals"]["billed_amount"], 0, "{history}");
    let ok = env.json("2026-11-06", &["check"]);
    assert_eq!(ok["ok"], true, "{ok}");
}

/// NCP's bill of a month written before the month's bill is computed (an estimate, on
/// 10-20) is not final: NCP's next writing (10-28) takes its place, and a read between the
/// two imports shows the first.
#[test]
fn t2_a_past_read_shows_ncps_first_bill_before_ncp_wrote_the_month_again() {
    let env = member();
    import(
        &env,
        "2026-10-21",
        october(60_000, "2026-10-20T08:00:00+0900"),
    );
    import(
        &env,
        "2026-10-29",
        october(70_000, "2026-10-28T08:00:00+0900"),
    );
    assert_eq!(october_bill(&env, "2026-10-25").0, 66_000);
    assert_eq!(october_bill(&env, "2026-10-28T23:59:59").0, 66_000);
    assert_eq!(october_bill(&env, "2026-10-29").0, 77_000);
    assert_eq!(october_bill(&env, "2026-11-04").0, 77_000);
    // The same body again changes nothing; a day later it keeps no second version either:
    // a read between the first two imports still shows the first bill.
    let before = env.dump();
    import(
        &env,
        "2026-10-29",
        october(70_000, "2026-10-28T08:00:00+0900"),
    );
    assert_eq!(env.dump(), before);
    import(
        &env,
        "2026-10-30",
        october(70_000, "2026-10-28T08:00:00+0900"),
    );
    assert_eq!(october_bill(&env, "2026-10-25").0, 66_000);
    assert_eq!(october_bill(&env, "2026-10-29T12:00").0, 77_000);
    let ok = env.json("2026-11-04", &["check"]);
    assert_eq!(ok["ok"], true, "{ok}");
}

/// (billed, paid, penalty, unpaid) of October in `pay --json` at `as_of`.
fn october_money(env: &Env, as_of: &str) -> (i64, i64, i64, i64) {
    let pay = env.json(as_of, &["pay"]);
    let b = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2026-10")
        .unwrap_or_else(|| panic!("no October bill at {as_of}: {pay}"))
        .clone();
    let n = |k: &str| b[k].as_i64().unwrap_or_else(|| panic!("{k} in {b}"));
    (
        n("billed_amount"),
        n("paid_amount"),
        n("penalty_amount"),
        n("unpaid_amount"),
    )
}

#[test]
fn t2_ncps_payment_counts_from_the_import_that_told_it_not_from_its_paid_up_date() {
    let env = member();
    let paid = october_with(60_000, "2026-11-01T08:00:00+0900", |row| {
        row["isPaidUp"] = json!(true);
        row["paidUpDate"] = json!("2026-11-20T10:00:00+0900");
    });
    import(&env, "2026-11-25", paid);
    // Before the import the ledger held its own 0-won bill, paid by nobody.
    assert_eq!(october_money(&env, "2026-11-22"), (0, 0, 0, 0));
    // From the import on: NCP's bill, paid on 11-20 as NCP says.
    assert_eq!(october_money(&env, "2026-11-25"), (66_000, 66_000, 0, 0));
    assert_eq!(october_money(&env, "2026-12-20"), (66_000, 66_000, 0, 0));
}

#[test]
fn t2_ncps_own_late_penalty_counts_from_the_import_that_told_it() {
    let env = member();
    // NCP wrote October's bill again on 12-02 with the late penalty it had charged (1,000).
    let late = october_with(60_000, "2026-12-02T08:00:00+0900", |row| {
        row["overduePlusAmount"] = json!(1_000);
        row["totalOverdueAmount"] = json!(1_000);
        row["totalDemandAmount"] = json!(67_000);
    });
    import(&env, "2026-12-10", late);
    let (billed, _, penalty, _) = october_money(&env, "2026-12-10");
    assert_eq!((billed, penalty), (66_000, 1_000));
    // A read before the import knows neither the bill nor NCP's penalty.
    assert_eq!(october_money(&env, "2026-12-05"), (0, 0, 0, 0));
}
