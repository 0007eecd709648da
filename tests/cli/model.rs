//! A model test (SPEC P1–P10, T2, M2, M3, O1–O3, R1): random sequences of commands — imports,
//! the clock moving forward by hours or days, `pay --auto`, `pay --instant`, deposits and
//! their replays (by reference and by idempotency key), new cards, `receipt apply`, changes of
//! member type, a contract's price corrected after its bills were issued (adjustments, credit
//! balance), and writing commands with `--format csv|json`, `--json`, `--yes` added or taken
//! away — run on a real ledger through the real binary and on a small
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
    /// What the bill asks for: its month's own amount + the adjustments it carries, never
    /// below zero (a larger negative adjustment becomes credit balance).
    billed: i64,
    /// Its month as rated at issue + the adjustments recorded for the month since (P1).
    rated: i64,
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
    /// The last deposit made with an idempotency key: (amount, key).
    last_keyed: Option<(i64, String)>,
    /// Whether automatic cash receipts are on; `None` once the member type changed after
    /// applying (the SPEC does not say what a change of member type does to them).
    receipts_on: Option<bool>,
    business: bool,
    /// Adjustments recorded for issued bills and not yet carried into a bill (P1).
    pending: i64,
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
            last_keyed: None,
            receipts_on: Some(false),
            business: false,
            pending: 0,
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
                    let rated = self.rate(m);
                    let carried = rated + std::mem::take(&mut self.pending);
                    self.bills.insert(
                        m,
                        Bill {
                            billed: carried.max(0),
                            rated,
                            ..Bill::default()
                        },
                    );
                    if carried < 0 {
                        // A negative adjustment larger than the bill: credit balance.
                        let left = self.allocate(-carried, None);
                        self.payments.push(Payment {
                            card: None,
                            amount: -carried,
                            left,
                            at: t,
                        });
                    }
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

    /// P1: a contract's price corrected after bills were issued: each issued bill stays as
    /// issued and the difference is an adjustment the next bill carries.
    fn reprice(&mut self, price: i64) {
        self.monthly[0].0 = price;
        let months: Vec<Ym> = self.bills.keys().copied().collect();
        for m in months {
            let rated = self.rate(m);
            let b = self.bills.get_mut(&m).unwrap();
            self.pending += rated - b.rated;
            b.rated = rated;
        }
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
    Instant {
        transfer: bool,
    },
    Deposit(i64),
    DepositAgain,
    /// `pay --deposit N --idempotency-key K --yes`.
    DepositKeyed(i64),
    /// The last keyed deposit again: the same amount (a replay) or another (refused, P6).
    DepositKeyedAgain {
        other: bool,
    },
    NewCard {
        limit: Option<i64>,
        months: u32,
    },
    Receipts,
    History,
    /// `account set --member-type` to the other type.
    MemberType,
    /// The first monthly contract re-imported at a new price (P1 adjustments).
    Reprice(i64),
    /// A writing step with an output option (O1, O2).
    Styled(Box<Step>, Style),
}

/// How a writing step's command line is varied.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// `--format csv`: no writing command has a CSV form; exit 2 and nothing changes.
    Csv,
    /// `--json`: the same outcome, and one JSON document on stdout.
    Json,
    /// `--format json`: the same.
    FormatJson,
    /// `--yes` added where the command has none: the same outcome.
    Yes,
    /// `--yes` taken away from a payment: no terminal to ask on, exit 2 (O3).
    NoYes,
}

