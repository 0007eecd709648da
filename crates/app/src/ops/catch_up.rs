//! Catching the ledger up to "now" (SPEC P1, P2, P9, P10).
//!
//! Bills, automatic payments, outstanding notices, blocking notices and late penalties follow
//! from the facts and the instant. Every command first walks the payment calendar of each
//! billed month from the account's creation up to "now", in time order, and materialises
//! what is due — idempotently, by natural keys, so catching up twice changes nothing the
//! second time. Writers keep what it wrote; readers roll it back with their transaction, so
//! looking at a future `--as-of` never moves the ledger forward. Nothing is recorded at an
//! instant a writing command's catch-up already walked past (T2): new facts (an NCP import)
//! take effect from the instant they arrive.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::Datelike;
use ncp_usage_ledger::Connection;

use ncp_usage_core::billing::account::Member;
use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::issued::{self, BillSource};
use ncp_usage_core::billing::payment::{AttemptOutcome, PaymentKind};
use ncp_usage_core::billing::penalty::{self, default_ratio};
use ncp_usage_core::billing::schedule::{self, Channel, NotificationKind};
use ncp_usage_core::billing::statement::{summarize, Totals};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::account;
use ncp_usage_ledger::bills::{self, Attempt, Bill, Funds, NewPayment, Notification};

/// What happens at one instant of a bill's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    /// A late penalty (the 1st).
    Penalty,
    /// The bill is issued (the 3rd).
    Issue,
    /// An automatic attempt (the 10th–14th).
    Auto,
    /// Outstanding, with the blocking notice (the 15th).
    Outstanding,
}

/// What one catch-up did that a person may want to see (`pay --auto`).
#[derive(Debug, Default)]
pub struct CaughtUp {
    /// Bills issued.
    pub issued: Vec<Month>,
    /// Automatic attempts made.
    pub attempts: Vec<Attempt>,
}

/// Brings the ledger up to `now`.
pub fn catch_up(conn: &Connection, now: Instant, gateway: &dyn Gateway) -> Result<CaughtUp> {
    let floor = bills::caught_up_to(conn)?;
    catch_up_from(conn, now, gateway, floor)
}

/// Brings the ledger up to `now` for a command that writes, and records that its calendar
/// was walked up to `now` (a read's catch-up is rolled back, so it records nothing).
pub fn catch_up_for_write(
    conn: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
) -> Result<CaughtUp> {
    let done = catch_up(conn, now, gateway)?;
    if account::member(conn)?.is_some() {
        bills::mark_caught_up(conn, now)?;
    }
    Ok(done)
}

/// Brings the ledger up to `now` again after new facts arrived in this same command (an NCP
/// import that reopened a bill): nothing is recorded before `now` this time.
pub fn catch_up_after_import(
    conn: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
) -> Result<CaughtUp> {
    catch_up_from(conn, now, gateway, Some(now))
}

