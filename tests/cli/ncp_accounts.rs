//! `import ncp` routes each NCP member's bodies to that member's account (issue 15,
//! docs/ACCOUNTS.md step 3): several members in one import and one transaction, an account
//! made for a member the ledger holds no account for (named after it) unless `--no-create`,
//! bodies naming no member in the chosen account, one body never split, and NCP's paid-up
//! state of one month paid in each account apart.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::Env;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

/// NCP's documented v1 bill of 2024-05 (member 1000001, 113,740 won, paid up on 10 June).
fn may_bill() -> String {
    std::fs::read_to_string(fixture("demand-cost-2024-05.json")).unwrap()
}

/// The same bill as member 1000002's, unpaid, of 55,000 won (50,000 + 10 % VAT).
fn unpaid_may_bill_of_1000002() -> String {
    let body = may_bill()
        .replace("\"memberNo\": \"1000001\"", "\"memberNo\": \"1000002\"")
        .replace("D202405-0001", "D202405-0002")
        .replace("\"useAmount\": 123456", "\"useAmount\": 50000")
        .replace(
            "\"promotionDiscountAmount\": 20000",
            "\"promotionDiscountAmount\": 0",
        )
        .replace(
            "\"rounddownDiscountAmount\": 56",
            "\"rounddownDiscountAmount\": 0",
        )
        .replace(
            "\"thisMonthDemandAmount\": 103400",
            "\"thisMonthDemandAmount\": 50000",
        )
        .replace(
            "\"thisMonthVatAmount\": 10340",
            "\"thisMonthVatAmount\": 5000",
        )
        .replace(
            "\"thisMonthAmountIncludingVat\": 113740, \"totalDemandAmount\": 113740",
            "\"thisMonthAmountIncludingVat\": 55000, \"totalDemandAmount\": 55000",
        )
        .replace(
            "\"isPaidUp\": true, \"paidUpDate\": \"2024-06-10T09:00:00+0900\"",
            "\"isPaidUp\": false, \"paidUpDate\": \"\"",
        );
    assert!(body.contains("55000") && body.contains("\"isPaidUp\": false"));
    body
}

/// A member paying by card (account `main`, no NCP member yet) and `shop` for member
/// 1000002.
fn two_accounts() -> Env {
    let env = Env::new().with_member();
    env.ok(
        "2024-01-01",
        &["accounts", "add", "shop", "--member-no", "1000002"],
    );
    env
}

fn import(env: &Env, as_of: &str, extra: &[&str], files: &[&PathBuf]) -> Value {
    let mut args: Vec<String> = extra.iter().map(|a| a.to_string()).collect();
    args.extend(["import".to_string(), "ncp".to_string()]);
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.json(as_of, &args)
}

