//! Issue 13: a snapshot of what every command prints, in every form it has (a table at 100
//! columns, `--json`, `--format csv` where the command has one), on the demo ledger and on
//! small scenario ledgers — reviewed like code. `INSTA_UPDATE=always cargo test --test cli
//! views` rewrites them after a deliberate change; read the diff of `tests/cli/snapshots/
//! cli__views__*.snap` as you would read a diff of src/.
//!
//! Names are `{command}_{scenario}[_{variant}]_{form}`, form being `table`, `json` or `csv`.
//! The demo is read at 2024-07-20 (tables.rs draws it at 2024-06-05 at 60/80/100 columns):
//! June's bill issued and paid automatically on the 10th, its tax invoice sent.
//!
//! Every command runs in the ledger's folder with `--db ledger.db` and relative file names,
//! so no temporary path reaches a snapshot. A command that writes runs on a fresh copy of its
//! scenario for each form. Stderr, when a successful command prints any (a warning), is
//! appended after a `--- stderr ---` line. Skipped: `sync` (needs a server), `completions` and
//! `manpage` (plain text, covered by completions_real.rs and cli_surface.rs), the HTML and PDF
//! a `confirmation` writes (confirmation_doc.rs).

use std::path::PathBuf;

use assert_cmd::Command;

use crate::common::Env;

/// The terminal width every table is drawn at.
const COLUMNS: &str = "100";

/// The demo's reading instant: the day after June's tax invoice, after its automatic payment.
const DEMO_AT: &str = "2024-07-20";

/// Runs the binary in the ledger's folder at `as_of`; it must succeed. Returns stdout, then
/// stderr after a marker line when there is any.
fn output(env: &Env, as_of: &str, args: &[&str]) -> String {
    let out = Command::cargo_bin("ncp-usage")
        .unwrap()
        .env_clear()
        .env("NO_COLOR", "1")
        .env("COLUMNS", COLUMNS)
        .current_dir(env.dir.path())
        .args(["--db", "ledger.db", "--as-of", as_of])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        out.status.success(),
        "{args:?} at {as_of} failed with {:?}: {stderr}",
        out.status.code()
    );
    let mut text = String::from_utf8(out.stdout).unwrap();
    if !stderr.is_empty() {
        text.push_str("--- stderr ---\n");
        text.push_str(&stderr);
    }
    text
}

fn with(args: &[&str], extra: &[&'static str]) -> Vec<String> {
    args.iter()
        .copied()
        .chain(extra.iter().copied())
        .map(str::to_string)
        .collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// A read-only command: `{name}_table`, `{name}_json` and, when `csv`, `{name}_csv`.
fn read(env: &Env, as_of: &str, name: &str, args: &[&str], csv: bool) {
    insta::assert_snapshot!(format!("{name}_table"), output(env, as_of, args));
    let json = with(args, &["--json"]);
    insta::assert_snapshot!(format!("{name}_json"), output(env, as_of, &strs(&json)));
    if csv {
        let csv = with(args, &["--format", "csv"]);
        insta::assert_snapshot!(format!("{name}_csv"), output(env, as_of, &strs(&csv)));
    }
}

/// Rows read the same way as `read` with a CSV form.
fn rows(env: &Env, as_of: &str, name: &str, args: &[&str]) {
    read(env, as_of, name, args, true);
}

/// A document without a CSV form.
fn doc(env: &Env, as_of: &str, name: &str, args: &[&str]) {
    read(env, as_of, name, args, false);
}

/// A command that writes: `{name}_table` and `{name}_json`, each on a fresh copy of `setup`.
/// Returns the copy the JSON form ran on, for a follow-up.
fn write(setup: &Env, as_of: &str, name: &str, args: &[&str]) -> Env {
    let table = copy(setup);
    insta::assert_snapshot!(format!("{name}_table"), output(&table, as_of, args));
    let json = copy(setup);
    let args = with(args, &["--json"]);
    insta::assert_snapshot!(format!("{name}_json"), output(&json, as_of, &strs(&args)));
    json
}

/// A fresh folder with a copy of every file of `env`'s (the ledger and its input files).
fn copy(env: &Env) -> Env {
    let new = Env::new();
    for entry in std::fs::read_dir(env.dir.path()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), new.dir.path().join(entry.file_name())).unwrap();
        }
    }
    new
}

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

