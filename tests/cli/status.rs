//! `status` (SPEC S1, §12): contracts held per service and region on the day of "now" (KST),
//! with the console link, as a table, JSON and CSV.

use serde_json::{json, Value};

use crate::common::Env;

/// Contracts around 2024-02-15: some held that day, some ended the day before, some starting
/// that day or later, one held that day only, in three regions.
fn contracts() -> Env {
    let env = Env::new().with_member();
    let file = env.file(
        "contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,60000,month,2024-01-01,\n\
         KR-SVR-2,Server,KR,monthly,60000,month,2024-01-01,2024-02-14\n\
         KR-SVR-3,Server,KR,monthly,60000,month,2024-02-15,\n\
         KR-SVR-4,Server,KR,monthly,60000,month,2024-02-16,\n\
         KR-SVR-5,Server,KR,monthly,60000,month,2024-01-10,2024-02-15\n\
         KR-LB-1,Load Balancer,KR,metered,12,hour,2024-01-01,\n\
         KR-DB-1,Cloud DB,KR,monthly,90000,month,2024-02-15,2024-02-15\n\
         SGN-SVR-1,Server,SGN,monthly,70000,month,2024-01-01,\n\
         JPN-NAS-1,NAS,JPN,monthly,9000,month,2024-03-01,\n",
    );
    env.ok(
        "2024-01-01",
        &["import", "contracts", file.to_str().expect("a UTF-8 path")],
    );
    env
}

fn row(service: &str, region: &str, contracts: usize) -> Value {
    json!({
        "service": service,
        "region": region,
        "contracts": contracts,
        "console_url": format!("https://console.ncloud.com/dashboard?regionCode={region}"),
        "blocked": false,
    })
}

#[test]
fn s1_counts_contracts_held_on_the_day_of_now() {
    let env = contracts();
    let doc = env.json("2024-02-15T10:00", &["status"]);
    assert_eq!(doc["as_of"], "2024-02-15T10:00:00+09:00");
    assert!(doc["region"].is_null());
    // KR-SVR-2 ended the day before and KR-SVR-4 starts the day after; KR-SVR-3 starts and
    // KR-SVR-5 ends that day; KR-DB-1 is held that day only.
    assert_eq!(
        doc["services"],
        json!([
            row("Cloud DB", "KR", 1),
            row("Load Balancer", "KR", 1),
            row("Server", "KR", 3),
            row("Server", "SGN", 1)
        ])
    );
}

#[test]
fn s1_the_day_is_the_day_in_korea() {
    let env = contracts();
    let services = |as_of: &str| -> Vec<String> {
        let doc = env.json(as_of, &["status"]);
        doc["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                format!(
                    "{} {} {}",
                    s["region"].as_str().unwrap(),
                    s["service"].as_str().unwrap(),
                    s["contracts"]
                )
            })
            .collect()
    };
    let on_the_14th = ["KR Load Balancer 1", "KR Server 3", "SGN Server 1"];
    let on_the_15th = [
        "KR Cloud DB 1",
        "KR Load Balancer 1",
        "KR Server 3",
        "SGN Server 1",
    ];
    assert_eq!(services("2024-02-14T23:59:59+09:00"), on_the_14th);
    // 15:00 UTC on the 14th is midnight of the 15th in Seoul.
    assert_eq!(services("2024-02-14T15:00:00Z"), on_the_15th);
    assert_eq!(services("2024-02-15T14:59:59Z"), on_the_15th);
    assert_eq!(
        services("2024-02-15T15:00:00Z"),
        ["KR Load Balancer 1", "KR Server 3", "SGN Server 1"]
    );
    let doc = env.json("2024-02-14T15:00:00Z", &["status"]);
    assert_eq!(doc["as_of"], "2024-02-15T00:00:00+09:00");
    assert_eq!(
        services("2024-03-01"),
        [
            "JPN NAS 1",
            "KR Load Balancer 1",
            "KR Server 3",
            "SGN Server 1"
        ]
    );
}

