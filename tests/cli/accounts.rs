//! Many NCP accounts in one ledger (issue 15, step 2): `init --name`, `accounts`
//! (list, add, rename, remove), and `--account` / `NCP_USAGE_ACCOUNT` choosing the account a
//! command works for, with money that never crosses accounts.

use serde_json::json;

use crate::common::Env;

const SHOP: &[&str] = &[
    "accounts",
    "add",
    "shop",
    "--member-no",
    "1000002",
    "--member-type",
    "business",
    "--first-name",
    "Jisoo",
    "--last-name",
    "Lee",
    "--email",
    "jisoo@corp.example",
];

/// Minji's ledger (account `main`, card, February's figures) with a second account `shop`,
/// a business with no payment method and no usage.
fn two_accounts() -> Env {
    let env = Env::new().with_member().with_february();
    env.ok("2024-03-01", SHOP);
    env
}

#[test]
fn init_names_the_first_account_and_accounts_lists_it() {
    let env = Env::new();
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--name",
            "minji",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    let doc = env.json("2024-01-15", &["accounts"]);
    assert_eq!(
        doc["accounts"],
        json!([{
            "name": "minji",
            "member_no": null,
            "member_type": "individual",
            "currency": "KRW",
            "month": "2024-01",
            "month_used_amount": 0,
            "outstanding_amount": 0,
            "blocked": false
        }])
    );
    // With one account, --account is implied; naming it works, a wrong name lists the right.
    env.ok("2024-01-15", &["--account", "minji", "account", "show"]);
    let err = env.fail("2024-01-15", &["--account", "shop", "account", "show"], 2);
    assert_eq!(
        err,
        "error: no account is named \"shop\" or has that NCP member number; the ledger holds: minji\n"
    );
}

#[test]
fn with_two_accounts_a_command_needs_one_named() {
    let env = two_accounts();
    let err = env.fail("2024-03-10", &["pay"], 2);
    assert_eq!(
        err,
        "error: the ledger holds 2 accounts (main, shop); choose one with --account NAME (or NCP_USAGE_ACCOUNT)\n"
    );
    // By name, by NCP member number, from the environment: each account sees its own.
    let main = env.json("2024-03-10", &["--account", "main", "pay"]);
    let february = main["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == "2024-02")
        .unwrap();
    assert_eq!(february["billed_amount"], 54_670);
    let shop = env.json("2024-03-10", &["--account", "1000002", "pay"]);
    assert_eq!(shop["bills"], json!([]));
    let out = env
        .cmd("2024-03-10")
        .env("NCP_USAGE_ACCOUNT", "shop")
        .args(["account", "show", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["member"]["first_name"], "Jisoo");
}

#[test]
fn accounts_lists_each_accounts_month_and_money() {
    let env = two_accounts();
    let doc = env.json("2024-03-20", &["accounts"]);
    let main_history = env.json(
        "2024-03-20",
        &["--account", "main", "history", "--month", "2024-03"],
    );
    assert_eq!(
        doc["accounts"][0]["month_used_amount"],
        main_history["totals"]["used_amount"]
    );
    assert_eq!(doc["accounts"][1]["name"], "shop");
    assert_eq!(doc["accounts"][1]["member_no"], "1000002");
    assert_eq!(doc["accounts"][1]["member_type"], "business");
    assert_eq!(doc["accounts"][1]["month_used_amount"], 0);
    assert_eq!(doc["accounts"][1]["outstanding_amount"], 0);
}

#[test]
fn rename_and_remove_an_account() {
    let env = two_accounts();
    env.ok("2024-03-02", &["accounts", "rename", "shop", "store"]);
    let names: Vec<String> = env.json("2024-03-02", &["accounts"])["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["main", "store"]);
    let err = env.fail("2024-03-02", &["accounts", "rename", "store", "main"], 2);
    assert_eq!(
        err,
        "error: an account is already named \"main\"; choose another name (ncp-usage accounts lists them)\n"
    );
    // An account holding bills or payments is kept unless --force (after a prompt).
    let before = env.dump();
    let err = env.fail("2024-03-10", &["accounts", "remove", "main"], 3);
    assert_eq!(
        err,
        "error: account main holds bills or payments; removing it deletes them: add --force to remove it anyway\n"
    );
    assert_eq!(env.dump(), before);
    env.ok("2024-03-10", &["accounts", "remove", "store"]);
    let err = env.fail(
        "2024-03-10",
        &["accounts", "remove", "main", "--force", "--yes"],
        3,
    );
    assert_eq!(
        err,
        "error: main is the ledger's only account; to start again, use a new ledger (--db)\n"
    );
    // Back to one account: --account is implied again.
    env.ok("2024-03-10", &["pay"]);
}

#[test]
fn money_never_crosses_accounts() {
    let env = two_accounts();
    env.ok(
        "2024-03-02",
        &[
            "--account",
            "shop",
            "account",
            "payment-method",
            "card",
            "--brand",
            "VISA",
            "--last4",
            "1111",
            "--expiry",
            "2027-12",
        ],
    );
    let shop_before = env.json("2024-03-05", &["--account", "shop", "pay"]);
    let paid = env.json(
        "2024-03-05T15:00",
        &[
            "--account",
            "main",
            "pay",
            "--instant",
            "--idempotency-key",
            "k-main",
            "--yes",
        ],
    );
    assert_eq!(paid["amount"], 54_670);
    assert_eq!(
        env.json("2024-03-05T15:00", &["--account", "shop", "pay"])["bills"],
        shop_before["bills"]
    );
    // The same key for the other account is another request: refused, never replayed.
    let err = env.fail(
        "2024-03-05T15:00",
        &[
            "--account",
            "shop",
            "pay",
            "--deposit",
            "10000",
            "--reference",
            "KB-1",
            "--idempotency-key",
            "k-main",
            "--yes",
        ],
        3,
    );
    assert!(err.contains("another account"), "{err}");
    env.ok("2024-03-05T15:00", &["--account", "main", "check"]);
    env.ok("2024-03-05T15:00", &["--account", "shop", "check"]);
}
