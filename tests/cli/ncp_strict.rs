//! NCP bodies are read as NCP's documentation types them (issue 14; README, "NCP bodies are
//! read by their documented types"): a value of another JSON type — an amount or a ratio as
//! text, a boolean as text, a plain code where v1 documents a CommonCode object, a number
//! where an id is a text (or a text where v2's `memberNo` is an integer), a month or an
//! instant in the other API's form — is refused with exit 2 and one line naming the JSON
//! path, and so is a row NCP wrote after `--as-of` (T2). Each case runs through
//! `import ncp` (a saved file) and `sync` (the test HTTP server answering the same body), and
//! the ledger file is byte for byte what it was. The documented, well-typed examples still
//! import.

use std::path::PathBuf;

use crate::common::Env;
use crate::ncp_server::{empty_v1, no_discounts, serve, ACCESS, SECRET};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ncp")
        .join(name)
}

/// A fixture with one planted change: `from` (which must be there) becomes `to`.
fn planted(name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    assert!(text.contains(from), "{name} has no {from}");
    text.replacen(from, to, 1)
}

/// One badly typed body: where it is served, the month `sync` asks for, the `--as-of` it is
/// tried at, and the message after its source.
struct Case {
    name: &'static str,
    /// `v1` (the action) or `v2` (the path after `/billing/v2/`).
    api: &'static str,
    call: &'static str,
    body: String,
    month: &'static str,
    as_of: &'static str,
    message: &'static str,
    /// Found by the check against `--as-of` after every page is read, which `sync` names by
    /// the command rather than by a page.
    checked: bool,
}

const V1_BILL: &str = "demand-cost-2024-05.json";
const V1_PRODUCTS: &str = "product-demand-2024-05.json";
const V1_CREDITS: &str = "v1/discount-credit-history-2026-02.json";
const V2_BILL: &str = "v2/demand-cost-2026-06.json";
const V2_GROUPS: &str = "v2/billing-item-group-costs-2026-06.json";

fn v1(name: &'static str, file: &str, from: &str, to: &str, message: &'static str) -> Case {
    let call = match file {
        V1_BILL => "getDemandCostList",
        V1_PRODUCTS => "getProductDemandCostList",
        _ => "getCreditHistoryList",
    };
    let (month, as_of) = if file == V1_CREDITS {
        ("2026-02", "2026-03-05")
    } else {
        ("2024-05", "2024-07-05")
    };
    Case {
        name,
        api: "v1",
        call,
        body: planted(file, from, to),
        month,
        as_of,
        message,
        checked: false,
    }
}

fn v2(name: &'static str, file: &str, from: &str, to: &str, message: &'static str) -> Case {
    Case {
        name,
        api: "v2",
        call: if file == V2_GROUPS {
            "billing-item-group-costs"
        } else {
            "demand-costs"
        },
        body: planted(file, from, to),
        month: "2026-06",
        as_of: "2026-07-26",
        message,
        checked: false,
    }
}

