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
        &[
            "history", "--month", "2026-02", "--detail", "--format", "csv",
        ],
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

/// The public 2022 account (tests/cli/ncp_public.rs): a partner-priced January, NCP's use
/// 1,880,530 and every other amount 0, imported with its per-service rows.
fn partner() -> Env {
    let env = Env::new();
    env.ok(
        "2021-12-01",
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
    env.ok(
        "2022-03-01",
        &[
            "import",
            "ncp",
            &fixture("v1/demand-cost-2022-01-partner.json"),
            &fixture("v1/product-demand-2022-01-public.json"),
        ],
    );
    env
}

const NOTE: &str = "Note: NCP's bill of 2022-01 disagrees with its parts: use less every discount plus the default charge does not make NCP's demand amount (NCP says 0, its parts add up to 1,880,530). NCP's figures are shown as NCP sent them; `ncp-usage check` lists NCP's differences.";

#[test]
fn i14_history_of_a_partner_priced_month_says_ncps_bill_disagrees_with_its_parts() {
    let env = partner();
    let doc = env.json("2022-03-01", &["history", "--month", "2022-01"]);
    assert_eq!(doc["totals"]["estimated_payment_amount"], 1_880_530);
    assert_eq!(doc["totals"]["billed_amount"], 0);
    assert_eq!(
        doc["differences"],
        serde_json::json!([{
            "kind": "demand", "month": "2022-01", "member_no": doc["differences"][0]["member_no"],
            "level": "bill", "currency": "KRW",
            "ncp_amount": 0, "sum_amount": 1_880_530, "gap_amount": -1_880_530
        }])
    );
    let table = env.ok("2022-03-01", &["history", "--month", "2022-01"]);
    assert!(table.ends_with(&format!("{NOTE}\n")), "{table}");
    // Readable at every width: wrapped at spaces, no line past the width.
    for width in [60, 80, 100] {
        let out = env
            .cmd("2022-03-01")
            .env("COLUMNS", width.to_string())
            .args(["history", "--month", "2022-01"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= width, "{width}: {line:?}\n{text}");
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        let note: Vec<&str> = NOTE.split_whitespace().collect();
        assert!(
            words.windows(note.len()).any(|w| w == note.as_slice()),
            "{width}: {text}"
        );
    }
}

#[test]
fn i14_history_of_a_month_whose_sums_hold_has_no_note() {
    let env = Env::new().with_member();
    env.ok(
        "2024-06-20",
        &["import", "ncp", &fixture("demand-cost-2024-05.json")],
    );
    let doc = env.json("2024-06-20", &["history", "--month", "2024-05"]);
    assert!(doc.get("differences").is_none(), "{doc}");
    let table = env.ok("2024-06-20", &["history", "--month", "2024-05"]);
    assert!(!table.contains("Note:"), "{table}");
}
