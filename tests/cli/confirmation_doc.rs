//! The usage confirmation as a person reads it (issues 11.16, 12.3, 12.17, 12.23): the
//! payment status from the same bill balance as `pay`, corrections shown as carried into a
//! later bill, no confirmation without a bill, the company details of a business member, a
//! header row on every printed page, page numbers, totals once at the end, and Korean text
//! read back from the real PDF with pdftotext.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::Env;

/// Debian's Chromium, as `.ci/run` installs it; outside CI the browser tests say they were
/// skipped when there is none, and CI fails without one.
fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (see .ci/run)"
        );
        eprintln!("SKIPPED: no Chromium here; `apt-get install chromium poppler-utils fonts-noto-cjk` to run the browser tests");
    }
    found
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

fn confirmation(env: &Env, as_of: &str, month: &str, file: &str) -> Value {
    let out = env.path(file);
    env.json(
        as_of,
        &[
            "confirmation",
            "--month",
            month,
            "--output",
            out.to_str().unwrap(),
        ],
    )
}

/// The pay view's row for `month`.
fn pay_row(env: &Env, as_of: &str, month: &str) -> Value {
    let pay = env.json(as_of, &["pay"]);
    pay["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["month"] == month)
        .cloned()
        .unwrap_or_else(|| panic!("no bill for {month} in {pay}"))
}

#[test]
fn i11_16_a_corrected_month_confirms_its_bill_and_the_carried_correction() {
    let env = Env::new().with_member().with_february();
    // February's bill (54,670) is issued on 3 March and paid by card on the 10th. On the
    // 20th, 100 more hours of the load balancer on 29 February arrive: +1,200 used, so the
    // month rates at 50,979 → 50,900 + VAT 5,090 = 55,990, and the 1,320 difference is a
    // correction carried into March's bill (66,000 for the server's whole March).
    let usage = env.file(
        "late.csv",
        "contract_no,date,quantity\nKR-LB-1,2024-02-29,128\n",
    );
    env.ok("2024-03-20", &["import", "usage", usage.to_str().unwrap()]);

    let feb = confirmation(&env, "2024-04-20", "2024-02", "feb.html");
    let feb_pay = pay_row(&env, "2024-04-20", "2024-02");
    assert_eq!(feb_pay["billed_amount"], 54_670);
    assert_eq!(feb_pay["status"], "paid");
    assert_eq!(feb["payment_status"], feb_pay["status"]);
    assert_eq!(feb["paid_amount"], feb_pay["paid_amount"]);
    assert_eq!(feb["bill"]["billed_amount"], 54_670);
    assert_eq!(feb["bill"]["paid_amount"], 54_670);
    assert_eq!(feb["bill"]["unpaid_amount"], 0);
    assert_eq!(
        feb["totals"]["billed_amount"], 55_990,
        "the usage as corrected"
    );
    assert_eq!(
        feb["corrections"],
        serde_json::json!([{"month": "2024-02", "amount": 1_320, "carried_into": "2024-03"}])
    );
    let html = std::fs::read_to_string(env.path("feb.html")).unwrap();
    assert!(html.contains("paid 54,670 KRW of 54,670 KRW"), "{html}");
    assert!(
        html.contains("A correction of +1,320 KRW to 2024-02's usage was recorded after its bill was issued; it is carried into the bill of 2024-03"),
        "{html}"
    );

    let mar = confirmation(&env, "2024-04-20", "2024-03", "mar.html");
    let mar_pay = pay_row(&env, "2024-04-20", "2024-03");
    assert_eq!(mar_pay["billed_amount"], 67_320);
    assert_eq!(mar["payment_status"], mar_pay["status"]);
    assert_eq!(mar["payment_status"], "paid");
    assert_eq!(mar["paid_amount"], 67_320);
    assert_eq!(mar["totals"]["billed_amount"], 66_000, "March's own usage");
    assert_eq!(mar["bill"]["billed_amount"], 67_320);
    assert_eq!(mar["bill"]["usage_amount"], 66_000);
    assert_eq!(
        mar["bill"]["carried_in"],
        serde_json::json!([{"month": "2024-02", "amount": 1_320, "carried_into": "2024-03"}])
    );
    assert_eq!(mar["corrections"], serde_json::json!([]));
    let html = std::fs::read_to_string(env.path("mar.html")).unwrap();
    assert!(html.contains("paid 67,320 KRW of 67,320 KRW"), "{html}");
    assert!(
        html.contains("correction of 2024-02 carried into this bill"),
        "{html}"
    );
    assert!(html.contains("+1,320 KRW"), "{html}");
    // The human line says the same.
    let out = env.ok(
        "2024-04-21",
        &[
            "confirmation",
            "--month",
            "2024-03",
            "--output",
            env.path("mar2.html").to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("(66,000 KRW billed, paid, paid 67,320 of 67,320 KRW)"),
        "{out}"
    );
}

#[test]
fn i12_17_no_confirmation_without_a_bill_and_trend_marks_months_before_the_account() {
    let env = Env::new().with_member().with_february();
    let before = env.dump();
    let e = env.fail(
        "2024-03-20",
        &[
            "confirmation",
            "--month",
            "2023-12",
            "--output",
            env.path("dec.html").to_str().unwrap(),
        ],
        3,
    );
    assert!(
        e.contains("2023-12 is before the account was opened (2024-01), so it has no bill and no usage confirmation"),
        "{e}"
    );
    assert!(!env.path("dec.html").exists());
    let e = env.fail(
        "2024-03-02",
        &[
            "confirmation",
            "--month",
            "2024-02",
            "--output",
            env.path("feb.html").to_str().unwrap(),
        ],
        3,
    );
    assert!(
        e.contains("2024-02 has no bill yet (it is issued at 2024-03-03T00:00:00+09:00)"),
        "{e}"
    );
    assert_eq!(env.dump(), before, "a refused confirmation records nothing");

    let trend = env.json("2024-03-02", &["trend", "--months", "6"]);
    let status: Vec<(String, Value)> = trend["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_string(),
                m["status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        status,
        vec![
            ("2023-10".to_string(), Value::from("before_account")),
            ("2023-11".to_string(), Value::from("before_account")),
            ("2023-12".to_string(), Value::from("before_account")),
            ("2024-01".to_string(), Value::from("paid")),
            ("2024-02".to_string(), Value::Null),
            ("2024-03".to_string(), Value::Null),
        ]
    );
    let table = env.ok("2024-03-02", &["trend", "--months", "6"]);
    assert!(table.contains("before the account"), "{table}");
    assert!(table.contains("not billed yet"), "{table}");
}

#[test]
fn i12_23_company_details_on_init_account_set_and_show() {
    let env = Env::new();
    let e = env.fail(
        "2024-01-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
            "--company",
            "Example Co.",
        ],
        2,
    );
    assert!(
        e.contains("--company and --business-no are for business members"),
        "{e}"
    );
    for bad in [
        "12345",
        "123-45-6789",
        "123-456-7890",
        "abc-de-fghij",
        "123-45-678901",
    ] {
        let e = env.fail(
            "2024-01-01",
            &[
                "init",
                "--member-type",
                "business",
                "--first-name",
                "Minji",
                "--last-name",
                "Kim",
                "--email",
                "m@example.com",
                "--business-no",
                bad,
            ],
            2,
        );
        assert!(
            e.contains(
                "is not a business registration number; write its 10 digits as NNN-NN-NNNNN"
            ),
            "{bad}: {e}"
        );
    }
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--member-type",
            "business",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
            "--company",
            "Example Co., Ltd.",
        ],
    );
    let show = env.json("2024-01-02", &["account", "show"]);
    assert_eq!(
        show["business"],
        serde_json::json!({"company": "Example Co., Ltd.", "business_no": null})
    );
    env.ok(
        "2024-01-02",
        &["account", "set", "--business-no", "1234567890"],
    );
    let show = env.json("2024-01-02", &["account", "show"]);
    assert_eq!(show["business"]["business_no"], "123-45-67890");
    let changes: Vec<&str> = show["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(
        changes.contains(&"company") && changes.contains(&"business_no"),
        "{changes:?}"
    );
    let text = env.ok("2024-01-02", &["account", "show"]);
    assert!(text.contains("Company         Example Co., Ltd."), "{text}");
    assert!(text.contains("Business no.    123-45-67890"), "{text}");
    let e = env.fail("2024-01-02", &["account", "set", "--company", " "], 2);
    assert!(e.contains("is not a company name"), "{e}");
}