fn writing_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1i64..=200).prop_map(|p| Step::Contract(p * 1_000 + 7)),
        (0i64..=300).prop_map(Step::Usage),
        Just(Step::Auto),
        any::<bool>().prop_map(|transfer| Step::Instant { transfer }),
        (1i64..=150_000).prop_map(Step::Deposit),
        (1i64..=150_000).prop_map(Step::DepositKeyed),
        Just(Step::MemberType),
        (1i64..=300).prop_map(|p| Step::Reprice(p * 1_000 + 11)),
        Just(Step::Receipts),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1i64..=72).prop_map(Step::Hours),
        4 => (1i64..=25).prop_map(Step::Days),
        1 => (26i64..=40).prop_map(Step::Days),
        1 => (1i64..=200).prop_map(|p| Step::Contract(p * 1_000 + 7)),
        2 => (0i64..=300).prop_map(Step::Usage),
        2 => Just(Step::Auto),
        3 => any::<bool>().prop_map(|transfer| Step::Instant { transfer }),
        2 => (1i64..=150_000).prop_map(Step::Deposit),
        1 => Just(Step::DepositAgain),
        1 => (1i64..=150_000).prop_map(Step::DepositKeyed),
        1 => any::<bool>().prop_map(|other| Step::DepositKeyedAgain { other }),
        1 => (proptest::option::of(1i64..=40), 0u32..=6)
            .prop_map(|(l, months)| Step::NewCard { limit: l.map(|l| l * 10_000), months }),
        1 => Just(Step::Receipts),
        1 => Just(Step::History),
        1 => Just(Step::MemberType),
        1 => (1i64..=300).prop_map(|p| Step::Reprice(p * 1_000 + 11)),
        2 => (
            writing_step(),
            prop_oneof![
                Just(Style::Csv),
                Just(Style::Json),
                Just(Style::FormatJson),
                Just(Style::Yes),
                Just(Style::NoYes),
            ],
        )
            .prop_map(|(s, style)| Step::Styled(Box::new(s), style)),
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

