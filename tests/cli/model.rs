//! A model test (SPEC P1–P10, T2, M2, M3): random sequences of commands — imports, the clock
//! moving forward by hours or days, `pay --auto`, `pay --instant`, deposits and their replays,
//! new cards, `receipt apply` — run on a real ledger through the real binary and on a small
//! in-memory model of the billing rules written here from the SPEC. After every step `check`
//! is clean and the model and the ledger agree on every bill's billed, paid, penalty and
//! unpaid amounts and status, on the credit balance, and on whether the command succeeded.
//!
//! `PROPTEST_CASES` scales it (CI default: 128 cases of 4–16 steps).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::Env;

/// A year and month, ordered.
type Ym = (i32, u32);

fn ym(d: NaiveDate) -> Ym {
    (d.year(), d.month())
}

fn next(m: Ym) -> Ym {
    if m.1 == 12 {
        (m.0 + 1, 1)
    } else {
        (m.0, m.1 + 1)
    }
}

fn day(m: Ym, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(m.0, m.1, d).unwrap()
}

fn days_in(m: Ym) -> u32 {
    (day(next(m), 1) - day(m, 1)).num_days() as u32
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

fn fmt_ym(m: Ym) -> String {
    format!("{:04}-{:02}", m.0, m.1)
}

fn as_of(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[derive(Debug, Clone)]
struct Card {
    id: usize,
    limit: Option<i64>,
    expiry: Ym,
    registered: NaiveDateTime,
}

#[derive(Debug, Clone, Default)]
struct Bill {
    billed: i64,
    penalties: i64,
    paid_principal: i64,
    paid_penalty: i64,
}

impl Bill {
    fn unpaid_principal(&self) -> i64 {
        (self.billed - self.paid_principal).max(0)
    }
    fn unpaid_penalty(&self) -> i64 {
        (self.penalties - self.paid_penalty).max(0)
    }
    fn unpaid(&self) -> i64 {
        self.unpaid_principal() + self.unpaid_penalty()
    }
}

#[derive(Debug, Clone)]
struct Payment {
    card: Option<usize>,
    amount: i64,
    left: i64,
    at: NaiveDateTime,
}

/// The billing rules, as the SPEC states them, over the few facts this test creates.
#[derive(Debug, Clone)]
struct Model {
    created: NaiveDateTime,
    /// Instant of the last successful write: every event up to it has happened.
    done_to: NaiveDateTime,
    now: NaiveDateTime,
    /// Monthly contracts: (price, start date).
    monthly: Vec<(i64, NaiveDate)>,
    /// Metered usage of the one metered contract (12 won an hour), by day.
    usage: BTreeMap<NaiveDate, i64>,
    cards: Vec<Card>,
    bills: BTreeMap<Ym, Bill>,
    payments: Vec<Payment>,
    last_deposit: Option<(i64, String)>,
    receipts_on: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Penalty,
    Issue,
    Auto,
}

impl Model {
    fn new(start: NaiveDateTime, price: i64, card: Card) -> Model {
        Model {
            created: start,
            done_to: start,
            now: start,
            monthly: vec![(price, start.date())],
            usage: BTreeMap::new(),
            cards: vec![card],
            bills: BTreeMap::new(),
            payments: Vec::new(),
            last_deposit: None,
            receipts_on: false,
        }
    }

    /// H3, M2, M3: the month's bill from its contracts and usage.
    fn rate(&self, m: Ym) -> i64 {
        let mut used = 0;
        for &(price, start) in &self.monthly {
            let first = start.max(day(m, 1));
            let last = day(m, days_in(m));
            if first > last {
                continue;
            }
            let days = (last - first).num_days() + 1;
            used += if days == i64::from(days_in(m)) {
                price
            } else {
                price * days / i64::from(days_in(m))
            };
        }
        let hours: i64 = self
            .usage
            .iter()
            .filter(|(d, _)| ym(**d) == m)
            .map(|(_, q)| q)
            .sum();
        used += 12 * hours;
        let kept = used - used % 100;
        kept + kept / 10
    }

    /// P3: applies money to the bills oldest first, penalties before principal.
    fn allocate(&mut self, mut amount: i64, only: Option<Ym>) -> i64 {
        for (m, b) in self.bills.iter_mut() {
            if only.is_some_and(|o| o != *m) {
                continue;
            }
            let p = amount.min(b.unpaid_penalty());
            b.paid_penalty += p;
            amount -= p;
            let q = amount.min(b.unpaid_principal());
            b.paid_principal += q;
            amount -= q;
        }
        amount
    }

    fn card_at(&self, t: NaiveDateTime) -> Option<&Card> {
        self.cards.iter().rev().find(|c| c.registered <= t)
    }

    /// The local gateway: expiry, then the monthly limit over this card's charges.
    fn approves(&self, card: &Card, amount: i64, t: NaiveDateTime) -> bool {
        if ym(t.date()) > card.expiry {
            return false;
        }
        let spent: i64 = self
            .payments
            .iter()
            .filter(|p| p.card == Some(card.id) && ym(p.at.date()) == ym(t.date()))
            .map(|p| p.amount)
            .sum();
        card.limit.is_none_or(|l| spent + amount <= l)
    }

    /// P1, P2, P10: everything that falls due after the last write, up to `now`, in order.
    fn catch_up(&mut self) {
        let mut events = Vec::new();
        let mut m = ym(self.created.date());
        while midnight(day(next(m), 3)) <= self.now {
            events.push((midnight(day(next(m), 3)), Event::Issue, m));
            for d in 10..=14 {
                events.push((midnight(day(next(m), d)), Event::Auto, m));
            }
            let mut p = next(next(m));
            while midnight(day(p, 1)) <= self.now {
                events.push((midnight(day(p, 1)), Event::Penalty, m));
                p = next(p);
            }
            m = next(m);
        }
        events.retain(|(t, _, _)| *t > self.done_to && *t <= self.now);
        events.sort();
        for (t, event, m) in events {
            match event {
                Event::Issue => {
                    let billed = self.rate(m);
                    self.bills.insert(
                        m,
                        Bill {
                            billed,
                            ..Bill::default()
                        },
                    );
                    // A credit balance pays the new bill (and anything older still owed).
                    for i in 0..self.payments.len() {
                        let left = self.payments[i].left;
                        if left > 0 {
                            self.payments[i].left = self.allocate(left, None);
                        }
                    }
                }
                Event::Auto => {
                    let amount = self.bills[&m].unpaid();
                    if amount == 0 {
                        continue;
                    }
                    let Some(card) = self.card_at(t).cloned() else {
                        continue;
                    };
                    if self.approves(&card, amount, t) {
                        self.allocate(amount, Some(m));
                        self.payments.push(Payment {
                            card: Some(card.id),
                            amount,
                            left: 0,
                            at: t,
                        });
                    }
                }
                Event::Penalty => {
                    let b = self.bills.get_mut(&m).unwrap();
                    b.penalties += b.unpaid_principal() * 15 / 1000;
                }
            }
        }
        self.done_to = self.now;
    }

    /// P4: 14:00 on the 3rd to 22:00 on the last day, except the 10th to the 14th.
    fn instant_open(&self) -> bool {
        let d = self.now.date();
        let opens = midnight(day(ym(d), 3)) + Duration::hours(14);
        let closes = midnight(day(ym(d), days_in(ym(d)))) + Duration::hours(22);
        self.now >= opens && self.now < closes && !(10..=14).contains(&d.day())
    }

    /// `pay --instant`: the exit status, and the model after it.
    fn pay_instant(&mut self, transfer: bool) -> i32 {
        if !self.instant_open() {
            return 3;
        }
        let amount: i64 = self.bills.values().map(Bill::unpaid).sum();
        if amount == 0 {
            return 3;
        }
        let outstanding = self
            .bills
            .iter()
            .any(|(m, b)| b.unpaid() > 0 && self.now >= midnight(day(next(*m), 15)));
        let minimum = if transfer { 3_000 } else { 1_000 };
        if outstanding && amount < minimum {
            return 3;
        }
        let card = if transfer {
            None
        } else {
            let card = self.cards.last().unwrap().clone();
            if !self.approves(&card, amount, self.now) {
                return 3;
            }
            Some(card.id)
        };
        self.allocate(amount, None);
        self.payments.push(Payment {
            card,
            amount,
            left: 0,
            at: self.now,
        });
        0
    }

    fn deposit(&mut self, amount: i64) {
        let left = self.allocate(amount, None);
        self.payments.push(Payment {
            card: None,
            amount,
            left,
            at: self.now,
        });
    }
}

#[derive(Debug, Clone)]
enum Step {
    Hours(i64),
    Days(i64),
    Contract(i64),
    Usage(i64),
    Auto,
    Instant { transfer: bool },
    Deposit(i64),
    DepositAgain,
    NewCard { limit: Option<i64>, months: u32 },
    Receipts,
    History,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1i64..=72).prop_map(Step::Hours),
        4 => (1i64..=25).prop_map(Step::Days),
        1 => (1i64..=200).prop_map(|p| Step::Contract(p * 1_000 + 7)),
        2 => (0i64..=300).prop_map(Step::Usage),
        2 => Just(Step::Auto),
        3 => any::<bool>().prop_map(|transfer| Step::Instant { transfer }),
        2 => (1i64..=150_000).prop_map(Step::Deposit),
        1 => Just(Step::DepositAgain),
        1 => (proptest::option::of(1i64..=40), 0u32..=6)
            .prop_map(|(l, months)| Step::NewCard { limit: l.map(|l| l * 10_000), months }),
        1 => Just(Step::Receipts),
        1 => Just(Step::History),
    ]
}

