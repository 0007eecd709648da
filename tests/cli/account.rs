//! `init` and `account` (SPEC A1, A2, P11): who the member is, where bills go, which payment
//! methods they may register, and that a full card number never reaches the ledger.

use serde_json::json;

use crate::common::Env;

fn init(env: &Env, as_of: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "init",
        "--first-name",
        "Minji",
        "--last-name",
        "Kim",
        "--email",
        "minji@example.com",
    ];
    args.extend_from_slice(extra);
    env.ok(as_of, &args)
}

fn card(last4: &str, expiry: &str) -> Vec<String> {
    [
        "account",
        "payment-method",
        "card",
        "--brand",
        "VISA",
        "--last4",
        last4,
        "--expiry",
        expiry,
    ]
    .map(String::from)
    .to_vec()
}

const TRANSFER: &[&str] = &[
    "account",
    "payment-method",
    "transfer",
    "--bank",
    "KB Kookmin",
    "--last4",
    "1234",
    "--balance",
    "500000",
];

const DEPOSIT: &[&str] = &["account", "payment-method", "deposit"];

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn a1_first_name_needs_two_letters() {
    let env = Env::new();
    let e = env.fail(
        "2024-01-01",
        &[
            "init",
            "--first-name",
            "M",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
        ],
        2,
    );
    assert_eq!(
        e,
        "error: first name must have at least 2 letters and no digits or special characters (got 'M')\n"
    );
    // Nothing was created: the ledger still has no account.
    let e = env.fail("2024-01-01", &["account", "show"], 3);
    assert!(e.contains("this ledger has no account yet"), "{e}");
}

#[test]
fn a1_names_are_letters_only() {
    let env = Env::new();
    for (first, last, field, shown) in [
        ("Min1", "Kim", "first name", "Min1"),
        ("Minji", "O'Neil!", "last name", "O'Neil!"),
        ("Minji", "", "last name", ""),
    ] {
        let e = env.fail(
            "2024-01-01",
            &[
                "init",
                "--first-name",
                first,
                "--last-name",
                last,
                "--email",
                "m@example.com",
            ],
            2,
        );
        assert!(e.contains(&format!("{field} must have at least")), "{e}");
        assert!(e.contains(&format!("(got '{shown}')")), "{e}");
    }
    // Any script's letters count: a one-letter Hangul last name is fine.
    let out = env.ok(
        "2024-01-01",
        &[
            "init",
            "--first-name",
            "민지",
            "--last-name",
            "김",
            "--email",
            "minji@example.com",
        ],
    );
    assert!(
        out.starts_with("Created the account of 김민지 (individual)."),
        "{out}"
    );
}

#[test]
fn a1_email_must_be_valid() {
    let env = Env::new();
    for bad in ["minji@example", "minji", "mi nji@example.com", "a@@b.com"] {
        let e = env.fail(
            "2024-01-01",
            &[
                "init",
                "--first-name",
                "Minji",
                "--last-name",
                "Kim",
                "--email",
                bad,
            ],
            2,
        );
        assert!(e.contains(&format!("'{bad}' is not a valid email")), "{e}");
    }
}

