//! `import` and `calendar` (SPEC §11, C1): every kind of interchange file imports, a second
//! import adds nothing, a corrected row is an update, and a file with one bad row changes
//! nothing and names the line and the column.

use rstest::rstest;
use serde_json::{json, Value};

use crate::common::Env;

const CONTRACTS: &str = "contract_no,service,region,plan,price,unit,start_date,end_date\n\
    KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,\n\
    KR-LB-1,Load Balancer,KR,metered,12,hour,2024-02-01,\n";

const FEES: &str = "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
    2024-01,KR,Load Balancer,KR-LB-1,Metered (hour),744,hour,12,8928,0,8928\n\
    2024-01,KR,Server,KR-SVR-1,Monthly flat rate,1,month,60000,60000,6000,54000\n";

const PROMOTIONS: &str = "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to\n\
    Welcome credit,Server,credit,monthly,1,0,,100000,2024-01-01,2024-12-31\n\
    Startup discount,Load Balancer,discount,metered,3,1,20,,2024-01-01,2024-06-30\n";

const HOLIDAYS: &str = "date,name\n2025-10-10,Company founding day\n2026-04-01,Spring break\n";

/// Writes `contents` as `name` and imports it as `kind` with `--json`.
fn import(env: &Env, as_of: &str, kind: &str, name: &str, contents: impl AsRef<[u8]>) -> Value {
    let path = env.file(name, contents);
    env.json(
        as_of,
        &["import", kind, path.to_str().expect("a UTF-8 path")],
    )
}

/// The row counts of an import summary: rows, added, updated, unchanged.
fn counts(doc: &Value) -> [i64; 4] {
    ["rows", "added", "updated", "unchanged"].map(|k| doc[k].as_i64().expect("a count"))
}

/// Imports a file twice: the first import adds every row, the second changes nothing.
fn imports_once(env: &Env, kind: &str, contents: &str, rows: i64) {
    let first = import(env, "2024-03-01", kind, "first.csv", contents);
    assert_eq!(first["kind"], kind);
    assert_eq!(counts(&first), [rows, rows, 0, 0], "{first}");
    let before = env.dump();
    let second = import(env, "2024-03-01", kind, "first.csv", contents);
    assert_eq!(counts(&second), [rows, 0, 0, rows], "{second}");
    assert_eq!(env.dump(), before);
}

#[test]
fn s11_contracts_import_once() {
    let env = Env::new().with_member();
    imports_once(&env, "contracts", CONTRACTS, 2);
    let doc = env.json("2024-03-05", &["history", "--month", "2024-02", "--detail"]);
    assert_eq!(doc["lines"][1]["contract_no"], "KR-SVR-1");
    assert_eq!(doc["lines"][1]["used_amount"], 41_379);
}

#[test]
fn s11_usage_import_once() {
    let env = Env::new().with_member();
    import(&env, "2024-03-01", "contracts", "c.csv", CONTRACTS);
    let usage = "contract_no,date,quantity\n\
                 KR-LB-1,2024-02-01,24\n\
                 KR-LB-1,2024-02-02,12.5\n\
                 KR-LB-1,2024-02-29,0.125\n";
    imports_once(&env, "usage", usage, 3);
    let doc = env.json("2024-03-05", &["history", "--month", "2024-02", "--detail"]);
    let lb = &doc["lines"][0];
    assert_eq!(lb["contract_no"], "KR-LB-1");
    assert_eq!(lb["quantity"], json!(36.625));
    // 36.625 hours × 12 won = 439.5, truncated (M2).
    assert_eq!(lb["used_amount"], 439);
}

#[test]
fn s11_fees_import_once() {
    let env = Env::new().with_member();
    imports_once(&env, "fees", FEES, 2);
    let doc = env.json("2024-03-05", &["history", "--month", "2024-01"]);
    assert_eq!(doc["source"], "imported");
    assert_eq!(doc["totals"]["used_amount"], 68_928);
    assert_eq!(doc["totals"]["discount_amount"], 6_000);
    assert_eq!(doc["totals"]["estimated_payment_amount"], 62_928);
    assert_eq!(doc["totals"]["rounddown_discount_amount"], 28);
    assert_eq!(doc["totals"]["vat_amount"], 6_290);
    assert_eq!(doc["totals"]["billed_amount"], 69_190);
}