/// Runs one command; returns its exit status and stdout.
fn run(env: &Env, now: NaiveDateTime, args: &[&str]) -> (i32, String) {
    let out = env.run(&as_of(now), args);
    let code = out.status.code().unwrap_or(-1);
    if code != 0 {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
    (code, String::from_utf8(out.stdout).unwrap())
}

/// The ledger and the model agree on every bill and the credit balance, and `check` is clean.
fn compare(env: &Env, model: &Model, log: &[String]) {
    let mut seen = model.clone();
    seen.catch_up();
    let (code, out) = run(env, model.now, &["pay", "--json"]);
    assert_eq!(code, 0, "{log:#?}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let rows = doc["bills"].as_array().unwrap();
    let expected: Vec<Value> = seen
        .bills
        .iter()
        .map(|(m, b)| {
            let status = if b.unpaid() == 0 {
                "paid"
            } else if seen.now >= midnight(day(next(*m), 15)) {
                "outstanding"
            } else {
                "open"
            };
            serde_json::json!({
                "month": fmt_ym(*m),
                "billed_amount": b.billed,
                "paid_amount": b.paid_principal + b.paid_penalty,
                "penalty_amount": b.penalties,
                "unpaid_amount": b.unpaid(),
                "status": status,
            })
        })
        .collect();
    assert_eq!(rows, &expected, "after {log:#?}");
    let credit: i64 = seen.payments.iter().map(|p| p.left).sum();
    assert_eq!(doc["credit_balance"], credit, "after {log:#?}");
    let (code, _, out) = crate::check::check(&env.db);
    assert_eq!(code, Some(0), "check after {log:#?}: {out}");
}

fn card_args(last4: &str, expiry: Ym, limit: Option<i64>) -> Vec<String> {
    let mut args: Vec<String> = [
        "account",
        "payment-method",
        "card",
        "--brand",
        "VISA",
        "--last4",
        last4,
        "--expiry",
    ]
    .map(String::from)
    .to_vec();
    args.push(fmt_ym(expiry));
    if let Some(l) = limit {
        args.push("--limit".into());
        args.push(l.to_string());
    }
    args
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn run_case(price: i64, limit: Option<i64>, steps: Vec<Step>) {
    let env = Env::new();
    let start = midnight(day((2024, 1), 1));
    let card = Card {
        id: 1,
        limit,
        expiry: (2030, 12),
        registered: start,
    };
    let mut model = Model::new(start, price, card);
    env.ok(
        "2024-01-01",
        &[
            "init",
            "--first-name",
            "Minji",
            "--last-name",
            "Kim",
            "--email",
            "minji@example.com",
        ],
    );
    env.ok("2024-01-01", &strs(&card_args("4242", (2030, 12), limit)));
    let contracts = env.file(
        "contracts.csv",
        format!(
            "contract_no,service,region,plan,price,unit,start_date,end_date\n\
             KR-M-0,Server,KR,monthly,{price},month,2024-01-01,\n\
             KR-LB-1,Load Balancer,KR,metered,12,hour,2024-01-01,\n"
        ),
    );
    env.ok(
        "2024-01-01",
        &["import", "contracts", contracts.to_str().unwrap()],
    );
    let mut log = Vec::new();
    for (i, s) in steps.into_iter().enumerate() {
        log.push(format!("{} {s:?}", as_of(model.now)));
        let now = model.now;
        // Each writing command: the exit status the model expects, and the model after it.
        let mut after = model.clone();
        after.catch_up();
        let (args, expected): (Vec<String>, i32) = match &s {
            Step::Hours(h) => {
                model.now += Duration::hours(*h);
                continue;
            }
            Step::Days(d) => {
                model.now += Duration::days(*d);
                continue;
            }
            Step::History => {
                // A read of the latest bill's month agrees with the model's billed amount.
                let mut seen = model.clone();
                seen.catch_up();
                if let Some((m, b)) = seen.bills.iter().next_back() {
                    let (code, out) =
                        run(&env, now, &["history", "--month", &fmt_ym(*m), "--json"]);
                    assert_eq!(code, 0);
                    let doc: Value = serde_json::from_str(&out).unwrap();
                    assert_eq!(doc["totals"]["billed_amount"], b.billed, "{log:#?}");
                }
                continue;
            }
            Step::Contract(price) => {
                let file = env.file(
                    &format!("contract-{i}.csv"),
                    format!(
                        "contract_no,service,region,plan,price,unit,start_date,end_date\n\
                         KR-N-{i},Server,KR,monthly,{price},month,{},\n",
                        now.date()
                    ),
                );
                after.monthly.push((*price, now.date()));
                (
                    vec![
                        "import".into(),
                        "contracts".into(),
                        file.to_string_lossy().into_owned(),
                    ],
                    0,
                )
            }
            Step::Usage(q) => {
                let file = env.file(
                    &format!("usage-{i}.csv"),
                    format!("contract_no,date,quantity\nKR-LB-1,{},{q}\n", now.date()),
                );
                after.usage.insert(now.date(), *q);
                (
                    vec![
                        "import".into(),
                        "usage".into(),
                        file.to_string_lossy().into_owned(),
                    ],
                    0,
                )
            }
            Step::Auto => (vec!["pay".into(), "--auto".into()], 0),
            Step::Instant { transfer } => {
                let code = after.pay_instant(*transfer);
                let mut args: Vec<String> = vec!["pay".into(), "--instant".into(), "--yes".into()];
                if *transfer {
                    args.extend(["--method".into(), "transfer".into()]);
                }
                (args, code)
            }
            Step::Deposit(amount) => {
                let reference = format!("ref-{i}");
                after.deposit(*amount);
                after.last_deposit = Some((*amount, reference.clone()));
                (
                    vec![
                        "pay".into(),
                        "--deposit".into(),
                        amount.to_string(),
                        "--reference".into(),
                        reference,
                        "--yes".into(),
                    ],
                    0,
                )
            }
            Step::DepositAgain => {
                let Some((amount, reference)) = model.last_deposit.clone() else {
                    continue;
                };
                // P6: a replay records nothing (the command's catch-up still happens).
                (
                    vec![
                        "pay".into(),
                        "--deposit".into(),
                        amount.to_string(),
                        "--reference".into(),
                        reference,
                        "--yes".into(),
                    ],
                    0,
                )
            }
            Step::NewCard { limit, months } => {
                let mut expiry = ym(now.date());
                for _ in 0..*months {
                    expiry = next(expiry);
                }
                after.cards.push(Card {
                    id: after.cards.len() + 1,
                    limit: *limit,
                    expiry,
                    registered: now,
                });
                (card_args(&format!("{:04}", 1000 + i), expiry, *limit), 0)
            }
            Step::Receipts => {
                let code = if after.receipts_on { 3 } else { 0 };
                after.receipts_on = true;
                (
                    vec![
                        "receipt".into(),
                        "apply".into(),
                        "--agree-nts".into(),
                        "--yes".into(),
                    ],
                    code,
                )
            }
        };
        let (code, _) = run(&env, now, &strs(&args));
        assert_eq!(code, expected, "{args:?} at {} after {log:#?}", as_of(now));
        if code == 0 {
            model = after;
        }
        compare(&env, &model, &log);
    }
    compare(&env, &model, &log);
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn model_and_ledger_agree_after_every_step(
        price in (1i64..=300).prop_map(|p| p * 1_000 + 3),
        limit in proptest::option::of((5i64..=60).prop_map(|l| l * 10_000)),
        steps in proptest::collection::vec(step(), 4..=16),
    ) {
        run_case(price, limit, steps);
    }
}
