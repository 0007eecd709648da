//! T2 for reads: a read at a past `--as-of` shows the ledger as it stood at that instant —
//! facts recorded later are left out, facts replaced later are seen as they were (issue 11).
//! Also PR2's validity by day and R1/R3's one document per payment.

use serde_json::Value;

use crate::common::Env;

fn billed(doc: &Value) -> &Value {
    &doc["totals"]["billed_amount"]
}

fn service<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == name)
        .unwrap_or(&Value::Null)
}

/// The case: a contract imported on 03-20 for February is not in February's history
/// read at 03-05, which shows what `pay` shows at that instant.
#[test]
fn t2_a_past_read_leaves_out_facts_recorded_later() {
    let env = Env::new().with_member().with_february();
    let db = env.file(
        "db.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-DB-1,Database,KR,monthly,60000,month,2024-02-01,\n",
    );
    env.ok("2024-03-20", &["import", "contracts", db.to_str().unwrap()]);

    let past = env.json("2024-03-05", &["history", "--month", "2024-02"]);
    assert_eq!(billed(&past), 54_670);
    assert!(service(&past, "Database").is_null(), "{past}");
    let pay = env.json("2024-03-05", &["pay"]);
    let feb = pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-02")
        .unwrap();
    assert_eq!(feb["billed_amount"], 54_670);
    let status = env.json("2024-03-05", &["status"]);
    assert_eq!(status["services"].as_array().unwrap().len(), 2);

    // From 03-20 on: 49,779 + 60,000 = 109,779 → 109,700 + VAT 10,970.
    let now = env.json("2024-03-21", &["history", "--month", "2024-02"]);
    assert_eq!(billed(&now), 120_670);
    assert_eq!(service(&now, "Database")["used_amount"], 60_000);
    let status = env.json("2024-03-21", &["status"]);
    assert_eq!(status["services"].as_array().unwrap().len(), 3);
}

/// A contract and a day of usage corrected on 03-25: a read at 03-21 sees them as they were,
/// a read at 03-26 as corrected.
#[test]
fn t2_a_corrected_row_is_seen_as_it_was_before_the_correction() {
    let env = Env::new().with_member().with_february();
    let ended = env.file(
        "ended.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,2024-02-19\n",
    );
    let usage = env.file(
        "fix.csv",
        "contract_no,date,quantity\nKR-LB-1,2024-02-29,128\n",
    );
    env.ok(
        "2024-03-25",
        &["import", "contracts", ended.to_str().unwrap()],
    );
    env.ok("2024-03-25", &["import", "usage", usage.to_str().unwrap()]);

    let before = env.json("2024-03-21", &["history", "--month", "2024-02"]);
    assert_eq!(service(&before, "Server")["used_amount"], 41_379);
    assert_eq!(service(&before, "Load Balancer")["used_amount"], 8_400);
    assert_eq!(billed(&before), 54_670);

    // 60,000 × 10 ÷ 29 = 20,689; 800 hours × 12 = 9,600.
    let after = env.json("2024-03-26", &["history", "--month", "2024-02"]);
    assert_eq!(service(&after, "Server")["used_amount"], 20_689);
    assert_eq!(service(&after, "Load Balancer")["used_amount"], 9_600);
}

/// Before the import, nothing of it: a read at 02-15 of a ledger whose February was imported
/// on 03-01 shows no contracts.
#[test]
fn t2_a_read_before_an_import_shows_none_of_it() {
    let env = Env::new().with_member().with_february();
    let doc = env.json("2024-02-15T09:00", &["history", "--month", "2024-02"]);
    assert_eq!(doc["services"].as_array().unwrap().len(), 0);
    assert_eq!(doc["totals"]["used_amount"], 0);
}

/// The billing email, the member's details, promotions and holidays as they stood.
#[test]
fn t2_account_promotions_and_holidays_as_they_stood() {
    let env = Env::new().with_member();
    env.ok(
        "2024-02-01",
        &["account", "billing-email", "bills@example.com"],
    );
    env.ok("2024-02-02", &["account", "set", "--first-name", "Jisoo"]);
    let env = env.with_february();
    let promos = env.file(
        "promos.csv",
        "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n\
         Welcome,Server,credit,all,1,0,,10000,2024-01-01,2024-12-31\n",
    );
    env.ok(
        "2024-03-20",
        &["import", "promotions", promos.to_str().unwrap()],
    );
    env.ok(
        "2024-03-20",
        &["calendar", "add", "2024-04-02", "Company day"],
    );

    let doc = env.json("2024-01-15", &["account", "show"]);
    assert_eq!(doc["member"]["billing_email"], "minji@example.com");
    assert_eq!(doc["member"]["first_name"], "Minji");
    let doc = env.json("2024-02-01T12:00", &["account", "show"]);
    assert_eq!(doc["member"]["billing_email"], "bills@example.com");
    assert_eq!(doc["member"]["first_name"], "Minji");
    let doc = env.json("2024-02-03", &["account", "show"]);
    assert_eq!(doc["member"]["first_name"], "Jisoo");
    let doc = env.json("2024-01-15", &["history", "--month", "2024-01"]);
    assert_eq!(doc["billing_email"], "minji@example.com");

    let doc = env.json("2024-03-05", &["promotions"]);
    assert_eq!(doc["promotions"].as_array().unwrap().len(), 0);
    let doc = env.json("2024-03-05", &["history", "--month", "2024-02"]);
    assert_eq!(doc["totals"]["discount_amount"], 0);
    let doc = env.json("2024-03-21", &["promotions"]);
    assert_eq!(doc["promotions"].as_array().unwrap().len(), 1);

    let listed = |at: &str| -> bool {
        let doc = env.json(at, &["calendar", "list", "--year", "2024"]);
        doc["holidays"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["date"] == "2024-04-02")
    };
    assert!(!listed("2024-03-05"));
    assert!(listed("2024-03-21"));
}

