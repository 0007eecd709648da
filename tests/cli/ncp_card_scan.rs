//! P11, issue 14: `check`'s scan for full card numbers (a card network's prefix and a valid
//! Luhn digit) reads every text of the ledger — and NCP's own figures are texts: a day's
//! network out of 4,398,046,511,105 bytes (4 TiB) looks like a 13-digit card number. NCP's
//! exact figures are never card numbers; a card number typed where people type is still found.

use std::path::PathBuf;

use crate::common::Env;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp/v1")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn i14_check_reads_no_card_number_in_ncps_byte_counts() {
    let env = Env::new().with_member();
    // The documented daily-usage body with 4 TiB + 1 byte (a valid Luhn number starting with
    // a 4, as VISA's do) in NCP's metering unit.
    let body = std::fs::read_to_string(fixture("daily-usage-2024-05.json"))
        .unwrap()
        .replace(
            "\"usageQuantity\": 4307852198,",
            "\"usageQuantity\": 4398046511105,",
        );
    assert!(body.contains("4398046511105"));
    let file = env.file("daily.json", body);
    env.ok("2024-05-20", &["import", "ncp", file.to_str().unwrap()]);
    let check = env.json("2024-05-20", &["check"]);
    assert_eq!(check["ok"], true, "{check}");
}

#[test]
fn i14_check_reads_no_card_number_in_ncps_ids_but_finds_one_in_a_name() {
    let env = Env::new().with_member();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/ncp/contract-demand-2024-05.json");
    // An id NCP gave in digits that happens to pass the Luhn check, and a card number typed
    // as an instance's name in NCP's console.
    let body = std::fs::read_to_string(path)
        .unwrap()
        .replace("\"30012345\"", "\"4398046511105\"")
        .replace(
            "\"instanceName\": \"web-1\"",
            "\"instanceName\": \"4111-1111-1111-1111\"",
        );
    assert!(body.contains("4398046511105") && body.contains("4111-1111-1111-1111"));
    let file = env.file("contracts.json", body);
    env.ok("2024-06-20", &["import", "ncp", file.to_str().unwrap()]);
    let out = env.run("2024-06-20", &["--json", "check"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                f["check"].as_str().unwrap(),
                f["detail"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        findings,
        ["card_number: fee_lines.exact holds what looks like a full card number (ending 1111); only the last four digits may be kept"],
        "{doc}"
    );
}
