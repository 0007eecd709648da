//! P1 for NCP's own bills (issue 14): a bill NCP wrote is announced like the ledger's own —
//! on its issue day when it arrived before, or when it arrives after that day — never
//! charged to the card unannounced.

use crate::common::Env;

fn unpaid_april() -> String {
    format!(
        "{}/fixtures/ncp/v1/demand-cost-2024-04-unpaid.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn member() -> Env {
    let env = Env::new();
    env.ok(
        "2024-04-01",
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
    env
}

/// The bill notices of the outbox: (sent_at, channel, subject).
fn bill_notices(env: &Env, as_of: &str) -> Vec<(String, String, String)> {
    env.json(as_of, &["notifications"])["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "bill_issued")
        .map(|n| {
            (
                n["sent_at"].as_str().unwrap().to_string(),
                n["channel"].as_str().unwrap().to_string(),
                n["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn p1_ncps_bill_stored_before_its_issue_day_is_announced_on_it() {
    let env = member();
    env.ok("2024-05-02", &["import", "ncp", &unpaid_april()]);
    let subject = "Your 2024-04 bill: 110,000 KRW, due 2024-05-10 to 2024-05-14";
    assert_eq!(
        bill_notices(&env, "2024-05-05"),
        [
            (
                "2024-05-03T00:00:00+09:00".into(),
                "email".into(),
                subject.into()
            ),
            (
                "2024-05-03T00:00:00+09:00".into(),
                "sms".into(),
                subject.into()
            ),
        ]
    );
    // Announced once, whatever comes later.
    env.ok("2024-05-06", &["import", "ncp", &unpaid_april()]);
    assert_eq!(bill_notices(&env, "2024-05-20").len(), 2);
}

#[test]
fn p1_ncps_bill_arriving_after_its_issue_day_is_announced_when_it_arrives() {
    let env = member();
    env.ok("2024-05-20", &["import", "ncp", &unpaid_april()]);
    let notices = bill_notices(&env, "2024-05-21");
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices
        .iter()
        .all(|(at, _, s)| at == "2024-05-20T00:00:00+09:00"
            && s.starts_with("Your 2024-04 bill: 110,000 KRW")));
}