/// Issue 11 (R1, R3): an individual with automatic cash receipts who becomes a business stops
/// getting cash receipts at that instant; a bill paid with a cash receipt gets no tax invoice,
/// later bills get tax invoices only.
#[test]
fn r1_r3_becoming_a_business_ends_cash_receipts() {
    let env = Env::new().with_member().with_february();
    env.ok("2024-03-02", &["receipt", "apply", "--agree-nts"]);
    // February's bill (54,670), paid by real-time transfer while issuance is on.
    env.ok(
        "2024-03-04T15:00",
        &["pay", "--instant", "--method", "transfer", "--yes"],
    );
    let out = env.ok(
        "2024-03-05",
        &["account", "set", "--member-type", "business"],
    );
    assert!(
        out.contains("Automatic issuance of cash receipts has stopped"),
        "{out}"
    );
    let doc = env.json("2024-03-05", &["receipt", "list"]);
    assert_eq!(doc["automatic_issuance"], false);
    // Nothing left to cancel, and a business may not anyway.
    let e = env.fail("2024-03-06", &["receipt", "cancel"], 3);
    assert!(e.contains("tax invoice"), "{e}");
    // March's bill (60,000 + VAT = 66,000), paid by transfer as a business.
    env.ok(
        "2024-04-03T15:00",
        &["pay", "--instant", "--method", "transfer", "--yes"],
    );

    let doc = env.json("2024-04-20", &["receipt", "list"]);
    assert_eq!(doc["automatic_issuance"], false);
    let kinds: Vec<(String, String, i64)> = doc["receipts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["month"].as_str().unwrap().to_string(),
                r["amount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("cash_receipt".to_string(), "2024-03".to_string(), 54_670),
            ("tax_invoice".to_string(), "2024-03".to_string(), 66_000),
        ]
    );
}

/// Issue 11 (PR2): a credit valid 1–15 March does not pay for usage of 20 March, and a rate
/// from 16 March covers only the days of a monthly line from the 16th.
#[test]
fn pr2_promotions_apply_only_to_usage_inside_their_validity() {
    let env = Env::new().with_member();
    let contracts = env.file(
        "contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-LB-1,Load Balancer,KR,metered,12,hour,2024-03-01,\n\
         KR-SVR-1,Server,KR,monthly,31000,month,2024-03-01,\n",
    );
    let usage = env.file(
        "usage.csv",
        "contract_no,date,quantity\nKR-LB-1,2024-03-10,100\nKR-LB-1,2024-03-20,100\n",
    );
    let promos = env.file(
        "promos.csv",
        "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n\
         Spring,Load Balancer,credit,all,1,0,,100000,2024-03-01,2024-03-15\n\
         Later,Server,discount,all,1,0,10,,2024-03-16,2024-12-31\n",
    );
    env.ok(
        "2024-03-01",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    env.ok("2024-03-01", &["import", "usage", usage.to_str().unwrap()]);
    env.ok(
        "2024-03-01",
        &["import", "promotions", promos.to_str().unwrap()],
    );

    let doc = env.json("2024-04-05", &["history", "--month", "2024-03"]);
    // The credit covers the 1,200 of 10 March only, not the 1,200 of 20 March.
    assert_eq!(service(&doc, "Load Balancer")["used_amount"], 2_400);
    assert_eq!(service(&doc, "Load Balancer")["discount_amount"], 1_200);
    // 31,000 × 15 ÷ 31 = 15,000 through the 15th; 10 % of the other 16,000.
    assert_eq!(service(&doc, "Server")["used_amount"], 31_000);
    assert_eq!(service(&doc, "Server")["discount_amount"], 1_600);
    assert_eq!(doc["totals"]["estimated_payment_amount"], 30_600);
    assert_eq!(billed(&doc), 33_660);
    // The credit's 98,800 are left, and it has expired.
    let doc = env.json("2024-04-05", &["promotions"]);
    let spring = doc["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Spring")
        .unwrap();
    assert_eq!(spring["credit_remaining"], 98_800);
    assert_eq!(spring["credit_status"], "expired");
}
