//! Paying: instant payments and direct deposits (SPEC P3–P8), each in one transaction.
//!
//! P6 holds by construction: the command's transaction starts with `BEGIN IMMEDIATE`, so two
//! shells paying the same bill run one after the other and the second sees it paid; a bill is
//! never paid beyond what it owes because payments are applied through `allocate`; and a
//! retried command with the same idempotency key returns the payment it made the first time.

use ncp_usage_ledger::Connection;
use serde::Serialize;

use ncp_usage_core::billing::account::{MethodKind, PaymentMethod};
use ncp_usage_core::billing::gateway::Gateway;
use ncp_usage_core::billing::payment::{
    check_method, check_minimum, deposit_room, instant_window, payable, BillStatus, InstantMethod,
    PaymentKind, PaymentRefusal,
};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::error::{Error, Result};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::bills::{self, Funds, NewPayment, Payment};
use ncp_usage_ledger::{account, ncp};

use crate::report::pay::PaymentDoc;

/// What an instant payment would pay, shown before asking for confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The amount to charge.
    pub amount: Krw,
    /// The bills it pays.
    pub months: Vec<Month>,
    /// How.
    pub method: InstantMethod,
    /// The card or account charged, as the portal names it.
    pub method_label: String,
    /// Whether it pays an outstanding amount (else a prepayment).
    pub outstanding: bool,
}

/// An instant payment as asked on the command line.
#[derive(Debug, Clone)]
pub struct InstantRequest {
    /// `--month`: only these bills (empty: every payable bill).
    pub months: Vec<Month>,
    /// `--method`: card or transfer (default: the registered method's kind, else card).
    pub method: Option<InstantMethod>,
    /// `--idempotency-key`.
    pub key: Option<String>,
}

impl InstantRequest {
    /// `pay --instant` with no options: every payable bill, the registered method, no key.
    pub fn every_bill() -> InstantRequest {
        InstantRequest {
            months: Vec::new(),
            method: None,
            key: None,
        }
    }

    /// P6: whether a retry with these arguments asks for the instant payment `p` made: the
    /// same bills when it names them, and the same kind of method as `method` (this request's
    /// `--method`, or what it resolves to now), so `--method card` repeats a payment made with
    /// the registered card and leaving it out repeats one made with `--method card`.
    fn asks_for(&self, p: &Payment, method: InstantMethod) -> bool {
        let mut months = self.months.clone();
        months.sort();
        months.dedup();
        let mut paid: Vec<Month> = p.applied.iter().map(|a| a.month).collect();
        paid.sort();
        paid.dedup();
        p.kind == PaymentKind::Instant
            && method.kind() == p.method
            && (months.is_empty() || months == paid)
    }

    fn fingerprint(&self) -> String {
        let mut months: Vec<String> = self.months.iter().map(Month::to_string).collect();
        months.sort();
        months.dedup();
        format!(
            "instant months={} method={}",
            months.join(","),
            self.method.map_or("default", InstantMethod::as_str)
        )
    }
}

/// The outcome of a paying command: a new payment, or the one a replayed key made.
#[derive(Debug, Clone)]
pub struct Paid {
    /// The payment.
    pub payment: Payment,
    /// True when the idempotency key had been used for this same request before: nothing
    /// was charged this time.
    pub replayed: bool,
    /// The member's credit balance after it.
    pub credit_balance: Krw,
}

fn refused(r: PaymentRefusal) -> Error {
    Error::refused(r.to_string())
}

/// P6: a key used before returns its payment when the request is the same, and is refused
/// when it is not.
fn replay(conn: &Connection, key: Option<&str>, fingerprint: &str) -> Result<Option<Paid>> {
    let Some(key) = key else { return Ok(None) };
    match bills::payment_by_key(conn, key)? {
        Some(p) if p.request.as_deref() == Some(fingerprint) => Ok(Some(Paid {
            payment: p,
            replayed: true,
            credit_balance: Krw::ZERO,
        })),
        Some(p) => Err(key_reused(key, &p)),
        None => Ok(None),
    }
}

/// P6: the refusal of a key reused for another payment, saying what the key paid.
fn key_reused(key: &str, p: &Payment) -> Error {
    let what = match p.kind {
        PaymentKind::Deposit => format!("a deposit of {} won", p.amount.grouped()),
        _ => {
            let months: Vec<String> = p.applied.iter().map(|a| a.month.to_string()).collect();
            format!(
                "{} won paid by {} for {}",
                p.amount.grouped(),
                p.method.as_str(),
                if months.is_empty() {
                    "no bill".to_string()
                } else {
                    months.join(", ")
                }
            )
        }
    };
    Error::refused(format!(
        "P6: idempotency key '{key}' was already used for payment {} ({what}) with other arguments; use a new key for a new payment",
        p.payment_id
    ))
}

