//! Issue 12 (items 5, 16, 18, 21, 22): tables readable at 60, 80 and 100 columns without a
//! number, month, date, instant or id split across lines; plurals; one JSON shape per
//! concept; CSV for spreadsheets; the SMS phone in `account show`.
//!
//! The snapshots (tests/cli/snapshots/) are the demo ledger at 2024-06-05 drawn at each
//! width; `INSTA_UPDATE=always cargo test --test cli tables` rewrites them after a deliberate
//! change of layout.

use assert_cmd::Command;
use serde_json::{json, Value};

use crate::common::Env;

const WIDTHS: [u16; 3] = [60, 80, 100];

/// The binary on the demo ledger at 2024-06-05, at a terminal width of `columns`.
fn demo(columns: u16, args: &[&str]) -> String {
    let out = Command::cargo_bin("ncp-usage")
        .unwrap()
        .env_clear()
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns.to_string())
        .args(["--demo", "--as-of", "2024-06-05"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Columns a line takes on a terminal (every character here is one column wide).
fn columns(line: &str) -> usize {
    line.chars().count()
}

fn assert_fits(width: u16, args: &[&str], out: &str) {
    for line in out.lines() {
        assert!(
            columns(line) <= usize::from(width),
            "{args:?} at {width} columns: a line of {}:\n{line}\n{out}",
            columns(line)
        );
    }
}

/// Every table at every width: the snapshot, and no line wider than the terminal.
fn snapshot_all(name: &str, args: &[&str]) {
    for width in WIDTHS {
        let out = demo(width, args);
        assert_fits(width, args, &out);
        insta::assert_snapshot!(format!("{name}_{width}"), out);
    }
}

#[test]
fn i12_5_history_fits_every_width() {
    snapshot_all("history", &["history", "--month", "2024-05"]);
}

#[test]
fn i12_5_history_detail_fits_every_width() {
    snapshot_all(
        "history_detail",
        &["history", "--month", "2024-05", "--detail"],
    );
}

#[test]
fn i12_5_status_fits_every_width() {
    snapshot_all("status", &["status"]);
}

#[test]
fn i12_5_pay_fits_every_width() {
    snapshot_all("pay", &["pay"]);
}

#[test]
fn i12_5_notifications_fit_every_width() {
    snapshot_all("notifications", &["notifications"]);
}

#[test]
fn i12_5_receipt_list_fits_every_width() {
    snapshot_all("receipt_list", &["receipt", "list"]);
}

#[test]
fn i12_5_promotions_fit_every_width() {
    snapshot_all("promotions", &["promotions"]);
}

#[test]
fn i12_5_trend_fits_every_width() {
    snapshot_all("trend", &["trend"]);
}

#[test]
fn i12_5_account_show_fits_every_width() {
    snapshot_all("account_show", &["account", "show"]);
}

#[test]
fn i12_5_calendar_list_fits_every_width() {
    snapshot_all("calendar_list", &["calendar", "list", "--year", "2024"]);
}

#[test]
fn i12_5_check_fits_every_width() {
    snapshot_all("check", &["check"]);
}

#[test]
fn i12_5_import_summary_fits_every_width() {
    for width in WIDTHS {
        let env = Env::new().with_member();
        let file = env.file(
            "contracts.csv",
            "contract_no,service,region,plan,price,unit,start_date,end_date\n\
             KR-SVR-1,Server,KR,monthly,60000,month,2024-02-10,\n",
        );
        let out = env
            .cmd("2024-03-01")
            .env("COLUMNS", width.to_string())
            .current_dir(env.dir.path())
            .args([
                "import",
                "contracts",
                file.file_name().unwrap().to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        assert_fits(width, &["import"], &out);
        let expected = if width == 60 {
            "Imported contracts.csv: 1 row — 1 added, 0 updated, 0\nalready there.\n"
        } else {
            "Imported contracts.csv: 1 row — 1 added, 0 updated, 0 already there.\n"
        };
        assert_eq!(out, expected);
    }
}

/// The tester's cases: at 60 columns `trend` split `1,188,` / `710` and `2024-0` / `1`;
/// at 100 `promotions` wrapped "Promotio/n" and `history --detail` split contract numbers.
#[test]
fn i12_5_numbers_months_and_ids_stay_whole() {
    let trend = demo(60, &["trend"]);
    assert!(trend.contains("│ 2024-01 ┆ 1,188,710 ┆"), "{trend}");
    let promotions = demo(100, &["promotions"]);
    assert!(promotions.contains("│ Promotion "), "{promotions}");
    assert!(!promotions.contains("Promotio\n"), "{promotions}");
    for width in WIDTHS {
        let detail = demo(width, &["history", "--month", "2024-05", "--detail"]);
        for contract in ["JPN-BLK-2201", "KR-FN-9001", "SGN-SVR-1101"] {
            assert!(detail.contains(contract), "{width}: {contract}\n{detail}");
        }
        // Unit prices are grouped by thousands in the table.
        assert!(detail.contains("140,000"), "{detail}");
    }
    // Too narrow for every column: the optional ones go, with a note, and no number splits.
    let history = demo(60, &["history", "--month", "2024-05"]);
    assert!(
        history.contains("(hidden at this width: Details; --json shows every field)"),
        "{history}"
    );
    // Far too narrow for the detailed fees: each line becomes a stacked block.
    let detail = demo(60, &["history", "--month", "2024-05", "--detail"]);
    assert!(
        detail.contains(
            "Region      JPN\nService     Block Storage\nContract    JPN-BLK-2201\n\
             Item        Monthly flat rate\nQuantity    31 day\nUnit price  9,000\n\
             Used        9,000\nDiscount    0\nEstimated   9,000\n"
        ),
        "{detail}"
    );
}

/// Without a known width (a pipe, no COLUMNS) nothing wraps and every column is shown.
#[test]
fn i12_5_no_width_means_no_wrapping() {
    let out = Command::cargo_bin("ncp-usage")
        .unwrap()
        .env_clear()
        .env("NO_COLOR", "1")
        .args(["--demo", "--as-of", "2024-06-05", "notifications"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains(
        "│ 2024-06-03T00:00:00+09:00 ┆ sms     ┆ bill_issued ┆ 2024-05 ┆ 010-2024-0601          ┆ Your 2024-05 bill: 1,248,390 KRW, due 2024-06-10 to 2024-06-14 │"
    ), "{out}");
}

#[test]
fn i12_16_plurals() {
    // One day into June: "(1 day)", not "(1 days)".
    let out = Command::cargo_bin("ncp-usage")
        .unwrap()
        .env_clear()
        .env("NO_COLOR", "1")
        .args(["--demo", "--as-of", "2024-06-02", "history"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("2024-06-01 – 2024-06-01 (1 day), month in progress"),
        "{out}"
    );
    let pay = demo(100, &["pay"]);
    assert!(
        pay.contains("(8 older paid bills not shown; --json lists them all)"),
        "{pay}"
    );
    let calendar = demo(100, &["calendar", "list", "--year", "2024"]);
    assert!(calendar.ends_with("\n19 holidays\n"), "{calendar}");
    for width in WIDTHS {
        for args in [
            &["history", "--month", "2024-05"][..],
            &["pay"],
            &["calendar", "list"],
            &["trend"],
        ] {
            let out = demo(width, args);
            assert!(!out.contains("(s)"), "{args:?}: {out}");
        }
    }

    let env = Env::new().with_member().with_february();
    let path = env.path("one.csv");
    let out = env.ok(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-01",
            "--output",
            path.to_str().unwrap(),
        ],
    );
    assert!(out.starts_with("Wrote 0 fee lines of 2024-01"), "{out}");
}

fn demo_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&demo(100, &all)).unwrap()
}

#[test]
fn i12_18_payment_method_has_one_shape() {
    let card = json!({
        "kind": "card",
        "label": "VISA card ****4242 (expires 2027-12)",
        "brand": "VISA",
        "last4": "4242",
        "expiry": "2027-12",
        "limit": null
    });
    assert_eq!(demo_json(&["pay"])["payment_method"], card);
    assert_eq!(
        demo_json(&["history", "--month", "2024-05"])["payment_method"],
        card
    );
    assert_eq!(demo_json(&["account", "show"])["payment_method"], card);

    // None registered: the same object, of kind "none".
    let env = Env::new();
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--member-type",
            "individual",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    let none = json!({"kind": "none", "label": "none registered"});
    assert_eq!(
        env.json("2024-01-02", &["account", "show"])["payment_method"],
        none
    );
    assert_eq!(env.json("2024-01-02", &["pay"])["payment_method"], none);
    assert_eq!(
        env.json("2024-01-02", &["history", "--month", "2024-01"])["payment_method"],
        none
    );
}

#[test]
fn i12_18_services_count_contracts() {
    let doc = demo_json(&["history", "--month", "2024-05"]);
    let server = doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "Server" && s["region"] == "KR")
        .unwrap();
    assert_eq!(server["contracts"], 3);
    assert_eq!(server["details"], "3 contracts");
    let csv = demo(100, &["history", "--month", "2024-05", "--format", "csv"]);
    assert!(csv.starts_with(
        "month,service,region,used_amount,discount_amount,estimated_payment_amount,contracts,details\n"
    ), "{csv}");
    assert!(
        csv.contains("\n2024-05,Server,KR,192375,0,192375,3,3 contracts\n"),
        "{csv}"
    );
}

#[test]
fn i12_18_csv_carries_status_columns() {
    let trend = demo(100, &["trend", "--format", "csv"]);
    assert!(trend.starts_with(
        "month,used_amount,billed_amount,paid_amount,outstanding_amount,penalty_amount,status\n"
    ), "{trend}");
    assert!(
        trend.contains("\n2024-01,1188710,1258070,1258070,0,0,paid\n"),
        "{trend}"
    );
    assert!(trend.ends_with("\n2024-06,164300,0,0,0,0,\n"), "{trend}");

    let promotions = demo(100, &["promotions", "--format", "csv"]);
    assert!(promotions.starts_with(
        "name,service,provision_type,pricing_plan,provided,used,discount_rate,credit,valid_from,valid_to,credit_remaining,credit_status,projected_run_out\n"
    ), "{promotions}");
    assert!(
        promotions.contains(",23087,active,2024-06-21\n"),
        "{promotions}"
    );
    assert!(
        promotions.contains(
            "Welcome credit,Server,credit,all,1,1,,300000,2023-06-01,2023-12-31,0,expired,\n"
        ),
        "{promotions}"
    );
}

#[test]
fn i12_21_exported_csv_starts_with_a_bom_and_stdout_does_not() {
    let env = Env::new().with_member().with_february();
    let path = env.path("fees.csv");
    env.ok(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            path.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    assert!(bytes[3..].starts_with(b"month,region,service,contract_no,"));

    let stdout = env.ok(
        "2024-03-05",
        &[
            "history", "--month", "2024-02", "--detail", "--format", "csv",
        ],
    );
    assert!(stdout.starts_with("month,region,"), "{stdout:?}");

    // The importer reads the exported file back, mark and all.
    let other = Env::new();
    let doc = other.json("2024-03-05", &["import", "fees", path.to_str().unwrap()]);
    assert_eq!(doc["added"], 2);
}

#[test]
fn i12_22_account_show_names_the_sms_phone() {
    let out = demo(80, &["account", "show"]);
    assert!(out.contains("\nPhone (SMS)     010-2024-0601\n"), "{out}");
    assert_eq!(
        demo_json(&["account", "show"])["member"]["phone"],
        "010-2024-0601"
    );

    let env = Env::new().with_member();
    let out = env.ok("2024-01-02", &["account", "show"]);
    assert!(out.contains("\nPhone (SMS)     none registered\n"), "{out}");
}