/// Copies a fixture into the ledger's folder, so a command can name it by its file name.
fn bring(env: &Env, path: &str) {
    let from = fixture(path);
    std::fs::copy(&from, env.dir.path().join(from.file_name().unwrap())).unwrap();
}

// ---- Scenarios ------------------------------------------------------------------------------

/// The demo account (Seoyeon Park, a business paying by card) loaded into a file at 2024-06-01.
fn demo() -> Env {
    let env = Env::new();
    output(&env, "2024-06-01", &["init", "--demo"]);
    env
}

/// Minji Kim, an individual created on 2024-01-01 with an SMS phone and no payment method.
fn individual() -> Env {
    let env = Env::new();
    output(
        &env,
        "2024-01-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
            "--phone",
            "010-3333-4444",
        ],
    );
    env
}

/// Jisoo Lee's company, paying by card, with its name and registration number set and the
/// issue's February 2024 (a 60,000-won Server from the 10th, 700 hours of a 12-won load
/// balancer): bill 2024-02 of 54,670 issued 2024-03-03 and paid on the 10th, tax invoice
/// 2024-03-06.
fn business_by_card() -> Env {
    let env = Env::business("2024-01-01");
    output(
        &env,
        "2024-01-01",
        &[
            "account",
            "set",
            "--company",
            "Lee Robotics",
            "--business-no",
            "123-45-67890",
        ],
    );
    env.paying_by_card("2024-01-01", "2027-12", &[])
        .with_february()
}

/// Minji Kim's card expired in 2024-02: the automatic payments of February's bill
/// (a 60,000-won Server from 2024-02-10) are declined 10–14 March, the bill is outstanding
/// on the 15th, and on 1 April it takes a late penalty and services are blocked.
fn card_expired() -> Env {
    individual()
        .paying_by_card("2024-01-01", "2024-02", &[])
        .with_contracts(
            "2024-03-01",
            "KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,\n",
        )
}

/// A business paying by direct deposit (after a card), with the February 2024 figures.
fn deposit() -> Env {
    Env::business("2024-01-01")
        .paying_by_deposit("2024-01-01", "2027-12")
        .with_february()
}

/// NCP's own figures for 2024-05 (bill, per service, per contract, contract summary) imported
/// on 2024-06-20 into a business created on 2024-05-01 (README, "NCP's own data").
fn ncp() -> Env {
    let env = ncp_member();
    output(&env, "2024-06-20", &ncp_import_args());
    env
}

fn ncp_member() -> Env {
    let env = Env::new();
    output(
        &env,
        "2024-05-01",
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
    for file in NCP_FILES {
        bring(&env, &format!("ncp/{file}"));
    }
    bring(&env, "ncp/v1/daily-usage-2024-05.json");
    bring(&env, "ncp/demand-costs-v2-2024-06.json");
    env
}

const NCP_FILES: [&str; 4] = [
    "demand-cost-2024-05.json",
    "product-demand-2024-05.json",
    "contract-demand-2024-05.json",
    "contract-summary-2024-05.json",
];

fn ncp_import_args() -> Vec<&'static str> {
    let mut args = vec!["import", "ncp"];
    args.extend(NCP_FILES);
    args
}

// ---- One test per command group -------------------------------------------------------------

#[test]
fn views_init() {
    let empty = Env::new();
    write(
        &empty,
        "2024-01-01",
        "init_individual",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    write(
        &empty,
        "2024-01-01",
        "init_business",
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
            "--phone",
            "010-1111-2222",
            "--company",
            "Lee Robotics",
            "--business-no",
            "123-45-67890",
        ],
    );
    write(
        &empty,
        "2024-01-01",
        "init_expatriate",
        &[
            "init",
            "--expatriate",
            "--first-name",
            "Anna",
            "--last-name",
            "Smith",
            "--email",
            "anna@example.com",
        ],
    );
    write(&empty, "2024-06-01", "init_demo", &["init", "--demo"]);
}

