//! `export` (SPEC H4, §11 fees): a real `.xlsx` workbook with numeric cells, a `.csv` in the
//! fees format that `import fees` reads back into the same month, formula neutralisation,
//! private files and refused file names.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

use crate::common::Env;

const FEE_HEADER: [&str; 11] = [
    "month",
    "region",
    "service",
    "contract_no",
    "item",
    "quantity",
    "unit",
    "unit_price",
    "used_amount",
    "discount_amount",
    "estimated_payment_amount",
];

fn export(env: &Env, name: &str) -> std::path::PathBuf {
    let path = env.path(name);
    let out = env.ok(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            path.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(out.starts_with("Wrote "), "{out}");
    path
}

/// The sheets of a workbook, by name, with their cells.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("an xlsx workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a readable sheet");
            assert_eq!(range.start(), Some((0, 0)));
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn s(text: &str) -> Data {
    Data::String(text.to_string())
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

/// The files in the test folder, sorted.
fn listing(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.dir.path())
        .expect("the test folder")
        .map(|e| {
            let name = e.expect("a folder entry").file_name();
            name.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn h4_xlsx_is_a_real_workbook_with_numeric_cells() {
    let env = Env::new().with_member().with_february();
    let path = env.path("fees.xlsx");
    let out = env.ok(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out,
        format!("Wrote 2 fee lines of 2024-02 to {}.\n", path.display())
    );
    assert_eq!(&std::fs::read(&path).unwrap()[..2], b"PK");
    let book = sheets(&path);
    assert_eq!(book.len(), 1);
    let (name, rows) = &book[0];
    assert_eq!(name, "2024-02");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], FEE_HEADER.map(s).to_vec());
    assert_eq!(
        rows[1],
        vec![
            s("2024-02"),
            s("KR"),
            s("Load Balancer"),
            s("KR-LB-1"),
            s("Metered (hour)"),
            Data::Float(700.0),
            s("hour"),
            Data::Float(12.0),
            Data::Float(8400.0),
            Data::Float(0.0),
            Data::Float(8400.0),
        ]
    );
    assert_eq!(
        rows[2],
        vec![
            s("2024-02"),
            s("KR"),
            s("Server"),
            s("KR-SVR-1"),
            s("Monthly flat rate (20 of 29 days)"),
            Data::Float(20.0),
            s("day"),
            Data::Float(60000.0),
            Data::Float(41379.0),
            Data::Float(0.0),
            Data::Float(41379.0),
        ]
    );
}

#[test]
fn h4_csv_round_trips_into_a_new_ledger() {
    let env = Env::new().with_member().with_february();
    let path = export(&env, "fees.csv");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{feff}month,region,service,contract_no,item,quantity,unit,unit_price,used_amount,discount_amount,estimated_payment_amount\n\
         2024-02,KR,Load Balancer,KR-LB-1,Metered (hour),700,hour,12,8400,0,8400\n\
         2024-02,KR,Server,KR-SVR-1,Monthly flat rate (20 of 29 days),20,day,60000,41379,0,41379\n"
    );
    let original = env.json("2024-03-05", &["history", "--month", "2024-02", "--detail"]);
    assert_eq!(original["source"], "rated");

    let other = Env::new();
    let doc = other.json("2024-03-05", &["import", "fees", path.to_str().unwrap()]);
    assert_eq!(
        (&doc["rows"], &doc["added"]),
        (&Value::from(2), &Value::from(2))
    );
    let copy = other.json("2024-03-05", &["history", "--month", "2024-02", "--detail"]);
    assert_eq!(copy["source"], "imported");
    for field in ["totals", "services", "regions", "lines", "period"] {
        assert_eq!(copy[field], original[field], "{field}");
    }
    assert_eq!(copy["totals"]["billed_amount"], 54_670);

    // And the copy exports the very same file.
    let again = export(&other, "again.csv");
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&path).unwrap()
    );
}