#[test]
fn s1_counts_change_as_contracts_start_and_end() {
    let env = Env::new().with_member();
    let file = env.file(
        "contracts.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,60000,month,2024-01-01,2024-01-31\n\
         KR-SVR-2,Server,KR,monthly,60000,month,2024-01-20,\n\
         KR-SVR-3,Server,KR,monthly,60000,month,2024-01-25,2024-02-05\n",
    );
    env.ok(
        "2024-01-01",
        &["import", "contracts", file.to_str().unwrap()],
    );
    for (day, held) in [
        ("2024-01-19", 1),
        ("2024-01-20", 2),
        ("2024-01-25", 3),
        ("2024-01-31", 3),
        ("2024-02-01", 2),
        ("2024-02-05", 2),
        ("2024-02-06", 1),
    ] {
        let doc = env.json(day, &["status"]);
        assert_eq!(doc["services"], json!([row("Server", "KR", held)]), "{day}");
    }
    let doc = env.json("2023-12-31", &["status"]);
    assert_eq!(doc["services"], json!([]));
}

#[test]
fn s1_region_filter() {
    let env = contracts();
    let doc = env.json("2024-02-15", &["status", "--region", "SGN"]);
    assert_eq!(doc["region"], "SGN");
    assert_eq!(doc["services"], json!([row("Server", "SGN", 1)]));
    let doc = env.json("2024-02-15", &["status", "--region", "KR"]);
    assert_eq!(doc["region"], "KR");
    assert_eq!(
        doc["services"],
        json!([
            row("Cloud DB", "KR", 1),
            row("Load Balancer", "KR", 1),
            row("Server", "KR", 3)
        ])
    );
    // Region codes are capitals, as imports require (README "Commands").
    let e = env.fail("2024-02-15", &["status", "--region", "kr"], 2);
    assert!(e.contains("did you mean KR?"), "{e}");
    let doc = env.json("2024-02-15", &["status", "--region", "JPN"]);
    assert_eq!(doc["services"], json!([]));
    let out = env.ok("2024-02-15", &["status", "--region", "JPN"]);
    assert_eq!(out, "No contracts held as of 2024-02-15T00:00:00+09:00.\n");
}

#[test]
fn s1_csv_output() {
    let env = contracts();
    let out = env.ok("2024-02-15", &["status", "--format", "csv"]);
    assert_eq!(
        out,
        "service,region,contracts,console_url,blocked\n\
         Cloud DB,KR,1,https://console.ncloud.com/dashboard?regionCode=KR,false\n\
         Load Balancer,KR,1,https://console.ncloud.com/dashboard?regionCode=KR,false\n\
         Server,KR,3,https://console.ncloud.com/dashboard?regionCode=KR,false\n\
         Server,SGN,1,https://console.ncloud.com/dashboard?regionCode=SGN,false\n"
    );
    let out = env.ok(
        "2024-02-15",
        &["status", "--region", "JPN", "--format", "csv"],
    );
    assert_eq!(out, "service,region,contracts,console_url,blocked\n");
}

#[test]
fn s1_human_table() {
    let env = contracts();
    let out = env.ok("2024-02-15T10:00", &["status"]);
    assert!(
        out.starts_with("Service usage status as of 2024-02-15T10:00:00+09:00\n"),
        "{out}"
    );
    let server_kr = out
        .lines()
        .find(|l| l.contains("Server") && l.contains("regionCode=KR"))
        .unwrap();
    assert!(server_kr.contains(" 3 "), "{server_kr}");
    assert!(!out.contains("BLOCKED"), "{out}");
}

#[test]
fn s1_status_is_read_only() {
    let env = contracts();
    let before = env.dump();
    // Reading at an earlier instant than the last write is allowed (T2) and changes nothing.
    env.ok("2023-06-01", &["status"]);
    env.ok("2024-01-20", &["status", "--json"]);
    assert_eq!(env.dump(), before);
}