/// Every loose type the readers once took, and each write instant after `--as-of`.
fn cases() -> Vec<Case> {
    let mut cases = vec![
        v1("v1-amount-as-text", V1_BILL, "\"useAmount\": 123456", "\"useAmount\": \"0.1\"",
            "$.getDemandCostListResponse.demandCostList[0].useAmount: expected a number, got the text '0.1'"),
        v1("v1-ratio-as-text", V1_BILL, "\"thisMonthVatRatio\": 0.1", "\"thisMonthVatRatio\": \"0.1\"",
            "$.getDemandCostListResponse.demandCostList[0].thisMonthVatRatio: expected a number, got the text '0.1'"),
        v1("v1-boolean-as-text", V1_BILL, "\"isPaidUp\": true", "\"isPaidUp\": \"Y\"",
            "$.getDemandCostListResponse.demandCostList[0].isPaidUp: expected true or false, got the text 'Y'"),
        v1("v1-currency-as-text", V1_BILL, "{\"code\": \"KRW\", \"codeName\": \"South Korea Won\"}", "\"KRW\"",
            "$.getDemandCostListResponse.demandCostList[0].payCurrency: expected a CommonCode object {code, codeName}, got the text 'KRW'"),
        v1("v1-attribute-as-text", V1_BILL, "{\"code\": \"GEN\", \"codeName\": \"General\"}", "\"GEN\"",
            "$.getDemandCostListResponse.demandCostList[0].demandAttribute: expected a CommonCode object {code, codeName}, got the text 'GEN'"),
        v1("v1-id-as-number", V1_BILL, "\"memberNo\": \"1000001\"", "\"memberNo\": 1000001",
            "$.getDemandCostListResponse.demandCostList[0].memberNo: expected a text, got the number 1000001"),
        v1("v1-month-in-v2-form", V1_BILL, "\"demandMonth\": \"202405\"", "\"demandMonth\": \"2024-05\"",
            "$.getDemandCostListResponse.demandCostList[0].demandMonth: expected a month yyyyMM, got the text '2024-05'"),
        v1("v1-date-with-a-colon", V1_BILL, "\"writeDate\": \"2024-06-01T08:00:00+0900\"", "\"writeDate\": \"2024-06-01T08:00:00+09:00\"",
            "$.getDemandCostListResponse.demandCostList[0].writeDate: expected a date and time like 2024-06-01T08:00:00+0900, got the text '2024-06-01T08:00:00+09:00'"),
        v1("v1-date-only", V1_BILL, "\"paidUpDate\": \"2024-06-10T09:00:00+0900\"", "\"paidUpDate\": \"20240610\"",
            "$.getDemandCostListResponse.demandCostList[0].paidUpDate: expected a date and time like 2024-06-01T08:00:00+0900, got the text '20240610'"),
        v1("v1-line-amount-as-text", V1_PRODUCTS, "\"useAmount\": 3456", "\"useAmount\": \"3456\"",
            "$.getProductDemandCostListResponse.productDemandCostList[1].useAmount: expected a number, got the text '3456'"),
        v1("v1-line-currency-as-text", V1_PRODUCTS, "{\"code\": \"KRW\", \"codeName\": \"South Korea Won\"}", "\"KRW\"",
            "$.getProductDemandCostListResponse.productDemandCostList[0].payCurrency: expected a CommonCode object {code, codeName}, got the text 'KRW'"),
        v1("v1-credit-type-as-text", V1_CREDITS, "{\"code\": \"FREE\", \"codeName\": \"Free\"}", "\"FREE\"",
            "$.getCreditHistoryListResponse.creditHistoryList[0].credit.creditType: expected a CommonCode object {code, codeName}, got the text 'FREE'"),
        v2("v2-month-in-v1-form", V2_BILL, "\"demandMonth\": \"2026-06\"", "\"demandMonth\": \"202606\"",
            "$.demandCosts[0].demandMonth: expected a month yyyy-MM, got the text '202606'"),
        v2("v2-offset-without-colon", V2_BILL, "\"createdDateTime\": \"2026-06-30T18:30:00Z\"", "\"createdDateTime\": \"2026-07-01T03:30:00+0900\"",
            "$.demandCosts[0].createdDateTime: expected a date and time like 2026-06-30T18:12:05Z, got the text '2026-07-01T03:30:00+0900'"),
        v2("v2-boolean-as-text", V2_BILL, "\"paidUp\": true", "\"paidUp\": \"true\"",
            "$.demandCosts[0].paidUp: expected true or false, got the text 'true'"),
        v2("v2-member-as-text", V2_BILL, "\"memberNo\": 2001234", "\"memberNo\": \"2001234\"",
            "$.demandCosts[0].memberNo: expected an integer, got the text '2001234'"),
        v2("v2-amount-as-text", V2_BILL, "\"useAmount\": 293208.0", "\"useAmount\": \"293208.0\"",
            "$.demandCosts[0].useAmount: expected a number, got the text '293208.0'"),
        v2("v2-rate-as-text", V2_BILL, "\"vatRate\": 10.0", "\"vatRate\": \"10.0\"",
            "$.demandCosts[0].vatRate: expected a number, got the text '10.0'"),
    ];
    // Written after --as-of: each one a minute, or a few, after the instant NCP wrote it.
    let written = [
        ("v1-bill-written-later", "v1", "getDemandCostList", V1_BILL, "2024-05", "2024-06-01T07:59",
            "$.getDemandCostListResponse.demandCostList[0].writeDate: expected a time up to 2024-06-01T07:59:00+09:00 (--as-of), got 2024-06-01T08:00:00+09:00; NCP had not written this row yet at --as-of: import it at an --as-of from then on"),
        ("v1-line-written-later", "v1", "getProductDemandCostList", V1_PRODUCTS, "2024-05", "2024-06-01T07:59",
            "$.getProductDemandCostListResponse.productDemandCostList[0].writeDate: expected a time up to 2024-06-01T07:59:00+09:00 (--as-of), got 2024-06-01T08:00:00+09:00; NCP had not written this row yet at --as-of: import it at an --as-of from then on"),
        ("v2-bill-created-later", "v2", "demand-costs", V2_BILL, "2026-06", "2026-07-01T03:29",
            "$.demandCosts[0].createdDateTime: expected a time up to 2026-07-01T03:29:00+09:00 (--as-of), got 2026-07-01T03:30:00+09:00; NCP had not written this row yet at --as-of: import it at an --as-of from then on"),
        ("v2-group-created-later", "v2", "billing-item-group-costs", V2_GROUPS, "2026-06", "2026-07-01T03:12",
            "$.billingItemGroupCosts[0].createdDateTime: expected a time up to 2026-07-01T03:12:00+09:00 (--as-of), got 2026-07-01T03:12:05+09:00; NCP had not written this row yet at --as-of: import it at an --as-of from then on"),
    ];
    cases.extend(
        written
            .into_iter()
            .map(|(name, api, call, file, month, as_of, message)| Case {
                name,
                api,
                call,
                body: std::fs::read_to_string(fixture(file)).unwrap(),
                month,
                as_of,
                message,
                checked: true,
            }),
    );
    cases
}