#[test]
fn h4_formula_like_text_is_neutralised_and_still_round_trips() {
    let env = Env::new().with_member();
    let contracts = env.file(
        "contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-X-1,\"=HYPERLINK(\"\"x\"\")\",KR,monthly,29000,month,2024-02-01,\n\
         KR-X-2,@SUM(A1),KR,monthly,2900,month,2024-02-01,\n",
    );
    env.ok(
        "2024-03-01",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    let csv = export(&env, "fees.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(
        text.lines().skip(1).collect::<Vec<_>>(),
        [
            "2024-02,KR,\"'=HYPERLINK(\"\"x\"\")\",KR-X-1,Monthly flat rate,29,day,29000,29000,0,29000",
            "2024-02,KR,'@SUM(A1),KR-X-2,Monthly flat rate,29,day,2900,2900,0,2900",
        ]
    );

    let xlsx = export(&env, "fees.xlsx");
    let book = sheets(&xlsx);
    let rows = &book[0].1;
    assert_eq!(rows[1][2], s("'=HYPERLINK(\"x\")"));
    assert_eq!(rows[2][2], s("'@SUM(A1)"));
    assert_eq!(rows[1][8], Data::Float(29000.0));

    let other = Env::new();
    other.ok("2024-03-05", &["import", "fees", csv.to_str().unwrap()]);
    let doc = other.json("2024-03-05", &["history", "--month", "2024-02"]);
    assert_eq!(doc["services"][0]["service"], "=HYPERLINK(\"x\")");
    assert_eq!(doc["services"][1]["service"], "@SUM(A1)");
    assert_eq!(doc["totals"]["estimated_payment_amount"], 31_900);
}

#[test]
fn h4_exported_files_are_0600() {
    let env = Env::new().with_member().with_february();
    assert_eq!(mode(&export(&env, "fees.csv")), 0o600);
    assert_eq!(mode(&export(&env, "fees.xlsx")), 0o600);
    // An existing file is replaced whole, and ends up private as well.
    let old = env.file("old.csv", "stale\n");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    let path = export(&env, "old.csv");
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("\u{feff}month,region,"));
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn h4_unknown_extension_is_refused_and_writes_nothing() {
    let env = Env::new().with_member().with_february();
    let before = listing(&env);
    for name in ["fees.txt", "fees", "fees.xls"] {
        let path = env.path(name);
        let e = env.fail(
            "2024-03-05",
            &[
                "export",
                "--month",
                "2024-02",
                "--output",
                path.to_str().unwrap(),
            ],
            2,
        );
        assert!(
            e.contains(&format!(
                "cannot tell the format of '{}'; name the output file .xlsx or .csv",
                path.display()
            )),
            "{e}"
        );
    }
    assert_eq!(listing(&env), before);
}

#[test]
fn h4_a_month_not_started_or_a_missing_folder_writes_nothing() {
    let env = Env::new().with_member().with_february();
    let before = listing(&env);
    let path = env.path("april.csv");
    let e = env.fail(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-04",
            "--output",
            path.to_str().unwrap(),
        ],
        2,
    );
    assert!(e.contains("2024-04 has not started"), "{e}");
    let nowhere = env.path("missing/fees.csv");
    let e = env.fail(
        "2024-03-05",
        &[
            "export",
            "--month",
            "2024-02",
            "--output",
            nowhere.to_str().unwrap(),
        ],
        1,
    );
    // The file asked for is named, never the temporary file beside it.
    assert_eq!(
        e,
        format!(
            "error: cannot write {}: No such file or directory (os error 2); check the folder exists and is writable\n",
            nowhere.display()
        )
    );
    assert_eq!(listing(&env), before);
}

#[test]
fn h4_a_month_without_fees_exports_the_header_only() {
    let env = Env::new().with_member().with_february();
    let path = env.path("jan.csv");
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
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("\u{feff}{}\n", FEE_HEADER.join(","))
    );
}