#[test]
fn s11_promotions_import_once() {
    let env = Env::new().with_member();
    imports_once(&env, "promotions", PROMOTIONS, 2);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let row: (String, i64, i64, Option<String>, Option<i64>) = conn
        .query_row(
            "SELECT pricing_plan, provided, used, discount_rate, credit FROM promotions
             WHERE name = 'Startup discount'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        ("metered".to_string(), 3, 1, Some("20".to_string()), None)
    );
}

#[test]
fn s11_holidays_import_once() {
    let env = Env::new();
    imports_once(&env, "holidays", HOLIDAYS, 2);
    let doc = env.json("2024-03-01", &["calendar", "list", "--year", "2026"]);
    let spring = doc["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["date"] == "2026-04-01")
        .unwrap();
    assert_eq!(spring["name"], "Spring break");
    assert_eq!(spring["source"], "user");
}

#[test]
fn s11_a_corrected_row_counts_as_updated() {
    let env = Env::new().with_member().with_february();
    let ended = "contract_no,service,region,plan,price,unit,start_date,end_date\n\
                 KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,2024-02-19\n\
                 KR-LB-1,Load Balancer,KR,metered,12,hour,2024-02-01,\n";
    let doc = import(&env, "2024-03-02", "contracts", "ended.csv", ended);
    assert_eq!(counts(&doc), [2, 0, 1, 1]);
    let mut usage = String::from("contract_no,date,quantity\n");
    for day in 1..=28 {
        usage.push_str(&format!("KR-LB-1,2024-02-{day:02},24\n"));
    }
    usage.push_str("KR-LB-1,2024-02-29,30\n");
    let doc = import(&env, "2024-03-02", "usage", "usage2.csv", &usage);
    assert_eq!(counts(&doc), [29, 0, 1, 28]);
    let doc = env.json("2024-03-05", &["history", "--month", "2024-02"]);
    // 10th–19th: 60,000 × 10 ÷ 29 = 20,689; 702 hours × 12 = 8,424.
    assert_eq!(doc["services"][0]["used_amount"], 8_424);
    assert_eq!(doc["services"][1]["used_amount"], 20_689);
}

#[test]
fn s11_dash_reads_standard_input() {
    let env = Env::new();
    let out = env
        .cmd("2024-03-01")
        .args(["import", "holidays", "-", "--json"])
        .write_stdin(HOLIDAYS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["file"], "-");
    assert_eq!(counts(&doc), [2, 2, 0, 0]);
    let again = env
        .cmd("2024-03-01")
        .args(["import", "holidays", "-"])
        .write_stdin(HOLIDAYS)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        "Imported standard input: 2 rows — 0 added, 0 updated, 2 already there.\n"
    );
    let list = env.json("2024-03-01", &["calendar", "list", "--year", "2025"]);
    assert!(list["holidays"].as_array().unwrap().contains(
        &json!({"date": "2025-10-10", "name": "Company founding day", "source": "user"})
    ));
}

#[test]
fn s11_a_byte_order_mark_is_accepted() {
    let env = Env::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(HOLIDAYS.as_bytes());
    let doc = import(&env, "2024-03-01", "holidays", "bom.csv", bytes);
    assert_eq!(counts(&doc), [2, 2, 0, 0]);
}

#[test]
fn s11_columns_in_any_order_and_a_header_only_file() {
    let env = Env::new().with_member();
    let shuffled = "end_date,start_date,unit,price,plan,region,service,contract_no\n\
                    ,2024-02-10,month,60000,monthly,KR,Server,KR-SVR-1\n";
    let doc = import(&env, "2024-03-01", "contracts", "shuffled.csv", shuffled);
    assert_eq!(counts(&doc), [1, 1, 0, 0]);
    let doc = import(
        &env,
        "2024-03-01",
        "usage",
        "empty.csv",
        "contract_no,date,quantity\n",
    );
    assert_eq!(counts(&doc), [0, 0, 0, 0]);
}

/// The ledger every refused file is tried on: the February figures, recorded at 2024-03-01.
fn february() -> Env {
    Env::new().with_member().with_february()
}