/// T2: steps earlier than `floor` (how far a writing command last walked the calendar, never
/// later than the ledger's latest instant) were walked then, with the facts known then; new
/// facts never make a charge, a notice or a penalty at an instant the ledger has passed. A
/// bill reopened since (NCP's paid-up state withdrawn) is outstanding from now on, notified
/// now, and payable instantly.
fn catch_up_from(
    conn: &Connection,
    now: Instant,
    gateway: &dyn Gateway,
    floor: Option<Instant>,
) -> Result<CaughtUp> {
    let mut done = CaughtUp::default();
    let Some(member) = account::member(conn)? else {
        return Ok(done);
    };
    let Some(created) = account::created_at(conn)? else {
        return Ok(done);
    };
    let paid: std::collections::HashSet<Month> = bills::balances(conn, now)?
        .into_iter()
        .filter(|b| b.unpaid().is_zero())
        .map(|b| b.month)
        .collect();
    let settled = |m: Month| paid.contains(&m);
    // The steps in time order. A bill's late penalties are walked one at a time: the next
    // date is queued only once the previous one found principal unpaid, so a walk costs a
    // few steps per month (plus one per penalty really charged), not one per month for
    // every month before it — which made a far `--as-of` quadratic and ran out of memory.
    let mut steps: BinaryHeap<Reverse<(Instant, Step, Month)>> = BinaryHeap::new();
    let mut month = Month::of(created.date_naive());
    while schedule::issued_at(month) <= now {
        // A bill paid in full by now has nothing left to happen: every step before its
        // payment ran when that payment was recorded.
        if !settled(month) {
            steps.push(Reverse((schedule::issued_at(month), Step::Issue, month)));
            for t in schedule::auto_attempts(month).filter(|t| *t <= now) {
                steps.push(Reverse((t, Step::Auto, month)));
            }
            if schedule::outstanding_at(month) <= now {
                steps.push(Reverse((
                    schedule::outstanding_at(month),
                    Step::Outstanding,
                    month,
                )));
            }
            // Penalty dates before the floor were walked already and are skipped one by
            // one below; start at the first one from the floor (without this, every command
            // stepped through each carried bill's whole penalty history).
            let first = schedule::penalty_dates(month, now)
                .next()
                .and_then(|t| match floor {
                    Some(f) if t < f => {
                        schedule::next_penalty_date(f - chrono::Duration::seconds(1), now)
                    }
                    _ => Some(t),
                });
            if let Some(t) = first {
                steps.push(Reverse((t, Step::Penalty, month)));
            }
        }
        month = month.next();
    }
    let passed = |at: Instant| floor.is_some_and(|f| at < f);
    // The walk changes no contract: the months it bills read the contracts once.
    let mut loaded = crate::ops::month::Months::default();
    while let Some(Reverse((at, step, month))) = steps.pop() {
        if step != Step::Issue && passed(at) {
            if step == Step::Outstanding && floor.is_some_and(|f| now >= f) {
                late_outstanding(conn, &member, month, now)?;
            }
            // A penalty date walked already: the next one may still fall after the floor.
            if step == Step::Penalty {
                if let Some(next) = schedule::next_penalty_date(at, now) {
                    steps.push(Reverse((next, Step::Penalty, month)));
                }
            }
            continue;
        }
        match step {
            Step::Issue => {
                // A month NCP billed in another currency is NCP's to collect, not the ledger's.
                let ours = ncp_usage_ledger::ncp::foreign_currency(conn, month)?.is_none();
                if ours && !bills::exists(conn, month)? {
                    issue(conn, &member, month, at, &mut loaded)?;
                    done.issued.push(month);
                } else if ours && !bills::notified(conn, NotificationKind::BillIssued, month)? {
                    // NCP's own bill, stored before its issue day or in place of a 0-won one
                    // the ledger issued: announced on its day, or now when that has passed
                    // (nothing is recorded at an instant already walked).
                    announce(conn, &member, month, if passed(at) { now } else { at })?;
                }
            }
            Step::Auto => {
                if let Some(a) = auto_attempt(conn, &member, month, at, gateway)? {
                    done.attempts.push(a);
                }
            }
            Step::Outstanding => outstanding(conn, &member, month, at)?,
            Step::Penalty => {
                if penalty(conn, &member, month, at, at)? {
                    if let Some(next) = schedule::next_penalty_date(at, now) {
                        steps.push(Reverse((next, Step::Penalty, month)));
                    }
                }
            }
        }
    }
    Ok(done)
}

/// P10 with T2: the penalty days of NCP's unpaid bills `months` that fell after NCP wrote
/// the bill (NCP's own `overduePlusAmount` holds those before) but before the bill reached
/// the ledger are charged now, one per day at NCP's ratio, recorded and notified at `now`:
/// what a bill owes never depends on when it was imported. Days charged already are kept.
pub fn charge_missed_penalties(conn: &Connection, now: Instant, months: &[Month]) -> Result<()> {
    let Some(member) = account::member(conn)? else {
        return Ok(());
    };
    for &month in months {
        let Some(written) =
            ncp_usage_ledger::ncp::demand_cost(conn, month)?.and_then(|d| d.written_at)
        else {
            continue;
        };
        for day in schedule::penalty_dates(month, now).filter(|t| *t > written && *t < now) {
            if !penalty(conn, &member, month, day, now)? {
                break;
            }
        }
    }
    Ok(())
}