#[test]
fn views_account() {
    let demo = demo();
    doc(&demo, DEMO_AT, "account_show_demo", &["account", "show"]);
    doc(
        &business_by_card(),
        "2024-03-20",
        "account_show_business",
        &["account", "show"],
    );
    let individual = individual();
    doc(
        &individual,
        "2024-01-02",
        "account_show_no_method",
        &["account", "show"],
    );

    write(
        &demo,
        DEMO_AT,
        "account_set_demo",
        &[
            "account",
            "set",
            "--first-name",
            "Seoyeon",
            "--last-name",
            "Choi",
            "--phone",
            "010-9999-0000",
        ],
    );
    write(
        &individual,
        "2024-01-02",
        "account_set_to_business",
        &[
            "account",
            "set",
            "--member-type",
            "business",
            "--company",
            "Kim Labs",
            "--business-no",
            "220-81-12345",
        ],
    );
    let expatriate = write(
        &individual,
        "2024-01-02",
        "account_set_expatriate",
        &["account", "set", "--expatriate", "true"],
    );
    doc(
        &expatriate,
        "2024-01-02",
        "account_show_expatriate",
        &["account", "show"],
    );
    write(
        &demo,
        DEMO_AT,
        "account_billing_email_demo",
        &["account", "billing-email", "billing@park.example"],
    );
    write(
        &individual,
        "2024-01-02",
        "account_payment_method_card",
        &[
            "account",
            "payment-method",
            "card",
            "--brand",
            "MASTER",
            "--last4",
            "5555",
            "--expiry",
            "2028-01",
            "--limit",
            "500000",
        ],
    );
    write(
        &demo,
        DEMO_AT,
        "account_payment_method_transfer",
        &[
            "account",
            "payment-method",
            "transfer",
            "--bank",
            "KB",
            "--last4",
            "1234",
            "--balance",
            "2000000",
        ],
    );
    let after = write(
        &demo,
        DEMO_AT,
        "account_payment_method_deposit",
        &["account", "payment-method", "deposit"],
    );
    // The changes just made, as `account show` lists them.
    doc(
        &after,
        DEMO_AT,
        "account_show_demo_deposit",
        &["account", "show"],
    );
}

#[test]
fn views_import() {
    let member = Env::new().with_member();
    for name in ["contracts.csv", "usage.csv", "promotions.csv"] {
        bring(&member, &format!("demo/{name}"));
    }
    bring(&member, "holidays/kr-2023-2027.csv");
    write(
        &member,
        "2024-03-01",
        "import_contracts",
        &["import", "contracts", "contracts.csv"],
    );
    let contracts = copy(&member);
    output(
        &contracts,
        "2024-03-01",
        &["import", "contracts", "contracts.csv"],
    );
    // The same file again: nothing added.
    write(
        &contracts,
        "2024-03-01",
        "import_contracts_again",
        &["import", "contracts", "contracts.csv"],
    );
    write(
        &contracts,
        "2024-03-01",
        "import_usage",
        &["import", "usage", "usage.csv"],
    );
    write(
        &member,
        "2024-03-01",
        "import_promotions",
        &["import", "promotions", "promotions.csv"],
    );
    write(
        &member,
        "2024-03-01",
        "import_holidays",
        &["import", "holidays", "kr-2023-2027.csv"],
    );
    // A fees statement for January, then a corrected one after the bill was issued.
    member.file(
        "fees.csv",
        "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
         2024-01,KR,Server,KR-SVR-9,Monthly flat rate,31,day,50000,50000,0,50000\n\
         2024-01,KR,Object Storage,KR-OBJ-9,Storage,120.5,GB,28,3374,374,3000\n",
    );
    write(
        &member,
        "2024-02-01",
        "import_fees",
        &["import", "fees", "fees.csv"],
    );
    let fees = copy(&member);
    output(&fees, "2024-02-01", &["import", "fees", "fees.csv"]);
    rows(&fees, "2024-02-05", "pay_after_fees", &["pay"]);
    fees.file(
        "fees.csv",
        "month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
         2024-01,KR,Server,KR-SVR-9,Monthly flat rate,31,day,60000,60000,0,60000\n\
         2024-01,KR,Object Storage,KR-OBJ-9,Storage,120.5,GB,28,3374,374,3000\n",
    );
    let corrected = write(
        &fees,
        "2024-02-20",
        "import_fees_correction_after_issue",
        &["import", "fees", "fees.csv"],
    );
    // Where the correction went: January as history now bills it, and the bills.
    rows(
        &corrected,
        "2024-03-05",
        "history_after_fees_correction",
        &["history", "--month", "2024-01"],
    );
    rows(
        &corrected,
        "2024-03-05",
        "pay_after_fees_correction",
        &["pay"],
    );

    // NCP's bodies: the bill and its lines, then daily usage, then a v2 bill.
    let member = ncp_member();
    write(&member, "2024-06-20", "import_ncp", &ncp_import_args());
    let imported = ncp();
    write(
        &imported,
        "2024-06-20",
        "import_ncp_daily_usage",
        &["import", "ncp", "daily-usage-2024-05.json"],
    );
    write(
        &imported,
        "2024-07-05",
        "import_ncp_v2",
        &["import", "ncp", "demand-costs-v2-2024-06.json"],
    );
}