/// A member since before the case's month.
fn member(case: &Case) -> Env {
    Env::business(if case.api == "v1" && case.month == "2024-05" {
        "2024-01-01"
    } else {
        "2026-01-01"
    })
}

/// Runs `run` on a fresh ledger and checks it fails with exit 2 and exactly `line`, leaving
/// the ledger file byte for byte as it was.
fn refused(case: &Case, line: &str, run: impl FnOnce(&Env) -> std::process::Output) {
    let env = member(case);
    let bytes = std::fs::read(&env.db).unwrap();
    let rows = env.dump();
    let out = run(&env);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}: {stderr}", case.name);
    assert!(out.stdout.is_empty(), "{}: printed to stdout", case.name);
    assert_eq!(stderr, line, "{}", case.name);
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        bytes,
        "{}: the ledger file changed",
        case.name
    );
    assert_eq!(env.dump(), rows, "{}", case.name);
}

#[test]
fn import_ncp_refuses_each_value_of_another_type_at_its_path_and_changes_nothing() {
    for case in cases() {
        let env_dir = tempfile::tempdir().unwrap();
        let file = env_dir.path().join(format!("{}.json", case.name));
        std::fs::write(&file, &case.body).unwrap();
        let line = format!("error: {}: {}\n", file.display(), case.message);
        refused(&case, &line, |env| {
            env.run(case.as_of, &["import", "ncp", file.to_str().unwrap()])
        });
    }
}