fn send(
    conn: &Connection,
    member: &Member,
    kind: NotificationKind,
    month: Month,
    at: Instant,
    subject: &str,
    sms: bool,
) -> Result<()> {
    let mut channels = vec![(Channel::Email, member.billing_email.clone())];
    if sms {
        channels.push((
            Channel::Sms,
            member
                .phone
                .clone()
                .unwrap_or_else(|| "(no phone registered)".to_string()),
        ));
    }
    for (channel, to) in channels {
        bills::notify(
            conn,
            &Notification {
                kind,
                channel,
                month,
                sent_at: at,
                to,
                subject: subject.to_string(),
            },
        )?;
    }
    Ok(())
}

/// P9 for a bill whose automatic payment period had passed when it was reopened: outstanding
/// from `now`, notified now unless an outstanding notice for it was ever sent.
fn late_outstanding(conn: &Connection, member: &Member, month: Month, now: Instant) -> Result<()> {
    if bills::notified(conn, NotificationKind::Outstanding, month)? {
        return Ok(());
    }
    outstanding(conn, member, month, now)
}

/// P1: the month's statement becomes its bill, final from now on; it is sent by email and
/// SMS, and any credit balance is applied to it.
fn issue(
    conn: &Connection,
    member: &Member,
    month: Month,
    at: Instant,
    loaded: &mut crate::ops::month::Months,
) -> Result<()> {
    let fees = loaded.load(conn, month, at)?;
    let totals: Totals = summarize(&fees.lines)?.totals;
    bills::insert(
        conn,
        &Bill {
            month,
            totals,
            overdue_ratio: default_ratio(),
            source: fees.source.into(),
            issued_at: at,
        },
    )?;
    bills::carry_adjustments(conn, month, at)?;
    // A negative adjustment larger than this bill leaves it at 0 and the rest as credit.
    bills::credit_excess(conn, month, at)?;
    // The credit is applied before the notice is written, so the notice says what is due.
    bills::apply_credit(conn, at)?;
    announce(conn, member, month, at)
}

/// P1: the bill notice of `month`, by email and SMS, saying what is due after credit; a
/// month without charges is billed (it closes the month) but not announced.
fn announce(conn: &Connection, member: &Member, month: Month, at: Instant) -> Result<()> {
    let Some(balance) = bills::balance(conn, month, at)? else {
        return Ok(());
    };
    if !balance.billed_amount.is_zero() {
        send(
            conn,
            member,
            NotificationKind::BillIssued,
            month,
            at,
            &schedule::bill_notice(month, balance.billed_amount, balance.unpaid()),
            true,
        )?;
    }
    Ok(())
}

/// P2: one automatic attempt on the previous month's bill with the method registered then.
fn auto_attempt(
    conn: &Connection,
    member: &Member,
    month: Month,
    at: Instant,
    gateway: &dyn Gateway,
) -> Result<Option<Attempt>> {
    let day = at.date_naive();
    if bills::attempt_exists(conn, month, day)? {
        return Ok(None);
    }
    let Some(balance) = bills::balance(conn, month, at)? else {
        return Ok(None);
    };
    let amount = balance.unpaid();
    if amount.is_zero() {
        return Ok(None);
    }
    let Some((method_id, method)) = account::method_at(conn, at, None)? else {
        return Ok(None);
    };
    if !method.is_automatic() {
        return Ok(None);
    }
    let charge = bills::charge(conn, &method, Some(method_id), amount, at)?;
    let mut attempt = Attempt {
        month,
        at,
        amount,
        outcome: AttemptOutcome::Approved,
        reason: None,
        payment_id: None,
    };
    match gateway.charge(&charge) {
        Ok(()) => {
            let id = bills::insert_payment(
                conn,
                &NewPayment {
                    kind: PaymentKind::Auto,
                    method: method.kind(),
                    method_id: Some(method_id),
                    amount,
                    paid_at: at,
                    reference: None,
                    idempotency_key: None,
                    request: None,
                },
            )?;
            // The whole of what this bill owes: its penalties, then its principal.
            bills::apply(conn, Funds::Payment(id), amount, &[balance], at)?;
            attempt.payment_id = Some(id);
        }
        Err(decline) => {
            attempt.outcome = AttemptOutcome::Declined;
            attempt.reason = Some(decline.to_string());
            let retry = if day.day() < schedule::AUTO_LAST_DAY {
                "it will be tried again tomorrow"
            } else {
                "it becomes outstanding tomorrow"
            };
            send(
                conn,
                member,
                NotificationKind::PaymentFailed,
                month,
                at,
                &format!(
                    "Automatic payment of {} KRW with {} failed ({decline}); {retry}",
                    amount.grouped(),
                    method.label()
                ),
                false,
            )?;
        }
    }
    bills::insert_attempt(conn, &attempt, Some(method_id), day)?;
    Ok(Some(attempt))
}

