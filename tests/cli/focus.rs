//! Issue 18: `export --format focus` writes a month as a FOCUS 1.2 CSV (docs/FOCUS.md). Its
//! BilledCost adds up to the month's bill as `history` shows it, ListCost − EffectiveCost to
//! the month's discounts (with the 100-won rounding), on the demo ledger and on a month NCP
//! billed; and the FinOps Foundation's focus-validator finds no violation in either file.

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_decimal::Decimal;

use crate::common::Env;

const DEMO_AS_OF: &str = "2024-06-10";

/// FOCUS 1.2's Mandatory columns of the cost and usage dataset.
const MANDATORY: [&str; 21] = [
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodStart",
    "BillingPeriodEnd",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ContractedCost",
    "EffectiveCost",
    "ListCost",
    "PricingQuantity",
    "PricingUnit",
    "InvoiceIssuerName",
    "ProviderName",
    "PublisherName",
    "ServiceCategory",
    "ServiceName",
];

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
        .display()
        .to_string()
}

/// A FOCUS file: its header and its records as (column → value) lookups.
struct Focus {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Focus {
    #[track_caller]
    fn read(path: &Path) -> Focus {
        let bytes = std::fs::read(path).unwrap();
        assert!(
            !bytes.starts_with(b"\xEF\xBB\xBF"),
            "a FOCUS file has no BOM"
        );
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let header = r.headers().unwrap().iter().map(String::from).collect();
        let rows = r
            .records()
            .map(|rec| rec.unwrap().iter().map(String::from).collect())
            .collect();
        Focus { header, rows }
    }

    #[track_caller]
    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    fn values(&self, name: &str) -> Vec<&str> {
        let i = self.col(name);
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }

    fn sum(&self, name: &str) -> Decimal {
        self.values(name)
            .iter()
            .map(|v| v.parse::<Decimal>().unwrap())
            .sum()
    }

