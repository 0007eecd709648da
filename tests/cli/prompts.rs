//! O3 on a real terminal: `script` gives the binary a pseudo-terminal, and the answer typed
//! at the dialoguer prompt decides whether money moves.

use crate::common::{at_a_prompt, Env};

/// An individual with a January 2024 bill of 55,000 and a card.
fn january_bill() -> Env {
    let env = Env::new().with_member();
    let contracts = env.file(
        "c.csv",
        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
         KR-SVR-1,Server,KR,monthly,50000,month,2024-01-01,2024-01-31\n",
    );
    env.ok(
        "2024-01-02",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    env
}

/// Runs `pay --instant` on a pseudo-terminal and types `answer` once the prompt is on screen.
fn on_a_terminal(env: &Env, answer: &str) -> (String, Option<i32>) {
    at_a_prompt(env, "2024-02-05T15:00", "pay --instant", answer.as_bytes())
}

#[test]
fn o3_the_prompt_shows_amount_months_and_method_and_no_moves_nothing() {
    let env = january_bill();
    env.ok("2024-02-05T15:00", &["status"]);
    let before = env.dump();
    let (screen, code) = on_a_terminal(&env, "no\r");
    assert!(
        screen.contains("Pay 55,000 KRW now for 2024-01 (prepayment) with VISA card ****4242"),
        "{screen}"
    );
    // A "no" is exit 1 for every prompt (README "Exit codes"); 3 is for rule refusals.
    assert_eq!(code, Some(1), "{screen}");
    assert!(
        screen.contains("cancelled; nothing was charged"),
        "{screen}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn o3_yes_on_the_terminal_pays() {
    let env = january_bill();
    let (screen, code) = on_a_terminal(&env, "yes\r");
    assert_eq!(code, Some(0), "{screen}");
    let pay = env.json("2024-02-05T15:00", &["pay"]);
    assert_eq!(pay["bills"][0]["status"], "paid");
    assert_eq!(pay["bills"][0]["paid_amount"], 55_000);
}

#[test]
fn o3_a_key_without_enter_moves_nothing() {
    // The answer is read up to Enter: a "y" typed, then changed to "n" before Enter, pays
    // nothing (a prompt that acted on the "y" at once would have paid).
    let env = january_bill();
    env.ok("2024-02-05T15:00", &["status"]);
    let before = env.dump();
    let (screen, code) = on_a_terminal(&env, "yn\r");
    assert_eq!(code, Some(1), "{screen}");
    assert!(
        screen.contains("cancelled; nothing was charged"),
        "{screen}"
    );
    assert_eq!(env.dump(), before);
}
