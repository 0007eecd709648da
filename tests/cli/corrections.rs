//! P1: a month's bill, once issued, never changes; a later correction of its facts becomes an
//! adjustment carried into the next bill — whatever the bill was issued from.

use crate::common::Env;

const HEADER: &str = "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n";

/// Found from outside (issue 13's snapshots): a bill issued from an imported statement
/// (`import fees`) ignored a corrected statement imported after the issue — history billed
/// January at 69,300, the bill stayed 58,300 and the 11,000 was never carried.
#[test]
fn p1_a_corrected_statement_after_issue_is_carried_into_the_next_bill() {
    let env = Env::new().with_member();
    env.file(
        "fees.csv",
        format!(
            "{HEADER}2024-01,KR,Server,KR-SVR-9,Monthly flat rate,31,day,50000,50000,0,50000\n\
             2024-01,KR,Object Storage,KR-OBJ-9,Storage,120.5,GB,28,3374,374,3000\n"
        ),
    );
    let fees = env.path("fees.csv");
    env.ok("2024-02-01", &["import", "fees", fees.to_str().unwrap()]);
    let pay = env.json("2024-02-05", &["pay"]);
    assert_eq!(pay["bills"][0]["month"], "2024-01");
    assert_eq!(pay["bills"][0]["billed_amount"], 58_300);

    // The corrected statement: the server cost 60,000, not 50,000.
    env.file(
        "fees.csv",
        format!(
            "{HEADER}2024-01,KR,Server,KR-SVR-9,Monthly flat rate,31,day,60000,60000,0,60000\n\
             2024-01,KR,Object Storage,KR-OBJ-9,Storage,120.5,GB,28,3374,374,3000\n"
        ),
    );
    let imported = env.json("2024-02-20", &["import", "fees", fees.to_str().unwrap()]);
    assert_eq!(imported["updated"], 1);
    assert_eq!(imported["adjusted_bills"], serde_json::json!(["2024-01"]));

    let pay = env.json("2024-03-05", &["pay"]);
    let bills = pay["bills"].as_array().unwrap();
    // January stays as issued; February carries the 10,000 + 1,000 VAT.
    assert_eq!(bills[0]["month"], "2024-01");
    assert_eq!(bills[0]["billed_amount"], 58_300);
    assert_eq!(bills[1]["month"], "2024-02");
    assert_eq!(bills[1]["billed_amount"], 11_000);
    assert_eq!(bills[1]["unpaid_amount"], 11_000);

    // Importing the same corrected statement again adjusts nothing more.
    let again = env.json("2024-03-05", &["import", "fees", fees.to_str().unwrap()]);
    assert_eq!(again["adjusted_bills"], serde_json::json!([]));
}
