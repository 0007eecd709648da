//! What people type and what files carry (SPEC A1, §11; issues 11.17, 12.13, 12.14, 12.20):
//! names of any script, standard emails, text kept in NFC without control characters, CSV
//! files with every column, UTF-16 files and workbooks told by name, and CRLF files whose
//! errors name the real line.

use rstest::rstest;
use serde_json::Value;

use crate::common::Env;

/// `init` with these names; returns the command's output.
fn init(env: &Env, first: &str, last: &str, email: &str) -> std::process::Output {
    env.run(
        "2024-01-01",
        &[
            "init",
            "--first-name",
            first,
            "--last-name",
            last,
            "--email",
            email,
        ],
    )
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed with {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The one line of a command that must fail with `code`.
fn failure(out: &std::process::Output, code: i32) -> String {
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    stderr
}

// ---------------------------------------------------------------------------------------
// 12.13: names of any script, with single inner spaces, apostrophes and hyphens.

#[rstest]
#[case::one_syllable_korean_first_name("혁", "이", "이혁")]
#[case::korean("민지", "김", "김민지")]
#[case::two_syllable_family_name("민지", "남궁", "남궁민지")]
#[case::inner_space("Mary Ann", "Smith", "Mary Ann Smith")]
#[case::apostrophe("Sean", "O'Brien", "Sean O'Brien")]
#[case::hyphen("Jean-Luc", "Picard", "Jean-Luc Picard")]
#[case::latin_with_accents("Zoë", "Ó Súilleabháin", "Zoë Ó Súilleabháin")]
fn a1_names_of_any_script_are_names(#[case] first: &str, #[case] last: &str, #[case] shown: &str) {
    let env = Env::new();
    let out = stdout(&init(&env, first, last, "m@example.com"));
    assert!(
        out.starts_with(&format!("Created the account of {shown} (individual).")),
        "{out}"
    );
    let table = env.ok("2024-01-01", &["account", "show"]);
    assert!(
        table.starts_with(&format!("Name            {shown}\n")),
        "{table}"
    );
    let doc = env.json("2024-01-01", &["account", "show"]);
    assert_eq!(doc["member"]["first_name"], first);
    assert_eq!(doc["member"]["last_name"], last);
}

#[rstest]
#[case::one_latin_letter("M", "Kim", "first name", 2)]
#[case::digit("Min1", "Kim", "first name", 2)]
#[case::double_space("Mary  Ann", "Kim", "first name", 2)]
#[case::double_hyphen("Jean--Luc", "Kim", "first name", 2)]
#[case::trailing_apostrophe("Minji", "Kim'", "last name", 1)]
#[case::two_apostrophes("Minji", "O''Brien", "last name", 1)]
#[case::sql("Minji", "Kim'; DROP TABLE account; --", "last name", 1)]
#[case::symbol("Minji", "Kim!", "last name", 1)]
#[case::newline("Min\nji", "Kim", "first name", 2)]
#[case::escape_sequence("Minji", "Kim\u{1b}[2J", "last name", 1)]
#[case::empty_last_name("Minji", "", "last name", 1)]
fn a1_digits_and_other_symbols_are_refused(
    #[case] first: &str,
    #[case] last: &str,
    #[case] field: &str,
    #[case] min: usize,
) {
    let env = Env::new();
    let e = failure(&init(&env, first, last, "m@example.com"), 2);
    assert!(
        e.contains(&format!(
            "{field} must have at least {min} letter{}",
            if min == 1 { "" } else { "s" }
        )),
        "{e}"
    );
    // Nothing was created.
    env.fail("2024-01-01", &["account", "show"], 3);
}

#[test]
fn a1_account_set_takes_the_same_names_and_shows_them_family_name_first() {
    let env = Env::new().with_member();
    env.ok(
        "2024-01-02",
        &["account", "set", "--first-name", "혁", "--last-name", "이"],
    );
    let table = env.ok("2024-01-02", &["account", "show"]);
    assert!(table.starts_with("Name            이혁\n"), "{table}");
    let e = env.fail("2024-01-02", &["account", "set", "--first-name", "M"], 2);
    assert!(e.contains("first name must have at least 2 letters"), "{e}");
}

// ---------------------------------------------------------------------------------------
// 12.14: emails to the usual standard; NFC; no control characters in stored text.

#[rstest]
#[case::double_dot_in_local_part("a..b@example.com")]
#[case::leading_dot("a.@example.com")]
#[case::label_starts_with_hyphen("m@-example.com")]
#[case::label_ends_with_hyphen("m@example-.com")]
#[case::no_dot_in_domain("m@localhost")]
#[case::underscore_in_domain("m@ex_ample.com")]
#[case::numeric_top_level("m@10.0.0.1")]
#[case::local_part_over_64(&format!("{}@example.com", "a".repeat(65)))]
#[case::label_over_63(&format!("m@{}.com", "a".repeat(64)))]
#[case::header_injection("m@example.com\nBcc: x@example.com")]
fn a1_emails_must_be_valid(#[case] email: &str) {
    let env = Env::new();
    let e = failure(&init(&env, "Minji", "Kim", email), 2);
    assert!(e.contains("is not a valid email"), "{e}");
    let env = Env::new().with_member();
    for args in [
        vec!["account", "set", "--email", email],
        vec!["account", "billing-email", email],
    ] {
        let before = env.dump();
        let e = env.fail("2024-01-02", &args, 2);
        assert!(e.contains("is not a valid email"), "{e}");
        assert_eq!(env.dump(), before);
    }
}

#[test]
fn a1_standard_emails_pass() {
    let env = Env::new();
    stdout(&init(
        &env,
        "Minji",
        "Kim",
        "minji.kim+billing@corp-mail.co.kr",
    ));
    env.ok(
        "2024-01-02",
        &["account", "billing-email", "o'brien@my-example.com"],
    );
    let doc = env.json("2024-01-02", &["account", "show"]);
    assert_eq!(doc["member"]["email"], "minji.kim+billing@corp-mail.co.kr");
    assert_eq!(doc["member"]["billing_email"], "o'brien@my-example.com");
}

#[test]
fn a1_a_decomposed_name_is_the_precomposed_name() {
    let env = Env::new();
    // "Renée" typed as e + U+0301, "혁" typed as conjoining jamo.
    stdout(&init(
        &env,
        "Rene\u{301}e",
        "\u{1112}\u{1167}\u{11a8}",
        "m@example.com",
    ));
    let doc = env.json("2024-01-01", &["account", "show"]);
    assert_eq!(doc["member"]["first_name"], "Ren\u{e9}e");
    assert_eq!(doc["member"]["last_name"], "혁");
    // Setting the precomposed spelling changes nothing: it is the same name. (The first
    // writing command after `init` records how far it caught up, so compare from the second.)
    let changes = doc["changes"].as_array().unwrap().len();
    let set = ["account", "set", "--first-name", "Ren\u{e9}e"];
    env.ok("2024-01-01", &set);
    let before = env.dump();
    env.ok("2024-01-01", &set);
    assert_eq!(env.dump(), before);
    let doc = env.json("2024-01-01", &["account", "show"]);
    assert_eq!(doc["changes"].as_array().unwrap().len(), changes);
}

/// A business member paying by direct deposit.
fn by_deposit() -> Env {
    Env::business("2024-01-01").paying_by_deposit("2024-01-01", "2027-12")
}

#[rstest]
#[case::newline_in_reference("--reference", "BANK\nREF")]
#[case::escape_in_reference("--reference", "BANK\u{1b}[31mREF")]
#[case::bidi_override_in_reference("--reference", "BANK\u{202e}FER")]
#[case::tab_in_key("--idempotency-key", "key\t1")]
#[case::del_in_key("--idempotency-key", "key\u{7f}")]
fn s12_references_and_keys_refuse_control_characters(#[case] option: &str, #[case] value: &str) {
    let env = by_deposit();
    let before = env.dump();
    let e = env.fail(
        "2024-01-05",
        &["pay", "--deposit", "1000", option, value, "--yes"],
        2,
    );
    assert!(
        e.contains(&format!("{option} contains a control character")),
        "{e}"
    );
    assert!(e.contains("without control characters"), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn s12_a_decomposed_reference_replays_the_precomposed_one() {
    let env = by_deposit();
    let first = env.json(
        "2024-01-05",
        &[
            "pay",
            "--deposit",
            "1000",
            "--reference",
            "Caf\u{e9}-1",
            "--yes",
        ],
    );
    assert_eq!(first["replayed"], false);
    let again = env.json(
        "2024-01-05",
        &[
            "pay",
            "--deposit",
            "1000",
            "--reference",
            "Cafe\u{301}-1",
            "--yes",
        ],
    );
    assert_eq!(again["replayed"], true);
    assert_eq!(again["payment_id"], first["payment_id"]);
}

#[rstest]
#[case::bank_with_escape(&["account", "payment-method", "transfer", "--bank", "KB\u{1b}[2J", "--last4", "1234"])]
#[case::bank_with_newline(&["account", "payment-method", "transfer", "--bank", "KB\nKookmin", "--last4", "1234"])]
#[case::brand_with_tab(&["account", "payment-method", "card", "--brand", "VI\tSA", "--last4", "4242", "--expiry", "2027-12"])]
fn p11_bank_and_brand_refuse_control_characters(#[case] args: &[&str]) {
    let env = Env::business("2024-01-01");
    let before = env.dump();
    let e = env.fail("2024-01-02", args, 2);
    assert!(e.contains("is not a name"), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn p11_a_decomposed_bank_name_is_kept_precomposed() {
    let env = Env::business("2024-01-01");
    env.ok(
        "2024-01-02",
        &[
            "account",
            "payment-method",
            "transfer",
            "--bank",
            "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale",
            "--last4",
            "1234",
        ],
    );
    let doc = env.json("2024-01-02", &["account", "show"]);
    assert_eq!(
        doc["payment_method"]["bank"],
        "Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale"
    );
}

#[test]
fn c1_holiday_names_are_nfc_without_control_characters() {
    let env = Env::new().with_member();
    let e = env.fail(
        "2024-01-02",
        &["calendar", "add", "2024-05-06", "Children\u{1b}[2J"],
        2,
    );
    assert!(e.contains("without control characters"), "{e}");
    env.ok(
        "2024-01-02",
        &["calendar", "add", "2024-05-07", "Fe\u{302}te"],
    );
    let file = env.file("h.csv", "date,name\n2024-05-08,Nai\u{308}ve day\n");
    env.ok(
        "2024-01-02",
        &["import", "holidays", file.to_str().unwrap()],
    );
    let doc = env.json("2024-01-02", &["calendar", "list", "--year", "2024"]);
    let names: Vec<&Value> = doc["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["date"] == "2024-05-07" || h["date"] == "2024-05-08")
        .map(|h| &h["name"])
        .collect();
    assert_eq!(names, ["F\u{ea}te", "Na\u{ef}ve day"]);
}

#[test]
fn s11_csv_text_fields_refuse_control_characters() {
    let env = Env::new().with_member();
    let before = env.dump();
    let file = env.file(
        "c.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,\"Ser\u{1b}[2Jver\",KR,monthly,60000,month,2024-01-10,\n",
    );
    let e = env.fail(
        "2024-01-02",
        &["import", "contracts", file.to_str().unwrap()],
        2,
    );
    assert!(
        e.contains("line 2, column service: expected a text of 1 to 100 characters without control characters, got 'Ser\\u{1b}[2Jver'"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
}

// ---------------------------------------------------------------------------------------
// 12.20: every column is required; UTF-16 files and workbooks are told by name.

const CONTRACT_COLUMNS: &[&str] = &[
    "contract_no",
    "service",
    "region",
    "plan",
    "price",
    "unit",
    "start_date",
    "end_date",
];
const PROMOTION_COLUMNS: &[&str] = &[
    "name",
    "service",
    "provision_type",
    "pricing_plan",
    "provided",
    "used",
    "discount_rate",
    "credit",
    "valid_from",
    "valid_to",
];

#[rstest]
#[case::contracts_end_date("contracts", CONTRACT_COLUMNS, "end_date")]
#[case::contracts_start_date("contracts", CONTRACT_COLUMNS, "start_date")]
#[case::promotions_discount_rate("promotions", PROMOTION_COLUMNS, "discount_rate")]
#[case::promotions_credit("promotions", PROMOTION_COLUMNS, "credit")]
#[case::usage_quantity("usage", &["contract_no", "date", "quantity"], "quantity")]
#[case::holidays_name("holidays", &["date", "name"], "name")]
fn s11_a_missing_column_is_refused_by_name(
    #[case] kind: &str,
    #[case] columns: &[&str],
    #[case] missing: &str,
) {
    let env = Env::new().with_member();
    let before = env.dump();
    let header: Vec<&str> = columns.iter().copied().filter(|c| *c != missing).collect();
    let file = env.file("f.csv", format!("{}\n", header.join(",")));
    let path = file.to_str().unwrap();
    let e = env.fail("2024-01-02", &["import", kind, path], 2);
    assert_eq!(
        e,
        format!(
            "error: {path}: line 1: missing column {missing}; expected the columns {}\n",
            columns.join(",")
        )
    );
    assert_eq!(env.dump(), before);
}

/// `text` as UTF-16, little- or big-endian, with or without a byte-order mark.
fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if bom {
        units.push(0xFEFF);
    }
    units.extend(text.encode_utf16());
    units
        .iter()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

const HOLIDAYS: &str = "date,name\r\n2024-05-06,Children's Day\r\n";

#[rstest]
#[case::utf16le_bom(utf16(HOLIDAYS, false, true), "UTF-16 text (byte-order mark FF FE)")]
#[case::utf16be_bom(utf16(HOLIDAYS, true, true), "UTF-16 text (byte-order mark FE FF)")]
#[case::utf16le_without_bom(utf16(HOLIDAYS, false, false), "UTF-16 text (little-endian")]
#[case::utf16be_without_bom(utf16(HOLIDAYS, true, false), "UTF-16 text (big-endian")]
fn s11_a_utf16_file_says_what_it_is(#[case] bytes: Vec<u8>, #[case] what: &str) {
    let env = Env::new().with_member();
    let before = env.dump();
    let file = env.file("holidays.csv", bytes);
    let path = file.to_str().unwrap();
    let e = env.fail("2024-01-02", &["import", "holidays", path], 2);
    assert!(
        e.starts_with(&format!("error: {path}: the file is {what}")),
        "{e}"
    );
    assert!(e.contains("not UTF-8; save it as UTF-8 CSV"), "{e}");
    assert!(e.contains("CSV UTF-8 (Comma delimited)"), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn s11_a_workbook_says_what_it_is() {
    let env = Env::new().with_member().with_february();
    let book = env.path("fees-2024-02.xlsx");
    env.ok(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            book.to_str().unwrap(),
        ],
    );
    let before = env.dump();
    let path = book.to_str().unwrap();
    for kind in ["fees", "contracts", "usage", "promotions", "holidays"] {
        let e = env.fail("2024-03-05", &["import", kind, path], 2);
        assert!(
            e.starts_with(&format!(
                "error: {path}: the file is a spreadsheet workbook (.xlsx), not a CSV file; save it as UTF-8 CSV"
            )),
            "{e}"
        );
    }
    assert_eq!(env.dump(), before);
}

// ---------------------------------------------------------------------------------------
// 11.17: CRLF files name the real line.

/// For each kind: the header, two good rows and a bad row with the column it breaks.
fn crlf_case(kind: &str) -> (&'static str, [&'static str; 2], &'static str, &'static str) {
    match kind {
        "contracts" => (
            "contract_no,service,region,plan,price,unit,start_date,end_date",
            [
                "KR-DB-1,Cloud DB,KR,monthly,90000,month,2024-02-01,",
                "KR-DB-2,Cloud DB,KR,monthly,90000,month,2024-02-01,",
            ],
            "KR-DB-3,Cloud DB,KR,monthly,-5,month,2024-02-01,",
            "column price",
        ),
        "usage" => (
            "contract_no,date,quantity",
            ["KR-LB-1,2024-02-01,1", "KR-LB-1,2024-02-02,2"],
            "KR-LB-1,2024-02-30,1",
            "column date",
        ),
        "fees" => (
            "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount",
            [
                "2024-01,KR,Server,KR-SVR-1,Monthly flat rate,1,month,60000,60000,0,60000",
                "2024-01,KR,Server,KR-SVR-2,Monthly flat rate,1,month,60000,60000,0,60000",
            ],
            "2024-13,KR,Server,KR-SVR-3,Monthly flat rate,1,month,60000,60000,0,60000",
            "column month",
        ),
        "promotions" => (
            "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to",
            [
                "Welcome credit,Server,credit,monthly,1,0,,100000,2024-01-01,2024-12-31",
                "Startup discount,Load Balancer,discount,metered,3,1,20,,2024-01-01,2024-06-30",
            ],
            "Late credit,Server,credit,monthly,1,0,,100000,2024-01-01,2024-02-30",
            "column valid_to",
        ),
        _ => (
            "date,name",
            ["2024-05-06,Children's Day", "2024-05-15,Buddha's Birthday"],
            "2024-06-31,Memorial Day",
            "column date",
        ),
    }
}

#[rstest]
fn r_11_17_crlf_files_name_the_real_line(
    #[values("contracts", "usage", "fees", "promotions", "holidays")] kind: &str,
    #[values("second", "last", "last_without_line_end")] place: &str,
) {
    let env = Env::new().with_member().with_february();
    let (header, good, bad, column) = crlf_case(kind);
    let (rows, line, end) = match place {
        "second" => (vec![header, bad, good[0], good[1]], 2, "\r\n"),
        "last" => (vec![header, good[0], good[1], bad], 4, "\r\n"),
        _ => (vec![header, good[0], good[1], bad], 4, ""),
    };
    let before = env.dump();
    let file = env.file("crlf.csv", format!("{}{end}", rows.join("\r\n")));
    let path = file.to_str().unwrap();
    let e = env.fail("2024-03-01", &["import", kind, path], 2);
    assert!(
        e.starts_with(&format!("error: {path}: line {line}, {column}: expected")),
        "{e}"
    );
    assert_eq!(env.dump(), before);
    // The good rows of a CRLF file import, and a malformed last row is named on its line.
    let file = env.file(
        "ok.csv",
        format!("{header}\r\n{}\r\n{}\r\n", good[0], good[1]),
    );
    let doc = env.json("2024-03-01", &["import", kind, file.to_str().unwrap()]);
    assert_eq!(doc["rows"], 2);
    let file = env.file("short.csv", format!("{header}\r\n{}\r\nx\r\n", good[0]));
    let e = env.fail("2024-03-01", &["import", kind, file.to_str().unwrap()], 2);
    assert!(e.contains(": line 3: has 1 field"), "{e}");
}