#[test]
fn views_export() {
    let demo = demo();
    let csv = write(
        &demo,
        DEMO_AT,
        "export_demo_csv_file",
        &[
            "export",
            "--month",
            "2024-06",
            "--output",
            "fees-2024-06.csv",
        ],
    );
    // The file itself: the fees format with a byte-order mark (shown as \u{feff}).
    let file = std::fs::read_to_string(csv.path("fees-2024-06.csv")).unwrap();
    insta::assert_snapshot!(
        "export_demo_csv_file_contents",
        file.replace('\u{feff}', "\\u{feff}")
    );
    write(
        &demo,
        DEMO_AT,
        "export_demo_xlsx_file",
        &[
            "export",
            "--month",
            "2024-06",
            "--output",
            "fees-2024-06.xlsx",
        ],
    );
    write(
        &ncp(),
        "2024-06-20",
        "export_ncp_csv_file",
        &[
            "export",
            "--month",
            "2024-05",
            "--output",
            "fees-2024-05.csv",
        ],
    );
}

#[test]
fn views_history() {
    let demo = demo();
    rows(&demo, DEMO_AT, "history_demo_running_month", &["history"]);
    rows(
        &demo,
        DEMO_AT,
        "history_demo_2024_06",
        &["history", "--month", "2024-06"],
    );
    rows(
        &demo,
        DEMO_AT,
        "history_demo_2024_06_detail",
        &["history", "--month", "2024-06", "--detail"],
    );
    rows(
        &demo,
        DEMO_AT,
        "history_demo_2024_06_sgn",
        &["history", "--month", "2024-06", "--region", "SGN"],
    );
    rows(
        &demo,
        DEMO_AT,
        "history_demo_2023_06_detail_jpn",
        &[
            "history", "--month", "2023-06", "--region", "JPN", "--detail",
        ],
    );
    rows(
        &business_by_card(),
        "2024-03-20",
        "history_business_2024_02_detail",
        &["history", "--month", "2024-02", "--detail"],
    );
    rows(
        &ncp(),
        "2024-06-20",
        "history_ncp_2024_05_detail",
        &["history", "--month", "2024-05", "--detail"],
    );
    rows(&individual(), "2024-01-15", "history_empty", &["history"]);
}

#[test]
fn views_status() {
    let demo = demo();
    rows(&demo, DEMO_AT, "status_demo", &["status"]);
    rows(
        &demo,
        DEMO_AT,
        "status_demo_jpn",
        &["status", "--region", "JPN"],
    );
    rows(&card_expired(), "2024-04-05", "status_blocked", &["status"]);
    // NCP's contract summary counts only for its own month: imported during May, it is
    // what May's status shows; read in June (after the import of the whole month), it is not.
    let summary = ncp_member();
    output(
        &summary,
        "2024-05-25",
        &["import", "ncp", "contract-summary-2024-05.json"],
    );
    rows(&summary, "2024-05-25", "status_ncp_summary", &["status"]);
    rows(&ncp(), "2024-06-20", "status_ncp_next_month", &["status"]);
    rows(&individual(), "2024-01-15", "status_empty", &["status"]);
}