    /// (ChargeCategory, x_ChargeSource, BilledCost, ListCost) of each row.
    fn kinds(&self) -> Vec<(String, String, String, String)> {
        let (c, s, b, l) = (
            self.col("ChargeCategory"),
            self.col("x_ChargeSource"),
            self.col("BilledCost"),
            self.col("ListCost"),
        );
        self.rows
            .iter()
            .map(|r| (r[c].clone(), r[s].clone(), r[b].clone(), r[l].clone()))
            .collect()
    }
}

fn demo() -> Env {
    let env = Env::new();
    env.ok(DEMO_AS_OF, &["init", "--demo"]);
    env
}

fn dec(n: i64) -> Decimal {
    Decimal::from(n)
}

#[test]
fn focus_demo_billed_cost_sums_to_the_bill_history_shows() {
    let env = demo();
    let out = env.path("may.csv");
    let said = env.ok(
        DEMO_AS_OF,
        &[
            "export",
            "--month",
            "2024-05",
            "--format",
            "focus",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        said.trim_end(),
        format!(
            "Wrote 28 FOCUS rows of 2024-05 to {} (FOCUS 1.2; billed 1,248,390 KRW).",
            out.display()
        )
    );
    let totals = env.json(DEMO_AS_OF, &["history", "--month", "2024-05"])["totals"].clone();
    assert_eq!(totals["billed_amount"], 1_248_390);
    assert_eq!(totals["discount_amount"], 170_742);
    assert_eq!(totals["rounddown_discount_amount"], 89);
    let f = Focus::read(&out);
    for c in MANDATORY {
        f.col(c);
    }
    assert_eq!(f.rows.len(), 28);
    assert_eq!(f.sum("BilledCost"), dec(1_248_390));
    // The discounts: the lines' (170,742) and the 100-won rounding (89).
    assert_eq!(
        f.sum("ListCost") - f.sum("EffectiveCost"),
        dec(170_742 + 89)
    );
    let kinds = f.kinds();
    assert_eq!(kinds.iter().filter(|k| k.1 == "line").count(), 26);
    assert_eq!(
        kinds[26..],
        [
            (
                "Adjustment".into(),
                "rounddown".into(),
                "-89.0".into(),
                "0.0".into()
            ),
            (
                "Tax".into(),
                "vat".into(),
                "113490.0".into(),
                "113490.0".into()
            ),
        ]
    );
    assert!(f.values("BillingCurrency").iter().all(|v| *v == "KRW"));
    assert!(f.values("BillingAccountId").iter().all(|v| *v == "main"));
    assert!(f
        .values("BillingPeriodStart")
        .iter()
        .all(|v| *v == "2024-04-30T15:00:00Z"));
    assert!(f
        .values("BillingPeriodEnd")
        .iter()
        .all(|v| *v == "2024-05-31T15:00:00Z"));
    assert!(f.values("ChargeClass").iter().all(|v| v.is_empty()));
    // A discounted line: list 140,000, billed 119,000, its discount beside it.
    let db = f
        .rows
        .iter()
        .find(|r| r[f.col("ResourceId")] == "JPN-DB-6201")
        .unwrap();
    assert_eq!(db[f.col("ListCost")], "140000.0");
    assert_eq!(db[f.col("BilledCost")], "119000.0");
    assert_eq!(db[f.col("EffectiveCost")], "119000.0");
    assert_eq!(db[f.col("x_NcpDiscountAmount")], "21000.0");
    assert_eq!(db[f.col("ServiceCategory")], "Databases");
    assert_eq!(db[f.col("PricingUnit")], "Days");
    assert_eq!(db[f.col("x_NcpUnit")], "day");
    assert_eq!(db[f.col("RegionId")], "JPN");
    validate(&out);
}

/// An NCP member's May 2024 as NCP billed it (v1 bodies of fixtures/ncp).
fn ncp_month() -> Env {
    let env = Env::business("2024-04-01");
    env.ok(
        "2024-06-15",
        &[
            "import",
            "ncp",
            &fixture("demand-cost-2024-05.json"),
            &fixture("contract-demand-2024-05.json"),
            &fixture("product-demand-2024-05.json"),
        ],
    );
    env
}

#[test]
fn focus_ncp_month_billed_cost_sums_to_ncps_bill() {
    let env = ncp_month();
    let out = env.path("ncp.csv");
    env.ok(
        "2024-06-15",
        &[
            "export",
            "--month",
            "2024-05",
            "--format",
            "focus",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let totals = env.json("2024-06-15", &["history", "--month", "2024-05"])["totals"].clone();
    assert_eq!(totals["billed_amount"], 113_740);
    let f = Focus::read(&out);
    assert_eq!(f.sum("BilledCost"), dec(113_740));
    // NCP's discount of 20,000 and its rounding of 56.
    assert_eq!(f.sum("ListCost") - f.sum("EffectiveCost"), dec(20_000 + 56));
    assert_eq!(
        f.kinds(),
        [
            (
                "Usage".into(),
                "line".into(),
                "3456.0".into(),
                "3456.0".into()
            ),
            (
                "Usage".into(),
                "line".into(),
                "60000.0".into(),
                "80000.0".into()
            ),
            (
                "Usage".into(),
                "line".into(),
                "40000.0".into(),
                "40000.0".into()
            ),
            (
                "Adjustment".into(),
                "rounddown".into(),
                "-56.0".into(),
                "0.0".into()
            ),
            (
                "Tax".into(),
                "vat".into(),
                "10340.0".into(),
                "10340.0".into()
            ),
        ]
    );
    // NCP's bill number is every row's invoice; its contracts are the resources.
    assert!(f.values("InvoiceId").iter().all(|v| *v == "D202405-0001"));
    // NCP's contract numbers, digits only, as text (docs/FOCUS.md); NCP's own beside them.
    assert_eq!(
        f.values("ResourceId"),
        ["NCP-30020001", "NCP-30012345", "NCP-30012346", "", ""]
    );
    assert_eq!(
        f.values("x_NcpContractNo"),
        ["30020001", "30012345", "30012346", "", ""]
    );
    validate(&out);
}

#[test]
fn focus_refuses_other_files_and_other_commands_with_exit_2() {
    let env = demo();
    let before = env.dump();
    let xlsx = env.path("may.xlsx");
    let err = env.fail(
        DEMO_AS_OF,
        &[
            "export",
            "--month",
            "2024-05",
            "--format",
            "focus",
            "-o",
            xlsx.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        err.contains("`export --format focus` writes FOCUS as CSV; name the output file .csv"),
        "{err}"
    );
    assert!(!xlsx.exists());
    let err = env.fail(
        DEMO_AS_OF,
        &["history", "--month", "2024-05", "--format", "focus"],
        2,
    );
    assert!(err.contains("`history` has no FOCUS form"), "{err}");
    // A month that has not started has no FOCUS file either.
    let csv = env.path("july.csv");
    env.fail(
        DEMO_AS_OF,
        &[
            "export",
            "--month",
            "2024-07",
            "--format",
            "focus",
            "-o",
            csv.to_str().unwrap(),
        ],
        2,
    );
    assert!(!csv.exists());
    assert_eq!(env.dump(), before);
}

#[test]
fn focus_default_export_format_is_unchanged() {
    let env = demo();
    let out = env.path("fees.csv");
    env.ok(
        DEMO_AS_OF,
        &["export", "--month", "2024-05", "-o", out.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with(
        "\u{feff}month,region,service,contract_no,item,quantity,unit,unit_price,used_amount"
    ));
}

/// Runs the FinOps Foundation's focus-validator (FOCUS_VALIDATOR: the python of a venv where
/// `focus-validator` is installed; .ci/run sets it) on `file` and asserts it found no
/// violation. Unset in CI, the test fails; elsewhere it says it skipped.
#[track_caller]
fn validate(file: &Path) {
    let Some(python) = std::env::var_os("FOCUS_VALIDATOR") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "FOCUS_VALIDATOR is not set: .ci/run installs focus-validator and sets it"
        );
        eprintln!("skipping focus-validator: FOCUS_VALIDATOR is not set");
        return;
    };
    // It opens its rules relatively (focus_validator/rules/…): it runs in the folder that
    // holds its package.
    let where_ = Command::new(&python)
        .args([
            "-c",
            "import focus_validator, os; print(os.path.dirname(os.path.dirname(focus_validator.__file__)))",
        ])
        .output()
        .expect("FOCUS_VALIDATOR runs");
    assert!(where_.status.success(), "{where_:?}");
    let dir = String::from_utf8(where_.stdout).unwrap().trim().to_string();
    let out = Command::new(&python)
        .current_dir(&dir)
        .args(["-m", "focus_validator.main", "--data-file"])
        .arg(file)
        .args(["--validate-version", "1.2", "--block-download"])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    check_report(&text);
}

/// The validator exits 0 whatever it finds: its report is read. Every rule must pass or be
/// skipped, but for the two halves of InvoiceId's nullability (C-004 "MUST be null" when a
/// charge has no invoice, C-005 "MUST NOT be null" when it has one): the validator checks each
/// on every row, so one of them always fails, while the rule made of them (InvoiceId-C-003-C,
/// one OR the other) passes; it must.
#[track_caller]
fn check_report(text: &str) {
    let passed = text.lines().filter(|l| l.contains(": PASS")).count();
    assert!(passed >= 100, "the validator checked too little:\n{text}");
    let failed: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": FAIL"))
        .filter(|l| {
            !l.contains("InvoiceId-C-004-C: FAIL") && !l.contains("InvoiceId-C-005-C: FAIL")
        })
        .collect();
    assert!(
        failed.is_empty(),
        "focus-validator found violations:\n{}",
        failed.join("\n")
    );
    assert!(
        text.lines()
            .any(|l| l.contains("InvoiceId-C-003-C: PASS") && l.contains("violations=0")),
        "{text}"
    );
    let violations: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("violations=") && !l.contains("violations=0"))
        .filter(|l| !l.contains("InvoiceId-C-004-C") && !l.contains("InvoiceId-C-005-C"))
        .collect();
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn focus_validator_report_with_a_violation_fails_the_check() {
    let good = "✅ X-C-001-M: PASS  (violations=0)\n".repeat(100)
        + "✅ InvoiceId-C-003-C: PASS  (violations=0, msg=OR passed)\n"
        + "❌ InvoiceId-C-005-C: FAIL  (violations=28, msg=InvoiceId MUST NOT be NULL.)\n";
    check_report(&good);
    let report = good
        + "❌ BilledCost-C-001-M: FAIL  (violations=4, msg=BilledCost MUST be of type DECIMAL)\n";
    let caught = std::panic::catch_unwind(|| check_report(&report));
    assert!(caught.is_err());
}

#[test]
fn focus_billing_account_is_the_ncp_member_number_of_the_account_asked_for() {
    let env = demo();
    env.ok(
        DEMO_AS_OF,
        &["accounts", "add", "ncp", "--member-no", "1000001"],
    );
    env.ok(
        "2024-06-15",
        &[
            "--account",
            "ncp",
            "import",
            "ncp",
            &fixture("demand-cost-2024-05.json"),
            &fixture("contract-demand-2024-05.json"),
            &fixture("product-demand-2024-05.json"),
        ],
    );
    let export = |account: &str, name: &str| {
        let out = env.path(name);
        env.ok(
            "2024-06-15",
            &[
                "--account",
                account,
                "export",
                "--month",
                "2024-05",
                "--format",
                "focus",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        Focus::read(&out)
    };
    // By member number: NCP's member, its bill.
    let ncp = export("1000001", "ncp.csv");
    assert!(ncp
        .values("BillingAccountId")
        .iter()
        .all(|v| *v == "NCP-1000001"));
    assert!(ncp.values("BillingAccountName").iter().all(|v| *v == "ncp"));
    assert!(ncp.values("x_NcpMemberNo").iter().all(|v| *v == "1000001"));
    assert_eq!(ncp.sum("BilledCost"), dec(113_740));
    // The demo account keeps its own month.
    let main = export("main", "main.csv");
    assert!(main.values("BillingAccountId").iter().all(|v| *v == "main"));
    assert_eq!(main.sum("BilledCost"), dec(1_248_390));
    validate(&env.path("ncp.csv"));
    // Two accounts and none named: refused, no file.
    let none = env.path("none.csv");
    let err = env.fail(
        "2024-06-15",
        &[
            "export",
            "--month",
            "2024-05",
            "--format",
            "focus",
            "-o",
            none.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("choose one with --account"), "{err}");
    assert!(!none.exists());
}

#[test]
fn focus_ncp_v2_month_bill_number_and_units_pass_the_validator() {
    let env = Env::business("2026-05-01");
    env.ok(
        "2026-07-26",
        &[
            "import",
            "ncp",
            &fixture("v2/demand-cost-2026-06.json"),
            &fixture("v2/billing-item-costs-2026-06.json"),
            &fixture("v2/billing-item-group-costs-2026-06.json"),
        ],
    );
    let out = env.path("june.csv");
    env.ok(
        "2026-07-26",
        &[
            "export",
            "--month",
            "2026-06",
            "--format",
            "focus",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let totals = env.json("2026-07-26", &["history", "--month", "2026-06"])["totals"].clone();
    assert_eq!(totals["billed_amount"], 152_776);
    assert_eq!(totals["discount_amount"], 154_320);
    let f = Focus::read(&out);
    assert_eq!(f.sum("BilledCost"), dec(152_776));
    assert_eq!(f.sum("ListCost") - f.sum("EffectiveCost"), dec(154_320));
    // v2's bill number is digits only: text in InvoiceId, NCP's own in x_NcpBillNo.
    assert!(f.values("InvoiceId").iter().all(|v| *v == "NCP-660112233"));
    assert!(f.values("x_NcpBillNo").iter().all(|v| *v == "660112233"));
    // NCP's "Hour(s)" in FOCUS's unit format.
    assert_eq!(f.values("PricingUnit")[0], "Hours");
    assert_eq!(f.values("x_NcpUnit")[0], "Hour(s)");
    // NCP's lines discount 1 won more than its bill: a correction back up, not a credit.
    let kinds = f.kinds();
    assert_eq!(
        kinds[4..],
        [
            (
                "Adjustment".into(),
                "bill".into(),
                "1.0".into(),
                "0.0".into()
            ),
            (
                "Tax".into(),
                "vat".into(),
                "13888.0".into(),
                "13888.0".into()
            ),
        ]
    );
    validate(&out);
}