/// A writing step's command line and the exit codes the model allows (more than one where
/// two refusals compete and the SPEC does not order them); `after` becomes the model as the
/// command leaves it when it succeeds. `None`: nothing to run.
fn plan(
    env: &Env,
    i: usize,
    now: NaiveDateTime,
    model: &Model,
    after: &mut Model,
    s: &Step,
) -> Option<(Vec<String>, Vec<i32>)> {
    let path = |p: std::path::PathBuf| p.to_string_lossy().into_owned();
    let deposit = |amount: i64, extra: &[&str]| {
        let mut args: Vec<String> = vec!["pay".into(), "--deposit".into(), amount.to_string()];
        args.extend(extra.iter().map(|e| e.to_string()));
        args.push("--yes".into());
        args
    };
    Some(match s {
        Step::Hours(_) | Step::Days(_) | Step::History => return None,
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
                vec!["import".into(), "contracts".into(), path(file)],
                vec![0],
            )
        }
        Step::Reprice(price) => {
            let file = env.file(
                &format!("reprice-{i}.csv"),
                format!(
                    "contract_no,service,region,plan,price,unit,start_date,end_date\n\
                     KR-M-0,Server,KR,monthly,{price},month,2024-01-01,\n"
                ),
            );
            after.reprice(*price);
            (
                vec!["import".into(), "contracts".into(), path(file)],
                vec![0],
            )
        }
        Step::Usage(q) => {
            let file = env.file(
                &format!("usage-{i}.csv"),
                format!("contract_no,date,quantity\nKR-LB-1,{},{q}\n", now.date()),
            );
            after.usage.insert(now.date(), *q);
            (vec!["import".into(), "usage".into(), path(file)], vec![0])
        }
        Step::Auto => (vec!["pay".into(), "--auto".into()], vec![0]),
        Step::Instant { transfer } => {
            let code = after.pay_instant(*transfer);
            let mut args: Vec<String> = vec!["pay".into(), "--instant".into(), "--yes".into()];
            if *transfer {
                args.extend(["--method".into(), "transfer".into()]);
            }
            (args, vec![code])
        }
        Step::Deposit(amount) => {
            let reference = format!("ref-{i}");
            after.deposit(*amount);
            after.last_deposit = Some((*amount, reference.clone()));
            (deposit(*amount, &["--reference", &reference]), vec![0])
        }
        Step::DepositAgain => {
            let (amount, reference) = model.last_deposit.clone()?;
            // P6: a replay records nothing (the command's catch-up still happens).
            (deposit(amount, &["--reference", &reference]), vec![0])
        }
        Step::DepositKeyed(amount) => {
            let key = format!("dk-{i}");
            after.deposit(*amount);
            after.last_keyed = Some((*amount, key.clone()));
            (deposit(*amount, &["--idempotency-key", &key]), vec![0])
        }
        Step::DepositKeyedAgain { other } => {
            let (amount, key) = model.last_keyed.clone()?;
            // P6: the same key and amount is a replay (0, nothing recorded); the same key
            // with another amount is refused (3).
            if *other {
                (deposit(amount + 1, &["--idempotency-key", &key]), vec![3])
            } else {
                (deposit(amount, &["--idempotency-key", &key]), vec![0])
            }
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
            (
                card_args(&format!("{:04}", 1000 + i), expiry, *limit),
                vec![0],
            )
        }
        Step::Receipts => {
            // R1: a business member is refused; an individual one applies once.
            let codes = if after.business {
                vec![3]
            } else {
                match after.receipts_on {
                    Some(true) => vec![3],
                    Some(false) => vec![0],
                    None => vec![0, 3],
                }
            };
            if !after.business {
                after.receipts_on = Some(true);
            }
            (
                vec![
                    "receipt".into(),
                    "apply".into(),
                    "--agree-nts".into(),
                    "--yes".into(),
                ],
                codes,
            )
        }
        Step::MemberType => {
            after.business = !after.business;
            if after.receipts_on == Some(true) {
                after.receipts_on = None;
            }
            let to = if after.business {
                "business"
            } else {
                "individual"
            };
            (
                vec![
                    "account".into(),
                    "set".into(),
                    "--member-type".into(),
                    to.into(),
                ],
                vec![0],
            )
        }
        Step::Styled(inner, style) => {
            let (mut args, codes) = plan(env, i, now, model, after, inner)?;
            let has_yes = args.iter().any(|a| a == "--yes");
            match style {
                Style::Csv => {
                    args.extend(["--format".into(), "csv".into()]);
                    // Nothing changes; the command's own refusal may come first.
                    *after = model.clone();
                    let mut all = vec![2];
                    all.extend(codes.into_iter().filter(|c| *c != 0));
                    return Some((args, all));
                }
                Style::Json => args.push("--json".into()),
                Style::FormatJson => args.extend(["--format".into(), "json".into()]),
                Style::Yes => {
                    if !has_yes {
                        args.push("--yes".into());
                    }
                }
                Style::NoYes => {
                    if has_yes && args.iter().any(|a| a == "pay") {
                        args.retain(|a| a != "--yes");
                        *after = model.clone();
                        let mut all = vec![2];
                        all.extend(codes.into_iter().filter(|c| *c != 0));
                        return Some((args, all));
                    }
                }
            }
            (args, codes)
        }
    })
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
        match &s {
            Step::Hours(h) => {
                model.now += Duration::hours(*h);
                continue;
            }
            Step::Days(d) => {
                model.now += Duration::days(*d);
                continue;
            }
            Step::History => {
                // A read of the latest bill's month agrees with the model: the month as it
                // rates now (adjustments carried in from other months are not its usage).
                let mut seen = model.clone();
                seen.catch_up();
                if let Some((m, b)) = seen.bills.iter().next_back() {
                    let (code, out) =
                        run(&env, now, &["history", "--month", &fmt_ym(*m), "--json"]);
                    assert_eq!(code, 0);
                    let doc: Value = serde_json::from_str(&out).unwrap();
                    assert_eq!(doc["totals"]["billed_amount"], b.rated, "{log:#?}");
                }
                continue;
            }
            _ => {}
        }
        // Each writing command: the exit statuses the model allows, and the model after it.
        let mut after = model.clone();
        after.catch_up();
        let Some((args, expected)) = plan(&env, i, now, &model, &mut after, &s) else {
            continue;
        };
        let (code, out) = run(&env, now, &strs(&args));
        assert!(
            expected.contains(&code),
            "{args:?} exited {code}, expected one of {expected:?}, at {} after {log:#?}",
            as_of(now)
        );
        if code == 0 && args.iter().any(|a| a == "--json" || a == "json") {
            let doc: Value = serde_json::from_str(&out)
                .unwrap_or_else(|e| panic!("{args:?}: not one JSON document ({e}): {out}"));
            assert_eq!(doc["currency"], "KRW", "{args:?}");
        }
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