#[test]
fn a2_init_twice_is_refused() {
    let env = Env::new();
    init(&env, "2024-01-01", &[]);
    let before = env.dump();
    let e = env.fail(
        "2024-01-02",
        &[
            "init",
            "--first-name",
            "Jisoo",
            "--last-name",
            "Park",
            "--email",
            "jisoo@example.com",
        ],
        3,
    );
    assert!(e.contains("this ledger already has an account"), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn a2_account_show_json() {
    let env = Env::new().with_member();
    let doc = env.json("2024-01-02", &["account", "show"]);
    let member = &doc["member"];
    for (field, value) in [
        ("first_name", json!("Minji")),
        ("last_name", json!("Kim")),
        ("email", json!("minji@example.com")),
        ("member_type", json!("individual")),
        ("expatriate", json!(false)),
        ("billing_email", json!("minji@example.com")),
    ] {
        assert_eq!(member[field], value, "{field}");
    }
    assert_eq!(
        doc["payment_method"],
        json!({"kind": "card", "label": "VISA card ****4242 (expires 2027-12)", "brand": "VISA", "last4": "4242", "expiry": "2027-12", "limit": null})
    );
    assert_eq!(
        doc["payment_method_label"],
        "VISA card ****4242 (expires 2027-12)"
    );
    assert_eq!(
        doc["changes"],
        json!([
            {"at": "2024-01-01T00:00:00+09:00", "field": "account", "value": "created"},
            {"at": "2024-01-01T00:00:00+09:00", "field": "payment_method",
             "value": "VISA card ****4242 (expires 2027-12)"}
        ])
    );
    let human = env.ok("2024-01-02", &["account", "show"]);
    assert!(human.contains("Name            Minji Kim\n"), "{human}");
    assert!(
        human.contains("Payment method  VISA card ****4242 (expires 2027-12)\n"),
        "{human}"
    );
}

#[test]
fn a2_business_and_expatriate_members() {
    let env = Env::new();
    let out = init(
        &env,
        "2024-01-01",
        &["--member-type", "business", "--expatriate"],
    );
    assert!(
        out.starts_with("Created the account of Minji Kim (business, expatriate)."),
        "{out}"
    );
    let doc = env.json("2024-01-01", &["account", "show"]);
    assert_eq!(doc["member"]["member_type"], "business");
    assert_eq!(doc["member"]["expatriate"], true);
    assert_eq!(doc["payment_method"]["kind"], "none");
}

#[test]
fn a1_account_set_changes_and_logs_each_field() {
    let env = Env::new().with_member();
    let out = env.ok(
        "2024-02-01T10:30",
        &[
            "account",
            "set",
            "--first-name",
            "Jisoo",
            "--email",
            "jisoo@example.com",
        ],
    );
    assert_eq!(out, "Your profile has been successfully updated.\n");
    let doc = env.json("2024-02-01T10:30", &["account", "show"]);
    assert_eq!(doc["member"]["first_name"], "Jisoo");
    assert_eq!(doc["member"]["last_name"], "Kim");
    assert_eq!(doc["member"]["email"], "jisoo@example.com");
    // The billing email is its own setting: changing the login email leaves it.
    assert_eq!(doc["member"]["billing_email"], "minji@example.com");
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 4);
    assert_eq!(
        changes[2],
        json!({"at": "2024-02-01T10:30:00+09:00", "field": "first_name", "value": "Jisoo"})
    );
    assert_eq!(
        changes[3],
        json!({"at": "2024-02-01T10:30:00+09:00", "field": "email", "value": "jisoo@example.com"})
    );

    let before = env.dump();
    let e = env.fail(
        "2024-02-02",
        &["account", "set", "--last-name", "Park", "--first-name", "J"],
        2,
    );
    assert!(e.contains("first name must have at least 2 letters"), "{e}");
    let e = env.fail("2024-02-02", &["account", "set"], 2);
    assert!(e.contains("nothing to change"), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn p11_billing_email_shows_in_history() {
    let env = Env::new().with_member().with_february();
    let out = env.ok(
        "2024-03-02",
        &["account", "billing-email", "billing@corp.co.kr"],
    );
    assert_eq!(out, "Bills will be sent to billing@corp.co.kr.\n");
    let doc = env.json("2024-03-05", &["history", "--month", "2024-02"]);
    assert_eq!(doc["billing_email"], "billing@corp.co.kr");
    let doc = env.json("2024-03-05", &["account", "show"]);
    assert_eq!(doc["member"]["email"], "minji@example.com");
    assert_eq!(doc["member"]["billing_email"], "billing@corp.co.kr");
    assert_eq!(
        doc["changes"].as_array().unwrap().last().unwrap(),
        &json!({"at": "2024-03-02T00:00:00+09:00", "field": "billing_email", "value": "billing@corp.co.kr"})
    );

    let before = env.dump();
    let e = env.fail("2024-03-05", &["account", "billing-email", "billing@"], 2);
    assert!(e.contains("'billing@' is not a valid email"), "{e}");
    assert_eq!(env.dump(), before);
}

#[test]
fn p11_individual_may_register_a_card_only() {
    let env = Env::new().with_member();
    let before = env.dump();
    let e = env.fail("2024-01-02", TRANSFER, 3);
    assert!(
        e.contains(
            "an individual member cannot register account transfer; register a credit card instead"
        ),
        "{e}"
    );
    let e = env.fail("2024-01-02", DEPOSIT, 3);
    assert!(
        e.contains("an individual member cannot register direct deposit"),
        "{e}"
    );
    assert_eq!(env.dump(), before);
    // Replacing the card with another one is fine.
    let out = env.ok("2024-01-02", &strs(&card("1881", "2026-06")));
    assert_eq!(
        out,
        "Payment method registered: VISA card ****1881 (expires 2026-06).\n"
    );
    let doc = env.json("2024-01-02", &["account", "show"]);
    assert_eq!(doc["payment_method"]["last4"], "1881");
}

#[test]
fn p11_business_transfer_then_deposit() {
    let env = Env::new();
    init(&env, "2024-01-01", &["--member-type", "business"]);
    let before = env.dump();
    let e = env.fail("2024-01-01", DEPOSIT, 3);
    assert!(
        e.contains("a business member cannot register direct deposit; register a card or account transfer first"),
        "{e}"
    );
    assert_eq!(env.dump(), before);

    let out = env.ok("2024-01-01", TRANSFER);
    assert_eq!(
        out,
        "Payment method registered: KB Kookmin account transfer ****1234.\n"
    );
    let doc = env.json("2024-01-01", &["account", "show"]);
    assert_eq!(
        doc["payment_method"],
        json!({"kind": "transfer", "label": "KB Kookmin account transfer ****1234", "bank": "KB Kookmin", "last4": "1234", "balance": 500000})
    );

    env.ok("2024-01-05", DEPOSIT);
    let doc = env.json("2024-01-05", &["account", "show"]);
    assert_eq!(
        doc["payment_method"],
        json!({"kind": "deposit", "label": "Direct deposit (fee deposit account)"})
    );
    assert_eq!(
        doc["payment_method_label"],
        "Direct deposit (fee deposit account)"
    );
    // Read at an earlier instant, the transfer is still the registered method (T2).
    let doc = env.json("2024-01-03", &["account", "show"]);
    assert_eq!(doc["payment_method"]["kind"], "transfer");
    let doc = env.json("2024-02-05", &["history", "--month", "2024-01"]);
    assert_eq!(doc["payment_method"]["kind"], "deposit");
}

#[test]
fn p11_expatriate_may_register_a_card_only() {
    let env = Env::new();
    init(
        &env,
        "2024-01-01",
        &["--member-type", "business", "--expatriate"],
    );
    let e = env.fail("2024-01-01", TRANSFER, 3);
    assert!(
        e.contains("an expatriate member cannot register account transfer"),
        "{e}"
    );
    env.ok("2024-01-01", &strs(&card("4242", "2027-12")));
    let e = env.fail("2024-01-01", DEPOSIT, 3);
    assert!(
        e.contains("an expatriate member cannot register direct deposit"),
        "{e}"
    );
    let doc = env.json("2024-01-01", &["account", "show"]);
    assert_eq!(doc["payment_method"]["kind"], "card");
}

#[test]
fn p11_an_expired_card_is_refused() {
    let env = Env::new();
    init(&env, "2024-03-10", &[]);
    let before = env.dump();
    let e = env.fail("2024-03-10", &strs(&card("4242", "2024-02")), 3);
    assert_eq!(
        e,
        "error: the card expired at the end of 2024-02; register a card that is still valid\n"
    );
    assert_eq!(env.dump(), before);
    // A card is valid through its expiry month.
    env.ok("2024-03-10", &strs(&card("4242", "2024-03")));
    let e = env.fail("2024-03-10", &strs(&card("4242", "2024-13")), 2);
    assert!(e.contains("2024-13"), "{e}");
}

#[test]
fn p11_a_full_card_number_is_never_stored() {
    let env = Env::new().with_member();
    let before = env.dump();
    let full = "4111111111111111";
    for args in [
        card(full, "2027-12"),
        [
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA 4111111111111111",
            "--last4",
            "1111",
            "--expiry",
            "2027-12",
        ]
        .map(String::from)
        .to_vec(),
    ] {
        let e = env.fail("2024-01-02", &strs(&args), 2);
        assert!(!e.contains(full), "stderr shows the card number: {e}");
        assert!(
            !e.contains("111111"),
            "stderr shows part of the number: {e}"
        );
    }
    let e = env.fail("2024-01-02", &strs(&card(full, "2027-12")), 2);
    assert_eq!(
        e,
        "error: --last4 takes exactly the last 4 digits (got 16 characters); ncp-usage never stores a full card or account number\n"
    );
    assert_eq!(env.dump(), before);
    let mut files = 0;
    for entry in std::fs::read_dir(env.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.starts_with("ledger.db") {
            files += 1;
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(full.len()).any(|w| w == full.as_bytes()),
                "{name} holds the card number"
            );
        }
    }
    assert!(files >= 1);
}

#[test]
fn commands_without_an_account_say_to_run_init() {
    let env = Env::new();
    for args in [
        vec!["account", "show"],
        vec!["account", "billing-email", "billing@example.com"],
        vec!["account", "set", "--first-name", "Jisoo"],
        strs(&card("4242", "2027-12")),
    ] {
        let e = env.fail("2024-01-01", &args, 3);
        assert!(
            e.contains("this ledger has no account yet; run `ncp-usage init"),
            "{args:?}: {e}"
        );
    }
}

#[test]
fn p11_changing_the_member_type_keeps_the_method_allowed() {
    let env = Env::new();
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--member-type",
            "business",
            "--first-name",
            "Jisoo",
            "--last-name",
            "Lee",
            "--email",
            "jisoo@corp.example",
        ],
    );
    env.ok(
        "2024-01-01",
        &[
            "account",
            "payment-method",
            "transfer",
            "--bank",
            "KB",
            "--last4",
            "1234",
        ],
    );
    let before = env.dump();
    let args = ["account", "set", "--member-type", "individual"];
    let e = env.fail("2024-01-02", &args, 3);
    assert!(e.contains("change the payment method first"), "{e}");
    assert_eq!(env.rule("2024-01-02", &args, 3).as_deref(), Some("P11"));
    assert_eq!(env.dump(), before);
    env.ok(
        "2024-01-02",
        &[
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            "4242",
            "--expiry",
            "2027-12",
        ],
    );
    env.ok(
        "2024-01-03",
        &["account", "set", "--member-type", "individual"],
    );
    assert_eq!(
        env.json("2024-01-03", &["account", "show"])["member"]["member_type"],
        "individual"
    );
}