/// P9: still unpaid when the automatic payment period ends: outstanding, notified by email
/// and SMS, with notice of the blocking that follows if it stays unpaid; notified late (at
/// `at` after those dates), the notices say what is true then.
fn outstanding(conn: &Connection, member: &Member, month: Month, at: Instant) -> Result<()> {
    let Some(balance) = bills::balance(conn, month, at)? else {
        return Ok(());
    };
    if balance.unpaid().is_zero() {
        return Ok(());
    }
    send(
        conn,
        member,
        NotificationKind::Outstanding,
        month,
        at,
        &schedule::outstanding_notice(month, balance.unpaid(), at.date_naive()),
        true,
    )?;
    send(
        conn,
        member,
        NotificationKind::BlockingNotice,
        month,
        at,
        &schedule::blocking_notice(month, at.date_naive()),
        true,
    )
}

/// P10: 1.5 % of the unpaid bill amount at the start of each month it is carried. Returns
/// whether the bill still carried unpaid principal then (so the next month may charge again).
/// `notified` is when its notice goes out: `at`, or now for a day charged late
/// ([`charge_missed_penalties`]).
fn penalty(
    conn: &Connection,
    member: &Member,
    month: Month,
    at: Instant,
    notified: Instant,
) -> Result<bool> {
    // Charged already (every later command walks this date again): nothing to compute. With
    // many months carried, recomputing balances here made each command quadratic or worse.
    if bills::penalty_exists(conn, month, at.date_naive())? {
        return Ok(true);
    }
    let Some(base) = bills::unpaid_principal(conn, month, at)? else {
        return Ok(false);
    };
    if base.is_zero() {
        return Ok(false);
    }
    let ratio = bills::overdue_ratio(conn, month)?.unwrap_or_else(default_ratio);
    let amount = penalty::due(base, ratio);
    if amount.is_zero() {
        // Too small for a won of penalty this month; the bill is still carried.
        return Ok(true);
    }
    if bills::insert_penalty(conn, month, at.date_naive(), base, amount)? {
        send(
            conn,
            member,
            NotificationKind::LatePenalty,
            month,
            notified,
            &format!(
                "A late penalty of {} KRW was added to your {month} bill (unpaid {} KRW)",
                amount.grouped(),
                base.grouped()
            ),
            false,
        )?;
    }
    Ok(true)
}

/// P1: after new facts arrive (an import), an issued bill is never changed; the difference
/// between what its month now rates at and what was billed becomes an adjustment entry, which
/// the next bill carries. Returns the months adjusted.
pub fn adjust_issued_bills(conn: &Connection, now: Instant, reason: &str) -> Result<Vec<Month>> {
    let mut adjusted = Vec::new();
    // Adjusting writes adjustments only: the months read the contracts once.
    let mut loaded = crate::ops::month::Months::default();
    // A bill rated from contracts or issued from an imported statement follows its month's
    // facts: a corrected statement is a correction like any other. NCP's own bill stands as
    // NCP gave it (its re-imports adjust it in `ledger::ncp`).
    for bill in bills::issued(conn, now)?
        .into_iter()
        .filter(|b| b.source != BillSource::Ncp)
    {
        // NCP's bill for the month, once imported, is what its adjustments follow (P1).
        if ncp_usage_ledger::ncp::has_bill(conn, bill.month)? {
            continue;
        }
        let fees = loaded.load(conn, bill.month, now)?;
        let billed = summarize(&fees.lines)?.totals.billed_amount;
        let so_far = bills::adjusted_billed(conn, bill.month)?;
        if let Some(amount) = issued::correction(billed, so_far) {
            bills::adjust(conn, bill.month, amount, reason, now)?;
            adjusted.push(bill.month);
        }
    }
    Ok(adjusted)
}