/// A business member 김민지 of 주식회사 예시 (123-45-67890) with 80 monthly services in
/// January 2024 (서버 among them): a confirmation several pages long.
fn korean_business() -> Env {
    let env = Env::new();
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--member-type",
            "business",
            "--first-name",
            "민지",
            "--last-name",
            "김",
            "--email",
            "minji@corp.example",
            "--company",
            "주식회사 예시",
            "--business-no",
            "123-45-67890",
        ],
    );
    let mut csv = String::from("contract_no,service,region,plan,price,unit,start_date,end_date\n");
    csv.push_str("KR-0,서버,KR,monthly,31000,month,2024-01-01,\n");
    for i in 1..80 {
        csv.push_str(&format!(
            "KR-{i},Service {i:02},KR,monthly,{},month,2024-01-01,\n",
            1_000 * i
        ));
    }
    let file = env.file("contracts.csv", csv);
    env.ok(
        "2024-01-15",
        &["import", "contracts", file.to_str().unwrap()],
    );
    env
}

#[test]
fn i12_23_business_confirmation_prints_company_headers_page_numbers_and_korean() {
    let Some(browser) = chromium() else { return };
    let env = korean_business();
    let pdf = env.path("usage-2024-01.pdf");
    let mut cmd = env.cmd("2024-02-20");
    cmd.env("NCP_USAGE_CHROMIUM", &browser)
        .env("PATH", "/usr/bin:/bin")
        .args([
            "confirmation",
            "--month",
            "2024-01",
            "--output",
            pdf.to_str().unwrap(),
            "--json",
        ]);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("no font for Korean"),
        "fonts-noto-cjk is installed here: {stderr}"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["member_name"], "김민지");
    assert_eq!(
        doc["business"],
        serde_json::json!({"company": "주식회사 예시", "business_no": "123-45-67890"})
    );
    let text = pdf_text(&pdf);
    assert!(text.contains("김민지"), "{text}");
    assert!(text.contains("서버"), "{text}");
    assert!(text.contains("주식회사 예시"), "{text}");
    assert!(text.contains("123-45-67890"), "{text}");
    // One page per form feed; a header row and a page number on every page.
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(
        pages.len() >= 3,
        "80 lines take several pages, got {}",
        pages.len()
    );
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Discount (KRW)") && page.contains("Billed (KRW)"),
            "page {} has no header row: {page}",
            i + 1
        );
        assert!(
            page.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {} has no page number: {page}",
            i + 1
        );
    }
    // The totals once, on the last page, with the rounding-discount footnote.
    let last = pages.last().unwrap();
    assert_eq!(text.matches("Monthly used amount").count(), 1, "{text}");
    assert!(
        last.contains("Monthly used amount") && last.contains("Total"),
        "{last}"
    );
    assert_eq!(text.matches("Total").count(), 1, "{text}");
    assert!(last.contains("Rounding discount (under 100 won)"), "{last}");
    assert!(last.contains("share of the rounding discount"), "{last}");
    // 31,000 + 1,000 × (1 + … + 79) = 3,191,000; VAT 319,100.
    assert!(
        text.contains("3,191,000") && text.contains("3,510,100"),
        "{text}"
    );
    let html = env.path("usage-2024-01.html");
    env.ok(
        "2024-02-20",
        &[
            "confirmation",
            "--month",
            "2024-01",
            "--output",
            html.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("thead { display: table-header-group; }"));
    assert!(html.contains("counter(page)"));
}

#[test]
fn i12_3_pdf_warns_when_no_font_for_korean_is_installed() {
    let Some(browser) = chromium() else { return };
    let env = korean_business();
    // A PATH whose fc-list knows no font for Korean, as on a machine without fonts-noto-cjk.
    let bin = env.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let fc = bin.join("fc-list");
    std::fs::write(&fc, "#!/bin/sh\nexit 0\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fc, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = |file: &str| {
        let mut cmd = env.cmd("2024-02-20");
        cmd.env("NCP_USAGE_CHROMIUM", &browser)
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .args([
                "confirmation",
                "--month",
                "2024-01",
                "--output",
                env.path(file).to_str().unwrap(),
            ]);
        cmd.output().unwrap()
    };
    let out = run("c.pdf");
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim_end(),
        "warning: no font for Korean is installed (`fc-list :lang=ko` finds none), so Korean text prints as empty boxes in the PDF; install one (e.g. apt-get install fonts-noto-cjk) or write .html and print it from a browser"
    );
    assert!(std::fs::read(env.path("c.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    // The HTML is unaffected: the browser that opens it brings its own fonts.
    let out = run("c.html");
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