/// What an instant payment charges: the latest registered card, or the latest registered
/// account — and for a transfer with no account registered, a real-time account transfer
/// made at payment time (P11), which needs no registration.
fn instant_method(
    conn: &Connection,
    now: Instant,
    method: InstantMethod,
    expatriate: bool,
) -> Result<(Option<i64>, PaymentMethod)> {
    match account::method_at(conn, now, Some(method.kind()))? {
        Some((id, m)) => Ok((Some(id), m)),
        None if method == InstantMethod::Transfer => Ok((
            None,
            PaymentMethod::Transfer {
                bank: "Real-time".to_string(),
                last4: "0000".to_string(),
                balance: None,
            },
        )),
        // P7: an expatriate member pays by card only, so only a card is suggested.
        None if expatriate => Err(Error::refused(
            "no card is registered to pay with; register one with `ncp-usage account payment-method card …` (expatriate members pay instantly by card only)",
        )),
        None => Err(Error::refused(
            "no card is registered to pay with; register one with `ncp-usage account payment-method card …`, or pay by --method transfer",
        )),
    }
}

/// The kind of method an instant payment uses: `--method`, else the registered method's
/// kind; with direct deposit registered, a registered card if there is one, else an account
/// transfer (a card for an expatriate member, P7).
fn resolve_method(
    conn: &Connection,
    now: Instant,
    asked: Option<InstantMethod>,
    expatriate: bool,
) -> Result<InstantMethod> {
    let registered = account::current_method(conn, now)?;
    Ok(match (asked, registered.as_ref().map(|m| m.kind())) {
        (Some(m), _) => m,
        (None, Some(MethodKind::Card)) => InstantMethod::Card,
        (None, Some(MethodKind::Transfer)) => InstantMethod::Transfer,
        (None, _) if account::method_at(conn, now, Some(MethodKind::Card))?.is_some() => {
            InstantMethod::Card
        }
        (None, _) if expatriate => InstantMethod::Card,
        (None, _) => InstantMethod::Transfer,
    })
}

/// P4, P5, P7, P8 and the registered method: what `pay --instant` would pay at `now`.
pub fn preview_instant(conn: &Connection, now: Instant, req: &InstantRequest) -> Result<Preview> {
    let window = instant_window(now);
    if !window.open {
        return Err(refused(PaymentRefusal::WindowClosed {
            now: clock::rfc3339(now),
            next: window.next_opens_at.map(clock::rfc3339).unwrap_or_default(),
        }));
    }
    let member = account::require_member(conn)?;
    let method = resolve_method(conn, now, req.method, member.expatriate)?;
    // P7 before looking for the account: an expatriate cannot register one (P11), so the
    // refusal must name the rule, not the missing account.
    check_method(member.expatriate, method).map_err(refused)?;
    let (stored_id, stored) = instant_method(conn, now, method, member.expatriate)?;
    let balances = bills::balances(conn, now)?;
    for m in &req.months {
        // A month NCP billed in another currency is NCP's to collect: say so, whatever the
        // ledger's own (won) row for it says.
        if let Some(ncp_bill) = ncp::demand_cost(conn, *m)? {
            if !ncp_bill.currency.is_krw() {
                return Err(refused(PaymentRefusal::NothingPayable(format!(
                    ": NCP bills {m} in {}, and it is paid in NCP's portal (this tool pays won)",
                    ncp_bill.currency
                ))));
            }
        }
        let bill = balances.iter().find(|b| b.month == *m);
        match bill {
            None => {
                return Err(refused(PaymentRefusal::NothingPayable(format!(
                    ": {m} has no issued bill yet (bills are issued on the 3rd of the next month)"
                ))))
            }
            Some(b) if b.unpaid().is_zero() => {
                return Err(refused(PaymentRefusal::NothingPayable(format!(
                    ": the {m} bill is paid"
                ))))
            }
            Some(_) => {}
        }
    }
    let bills = payable(&balances, &req.months);
    if bills.is_empty() {
        return Err(refused(PaymentRefusal::NothingPayable(
            ": every issued bill is paid".to_string(),
        )));
    }
    let amount: Krw = bills.iter().map(|b| b.unpaid()).sum();
    let outstanding = bills
        .iter()
        .any(|b| b.status(now) == BillStatus::Outstanding);
    check_minimum(method, amount, outstanding).map_err(refused)?;
    Ok(Preview {
        amount,
        months: bills.iter().map(|b| b.month).collect(),
        method,
        method_label: match stored_id {
            Some(_) => stored.label(),
            None => "a real-time account transfer".to_string(),
        },
        outstanding,
    })
}