/// P1, P3: a price corrected downwards after January was billed and paid leaves a negative
/// adjustment larger than February's bill: February asks for nothing, and the rest is
/// credit balance that pays March and April when they are issued (issue 11: it was lost).
#[test]
fn p1_negative_adjustment_larger_than_the_next_bill_is_credit_balance() {
    run_case(
        100_003,
        None,
        vec![
            Step::Days(40),       // 2024-02-10: January's 110,000 paid automatically
            Step::Reprice(1_011), // January now rates 1,100: −108,900 carried into February
            Step::History,
            Step::Days(25),        // 2024-03-06: February billed 0, 107,800 of credit
            Step::Days(30),        // 2024-04-05: March's 1,100 paid from the credit
            Step::Reprice(50_011), // and back up: +48,400 for each of January to March
            Step::Days(30),        // 2024-05-05: April carries +145,200, the credit pays it
            Step::Days(10),
            Step::Auto,
        ],
    );
}

/// P6: a deposit replayed with its idempotency key records nothing; the key with another
/// amount is refused. A member who becomes a business may not apply for cash receipts (R1),
/// and may again once an individual.
#[test]
fn p6_keyed_deposit_replay_and_member_type_changes() {
    run_case(
        20_003,
        None,
        vec![
            Step::Days(33),
            Step::DepositKeyed(5_000),
            Step::DepositKeyedAgain { other: false },
            Step::DepositKeyedAgain { other: true },
            Step::MemberType,
            Step::Receipts,
            Step::Styled(Box::new(Step::DepositKeyed(7_000)), Style::Json),
            Step::Styled(Box::new(Step::Instant { transfer: true }), Style::NoYes),
            Step::Hours(15),
            Step::Styled(
                Box::new(Step::Instant { transfer: true }),
                Style::FormatJson,
            ),
            Step::MemberType,
            Step::Receipts,
            Step::Styled(Box::new(Step::Auto), Style::Yes),
        ],
    );
}

/// O1, O2: a writing command given an output format it has no form for exits 2 and
/// changes nothing (issue 11: it committed first).
#[test]
fn o2_writing_commands_with_format_csv_change_nothing() {
    run_case(
        30_003,
        Some(10_000),
        vec![
            Step::Days(33),
            Step::Styled(Box::new(Step::Deposit(50_000)), Style::Csv),
            Step::Styled(Box::new(Step::Usage(40)), Style::Csv),
            Step::Styled(Box::new(Step::Contract(9_007)), Style::Csv),
            Step::Styled(Box::new(Step::MemberType), Style::Csv),
            Step::Styled(Box::new(Step::Reprice(2_011)), Style::Csv),
            Step::Days(8),
            Step::Styled(Box::new(Step::Auto), Style::Csv),
            Step::Hours(40),
            Step::Styled(Box::new(Step::Instant { transfer: true }), Style::Csv),
            Step::Styled(
                Box::new(Step::NewCard {
                    limit: None,
                    months: 3,
                }),
                Style::Csv,
            ),
            Step::Styled(Box::new(Step::Receipts), Style::Csv),
        ],
    );
}