/// `pay --account NAME --json`'s bills that bill something, as (month, billed, paid,
/// unpaid, status).
fn bills(env: &Env, as_of: &str, account: &str) -> Vec<Value> {
    env.json(as_of, &["--account", account, "pay"])["bills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["billed_amount"] != 0)
        .map(|b| {
            json!([
                b["month"],
                b["billed_amount"],
                b["paid_amount"],
                b["unpaid_amount"],
                b["status"]
            ])
        })
        .collect()
}

/// (name, member number) of every account, in the order they were made.
fn accounts(env: &Env, as_of: &str) -> Vec<Value> {
    env.json(as_of, &["accounts"])["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| json!([a["name"], a["member_no"]]))
        .collect()
}

/// Rows of `table` per account id, straight from the file.
fn rows_per_account(env: &Env, table: &str) -> Vec<(i64, i64)> {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let sql = format!("SELECT account_id, COUNT(*) FROM {table} GROUP BY account_id ORDER BY 1");
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Two members' bills of one month in one import land in two accounts: each account's `pay`
/// shows its own bill only, with NCP's paid-up state its own (113,740 paid in `main`, the
/// chosen account, which takes the one member no account held yet; 55,000 open in `shop`,
/// which holds 1000002).
#[test]
fn ncp_route_two_members_in_one_import_land_in_two_accounts() {
    let env = two_accounts();
    let theirs = env.file("theirs.json", unpaid_may_bill_of_1000002());
    let doc = import(
        &env,
        "2024-06-12",
        &["--account", "main"],
        &[&fixture("demand-cost-2024-05.json"), &theirs],
    );
    assert_eq!(doc["accounts_created"], Value::Null);
    assert_eq!(
        doc["accounts"],
        json!([
            {"name": "main", "member_no": "1000001", "bills": ["2024-05"]},
            {"name": "shop", "member_no": "1000002", "bills": ["2024-05"]}
        ])
    );
    assert_eq!(doc["rows"], json!({"getDemandCostList": 2}));
    assert_eq!(
        bills(&env, "2024-06-12", "main"),
        [json!(["2024-05", 113740, 113740, 0, "paid"])]
    );
    assert_eq!(
        bills(&env, "2024-06-12", "shop"),
        [json!(["2024-05", 55000, 0, 55000, "open"])]
    );
    // `main` was the one member no account held: it holds 1000001 now, and is chosen by it.
    assert_eq!(
        accounts(&env, "2024-06-12"),
        [json!(["main", "1000001"]), json!(["shop", "1000002"])]
    );
    assert_eq!(
        bills(&env, "2024-06-12", "1000001"),
        bills(&env, "2024-06-12", "main")
    );
}

/// NCP's paid-up state of the same month in two accounts is two payments, one in each
/// (payments' idempotency keys are unique across the ledger: the key names its account).
#[test]
fn ncp_route_paid_up_months_of_two_accounts_are_paid_apart() {
    let env = two_accounts();
    let theirs = env.file(
        "theirs.json",
        may_bill()
            .replace("\"memberNo\": \"1000001\"", "\"memberNo\": \"1000002\"")
            .replace("D202405-0001", "D202405-0002"),
    );
    import(
        &env,
        "2024-06-12",
        &["--account", "main"],
        &[&fixture("demand-cost-2024-05.json"), &theirs],
    );
    for account in ["main", "shop"] {
        assert_eq!(
            bills(&env, "2024-06-12", account),
            [json!(["2024-05", 113740, 113740, 0, "paid"])],
            "{account}"
        );
    }
    assert_eq!(rows_per_account(&env, "payments"), [(1, 1), (2, 1)]);
    env.ok("2024-06-12", &["--account", "main", "check"]);
    env.ok("2024-06-12", &["--account", "shop", "check"]);
}

/// A ledger made before accounts keys NCP's paid-up payment without its account: the key
/// is still found, so importing the same bill again changes nothing.
#[test]
fn ncp_route_a_paid_up_key_from_before_accounts_is_still_found() {
    let env = Env::new().with_member();
    import(
        &env,
        "2024-06-12",
        &[],
        &[&fixture("demand-cost-2024-05.json")],
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let changed = conn
        .execute(
            "UPDATE payments SET idempotency_key = 'ncp-paid-up:2024-05' WHERE idempotency_key = 'ncp-paid-up:1:2024-05'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let before = env.dump();
    import(
        &env,
        "2024-06-12",
        &[],
        &[&fixture("demand-cost-2024-05.json")],
    );
    assert_eq!(env.dump(), before);
}

/// A member no account holds gets an account, named after its member number (the first
/// free `-2`… when an account has that name), reported in the table and in JSON.
#[test]
fn ncp_route_a_member_without_an_account_gets_one_named_after_it() {
    let env = Env::new().with_member();
    import(
        &env,
        "2024-07-12",
        &[],
        &[&fixture("demand-cost-2024-05.json")],
    );
    let other = fixture("v1/demand-cost-2024-06-other-member.json");
    let out = env.ok("2024-07-12", &["import", "ncp", other.to_str().unwrap()]);
    assert_eq!(
        out,
        "Imported NCP data: 1 from getDemandCostList.\n\
         NCP's bills now stand for 2024-06.\n\
         Created account 1000002 for NCP member 1000002.\n\
         Account 1000002 (NCP member 1000002): 2024-06.\n"
    );
    assert_eq!(
        accounts(&env, "2024-07-12"),
        [json!(["main", "1000001"]), json!(["1000002", "1000002"])]
    );
    assert_eq!(
        bills(&env, "2024-07-12", "1000002"),
        [json!(["2024-06", 113740, 113740, 0, "paid"])]
    );
    assert_eq!(
        bills(&env, "2024-07-12", "main"),
        [json!(["2024-05", 113740, 113740, 0, "paid"])]
    );
    // The name taken by an account without a member: the next free one.
    let env = Env::new().with_member();
    import(
        &env,
        "2024-07-12",
        &[],
        &[&fixture("demand-cost-2024-05.json")],
    );
    env.ok("2024-07-12", &["accounts", "add", "1000002"]);
    let doc = import(&env, "2024-07-12", &[], &[&other]);
    assert_eq!(
        doc["accounts_created"],
        json!([{"name": "1000002-2", "member_no": "1000002"}])
    );
}

/// `--no-create`: a member no account holds is refused, exit 2, naming the member and the
/// command that adds its account, and the ledger is left byte-identical — the other
/// member's bodies of the same import are not stored either (one transaction).
#[test]
fn ncp_route_no_create_refuses_a_member_without_an_account() {
    let env = Env::new().with_member();
    import(
        &env,
        "2024-07-12",
        &[],
        &[&fixture("demand-cost-2024-05.json")],
    );
    let before = env.dump();
    let other = fixture("v1/demand-cost-2024-06-other-member.json");
    let mine = fixture("demand-cost-2024-05.json");
    let e = env.fail(
        "2024-07-12",
        &[
            "import",
            "ncp",
            "--no-create",
            mine.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
        2,
    );
    assert_eq!(
        e,
        "error: NCP member 1000002 has no account in this ledger and --no-create keeps the import from making one; nothing was written; add its account first: ncp-usage accounts add NAME --member-no 1000002\n"
    );
    assert_eq!(env.dump(), before);
    // Once added, the same command stores it there.
    env.ok(
        "2024-07-12",
        &["accounts", "add", "shop", "--member-no", "1000002"],
    );
    let doc = import(&env, "2024-07-12", &[], &[&mine, &other]);
    assert_eq!(doc["accounts_created"], Value::Null);
    assert_eq!(
        bills(&env, "2024-07-12", "shop"),
        [json!(["2024-06", 113740, 113740, 0, "paid"])]
    );
    // --no-create is for NCP bodies.
    let csv = env.file(
        "c.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n",
    );
    let e = env.fail(
        "2024-07-12",
        &["import", "contracts", "--no-create", csv.to_str().unwrap()],
        2,
    );
    assert_eq!(
        e,
        "error: --no-create is for import ncp (CSV files name no NCP member); drop it\n"
    );
}

/// A member another account already holds goes to that account, whichever account the
/// command was given: `--account shop` does not take `main`'s member's bill.
#[test]
fn ncp_route_a_member_held_by_another_account_goes_to_it() {
    let env = Env::new().with_member();
    import(
        &env,
        "2024-06-12",
        &[],
        &[&fixture("demand-cost-2024-05.json")],
    );
    env.ok("2024-06-12", &["accounts", "add", "shop"]);
    let before = rows_per_account(&env, "ncp_demand_costs");
    let doc = import(
        &env,
        "2024-06-12",
        &["--account", "shop"],
        &[&fixture("demand-cost-2024-05.json")],
    );
    assert_eq!(
        doc["accounts"],
        json!([{"name": "main", "member_no": "1000001", "bills": ["2024-05"]}])
    );
    assert_eq!(rows_per_account(&env, "ncp_demand_costs"), before);
    assert_eq!(before, [(1, 1)]);
    assert_eq!(bills(&env, "2024-06-12", "shop"), Vec::<Value>::new());
    assert_eq!(
        accounts(&env, "2024-06-12"),
        [json!(["main", "1000001"]), json!(["shop", Value::Null])]
    );
}

/// Importing the same bodies of two members again changes nothing: byte-identical.
#[test]
fn ncp_route_reimport_of_two_members_is_byte_identical() {
    let env = two_accounts();
    let theirs = env.file("theirs.json", unpaid_may_bill_of_1000002());
    let files = [&fixture("demand-cost-2024-05.json"), &theirs];
    import(&env, "2024-06-12", &[], &files);
    let before = env.dump();
    let again = import(&env, "2024-06-12", &[], &files);
    assert_eq!(again["accounts_created"], Value::Null);
    assert_eq!(env.dump(), before);
}

/// Bodies naming no member (NCP's contract summaries) go to the chosen account; with
/// several accounts and none chosen, the import is refused listing them (exit 2).
#[test]
fn ncp_route_a_body_without_a_member_goes_to_the_chosen_account() {
    let env = two_accounts();
    let summary = fixture("contract-summary-2024-05.json");
    let doc = import(&env, "2024-06-12", &["--account", "shop"], &[&summary]);
    assert_eq!(doc["accounts"], Value::Null);
    assert_eq!(rows_per_account(&env, "ncp_contract_summaries"), [(2, 3)]);
    let before = env.dump();
    let e = env.fail(
        "2024-06-12",
        &["import", "ncp", summary.to_str().unwrap()],
        2,
    );
    assert_eq!(
        e,
        "error: the ledger holds 2 accounts (main, shop); choose one with --account NAME (or NCP_USAGE_ACCOUNT)\n"
    );
    assert_eq!(env.dump(), before);
    // Bodies that all name their member need no choice.
    let theirs = env.file("theirs.json", unpaid_may_bill_of_1000002());
    import(&env, "2024-06-12", &[], &[&theirs]);
    assert_eq!(
        bills(&env, "2024-06-12", "shop"),
        [json!(["2024-05", 55000, 0, 55000, "open"])]
    );
}

/// A body holding rows of two members is refused naming both, never split (exit 2,
/// byte-identical).
#[test]
fn ncp_route_one_body_of_two_members_is_refused() {
    let env = two_accounts();
    let mut doc: Value = serde_json::from_str(&may_bill()).unwrap();
    let list = doc["getDemandCostListResponse"]["demandCostList"]
        .as_array_mut()
        .unwrap();
    let mut theirs = list[0].clone();
    theirs["memberNo"] = json!("1000002");
    theirs["demandMonth"] = json!("202404");
    list.push(theirs);
    let both = env.file("both.json", doc.to_string());
    let before = env.dump();
    let e = env.fail("2024-06-12", &["import", "ncp", both.to_str().unwrap()], 2);
    assert!(
        e.ends_with("both.json holds rows of NCP members 1000001 and 1000002: one body is one member's and is never split; nothing was written; import each member's bodies as NCP answered that member\n"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}
