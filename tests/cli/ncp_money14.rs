//! What a stranger found charging a month twice or on the wrong month's calendar (P1, P3),
//! with NCP bodies written from NCP's docs:
//! - NCP's bill of a month in USD, arriving after the ledger issued and charged its own bill
//!   of won for that month, corrects that bill to 0 (NCP collects the month), so what the
//!   card paid comes back as credit;
//! - NCP's bill superseding the ledger's 0-won preliminary bill that carries a correction of
//!   an earlier month: the bill is still preliminary, NCP's bill takes its place with the
//!   correction still carried into it, and it is due on its own month's calendar.
//!
//! Either way, the order in which the bodies come does not change what is owed.

use serde_json::{json, Value};

use crate::common::Env;

/// NCP's getDemandCostList body of one bill, as NCP's docs write it: `month` as YYYYMM,
/// `demand` before VAT (VAT 10 %), `currency` KRW or USD, paid up on `paid_up` (or not),
/// written on `written`.
fn bill(month: &str, demand: i64, currency: &str, paid_up: Option<&str>, written: &str) -> Value {
    let vat = demand / 10;
    let mut row = json!({
        "memberNo": "3000777", "demandMonth": month, "demandNo": format!("D-{month}"),
        "integrationDemandNo": "", "demandAttribute": {"code": "GEN", "codeName": "General"},
        "useAmount": demand, "thisMonthDemandAmount": demand,
        "thisMonthVatRatio": 0.1, "thisMonthVatAmount": vat,
        "thisMonthAmountIncludingVat": demand + vat, "totalDemandAmount": demand + vat,
        "isPaidUp": paid_up.is_some(), "paidUpDate": paid_up.unwrap_or(""),
        "overdueOccurDate": "", "overdueRatio": 0.015, "writeDate": written,
        "payCurrency": {"code": currency, "codeName": currency},
        "thisMonthAppliedExchangeRate": if currency == "KRW" { json!(1) } else { json!(1390.5) }
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
    json!({"getDemandCostListResponse": {
        "requestId": "req-1", "returnCode": "0", "returnMessage": "success", "totalRows": 1,
        "demandCostList": [row]
    }})
}

/// NCP's per-service lines of October in USD (getProductDemandCostList), adding up to the
/// USD bill of 110 before VAT.
fn october_usd_lines() -> Value {
    let line = |code: &str, name: &str, amount: f64| {
        json!({"memberNo": "3000777", "demandMonth": "202610",
               "productDemandType": {"code": code, "codeName": name, "regionCode": "KR"},
               "useAmount": amount, "promotionDiscountAmount": 0, "promiseDiscountAmount": 0,
               "etcDiscountAmount": 0, "productDiscountAmount": 0, "creditDiscountAmount": 0,
               "defaultAmount": 0, "demandAmount": amount,
               "writeDate": "2026-11-01T08:00:00+0900", "memberPriceDiscountAmount": 0,
               "memberPromiseDiscountAddAmount": 0,
               "payCurrency": {"code": "USD", "codeName": "US Dollar"},
               "thisMonthAppliedExchangeRate": 1390.5})
    };
    json!({"getProductDemandCostListResponse": {
        "requestId": "req-2", "returnCode": "0", "returnMessage": "success", "totalRows": 2,
        "productDemandCostList": [
            line("VSVR", "Server(VPC)", 89.75),
            line("OBJST", "Object Storage", 20.25)
        ]
    }})
}

/// A member paying by card since `since`.
fn member(since: &str) -> Env {
    let env = Env::new();
    env.ok(
        since,
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
    env.paying_by_card(since, "2029-12", &[])
}

/// The ledger's own fee line of `month` (YYYY-MM): 50,000 won, billed 55,000 with VAT.
fn fees(env: &Env, as_of: &str, month: &str) {
    let file = env.file(
        &format!("fees-{month}.csv"),
        format!(
            "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
             {month},KR,Server(VPC),40000001,Server,744,HOUR,67.2043,50000,0,50000\n"
        ),
    );
    env.ok(as_of, &["import", "fees", file.to_str().unwrap()]);
}

/// Imports NCP's bodies together; returns the import's JSON.
fn import(env: &Env, as_of: &str, bodies: &[(&str, Value)]) -> Value {
    let files: Vec<String> = bodies
        .iter()
        .map(|(name, body)| env.file(name, body.to_string()).display().to_string())
        .collect();
    let mut args = vec!["import", "ncp"];
    args.extend(files.iter().map(String::as_str));
    env.json(as_of, &args)
}

/// (month, billed, paid, unpaid, status) of every bill `pay --json` lists at `as_of`.
fn bills(env: &Env, as_of: &str) -> Vec<(String, i64, i64, i64, String)> {
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
                b["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn bill_row(month: &str, billed: i64, paid: i64, status: &str) -> (String, i64, i64, i64, String) {
    (
        month.to_string(),
        billed,
        paid,
        billed - paid,
        status.to_string(),
    )
}

/// (credit balance, pending adjustments) at `as_of`.
fn credit(env: &Env, as_of: &str) -> (i64, i64) {
    let doc = env.json(as_of, &["pay"]);
    (
        doc["credit_balance"].as_i64().unwrap(),
        doc["pending_adjustment_amount"].as_i64().unwrap(),
    )
}

/// (month, instant, amount, outcome) of every automatic attempt made by `pay --auto` at `as_of`.
fn auto(env: &Env, as_of: &str) -> Vec<(String, String, i64, String)> {
    env.json(as_of, &["pay", "--auto"])["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["month"].as_str().unwrap().to_string(),
                a["at"].as_str().unwrap().to_string(),
                a["amount"].as_i64().unwrap(),
                a["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn attempt(month: &str, at: &str, amount: i64) -> Vec<(String, String, i64, String)> {
    vec![(
        month.to_string(),
        at.to_string(),
        amount,
        "approved".to_string(),
    )]
}

#[track_caller]
fn clean(env: &Env, as_of: &str) {
    let doc = env.json(as_of, &["check"]);
    assert_eq!(doc["ok"], true, "{doc}");
}

/// What the member paid in won, less the credit left: what the months cost them.
fn net_paid(env: &Env, as_of: &str) -> i64 {
    let paid: i64 = env.json(as_of, &["pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["paid_amount"].as_i64().unwrap())
        .sum();
    paid - credit(env, as_of).0
}

const OCTOBER_USD: &str = "v1-bill-202610.json";

/// NCP's October bill in USD, written on 2026-11-01 and paid up in NCP's portal on
/// 2026-11-05 (unpaid when imported before).
fn october_usd(as_of: &str) -> Value {
    let paid_up = (as_of >= "2026-11-06").then_some("2026-11-05T10:00:00+0900");
    bill("202610", 110, "USD", paid_up, "2026-11-01T08:00:00+0900")
}

/// The ledger rated October itself (55,000 won, issued 2026-11-03) and the card paid it on
/// the 10th; NCP's October bill then arrives in USD, paid up in NCP's portal. The ledger's
/// bill of won is corrected to 0: the 55,000 is carried into November's bill, which it takes
/// below 0, and comes back as credit on 2026-12-03.
#[test]
fn an_ncp_bill_in_usd_corrects_the_won_bill_the_card_already_paid_to_zero() {
    let env = member("2026-10-01");
    fees(&env, "2026-10-20", "2026-10");
    assert_eq!(
        auto(&env, "2026-11-10T10:00"),
        attempt("2026-10", "2026-11-10T00:00:00+09:00", 55_000)
    );
    let doc = import(
        &env,
        "2026-11-12",
        &[
            (OCTOBER_USD, october_usd("2026-11-12")),
            ("v1-product-202610.json", october_usd_lines()),
        ],
    );
    assert_eq!(doc["adjusted_bills"], json!(["2026-10"]));
    assert_eq!(doc["bills_in_other_currencies"][0]["currency"], "USD");
    assert_eq!(
        bills(&env, "2026-11-12"),
        [bill_row("2026-10", 55_000, 55_000, "paid")]
    );
    assert_eq!(credit(&env, "2026-11-12"), (0, -55_000));
    clean(&env, "2026-11-12");
    // Importing the same bill again corrects nothing more.
    let again = import(
        &env,
        "2026-11-13",
        &[(OCTOBER_USD, october_usd("2026-11-13"))],
    );
    assert_eq!(again["adjusted_bills"], json!([]));
    // November's 0-won bill carries the correction: 55,000 of credit, nothing charged.
    assert_eq!(
        bills(&env, "2026-12-05"),
        [
            bill_row("2026-10", 55_000, 55_000, "paid"),
            bill_row("2026-11", 0, 0, "paid")
        ]
    );
    assert_eq!(credit(&env, "2026-12-05"), (55_000, 0));
    clean(&env, "2026-12-05");
    let history = env.json("2026-12-05", &["history", "--month", "2026-10"]);
    assert_eq!(history["issued_billed_amount"], 55_000);
    assert_eq!(
        (
            &history["corrections"][0]["amount"],
            &history["corrections"][0]["carried_into"]
        ),
        (&json!(-55_000), &json!("2026-11"))
    );
    let out = env.path("conf-10.html");
    env.ok(
        "2026-12-05",
        &[
            "confirmation",
            "--month",
            "2026-10",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.contains("A correction of -55,000 KRW to 2026-10"),
        "{html}"
    );
    assert_eq!(auto(&env, "2026-12-10T10:00"), []);
}

/// What October costs in won is nothing, whether NCP's USD bill comes before the ledger
/// issued its October bill, between its bill and the card's charge, or after the charge.
#[test]
fn an_ncp_bill_in_usd_leaves_nothing_owed_in_won_whenever_it_arrives() {
    for usd_at in ["2026-11-02", "2026-11-05", "2026-11-12"] {
        let env = member("2026-10-01");
        fees(&env, "2026-10-20", "2026-10");
        let before_charge = usd_at < "2026-11-10";
        if before_charge {
            import(&env, usd_at, &[(OCTOBER_USD, october_usd(usd_at))]);
        }
        env.ok("2026-11-10T10:00", &["pay", "--auto"]);
        if !before_charge {
            import(&env, usd_at, &[(OCTOBER_USD, october_usd(usd_at))]);
        }
        assert_eq!(net_paid(&env, "2026-12-05"), 0, "USD bill at {usd_at}");
        assert_eq!(credit(&env, "2026-12-05").1, 0, "USD bill at {usd_at}");
        clean(&env, "2026-12-05");
    }
}

const SEPTEMBER_DOWN: &str = "v1-bill-202609-down.json";
const NOVEMBER: &str = "v1-bill-202611.json";

/// NCP's September: 40,000 + VAT, 11,000 below the 55,000 the ledger billed and the card paid.
fn september_down() -> Value {
    bill("202609", 40_000, "KRW", None, "2026-11-16T08:00:00+0900")
}

/// NCP's November: 55,000 unpaid, written on 2026-12-01.
fn november() -> Value {
    bill("202611", 50_000, "KRW", None, "2026-12-01T08:00:00+0900")
}

/// The ledger billed September itself (55,000, paid by card on 2026-10-10) and had no usage
/// for October and November.
fn september_paid() -> Env {
    let env = member("2026-09-01");
    fees(&env, "2026-09-20", "2026-09");
    assert_eq!(
        auto(&env, "2026-10-10T10:00"),
        attempt("2026-09", "2026-10-10T00:00:00+09:00", 55_000)
    );
    env
}

/// NCP lowers September by 11,000 on 2026-11-17; the correction is carried into the ledger's
/// 0-won November bill of 2026-12-03 (11,000 of credit). NCP's November bill then takes that
/// bill's place: 55,000 less the carried 11,000, due on November's calendar (the card is
/// charged 44,000 on 2026-12-10), not pushed into December's bill.
#[test]
fn ncp_supersedes_a_zero_won_bill_that_carries_a_correction_of_an_earlier_month() {
    let env = september_paid();
    let down = import(&env, "2026-11-17", &[(SEPTEMBER_DOWN, september_down())]);
    assert_eq!(down["adjusted_bills"], json!(["2026-09"]));
    assert_eq!(credit(&env, "2026-12-04"), (11_000, 0));
    let doc = import(&env, "2026-12-05", &[(NOVEMBER, november())]);
    assert_eq!(doc["adjusted_bills"], json!([]));
    assert_eq!(doc["bills"], json!(["2026-11"]));
    assert_eq!(
        bills(&env, "2026-12-05"),
        [
            bill_row("2026-09", 55_000, 55_000, "paid"),
            bill_row("2026-10", 0, 0, "paid"),
            bill_row("2026-11", 44_000, 0, "open")
        ]
    );
    assert_eq!(credit(&env, "2026-12-05"), (0, 0));
    clean(&env, "2026-12-05");
    assert_eq!(
        auto(&env, "2026-12-10T10:00"),
        attempt("2026-11", "2026-12-10T00:00:00+09:00", 44_000)
    );
    // December's bill (issued 2027-01-03) holds nothing of November.
    let later = bills(&env, "2027-01-05");
    assert_eq!(
        later[later.len() - 2..],
        [
            bill_row("2026-11", 44_000, 44_000, "paid"),
            bill_row("2026-12", 0, 0, "paid")
        ]
    );
    assert_eq!(credit(&env, "2027-01-05"), (0, 0));
    assert_eq!(auto(&env, "2027-01-10T10:00"), []);
    clean(&env, "2027-01-05");
}

/// A 0-won bill whose carried correction the member paid in won is final: NCP's bill for it
/// corrects it (an adjustment carried into the next bill), never replaces it.
#[test]
fn a_zero_won_bill_the_member_paid_carried_money_on_is_corrected_not_replaced() {
    let env = september_paid();
    // NCP raises September by 11,000: carried into November's 0-won bill, which the card
    // pays on 2026-12-10.
    let up = bill("202609", 60_000, "KRW", None, "2026-11-16T08:00:00+0900");
    import(&env, "2026-11-17", &[("v1-bill-202609-up.json", up)]);
    assert_eq!(
        auto(&env, "2026-12-10T10:00"),
        attempt("2026-11", "2026-12-10T00:00:00+09:00", 11_000)
    );
    let doc = import(&env, "2026-12-12", &[(NOVEMBER, november())]);
    assert_eq!(doc["adjusted_bills"], json!(["2026-11"]));
    assert_eq!(
        bills(&env, "2026-12-12")[2..],
        [bill_row("2026-11", 11_000, 11_000, "paid")]
    );
    assert_eq!(credit(&env, "2026-12-12"), (0, 55_000));
    clean(&env, "2026-12-12");
}

/// Whatever order NCP's September and November bills come in (September first, as NCP wrote
/// them; both in one import; November first), the months cost the member the same: 55,000
/// for September as NCP lowered it to 44,000, and November's 55,000, 99,000 in all.
#[test]
fn the_order_of_ncp_bills_does_not_change_what_is_owed() {
    type Order = &'static [(&'static str, &'static [&'static str])];
    let orders: [Order; 3] = [
        &[
            ("2026-11-17", &[SEPTEMBER_DOWN]),
            ("2026-12-05", &[NOVEMBER]),
        ],
        &[("2026-12-05", &[SEPTEMBER_DOWN, NOVEMBER])],
        &[
            ("2026-12-05", &[NOVEMBER]),
            ("2026-12-05T12:00", &[SEPTEMBER_DOWN]),
        ],
    ];
    for order in orders {
        let env = september_paid();
        for (at, names) in order {
            let bodies: Vec<(&str, Value)> = names
                .iter()
                .map(|n| {
                    (
                        *n,
                        if *n == NOVEMBER {
                            november()
                        } else {
                            september_down()
                        },
                    )
                })
                .collect();
            import(&env, at, &bodies);
        }
        env.ok("2026-12-10T10:00", &["pay", "--auto"]);
        env.ok("2027-01-10T10:00", &["pay", "--auto"]);
        assert_eq!(net_paid(&env, "2027-01-15"), 99_000, "{order:?}");
        assert_eq!(credit(&env, "2027-01-15").1, 0, "{order:?}");
        let november = bills(&env, "2027-01-15")
            .into_iter()
            .find(|b| b.0 == "2026-11")
            .unwrap();
        assert_eq!(november.3, 0, "{order:?}");
        clean(&env, "2027-01-15");
    }
}

/// A carried correction larger than NCP's bill that takes the preliminary bill's place still
/// takes it below 0: NCP's September of 0 won carries -55,000 into the 0-won November bill
/// (55,000 of credit); NCP's November of 22,000 leaves it at 0 and 33,000 of credit, so the
/// member paid 22,000 in all, what NCP billed.
#[test]
fn a_carried_correction_larger_than_ncps_bill_leaves_the_rest_as_credit() {
    let env = september_paid();
    let nothing = bill("202609", 0, "KRW", None, "2026-11-16T08:00:00+0900");
    import(&env, "2026-11-17", &[("v1-bill-202609-zero.json", nothing)]);
    assert_eq!(credit(&env, "2026-12-04"), (55_000, 0));
    let small = bill("202611", 20_000, "KRW", None, "2026-12-01T08:00:00+0900");
    import(&env, "2026-12-05", &[(NOVEMBER, small)]);
    assert_eq!(
        bills(&env, "2026-12-05")[2..],
        [bill_row("2026-11", 0, 0, "paid")]
    );
    assert_eq!(credit(&env, "2026-12-05"), (33_000, 0));
    assert_eq!(auto(&env, "2026-12-10T10:00"), []);
    assert_eq!(net_paid(&env, "2026-12-10T10:00"), 22_000);
    clean(&env, "2026-12-10T10:00");
}