#[test]
fn sync_refuses_each_value_of_another_type_at_its_path_and_changes_nothing() {
    for case in cases() {
        let (base, body, call) = (
            format!("/billing/{}", case.api),
            case.body.clone(),
            case.call,
        );
        let v2 = case.api == "v2";
        let srv = serve(&base, SECRET, "{}", move |url| {
            let path = url.split('?').next().unwrap_or("");
            let name = path.rsplit('/').next().unwrap_or("");
            if name == call {
                return (200, body.clone());
            }
            if let Some(answer) = no_discounts(url) {
                return answer;
            }
            if !v2 {
                return (200, empty_v1(name));
            }
            let key = match name {
                "demand-costs" => "demandCosts",
                "billing-item-group-costs" => "billingItemGroupCosts",
                "billing-item-costs" => "billingItemCosts",
                _ => "costRelationCodes",
            };
            (200, format!("{{\"{key}\": [], \"nextToken\": null}}"))
        });
        // The v2 calls are named by their actions (ncp_api.rs), v1's by theirs.
        let action = match case.call {
            "demand-costs" => "listDemandCosts",
            "billing-item-group-costs" => "listBillingItemGroupCosts",
            v1 => v1,
        };
        let source = if case.checked {
            "sync".to_string()
        } else {
            format!("{action} page 1")
        };
        let line = format!("error: {source}: {}\n", case.message);
        refused(&case, &line, |env| {
            env.cmd(case.as_of)
                .env("NCLOUD_ACCESS_KEY", ACCESS)
                .env("NCLOUD_SECRET_KEY", SECRET)
                .env("NCP_USAGE_SYNC_BACKOFF_MS", "10")
                .args([
                    "sync", "--api", case.api, "--from", case.month, "--to", case.month,
                ])
                .args(["--endpoint", &srv.url])
                .output()
                .unwrap()
        });
    }
}

/// Daily usage is not fetched by `sync`: its CommonCode units through `import ncp` only.
#[test]
fn import_ncp_refuses_a_daily_unit_that_is_not_a_common_code() {
    let env = Env::business("2024-01-01");
    let bytes = std::fs::read(&env.db).unwrap();
    let body = planted(
        "v1/daily-usage-2024-05.json",
        "\"unit\": {\n      \"code\": \"USAGE_1BYTE\",\n      \"codeName\": \"Byte\"\n     }",
        "\"unit\": \"GB\"",
    );
    let file = env.file("daily.json", body);
    let e = env.fail("2024-07-05", &["import", "ncp", file.to_str().unwrap()], 2);
    assert_eq!(
        e,
        format!(
            "error: {}: $.getContractUsageListByDailyResponse.contractUsageListByDaily[0].usage.unit: expected a CommonCode object {{code, codeName}}, got the text 'GB'\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

/// The documented, well-typed examples import as they are, v1 and v2, with every kind of
/// body: bills, per-service and per-contract lines, summaries, daily usage, credits, coins,
/// discounts, v2 groups, items, codes and discounts.
#[test]
fn the_documented_examples_still_import() {
    let files = [
        "v1/demand-cost-2022-01-partner.json",
        "v1/product-demand-2022-01-public.json",
        "v1/contract-demand-bst-2022-01.json",
        "demand-cost-2024-05.json",
        "product-demand-2024-05.json",
        "contract-demand-2024-05.json",
        "contract-summary-2024-05.json",
        "v1/daily-usage-2024-05.json",
        "v1/demand-cost-2024-06-usd.json",
        V1_CREDITS,
        "v1/discount-coin-history-2026-02.json",
        "v1/discount-product-history-2026-02.json",
        "v1/discount-list-2026-02.json",
        V2_BILL,
        V2_GROUPS,
        "v2/billing-item-costs-2026-06.json",
        "v2/cost-relation-codes-2026-06.json",
        "v2/credit-discounts-2026-06.json",
        "v2/coin-discounts-2026-06.json",
        "v2/product-discounts-2026-06.json",
    ];
    for file in files {
        // One ledger each: the examples are of different members.
        let env = Env::business("2022-01-01");
        let path = fixture(file);
        let out = env.run(
            "2026-07-26",
            &["import", "ncp", "--json", path.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
