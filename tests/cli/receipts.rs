//! Cash receipts, tax invoices (SPEC R1–R3) and the printable usage confirmation (H5), the
//! latter opened in a real headless Chromium.

use std::path::Path;
use std::process::Command;

use crate::common::Env;

/// An individual paying by card with a January 2024 bill of 55,000 (50,000 + VAT).
fn individual_with_january_bill() -> Env {
    let env = Env::new().with_member();
    let contracts = env.file(
        "contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,50000,month,2024-01-01,2024-01-31\n",
    );
    env.ok(
        "2024-01-02",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    env
}

fn business() -> Env {
    let env = Env::business("2024-01-01");
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
    env.with_contracts(
        "2024-01-02",
        "KR-SVR-1,Server,KR,monthly,100000,month,2024-01-01,\n",
    )
}

#[test]
fn r1_applying_needs_consent_and_changes_nothing_without_it() {
    let env = individual_with_january_bill();
    env.ok("2024-01-05", &["status"]);
    let before = env.dump();
    let e = env.fail("2024-01-05", &["receipt", "apply", "--yes"], 2);
    assert!(e.contains("--agree-nts"), "{e}");
    assert_eq!(
        env.rule("2024-01-05", &["receipt", "apply", "--yes"], 2)
            .as_deref(),
        Some("R1")
    );
    assert_eq!(env.dump(), before);
    env.ok("2024-01-05", &["receipt", "apply", "--agree-nts", "--yes"]);
    let doc = env.json("2024-01-05", &["receipt", "list"]);
    assert_eq!(doc["automatic_issuance"], true);
    let e = env.fail("2024-01-06", &["receipt", "apply", "--agree-nts"], 3);
    assert!(e.contains("already on"), "{e}");
    env.ok("2024-01-07", &["receipt", "cancel"]);
    assert_eq!(
        env.json("2024-01-07", &["receipt", "list"])["automatic_issuance"],
        false
    );
    let e = env.fail("2024-01-08", &["receipt", "cancel"], 3);
    assert!(e.contains("not on"), "{e}");
}

#[test]
fn r1_business_members_are_pointed_to_tax_invoices() {
    let env = business();
    let before = env.dump();
    let args = ["receipt", "apply", "--agree-nts", "--yes"];
    let e = env.fail("2024-01-05", &args, 3);
    assert!(e.contains("tax invoice"), "{e}");
    assert_eq!(env.rule("2024-01-05", &args, 3).as_deref(), Some("R1"));
    assert_eq!(env.dump(), before);
}

#[test]
fn r2_cash_receipts_for_deposits_and_transfers_while_issuance_is_on() {
    let env = individual_with_january_bill();
    env.ok("2024-02-01", &["receipt", "apply", "--agree-nts"]);
    // Thursday 8 February, before the Seollal holidays (9–12 February).
    env.ok(
        "2024-02-08T10:00",
        &["pay", "--deposit", "20000", "--reference", "r-1", "--yes"],
    );
    // Friday 16 February.
    env.ok(
        "2024-02-16T10:00",
        &["pay", "--deposit", "35000", "--reference", "r-2", "--yes"],
    );
    // A card payment gets no cash receipt.
    let doc = env.json("2024-02-20", &["receipt", "list", "--month", "2024-02"]);
    let receipts = doc["receipts"].as_array().unwrap();
    assert_eq!(receipts.len(), 2, "{doc}");
    assert_eq!(receipts[0]["kind"], "cash_receipt");
    assert_eq!(receipts[0]["amount"], 20_000);
    assert_eq!(receipts[0]["issued_on"], "2024-02-08");
    assert_eq!(receipts[0]["available_on"], "2024-02-13");
    assert_eq!(receipts[1]["amount"], 35_000);
    assert_eq!(receipts[1]["issued_on"], "2024-02-16");
    assert_eq!(receipts[1]["available_on"], "2024-02-19");
    assert!(receipts[1]["payment_id"].as_i64().unwrap() > 0);

    // After cancelling, a new payment gets none.
    env.ok("2024-02-20", &["receipt", "cancel"]);
    env.ok(
        "2024-02-21T10:00",
        &["pay", "--deposit", "1000", "--reference", "r-3", "--yes"],
    );
    let doc = env.json("2024-02-22", &["receipt", "list"]);
    assert_eq!(doc["receipts"].as_array().unwrap().len(), 2);
    assert_eq!(
        env.json("2024-02-22", &["receipt", "list", "--month", "2024-03"])["receipts"],
        serde_json::json!([])
    );
}

#[test]
fn r2_a_real_time_transfer_gets_a_cash_receipt() {
    let env = individual_with_january_bill();
    env.ok("2024-02-01", &["receipt", "apply", "--agree-nts"]);
    // The card pays January automatically on the 10th; February's bill is prepaid on
    // Monday 4 March by a real-time transfer (no account registered: individuals register
    // cards only).
    let feb = env.file(
        "feb.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-2,Server,KR,monthly,29000,month,2024-02-01,2024-02-29\n",
    );
    env.ok(
        "2024-02-05",
        &["import", "contracts", feb.to_str().unwrap()],
    );
    let paid = env.json(
        "2024-03-04T15:00",
        &["pay", "--instant", "--method", "transfer", "--yes"],
    );
    assert_eq!(paid["method"], "transfer");
    assert_eq!(paid["amount"], 31_900);
    let doc = env.json("2024-03-05", &["receipt", "list", "--month", "2024-03"]);
    let r = &doc["receipts"][0];
    assert_eq!(
        (r["amount"].as_i64(), r["available_on"].as_str()),
        (Some(31_900), Some("2024-03-05"))
    );
}

#[test]
fn r3_tax_invoice_three_business_days_after_the_close() {
    let env = business();
    let doc = env.json("2024-02-05T23:59", &["receipt", "list"]);
    assert_eq!(doc["receipts"], serde_json::json!([]));
    let doc = env.json("2024-02-06", &["receipt", "list", "--month", "2024-01"]);
    let r = &doc["receipts"][0];
    assert_eq!(r["kind"], "tax_invoice");
    assert_eq!(r["month"], "2024-01");
    assert_eq!(r["amount"], 110_000);
    assert_eq!(r["issued_on"], "2024-02-06");
    assert!(r["payment_id"].is_null());
    // Cash receipts never appear for a business member, even for transfers.
    assert_eq!(doc["receipts"].as_array().unwrap().len(), 1);
}

#[test]
fn h5_confirmation_is_numbered_recorded_and_reissued_with_its_number() {
    let env = Env::new().with_member().with_february();
    let out = env.path("usage-2024-02.html");
    let doc = env.json(
        "2024-03-20",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let number = doc["number"].as_str().unwrap().to_string();
    assert_eq!(number, "UC-202402-000001");
    assert_eq!(doc["times_issued"], 1);
    assert_eq!(doc["totals"]["billed_amount"], 54_670);
    assert_eq!(doc["payment_status"], "paid");
    let lines = doc["lines"].as_array().unwrap();
    let vat: i64 = lines
        .iter()
        .map(|l| l["vat_amount"].as_i64().unwrap())
        .sum();
    let billed: i64 = lines
        .iter()
        .map(|l| l["billed_amount"].as_i64().unwrap())
        .sum();
    assert_eq!(
        (vat, billed),
        (4_970, 54_670),
        "the columns add up to the totals"
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains(&number) && html.contains("54,670") && html.contains("@page { size: A4"));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<link"),
        "self-contained"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let again = env.json(
        "2024-03-21",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(again["number"], number.as_str());
    assert_eq!(again["times_issued"], 2);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Reissue no. 1"));
}

#[test]
fn h5_refuses_an_unfinished_month_and_an_unknown_format_and_records_nothing() {
    let env = Env::new().with_member().with_february();
    env.ok("2024-02-20", &["status"]);
    let before = env.dump();
    let out = env.path("x.html");
    let args = [
        "confirmation",
        "--month",
        "2024-02",
        "--output",
        out.to_str().unwrap(),
    ];
    let e = env.fail("2024-02-20", &args, 3);
    assert!(e.contains("not over"), "{e}");
    assert_eq!(env.rule("2024-02-20", &args, 3).as_deref(), Some("H5"));
    let e = env.fail(
        "2024-03-20",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            env.path("x.txt").to_str().unwrap(),
        ],
        2,
    );
    assert!(e.contains(".html or .pdf"), "{e}");
    let e = env.fail(
        "2024-03-20",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            "/nonexistent/dir/x.html",
        ],
        1,
    );
    assert!(e.contains("cannot write"), "{e}");
    assert!(!out.exists());
    // The failed write recorded no confirmation number.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM confirmations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    drop(conn);
    // The write rolled back whole: not even the catch-up to 20 March was kept.
    assert_eq!(env.dump(), before);
}

/// Debian's Chromium, as `.ci/run` installs it; outside CI the browser tests say they were
/// skipped when there is none, and CI fails without one.
fn chromium() -> Option<&'static Path> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (see .ci/run)"
        );
        eprintln!("SKIPPED: no Chromium here; `apt-get install chromium poppler-utils` to run the browser tests");
    }
    found
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn h5_the_confirmation_prints_in_a_real_browser() {
    let Some(browser) = chromium() else { return };
    let env = Env::new().with_member().with_february();
    let html = env.path("usage-2024-02.html");
    let doc = env.json(
        "2024-03-20",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            html.to_str().unwrap(),
        ],
    );
    let pdf = env.path("printed.pdf");
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = pdf_text(&pdf);
    assert!(text.contains(doc["number"].as_str().unwrap()), "{text}");
    assert!(text.contains("Usage confirmation"), "{text}");
    assert!(
        text.contains("54,670") && text.contains("49,779") && text.contains("4,970"),
        "{text}"
    );
    assert!(text.contains("Minji Kim"), "{text}");
}

#[test]
fn h5_pdf_output_through_chromium() {
    let Some(browser) = chromium() else { return };
    let env = Env::new().with_member().with_february();
    let pdf = env.path("usage-2024-02.pdf");
    let mut cmd = env.cmd("2024-03-20");
    cmd.env("NCP_USAGE_CHROMIUM", browser).args([
        "confirmation",
        "--month",
        "2024-02",
        "--output",
        pdf.to_str().unwrap(),
    ]);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    assert!(
        text.contains("UC-202402-000001") && text.contains("54,670"),
        "{text}"
    );
}