/// `pay --instant`: charges the payable bills now. With `confirmed`, refuses if what is
/// payable changed since the member saw it.
pub fn pay_instant(
    conn: &Connection,
    now: Instant,
    req: &InstantRequest,
    gateway: &dyn Gateway,
    confirmed: Option<&Preview>,
) -> Result<Paid> {
    let fingerprint = req.fingerprint();
    if let Some(key) = req.key.as_deref() {
        if let Some(p) = bills::payment_by_key(conn, key)? {
            let expatriate = account::require_member(conn)?.expatriate;
            let method = resolve_method(conn, now, req.method, expatriate)?;
            if !req.asks_for(&p, method) {
                return Err(key_reused(key, &p));
            }
            return Ok(Paid {
                payment: p,
                replayed: true,
                credit_balance: bills::credit_balance(conn, now)?,
            });
        }
    }
    let preview = preview_instant(conn, now, req)?;
    if confirmed.is_some_and(|c| c != &preview) {
        return Err(Error::refused(
            "what is payable changed while you were confirming (another payment?); nothing was charged, run the command again",
        ));
    }
    let expatriate = account::require_member(conn)?.expatriate;
    let (method_id, method) = instant_method(conn, now, preview.method, expatriate)?;
    gateway
        .charge(&bills::charge(
            conn,
            &method,
            method_id,
            preview.amount,
            now,
        )?)
        .map_err(|d| {
            Error::refused(format!(
                "the payment of {} KRW with {} was declined ({d}); nothing was charged",
                preview.amount.grouped(),
                method.label()
            ))
        })?;
    let id = bills::insert_payment(
        conn,
        &NewPayment {
            kind: PaymentKind::Instant,
            method: preview.method.kind(),
            method_id,
            amount: preview.amount,
            paid_at: now,
            reference: None,
            idempotency_key: req.key.as_deref(),
            request: Some(&fingerprint),
        },
    )?;
    let balances = bills::balances(conn, now)?;
    let chosen: Vec<_> = balances
        .into_iter()
        .filter(|b| preview.months.contains(&b.month))
        .collect();
    let left = bills::apply(conn, Funds::Payment(id), preview.amount, &chosen, now)?;
    debug_assert!(left.is_zero());
    Ok(Paid {
        payment: bills::payment(conn, id)?,
        replayed: false,
        credit_balance: bills::credit_balance(conn, now)?,
    })
}

/// `pay --deposit`: records money deposited to the fee deposit account and applies it to the
/// oldest unpaid amounts, penalties before principal; what is left is a credit balance that
/// pays the next bill. The same reference with the same amount, or the same idempotency key
/// with the same arguments, is a replay; a key or a reference reused otherwise is refused.
pub fn deposit(
    conn: &Connection,
    now: Instant,
    amount: Krw,
    reference: Option<&str>,
    key: Option<&str>,
) -> Result<Paid> {
    if amount.is_zero() {
        return Err(Error::invalid("a deposit must be more than 0 won"));
    }
    account::require_member(conn)?;
    let fingerprint = format!(
        "deposit amount={amount} reference={}",
        reference.unwrap_or("")
    );
    if let Some(done) = replay(conn, key, &fingerprint)? {
        return Ok(Paid {
            credit_balance: bills::credit_balance(conn, now)?,
            ..done
        });
    }
    // P6: one bank deposit is one reference. The same reference with the same amount is the
    // same deposit recorded again, with or without a key; with another amount it is refused.
    if let Some(r) = reference {
        if let Some(p) = bills::deposit_by_reference(conn, r)? {
            if p.amount != amount {
                return Err(Error::refused(format!(
                    "P6: deposit reference '{r}' was already recorded for payment {} of {} won on {}; a different deposit needs its own --reference",
                    p.payment_id,
                    p.amount.grouped(),
                    clock::rfc3339(p.paid_at)
                )));
            }
            // The key this retry brings names the deposit from now on: reused with other
            // arguments, it is refused like any key.
            if let Some(k) = key {
                bills::bind_key(conn, k, p.payment_id, now)?;
            }
            return Ok(Paid {
                payment: p,
                replayed: true,
                credit_balance: bills::credit_balance(conn, now)?,
            });
        }
    }
    let balances = bills::balances(conn, now)?;
    let owed: Krw = balances.iter().map(|b| b.unpaid()).sum();
    let room = deposit_room(bills::credit_balance(conn, now)?, owed);
    if amount > room {
        return Err(Error::invalid(format!(
            "a deposit of {} won would bring the credit balance past {} won, more than the ledger holds; deposit at most {} won",
            amount.grouped(),
            ncp_usage_core::money::MAX_WON_TEXT,
            room.grouped()
        )));
    }
    let key = key
        .map(str::to_string)
        .or_else(|| reference.map(|r| format!("deposit-reference:{r}")));
    let id = bills::insert_payment(
        conn,
        &NewPayment {
            kind: PaymentKind::Deposit,
            method: MethodKind::Deposit,
            method_id: None,
            amount,
            paid_at: now,
            reference,
            idempotency_key: key.as_deref(),
            request: Some(&fingerprint),
        },
    )?;
    bills::apply(conn, Funds::Payment(id), amount, &balances, now)?;
    Ok(Paid {
        payment: bills::payment(conn, id)?,
        replayed: false,
        credit_balance: bills::credit_balance(conn, now)?,
    })
}

/// What `pay --instant` and `pay --deposit` show.
impl From<Paid> for PaymentDoc {
    fn from(paid: Paid) -> PaymentDoc {
        PaymentDoc {
            payment: paid.payment,
            replayed: paid.replayed,
            credit_balance: paid.credit_balance,
        }
    }
}
