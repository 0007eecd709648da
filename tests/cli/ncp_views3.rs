//! Issue 14, what a stranger found in NCP months: a month NCP billed in USD is confirmed in
//! NCP's figures and currency (never as invented won), `trend`'s CSV keeps such a bill with its
//! currency, NCP's per-service lines name no contract, quantity or price, `status` says where
//! its count comes from, and a notice composed after its dates says what is true when sent.

use std::path::PathBuf;

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

/// February 2026 billed in USD (fixtures/ncp/views: the bill, 19.25 USD, and its two
/// per-service rows), imported on 2026-03-10.
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

/// An HTML page's text: tags dropped, the style sheet left out, runs of space made one.
fn text_of(html: &str) -> String {
    let body = &html[html.find("</style>").unwrap()..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn i14_confirmation_of_a_usd_month_is_ncps_dollars_and_bills_nothing_in_won() {
    let env = usd();
    let out = env.path("conf.html");
    let stdout = env.ok(
        "2026-03-10",
        &[
            "confirmation",
            "--month",
            "2026-02",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        stdout,
        format!(
            "Issued usage confirmation UC-202602-000001 for 2026-02 (19.25 USD billed by NCP, \
             paid in NCP's portal; nothing billed in KRW, nothing to pay here) to {}.\n",
            out.display()
        )
    );
    let text = text_of(&std::fs::read_to_string(&out).unwrap());
    for want in [
        "Payment status not paid up — nothing billed in KRW, nothing to pay here (the bill of \
         2026-02)",
        "Service Region Used (USD) Discount (USD) Estimated (USD) \
         Block Storage 3.25 1.25 2 Server 15.5 0 15.5 Total 18.75 1.25 17.5",
        "Monthly used amount 18.75 USD Discounts 1.25 USD Estimated payment amount 17.5 USD \
         Rounding discount 0 USD VAT (10 %) 1.75 USD Billed amount 19.25 USD",
        "Payment Billed by NCP 19.25 USD Not paid up yet (it is paid in NCP's portal) \
         Billed in KRW nothing, nothing to pay here",
        "The amounts are NCP's, exactly as NCP billed them and in its currency",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    for invented in ["KRW billed", "(KRW)", "under 100 won", "paid 0"] {
        assert!(!text.contains(invented), "{invented}\n{text}");
    }
    let json: serde_json::Value = serde_json::from_str(&env.ok(
        "2026-03-10",
        &[
            "--json",
            "confirmation",
            "--month",
            "2026-02",
            "--output",
            out.to_str().unwrap(),
        ],
    ))
    .unwrap();
    assert_eq!(json["lines"], serde_json::json!([]));
    assert_eq!(
        json["ncp_lines"],
        serde_json::json!([
            {"service": "Block Storage", "region": "", "currency": "USD", "use_amount": 3.25,
             "discount_amount": 1.25, "estimated_payment_amount": 2},
            {"service": "Server", "region": "", "currency": "USD", "use_amount": 15.5,
             "discount_amount": 0, "estimated_payment_amount": 15.5},
        ])
    );
    let zero = serde_json::json!({"used_amount": 0, "discount_amount": 0,
        "estimated_payment_amount": 0, "rounddown_discount_amount": 0, "vat_amount": 0,
        "billed_amount": 0});
    assert_eq!(json["totals"], zero);
    assert_eq!(json["ncp_bill"]["billed_amount"], 19.25);
    // `history` of the month agrees: no won of it (not 18 "won" of 18.75 USD), and no 0 a
    // script would sum either: its won amounts are unknown (`null`).
    let history: serde_json::Value =
        serde_json::from_str(&env.ok("2026-03-10", &["--json", "history", "--month", "2026-02"]))
            .unwrap();
    let unknown = serde_json::json!({"used_amount": null, "discount_amount": null,
        "estimated_payment_amount": null, "rounddown_discount_amount": null, "vat_amount": null,
        "billed_amount": null});
    assert_eq!(history["totals"], unknown);
}

#[test]
fn i14_trend_csv_keeps_a_usd_bill_in_its_currency() {
    let env = usd();
    assert_eq!(
        env.ok("2026-03-10", &["trend", "--format", "csv"]),
        "month,currency,used_amount,billed_amount,paid_amount,outstanding_amount,penalty_amount,status\n\
         2025-10,KRW,0,0,0,0,0,paid\n\
         2025-11,KRW,0,0,0,0,0,paid\n\
         2025-12,KRW,0,0,0,0,0,paid\n\
         2026-01,KRW,0,0,0,0,0,paid\n\
         2026-02,USD,18.75,19.25,0,,,not_paid_up\n\
         2026-03,KRW,0,0,0,0,0,\n"
    );
    // A range without such a month keeps its whole-won columns and no `currency`.
    assert_eq!(
        env.ok("2026-03-10", &["trend", "--months", "1", "--format", "csv"]),
        "month,used_amount,billed_amount,paid_amount,outstanding_amount,penalty_amount,status\n\
         2026-03,0,0,0,0,0,\n"
    );
}

#[test]
fn i14_ncps_per_service_lines_name_no_contract_quantity_or_price() {
    let env = usd();
    let detail = env.ok("2026-03-10", &["history", "--month", "2026-02", "--detail"]);
    let rows: Vec<&str> = detail
        .lines()
        .skip_while(|l| *l != "Detailed fees")
        .filter(|l| l.starts_with('│'))
        .collect();
    assert_eq!(
        rows,
        [
            "│ Region ┆ Service       ┆ Contract ┆ Item             ┆ Quantity ┆ Unit price ┆     Used ┆ Discount ┆ Estimated │",
            "│ (none) ┆ Block Storage ┆          ┆ NCP service BST  ┆          ┆            ┆ 3.25 USD ┆ 1.25 USD ┆     2 USD │",
            "│ (none) ┆ Server        ┆          ┆ NCP service VSVR ┆          ┆            ┆ 15.5 USD ┆    0 USD ┆  15.5 USD │",
        ],
        "{detail}"
    );
    // At a terminal's widths the table still fits, and never shows a quantity or price.
    for width in [60u16, 80, 100] {
        let out = env
            .cmd("2026-03-10")
            .env("COLUMNS", width.to_string())
            .args(["history", "--month", "2026-02", "--detail"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.lines()
                .all(|l| l.chars().count() <= usize::from(width)),
            "{width}: {text}"
        );
        let fees = &text[text.find("Detailed fees").unwrap()..];
        assert!(
            !fees.contains("month") && !fees.contains("15 "),
            "{width}: {fees}"
        );
        assert!(
            fees.contains("15.5 USD") && fees.contains("VSVR"),
            "{width}: {fees}"
        );
    }
    assert_eq!(
        env.ok(
            "2026-03-10",
            &["history", "--month", "2026-02", "--detail", "--format", "csv"],
        ),
        "month,region,service,contract_no,item,quantity,unit,unit_price,currency,used_amount,discount_amount,estimated_payment_amount\n\
         2026-02,,Block Storage,,NCP service BST,,,,USD,3.25,1.25,2\n\
         2026-02,,Server,,NCP service VSVR,,,,USD,15.5,0,15.5\n"
    );
}

#[test]
fn i14_an_exported_ncp_month_imports_back_as_no_invented_contract() {
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
    let out = env.path("fees-2024-05.csv");
    env.ok(
        "2024-06-20",
        &[
            "export",
            "--month",
            "2024-05",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "\u{feff}month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
         2024-05,KR,Object Storage,,NCP service OBJST,,,,3456,0,3456\n\
         2024-05,KR,Server(VPC),,NCP service VSVR,,,,120000,20000,100000\n"
    );
    let db = std::fs::read(env.path("ledger.db")).unwrap();
    let e = env.fail("2024-06-20", &["import", "fees", out.to_str().unwrap()], 2);
    assert_eq!(
        e,
        format!(
            "error: {}: line 2, column contract_no: expected an identifier of letters, digits \
             and -_.:/ (e.g. KR-SVR-1001), got ''\n",
            out.display()
        )
    );
    assert_eq!(std::fs::read(env.path("ledger.db")).unwrap(), db);
}

/// The subjects of the notices of `kind`, as `notifications --json` lists them: (sent_at,
/// channel, subject).
fn notices(env: &Env, as_of: &str, kind: &str) -> Vec<(String, String, String)> {
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(as_of, &["--json", "notifications"])).unwrap();
    json["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .map(|n| {
            let s = |k: &str| n[k].as_str().unwrap().to_string();
            (s("sent_at"), s("channel"), s("subject"))
        })
        .collect()
}

#[test]
fn p9_notices_sent_after_their_dates_say_what_is_true_when_sent() {
    // NCP's September 2026 bill, unpaid (152,776 won), reaches the ledger on 20 November:
    // after its penalty-free days (to 31 October) and its blocking date (1 November).
    let env = Env::new();
    env.ok(
        "2026-09-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
        ],
    );
    env.ok(
        "2026-11-20",
        &[
            "import",
            "ncp",
            &fixture("v1/stranger-bill-2026-09-unpaid.json"),
        ],
    );
    let at = "2026-11-20T00:00:00+09:00".to_string();
    let both = |subject: &str| {
        ["email", "sms"]
            .map(|c| (at.clone(), c.to_string(), subject.to_string()))
            .to_vec()
    };
    assert_eq!(
        notices(&env, "2026-11-20", "outstanding"),
        both(
            "Your 2026-09 bill has an outstanding amount of 152,776 KRW; its payment period \
             ended 2026-10-14, and a late penalty is charged on the 1st of each month from \
             2026-11-01 until it is paid"
        )
    );
    assert_eq!(
        notices(&env, "2026-11-20", "blocking_notice"),
        both(
            "Notice: the 2026-09 bill is still unpaid; services may be blocked since \
             2026-11-01 and resources terminated unless it is paid"
        )
    );
    assert_eq!(
        notices(&env, "2026-11-20", "late_penalty"),
        [(
            at.clone(),
            "email".to_string(),
            "A late penalty of 2,291 KRW was added to your 2026-09 bill (unpaid 152,776 KRW)"
                .to_string()
        )]
    );
    // Imported in time (20 October), the same bill's notices still name their dates ahead.
    let early = Env::new();
    early.ok(
        "2026-09-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "m@example.com",
        ],
    );
    early.ok(
        "2026-10-20",
        &[
            "import",
            "ncp",
            &fixture("v1/stranger-bill-2026-09-unpaid.json"),
        ],
    );
    let subjects: Vec<String> = ["outstanding", "blocking_notice"]
        .iter()
        .flat_map(|k| notices(&early, "2026-10-20", k))
        .filter(|n| n.1 == "email")
        .map(|n| n.2)
        .collect();
    assert_eq!(
        subjects,
        [
            "Your 2026-09 bill has an outstanding amount of 152,776 KRW; pay it by 2026-10-31 \
             to avoid a late penalty",
            "Notice: unless the 2026-09 bill is paid, services may be blocked from 2026-11-01 \
             and resources terminated",
        ]
    );
}

#[test]
fn s1_status_without_ncps_summary_of_the_month_says_what_ncp_last_showed() {
    // NCP's May 2024 bill, its contract lines (two contracts open, one ended 20 May) and its
    // contract summary; no contract of the ledger's own, no summary of June.
    let env = Env::new().with_member();
    env.ok(
        "2024-06-20",
        &[
            "import",
            "ncp",
            &fixture("demand-cost-2024-05.json"),
            &fixture("contract-demand-2024-05.json"),
            &fixture("contract-summary-2024-05.json"),
        ],
    );
    assert_eq!(
        env.ok("2024-06-20", &["status"]),
        "No contracts held as of 2024-06-20T00:00:00+09:00, by the contracts imported \
         (`import contracts`): NCP's contract summary of 2024-06 (getContractSummaryList) is \
         not in the ledger; `sync` or `import ncp` it to count NCP's.\n\
         NCP's contract lines of 2024-05 show 2 contracts open today: Object Storage KR \
         30020001; Server(VPC) KR 30012345.\n\
         NCP's latest contract summary is of 2024-05: `ncp-usage status --month 2024-05`.\n"
    );
    let narrow = env
        .cmd("2024-06-20")
        .env("COLUMNS", "60")
        .arg("status")
        .output()
        .unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
    assert!(
        narrow.contains("`ncp-usage\nstatus --month 2024-05`"),
        "{narrow}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok("2024-06-20", &["--json", "status"])).unwrap();
    assert_eq!(
        json["ncp_hint"],
        serde_json::json!({
            "last_summary": "2024-05",
            "open": {"month": "2024-05", "contracts": [
                {"contract_no": "30020001", "service": "Object Storage", "region": "KR",
                 "ends_on": "2999-12-31"},
                {"contract_no": "30012345", "service": "Server(VPC)", "region": "KR",
                 "ends_on": "2999-12-31"},
            ]}
        })
    );
    // A ledger without NCP's data keeps the short message.
    let plain = Env::new().with_member();
    assert_eq!(
        plain.ok("2024-06-20", &["status"]),
        "No contracts held as of 2024-06-20T00:00:00+09:00.\n"
    );
    assert!(plain
        .ok("2024-06-20", &["--json", "status"])
        .find("ncp_hint")
        .is_none());
}