const GOOD_CONTRACT: &str = "KR-DB-1,Cloud DB,KR,monthly,90000,month,2024-02-01,\n";
const CONTRACT_HEADER: &str = "contract_no,service,region,plan,price,unit,start_date,end_date\n";
const FEE_HEADER: &str = "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n";
const FEE_LINE: &str = "2024-01,KR,Server,KR-SVR-1,Monthly flat rate,1,month,60000,60000,0,60000\n";

fn bytes(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

#[rstest]
#[case::unknown_column(
    "contracts",
    bytes(&[b"contract_no,service,region,plan,price,unit,start_date,end_date,colour\n"]),
    "line 1: unknown column 'colour'; expected the columns contract_no,service,region,plan,price,unit,start_date,end_date"
)]
#[case::missing_column(
    "contracts",
    bytes(&[b"contract_no,service,region,plan,price,unit,end_date\n"]),
    "line 1: missing column start_date"
)]
#[case::negative_price(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Server,KR,monthly,-60000,month,2024-02-10,\n"]),
    "line 3, column price: expected an amount of 0 won or more, got '-60000'"
)]
#[case::thousands_separator(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Server,KR,monthly,\"1,000\",month,2024-02-10,\n"]),
    "line 3, column price: expected a whole amount of won (digits only, no separators), got '1,000'"
)]
#[case::exponent(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Server,KR,monthly,1e3,month,2024-02-10,\n"]),
    "line 3, column price: expected a whole amount of won (digits only, no separators), got '1e3'"
)]
#[case::month_13(
    "fees",
    bytes(&[FEE_HEADER.as_bytes(), FEE_LINE.as_bytes(), b"2024-13,KR,Server,KR-SVR-1,Other,1,month,100,100,0,100\n"]),
    "line 3, column month: expected a month YYYY-MM, got '2024-13'"
)]
#[case::february_30(
    "usage",
    bytes(&[b"contract_no,date,quantity\nKR-LB-1,2024-02-28,1\nKR-LB-1,2024-02-30,1\n"]),
    "line 3, column date: expected a date YYYY-MM-DD, got '2024-02-30'"
)]
#[case::wrong_field_count(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Server,KR,monthly,60000,month,2024-02-10\n"]),
    "line 3: has 7 fields but the header has 8"
)]
#[case::unterminated_quote(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,\"Server,KR,monthly,60000,month,2024-02-10,\n"]),
    "line 3, column service: a quoted field is never closed"
)]
#[case::unterminated_quote_in_the_last_column(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Server,KR,monthly,60000,month,2024-02-10,\"\n"]),
    "line 3, column end_date: a quoted field is never closed"
)]
#[case::not_utf8(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Serv\xff\xfeer,KR,monthly,60000,month,2024-02-10,\n"]),
    "line 3, column service: not valid UTF-8"
)]
#[case::nul_byte(
    "contracts",
    bytes(&[CONTRACT_HEADER.as_bytes(), GOOD_CONTRACT.as_bytes(), b"KR-SVR-2,Ser\0ver,KR,monthly,60000,month,2024-02-10,\n"]),
    "line 3, column service: contains a NUL byte"
)]
#[case::unknown_contract(
    "usage",
    bytes(&[b"contract_no,date,quantity\nKR-LB-1,2024-02-28,1\nKR-XX-9,2024-02-28,1\n"]),
    "line 3, column contract_no: expected a contract already in the ledger (import contracts first), got 'KR-XX-9'"
)]
#[case::usage_of_a_monthly_contract(
    "usage",
    bytes(&[b"contract_no,date,quantity\nKR-LB-1,2024-02-28,1\nKR-SVR-1,2024-02-28,1\n"]),
    "line 3, column contract_no: expected a metered contract (monthly contracts have no usage rows), got 'KR-SVR-1'"
)]
#[case::usage_before_the_contract(
    "usage",
    bytes(&[b"contract_no,date,quantity\nKR-LB-1,2024-02-28,1\nKR-LB-1,2024-01-31,1\n"]),
    "line 3, column date: expected a day within contract KR-LB-1's period from 2024-02-01 on, got '2024-01-31'"
)]
#[case::duplicate_key(
    "usage",
    bytes(&[b"contract_no,date,quantity\nKR-LB-1,2024-02-28,1\nKR-LB-1,2024-02-27,1\nKR-LB-1,2024-02-28,2\n"]),
    "line 4: contract KR-LB-1 on 2024-02-28 appears twice (first on line 2); keep one row"
)]
#[case::estimated_is_not_used_minus_discount(
    "fees",
    bytes(&[FEE_HEADER.as_bytes(), FEE_LINE.as_bytes(), b"2024-01,KR,Load Balancer,KR-LB-1,Metered (hour),1,hour,100,100,10,100\n"]),
    "line 3, column estimated_payment_amount: expected used_amount \u{2212} discount_amount = 90, got '100'"
)]
#[case::empty_file(
    "holidays",
    bytes(&[b""]),
    "the file is empty; it needs a header row: date,name"
)]
fn s11_one_bad_row_changes_nothing(
    #[case] kind: &str,
    #[case] contents: Vec<u8>,
    #[case] expected: &str,
) {
    let env = february();
    let before = env.dump();
    let path = env.file("bad.csv", contents);
    let path = path.to_str().unwrap();
    // A later instant than the ledger records: a refused import must not even move T2's clock.
    let e = env.fail("2024-03-01T12:00", &["import", kind, path], 2);
    assert!(e.starts_with(&format!("error: {path}: ")), "{e}");
    assert!(e.contains(expected), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn s11_usage_after_a_contract_ended_is_refused() {
    let env = february();
    let ended = "contract_no,service,region,plan,price,unit,start_date,end_date\n\
                 KR-LB-2,Load Balancer,KR,metered,12,hour,2024-02-01,2024-02-20\n";
    import(&env, "2024-03-01", "contracts", "ended.csv", ended);
    let before = env.dump();
    let usage = env.file(
        "late.csv",
        "contract_no,date,quantity\nKR-LB-2,2024-02-20,5\nKR-LB-2,2024-02-21,5\n",
    );
    let e = env.fail(
        "2024-03-01",
        &["import", "usage", usage.to_str().unwrap()],
        2,
    );
    assert!(
        e.contains("line 3, column date: expected a day within contract KR-LB-2's period 2024-02-01 to 2024-02-20, got '2024-02-21'"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn s11_a_missing_file_is_invalid_input() {
    let env = Env::new();
    let missing = env.path("nowhere.csv");
    let e = env.fail(
        "2024-03-01",
        &["import", "holidays", missing.to_str().unwrap()],
        2,
    );
    assert!(e.contains("cannot read"), "{e}");
    assert!(e.contains("nowhere.csv"), "{e}");
}

#[test]
fn c1_calendar_add_and_list() {
    let env = Env::new();
    let out = env.ok("2024-03-01", &["calendar", "add", "2025-10-06", "Chuseok"]);
    // Chuseok 2025 ships with the calendar already.
    assert_eq!(
        out,
        "2025-10-06 (Chuseok) was already in the holiday calendar.\n"
    );
    let out = env.ok(
        "2024-03-01",
        &["calendar", "add", "2025-10-10", "Company founding day"],
    );
    assert_eq!(
        out,
        "Added 2025-10-10 (Company founding day) to the holiday calendar.\n"
    );
    let doc = env.json("2024-03-01", &["calendar", "list", "--year", "2025"]);
    assert_eq!(doc["year"], 2025);
    let days = doc["holidays"].as_array().unwrap();
    assert!(days
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2025-")));
    assert!(days.contains(&json!({"date": "2025-10-06", "name": "Chuseok", "source": "builtin"})));
    assert!(days.contains(
        &json!({"date": "2025-10-10", "name": "Company founding day", "source": "user"})
    ));

    let e = env.fail("2024-03-01", &["calendar", "add", "2025-02-30", "Nope"], 2);
    assert!(e.contains("'2025-02-30' is not a date"), "{e}");
}

#[test]
fn c1_builtin_seollal_2024() {
    let env = Env::new();
    // A write makes the ledger (a read never does); the built-in days are there at once.
    import(&env, "2024-01-01", "holidays", "h.csv", HOLIDAYS);
    let doc = env.json("2024-01-01", &["calendar", "list", "--year", "2024"]);
    let seollal: Vec<(&str, &str)> = doc["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["date"].as_str().unwrap().starts_with("2024-02"))
        .map(|h| (h["date"].as_str().unwrap(), h["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seollal,
        [
            ("2024-02-09", "Seollal"),
            ("2024-02-10", "Seollal"),
            ("2024-02-11", "Seollal"),
            ("2024-02-12", "Seollal (substitute)"),
        ]
    );
}