#[test]
fn views_pay() {
    let demo = demo();
    rows(&demo, DEMO_AT, "pay_demo", &["pay"]);
    rows(
        &business_by_card(),
        "2024-03-05",
        "pay_business_open",
        &["pay"],
    );
    let expired = card_expired();
    rows(&expired, "2024-03-12", "pay_card_declined", &["pay"]);
    rows(&expired, "2024-04-05", "pay_blocked_with_penalty", &["pay"]);
    rows(
        &expired,
        "2024-06-05",
        "pay_overdue_three_penalties",
        &["pay"],
    );
    let deposit = deposit();
    rows(&deposit, "2024-03-20", "pay_deposit_outstanding", &["pay"]);
    rows(&ncp(), "2024-06-20", "pay_ncp", &["pay"]);
    rows(&individual(), "2024-01-15", "pay_empty", &["pay"]);

    // Instant: May's bill prepaid by card, then the same key again (a replay).
    let paid = write(
        &demo,
        "2024-06-05",
        "pay_instant_demo",
        &["pay", "--instant", "--yes", "--idempotency-key", "k-123"],
    );
    write(
        &paid,
        "2024-06-05",
        "pay_instant_demo_replay",
        &["pay", "--instant", "--yes", "--idempotency-key", "k-123"],
    );
    // Automatic payments: June's bill on 2024-07-10 (the demo was loaded on 2024-06-01).
    write(&demo, "2024-07-10", "pay_auto_demo", &["pay", "--auto"]);
    // A deposit that finds nothing owed: all of it is credit.
    write(
        &demo,
        DEMO_AT,
        "pay_deposit_demo_credit",
        &[
            "pay",
            "--deposit",
            "50000",
            "--reference",
            "KB 2024-07-20",
            "--yes",
        ],
    );
    // The expired card: declined on the 10th; then a new card pays bill and penalty.
    write(
        &expired,
        "2024-03-10",
        "pay_auto_declined",
        &["pay", "--auto"],
    );
    let renewed = copy(&expired).paying_by_card("2024-04-05", "2029-12", &[]);
    write(
        &renewed,
        "2024-04-05",
        "pay_instant_outstanding_with_penalty",
        &["pay", "--instant", "--yes"],
    );
    // Only the older bill, by month.
    write(
        &renewed,
        "2024-04-05",
        "pay_instant_one_month",
        &["pay", "--instant", "--yes", "--month", "2024-02"],
    );
    // A deposit member: part of the bill, then more than the rest.
    write(
        &deposit,
        "2024-03-20",
        "pay_deposit_partial",
        &["pay", "--deposit", "20000", "--reference", "IBK-1", "--yes"],
    );
    let part = copy(&deposit);
    output(
        &part,
        "2024-03-20",
        &["pay", "--deposit", "20000", "--reference", "IBK-1", "--yes"],
    );
    let after = write(
        &part,
        "2024-03-21",
        "pay_deposit_overpaid",
        &[
            "pay",
            "--deposit",
            "100000",
            "--reference",
            "IBK-2",
            "--yes",
        ],
    );
    rows(
        &after,
        "2024-03-21",
        "pay_deposit_after_overpaying",
        &["pay"],
    );
}

#[test]
fn views_notifications() {
    let demo = demo();
    rows(
        &demo,
        DEMO_AT,
        "notifications_demo_2024_06",
        &["notifications", "--month", "2024-06"],
    );
    let expired = card_expired();
    rows(
        &expired,
        "2024-04-05",
        "notifications_card_expired",
        &["notifications"],
    );
    rows(
        &deposit(),
        "2024-03-20",
        "notifications_deposit",
        &["notifications"],
    );
    rows(
        &individual(),
        "2024-01-15",
        "notifications_empty",
        &["notifications"],
    );
}

