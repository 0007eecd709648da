//! Issue 14, `history` of NCP months: a month NCP billed in another currency is written to CSV
//! exactly and in that currency (never as whole won it never was), and a month whose bill
//! disagrees with its own parts (a partner-priced view) says so under the table.

use std::path::PathBuf;

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

/// February 2026 billed in USD (fixtures/ncp/views: the bill and its two per-service rows),
/// imported on 2026-03-10.
fn usd() -> Env {
    let env = Env::new().with_member();
    env.ok(
        "2026-03-10",
        &[
            "import",
            "ncp",
            &fixture("views/demand-cost-2026-02-usd.json"),
            &fixture("views/product-demand-2026-02-usd.json"),
        ],
    );
    env
}

#[test]
fn i14_history_csv_of_a_usd_month_is_ncps_exact_dollars_with_their_currency() {
    let env = usd();
    let csv = env.ok(
        "2026-03-10",
        &["history", "--month", "2026-02", "--format", "csv"],
    );
    assert_eq!(
        csv,
        "month,service,region,currency,used_amount,discount_amount,estimated_payment_amount,contracts,details\n\
         2026-02,Block Storage,,USD,3.25,1.25,2,,NCP service BST\n\
         2026-02,Server,,USD,15.5,0,15.5,,NCP service VSVR\n"
    );
    let detail = env.ok(
        "2026-03-10",
        &["history", "--month", "2026-02", "--detail", "--format", "csv"],
    );
    let mut lines = detail.lines();
    assert_eq!(
        lines.next(),
        Some("month,region,service,contract_no,item,quantity,unit,unit_price,currency,used_amount,discount_amount,estimated_payment_amount")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{detail}");
    assert!(rows[0].ends_with(",USD,3.25,1.25,2"), "{detail}");
    assert!(rows[1].ends_with(",USD,15.5,0,15.5"), "{detail}");
    // Not the fees format of won: `import fees` refuses the file by its currency column.
    let file = env.file("feb.csv", &detail);
    let e = env.fail("2026-03-10", &["import", "fees", file.to_str().unwrap()], 2);
    assert!(e.contains("currency"), "{e}");
}

#[test]
fn i14_history_csv_of_a_krw_ncp_month_stays_whole_won() {
    let env = Env::new().with_member();
    env.ok(
        "2024-06-20",
        &[
            "import",
            "ncp",
            &fixture("demand-cost-2024-05.json"),
            &fixture("product-demand-2024-05.json"),
        ],
    );
    let csv = env.ok(
        "2024-06-20",
        &["history", "--month", "2024-05", "--format", "csv"],
    );
    assert!(
        csv.starts_with("month,service,region,used_amount,discount_amount,estimated_payment_amount,contracts,details\n"),
        "{csv}"
    );
    assert!(!csv.contains("KRW"), "{csv}");
}