#[test]
fn views_receipt() {
    let demo = demo();
    rows(
        &demo,
        DEMO_AT,
        "receipt_list_demo_2024_06",
        &["receipt", "list", "--month", "2024-06"],
    );
    rows(
        &business_by_card(),
        "2024-03-20",
        "receipt_list_business",
        &["receipt", "list"],
    );
    let individual = individual().with_contracts(
        "2024-01-02",
        "KR-SVR-1,Server,KR,monthly,50000,month,2024-01-01,2024-01-31\n",
    );
    rows(
        &individual,
        "2024-02-05",
        "receipt_list_empty",
        &["receipt", "list"],
    );
    let applied = write(
        &individual,
        "2024-01-05",
        "receipt_apply",
        &["receipt", "apply", "--agree-nts"],
    );
    // January's bill by a real-time transfer on Tuesday 2024-02-06: a cash receipt, on the
    // NTS site from the next business day, Wednesday 2024-02-07.
    write(
        &applied,
        "2024-02-06T15:00",
        "pay_instant_transfer_cash_receipt",
        &["pay", "--instant", "--method", "transfer", "--yes"],
    );
    let paid = copy(&applied);
    output(
        &paid,
        "2024-02-06T15:00",
        &["pay", "--instant", "--method", "transfer", "--yes"],
    );
    rows(
        &paid,
        "2024-02-20",
        "receipt_list_cash_receipt",
        &["receipt", "list"],
    );
    write(
        &paid,
        "2024-02-20",
        "receipt_cancel",
        &["receipt", "cancel"],
    );
}

#[test]
fn views_confirmation() {
    write(
        &demo(),
        DEMO_AT,
        "confirmation_demo_2024_06",
        &[
            "confirmation",
            "--month",
            "2024-06",
            "--output",
            "usage-2024-06.html",
        ],
    );
    let business = business_by_card();
    let again = write(
        &business,
        "2024-03-20",
        "confirmation_business_2024_02",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            "usage-2024-02.html",
        ],
    );
    // Reissued: the same number, counted.
    insta::assert_snapshot!(
        "confirmation_business_2024_02_reissued_json",
        output(
            &again,
            "2024-03-21",
            &[
                "confirmation",
                "--month",
                "2024-02",
                "--output",
                "again.html",
                "--json"
            ],
        )
    );
    write(
        &card_expired(),
        "2024-04-05",
        "confirmation_outstanding_2024_02",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            "usage-2024-02.html",
        ],
    );
    write(
        &ncp(),
        "2024-06-20",
        "confirmation_ncp_2024_05",
        &[
            "confirmation",
            "--month",
            "2024-05",
            "--output",
            "usage-2024-05.html",
        ],
    );
}

#[test]
fn views_trend() {
    let demo = demo();
    rows(&demo, DEMO_AT, "trend_demo", &["trend"]);
    rows(
        &demo,
        DEMO_AT,
        "trend_demo_12_months",
        &["trend", "--months", "12"],
    );
    rows(
        &card_expired(),
        "2024-04-05",
        "trend_card_expired",
        &["trend"],
    );
    rows(
        &ncp(),
        "2024-06-20",
        "trend_ncp",
        &["trend", "--months", "3"],
    );
    rows(&individual(), "2024-01-15", "trend_empty", &["trend"]);
}

#[test]
fn views_promotions() {
    rows(&demo(), DEMO_AT, "promotions_demo", &["promotions"]);
    rows(
        &individual(),
        "2024-01-15",
        "promotions_empty",
        &["promotions"],
    );
}

#[test]
fn views_calendar() {
    let demo = demo();
    rows(&demo, DEMO_AT, "calendar_list_demo", &["calendar", "list"]);
    rows(
        &demo,
        DEMO_AT,
        "calendar_list_demo_2025",
        &["calendar", "list", "--year", "2025"],
    );
    let individual = individual();
    let added = write(
        &individual,
        "2024-01-15",
        "calendar_add",
        &["calendar", "add", "2024-05-01", "Labour Day"],
    );
    let renamed = write(
        &added,
        "2024-01-15",
        "calendar_add_rename",
        &["calendar", "add", "2024-05-01", "Workers' Day"],
    );
    // The added day among the built-in ones, with its source.
    rows(
        &renamed,
        "2024-01-15",
        "calendar_list_added_2024",
        &["calendar", "list", "--year", "2024"],
    );
}

#[test]
fn views_check() {
    doc(&demo(), DEMO_AT, "check_demo", &["check"]);
    doc(&card_expired(), "2024-06-05", "check_overdue", &["check"]);
    doc(&ncp(), "2024-06-20", "check_ncp", &["check"]);
}
