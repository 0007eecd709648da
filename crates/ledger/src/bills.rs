//! Bills, payments, automatic attempts, penalties and the notification outbox (SPEC P1–P10).
//!
//! Instants are stored as RFC 3339 text in KST, all in one format, so `<=` on the text is
//! `<=` in time: every query here takes the instant "now" and sees only what had happened by
//! then.

use crate::values::RowExt;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use ncp_usage_core::billing::account::{MethodKind, PaymentMethod};
use ncp_usage_core::billing::gateway::Charge;
use ncp_usage_core::billing::issued::{excess_credit, BillSource};
use ncp_usage_core::billing::payment::{
    allocate, Application, AttemptOutcome, BillBalance, PaymentKind,
};
use ncp_usage_core::billing::penalty;
use ncp_usage_core::billing::schedule::{Channel, NotificationKind};
use ncp_usage_core::billing::statement::Totals;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::exact::Exact;
use ncp_usage_core::money::Krw;

/// The penalties charged on bill `b` by day `?2` (P10) and not taken back by `?1` (NCP's
/// paid-up state, issue 14), with the credit that stands for what was paid on those taken
/// back; [`unpaid_principal`] leaves them out.
macro_rules! penalties_due {
    () => {
        concat!(
            "COALESCE((SELECT SUM(amount) FROM penalties p WHERE ",
            this_account!("p"),
            " AND p.month = b.month AND p.charged_on <= ?2
               AND (p.withdrawn_at IS NULL OR p.withdrawn_at > ?1)
               AND p.recorded_at <= ",
            crate::ledger_visible!(),
            "), 0)
             + COALESCE((SELECT SUM(amount) FROM credits pc WHERE ",
            this_account!("pc"),
            " AND pc.month = b.month AND pc.kind = 'penalty' AND pc.recorded_at <= ?1), 0)"
        )
    };
}

/// Each sum of what applies to bill `b` by `?1`, from one table (alias `x`).
macro_rules! applied {
    ($what:literal, "payment_applications") => {
        concat!(
            "COALESCE((SELECT SUM(",
            $what,
            ") FROM payment_applications x WHERE ",
            this_account!("x"),
            " AND x.month = b.month AND x.applied_at <= ?1",
            // What NCP's payment paid counts from the instant the ledger learnt it (T2).
            "
               AND NOT EXISTS (SELECT 1 FROM payments pp WHERE pp.account_id = x.account_id
                                 AND pp.id = x.payment_id AND pp.recorded_at > ",
            crate::ledger_visible!(),
            ")), 0)"
        )
    };
    ($what:literal, $table:literal) => {
        concat!(
            "COALESCE((SELECT SUM(",
            $what,
            ") FROM ",
            $table,
            " x WHERE ",
            this_account!("x"),
            " AND x.month = b.month AND x.applied_at <= ?1), 0)"
        )
    };
}

fn month_col(text: &str) -> Result<Month> {
    text.parse().map_err(|_| {
        Error::ledger(format!(
            "the ledger holds a damaged month '{text}'; restore it from a backup"
        ))
    })
}

/// A stored bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bill {
    /// The usage month.
    pub month: Month,
    /// The month's totals when it was issued.
    #[serde(flatten)]
    pub totals: Totals,
    /// The late penalty rate (1.5 %, or NCP's `overdueRatio`).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub overdue_ratio: Decimal,
    /// Where its figures come from.
    pub source: BillSource,
    /// When it was issued.
    #[serde(serialize_with = "clock::serde_rfc3339")]
    pub issued_at: Instant,
}

/// Whether month's bill exists.
pub fn exists(conn: &Connection, month: Month) -> Result<bool> {
    Ok(conn
        .prepare_cached(concat!(
            "SELECT EXISTS (SELECT 1 FROM bills WHERE ",
            this_account!(),
            " AND month = ?1)"
        ))?
        .query_row([month.to_string()], |r| r.get(0))?)
}

/// Stores an issued bill.
pub fn insert(conn: &Connection, bill: &Bill) -> Result<()> {
    let t = &bill.totals;
    conn.execute(
        concat!(
            "INSERT INTO bills (account_id, month, used_amount, discount_amount,
                 rounddown_discount_amount, vat_amount, billed_amount, overdue_ratio, source,
                 issued_at, recorded_at)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                -- NCP's bill stands from the import that brought it; the ledger's own from
                -- the instant its rules issued it (T2).
                CASE WHEN ?8 = 'ncp' THEN MAX(?9, ",
            crate::ledger_recorded!(),
            ") ELSE ?9 END)"
        ),
        params![
            bill.month.to_string(),
            t.used_amount.won(),
            t.discount_amount.won(),
            t.rounddown_discount_amount.won(),
            t.vat_amount.won(),
            t.billed_amount.won(),
            bill.overdue_ratio.to_string(),
            bill.source.as_str(),
            clock::rfc3339(bill.issued_at)
        ],
    )?;
    Ok(())
}

/// The bills issued by `now`, oldest first.
pub fn issued(conn: &Connection, now: Instant) -> Result<Vec<Bill>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT month, used_amount, discount_amount, rounddown_discount_amount, vat_amount,
                billed_amount, overdue_ratio, source, issued_at
         FROM bills_asof WHERE ",
        this_account!(),
        " AND issued_at <= ?1 ORDER BY month"
    ))?;
    let mut rows = stmt.query([clock::rfc3339(now)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let used: Krw = r.krw(1)?;
        let discount: Krw = r.krw(2)?;
        let ratio: String = r.get(6)?;
        out.push(Bill {
            month: month_col(&r.get::<_, String>(0)?)?,
            totals: Totals {
                used_amount: used,
                discount_amount: discount,
                estimated_payment_amount: used - discount,
                rounddown_discount_amount: r.krw(3)?,
                vat_amount: r.krw(4)?,
                billed_amount: r.krw(5)?,
            },
            overdue_ratio: ratio.parse().map_err(|_| {
                Error::ledger(format!("a bill holds a damaged overdue ratio '{ratio}'"))
            })?,
            source: r.spelled(7, "bill source")?,
            issued_at: r.instant(8, "bill issue time")?,
        });
    }
    Ok(out)
}

/// What is owed on every bill issued by `now`, as of `now`, oldest first.
pub fn balances(conn: &Connection, now: Instant) -> Result<Vec<BillBalance>> {
    balances_of(conn, now, None)
}

/// What is owed on one bill at `now`, if it was issued by then (the one-month form of
/// [`balances`], for the catch-up's steps).
pub fn balance(conn: &Connection, month: Month, now: Instant) -> Result<Option<BillBalance>> {
    Ok(balances_of(conn, now, Some(month))?.pop())
}

/// The unpaid principal of a month's bill at `now`, if it exists (P10's base): unlike
/// [`balance`], it does not sum the bill's penalties, whose number grows with every month the
/// bill is carried (which made the catch-up's penalty step slower every month walked).
pub fn unpaid_principal(conn: &Connection, month: Month, now: Instant) -> Result<Option<Krw>> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        BALANCES_SQL
            .replace("(?3 IS NULL OR b.month = ?3)", "b.month = ?3")
            .replace(penalties_due!(), "length(?2) * 0")
    });
    debug_assert!(!SQL.contains("FROM penalties"), "{}", SQL.as_str());
    let mut stmt = conn.prepare_cached(SQL.as_str())?;
    let mut rows = stmt.query(params![
        clock::rfc3339(now),
        now.date_naive().to_string(),
        month.to_string()
    ])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let b = BillBalance {
        month: month_col(&r.get::<_, String>(0)?)?,
        billed_amount: r.krw(1)?,
        penalty_amount: r.krw(2)?,
        paid_principal: r.krw(3)?,
        paid_penalty: r.krw(4)?,
    };
    Ok(Some(b.unpaid_principal()))
}

fn balances_of(conn: &Connection, now: Instant, month: Option<Month>) -> Result<Vec<BillBalance>> {
    let at = clock::rfc3339(now);
    let day = now.date_naive().to_string();
    // One month reads its row by the key: `?3 IS NULL OR b.month = ?3` would scan every
    // bill, which made the catch-up's per-step balances quadratic in the months walked.
    // Built once: the catch-up asks for one month's balance several times a month walked.
    static ONE_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        BALANCES_SQL.replace("(?3 IS NULL OR b.month = ?3)", "b.month = ?3")
    });
    let sql = if month.is_some() {
        ONE_SQL.as_str()
    } else {
        BALANCES_SQL
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params![at, day, month.map(|m| m.to_string())])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(BillBalance {
            month: month_col(&r.get::<_, String>(0)?)?,
            billed_amount: r.krw(1)?,
            penalty_amount: r.krw(2)?,
            paid_principal: r.krw(3)?,
            paid_penalty: r.krw(4)?,
        });
    }
    Ok(out)
}

const BALANCES_SQL: &str = concat!(
    "SELECT b.month,
            b.billed_amount
              + COALESCE((SELECT SUM(amount) FROM bill_adjustments a WHERE ",
    this_account!("a"),
    " AND a.carried_into = b.month), 0)
              + COALESCE((SELECT SUM(amount) FROM credits c WHERE ",
    this_account!("c"),
    " AND c.month = b.month AND c.kind = 'excess' AND c.recorded_at <= ?1), 0), ",
    penalties_due!(),
    ", ",
    applied!("principal", "payment_applications"),
    " + ",
    applied!("principal", "credit_applications"),
    ", ",
    applied!("penalty", "payment_applications"),
    " + ",
    applied!("penalty", "credit_applications"),
    " FROM bills_asof b WHERE ",
    this_account!("b"),
    " AND b.issued_at <= ?1 AND (?3 IS NULL OR b.month = ?3)
     ORDER BY b.month"
);

/// The late penalty rate of a month's bill, if it exists.
pub fn overdue_ratio(conn: &Connection, month: Month) -> Result<Option<Decimal>> {
    let text: Option<String> = conn
        .prepare_cached(concat!(
            "SELECT overdue_ratio FROM bills_asof WHERE ",
            this_account!(),
            " AND month = ?1"
        ))?
        .query_row([month.to_string()], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        t.parse()
            .map_err(|_| Error::ledger(format!("a bill holds a damaged overdue ratio '{t}'")))
    })
    .transpose()
}

/// Whether a late penalty was charged on a month's bill on `on`.
pub fn penalty_exists(conn: &Connection, month: Month, on: chrono::NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(concat!(
            "SELECT EXISTS (SELECT 1 FROM penalties WHERE ",
            this_account!(),
            " AND month = ?1 AND charged_on = ?2)"
        ))?
        .query_row(params![month.to_string(), on.to_string()], |r| r.get(0))?)
}

/// A correction of an issued bill (P1).
pub fn adjust(
    conn: &Connection,
    month: Month,
    amount: Krw,
    reason: &str,
    now: Instant,
) -> Result<()> {
    conn.execute(
        concat!(
            "INSERT INTO bill_adjustments (account_id, month, amount, reason, recorded_at) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4)"
        ),
        params![month.to_string(), amount.won(), reason, clock::rfc3339(now)],
    )?;
    Ok(())
}

/// P1: carries the adjustments recorded by `at` and not yet billed into `month`'s bill.
pub fn carry_adjustments(conn: &Connection, month: Month, at: Instant) -> Result<()> {
    conn.execute(
        concat!(
            "UPDATE bill_adjustments SET carried_into = ?1 WHERE ",
            this_account!(),
            " AND carried_into IS NULL AND recorded_at <= ?2"
        ),
        params![month.to_string(), clock::rfc3339(at)],
    )?;
    Ok(())
}

/// Adjustments recorded by `now` that no bill carries yet: they go on the next one.
pub fn pending_adjustments(conn: &Connection, now: Instant) -> Result<Krw> {
    Ok(conn.query_row(
        concat!(
            "SELECT COALESCE(SUM(amount), 0) FROM bill_adjustments WHERE ",
            this_account!(),
            " AND carried_into IS NULL AND recorded_at <= ?1"
        ),
        [clock::rfc3339(now)],
        |r| r.krw(0),
    )?)
}

/// What a month is billed with the corrections recorded for it so far (for comparing with
/// what it rates at now).
pub fn adjusted_billed(conn: &Connection, month: Month) -> Result<Krw> {
    Ok(conn.query_row(
        concat!(
            "SELECT b.billed_amount + COALESCE((SELECT SUM(amount) FROM bill_adjustments a WHERE ",
            this_account!("a"),
            " AND a.month = b.month), 0) FROM bills b WHERE ",
            this_account!("b"),
            " AND b.month = ?1"
        ),
        [month.to_string()],
        |r| r.krw(0),
    )?)
}

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment<'a> {
    /// How it was made.
    pub kind: PaymentKind,
    /// The kind of method it was paid with.
    pub method: MethodKind,
    /// The registered method charged, if any.
    pub method_id: Option<i64>,
    /// The amount received.
    pub amount: Krw,
    /// When.
    pub paid_at: Instant,
    /// The depositor's reference.
    pub reference: Option<&'a str>,
    /// P6: the key a retried command carries.
    pub idempotency_key: Option<&'a str>,
    /// What was asked, to tell a replay from a different request with the same key.
    pub request: Option<&'a str>,
}

/// The key in `meta` of the highest payment id ever given: a payment replaced by a later NCP
/// import is deleted, and its id must not be given to another payment.
const LAST_PAYMENT_ID: &str = "last_payment_id";

/// Remembers the highest payment id given so far, before a payment is deleted. Of every
/// account: payment ids are unique across the ledger.
pub fn retire_payment_ids(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value)
         SELECT ?1, CAST(MAX(COALESCE((SELECT MAX(id) FROM payments), 0),
                             COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?1), 0)) AS TEXT)
         WHERE true
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [LAST_PAYMENT_ID],
    )?;
    Ok(())
}

/// Records a payment and returns its id. Ids are never given twice, not even the id of a
/// payment that was deleted (NCP's paid-up state replaced by a later import).
pub fn insert_payment(conn: &Connection, p: &NewPayment<'_>) -> Result<i64> {
    // The next id is the ledger's, not the account's: ids are unique across accounts.
    conn.execute(
        concat!(
            "INSERT INTO payments (account_id, id, kind, method, method_id, amount, paid_at,
                 reference, idempotency_key, request, recorded_at)
             VALUES (",
            crate::ledger_account!(),
            ", MAX(COALESCE((SELECT MAX(id) FROM payments), 0),
                   COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?9), 0)) + 1,
                ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                -- NCP's payment is dated by NCP, before the import that tells it (T2).
                CASE WHEN ?1 = 'ncp' THEN ",
            crate::ledger_recorded!(),
            " ELSE '' END)"
        ),
        params![
            p.kind.as_str(),
            p.method.as_str(),
            p.method_id,
            p.amount.won(),
            clock::rfc3339(p.paid_at),
            p.reference,
            p.idempotency_key,
            p.request,
            LAST_PAYMENT_ID
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Where money applied to bills comes from (P3): a payment received, or a credit that
/// negative adjustments left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Funds {
    /// A payment, by id.
    Payment(i64),
    /// A credit, by id.
    Credit(i64),
}

/// P3: applies `amount` of `funds` to `bills` at `at`, as [`allocate`] decides (oldest first,
/// penalties before principal, never beyond what is owed). Returns what is left over, which
/// stays a credit balance.
pub fn apply(
    conn: &Connection,
    funds: Funds,
    amount: Krw,
    bills: &[BillBalance],
    at: Instant,
) -> Result<Krw> {
    let (apps, left) = allocate(amount, bills);
    let (sql, id) = match funds {
        Funds::Payment(id) => (
            concat!(
                "INSERT INTO payment_applications (account_id, payment_id, month, principal,
                     penalty, applied_at)
                 VALUES (",
                crate::ledger_account!(),
                ", ?1, ?2, ?3, ?4, ?5)"
            ),
            id,
        ),
        Funds::Credit(id) => (
            concat!(
                "INSERT INTO credit_applications (account_id, credit_id, month, principal,
                     penalty, applied_at)
                 VALUES (",
                crate::ledger_account!(),
                ", ?1, ?2, ?3, ?4, ?5)"
            ),
            id,
        ),
    };
    let mut insert = conn.prepare_cached(sql)?;
    for a in &apps {
        insert.execute(params![
            id,
            a.month.to_string(),
            a.amount.won(),
            a.penalty_amount.won(),
            clock::rfc3339(at)
        ])?;
    }
    Ok(left)
}

/// P11: a charge of `amount` with `method` (registered as `method_id`, if it is) at `at`,
/// with what the method was charged before: a card's this calendar month (its limit), an
/// account's since its balance was registered.
pub fn charge<'m>(
    conn: &Connection,
    method: &'m PaymentMethod,
    method_id: Option<i64>,
    amount: Krw,
    at: Instant,
) -> Result<Charge<'m>> {
    let (card_spent_this_month, transfer_spent) = match method_id {
        Some(id) => (
            charged(conn, id, Some(Month::of(at.date_naive())))?,
            charged(conn, id, None)?,
        ),
        None => (Krw::ZERO, Krw::ZERO),
    };
    Ok(Charge {
        method,
        amount,
        at,
        card_spent_this_month,
        transfer_spent,
    })
}

/// A recorded payment with its applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    /// The payment's id.
    pub payment_id: i64,
    /// How it was made.
    pub kind: PaymentKind,
    /// The kind of method it was paid with.
    pub method: MethodKind,
    /// The amount received.
    pub amount: Krw,
    /// When.
    #[serde(serialize_with = "clock::serde_rfc3339")]
    pub paid_at: Instant,
    /// The depositor's reference (`null` when none: one shape for scripts).
    pub reference: Option<String>,
    /// How it was applied.
    pub applied: Vec<Application>,
    /// What of it is not applied (the credit it left).
    pub unapplied_amount: Krw,
    /// The idempotency key it was made with.
    #[serde(skip)]
    pub request: Option<String>,
}

fn load_payments(
    conn: &Connection,
    filter: &str,
    p: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Payment>> {
    macro_rules! payments_where {
        ($filter:literal) => {
            concat!(
                "SELECT id, kind, method, amount, paid_at, reference, request FROM payments WHERE ",
                this_account!(),
                " AND ",
                $filter
            )
        };
    }
    let sql = match filter {
        "id" => payments_where!("id = ?1"),
        "key" => concat!(
            payments_where!(
                "(idempotency_key = ?1 OR id = (SELECT payment_id FROM payment_keys WHERE "
            ),
            this_account!(),
            " AND key = ?1))"
        ),
        "reference" => payments_where!("kind = 'deposit' AND reference = ?1 ORDER BY id"),
        _ => concat!(
            payments_where!("paid_at <= ?1 AND recorded_at <= "),
            crate::ledger_visible!(),
            " ORDER BY paid_at, id"
        ),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(p)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let amount: Krw = r.krw(3)?;
        let applied = applications(conn, id)?;
        let used: Krw = applied.iter().map(|a| a.amount + a.penalty_amount).sum();
        out.push(Payment {
            payment_id: id,
            kind: r.spelled(1, "payment kind")?,
            method: r.spelled(2, "payment method")?,
            amount,
            paid_at: r.instant(4, "payment time")?,
            reference: r.get(5)?,
            applied,
            unapplied_amount: amount - used,
            request: r.get(6)?,
        });
    }
    Ok(out)
}

fn applications(conn: &Connection, payment_id: i64) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT month, SUM(principal), SUM(penalty) FROM payment_applications WHERE ",
        this_account!(),
        " AND payment_id = ?1 GROUP BY month ORDER BY month"
    ))?;
    let mut rows = stmt.query([payment_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Application {
            month: month_col(&r.get::<_, String>(0)?)?,
            amount: r.krw(1)?,
            penalty_amount: r.krw(2)?,
        });
    }
    Ok(out)
}

/// One payment by id.
pub fn payment(conn: &Connection, id: i64) -> Result<Payment> {
    load_payments(conn, "id", &[&id])?
        .pop()
        .ok_or_else(|| Error::ledger(format!("payment {id} is missing from the ledger")))
}

/// The payment made with an idempotency key, if any. A key is unique across the ledger: one
/// another account used is refused as a different request (P6), never replayed as this
/// account's payment, and never answered with what the other account paid.
pub fn payment_by_key(conn: &Connection, key: &str) -> Result<Option<Payment>> {
    let elsewhere: bool = conn
        .prepare_cached(concat!(
            "SELECT EXISTS (SELECT 1 FROM payments WHERE idempotency_key = ?1 AND account_id IS NOT ",
            crate::ledger_account!(),
            ") OR EXISTS (SELECT 1 FROM payment_keys WHERE key = ?1 AND account_id IS NOT ",
            crate::ledger_account!(),
            ")"
        ))?
        .query_row([key], |r| r.get(0))?;
    if elsewhere {
        return Err(Error::refused(format!(
            "P6: idempotency key '{key}' was already used for a payment of another account; use a new key for a new payment"
        )));
    }
    Ok(load_payments(conn, "key", &[&key])?.pop())
}

/// P6: `key` names `payment_id` from now on (a payment recorded under another key, replayed
/// with this one).
pub fn bind_key(conn: &Connection, key: &str, payment_id: i64, at: Instant) -> Result<()> {
    conn.execute(
        concat!(
            "INSERT OR IGNORE INTO payment_keys (account_id, key, payment_id, recorded_at) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3)"
        ),
        params![key, payment_id, clock::rfc3339(at)],
    )?;
    Ok(())
}

/// The first direct deposit recorded with a depositor's reference, if any (P6).
pub fn deposit_by_reference(conn: &Connection, reference: &str) -> Result<Option<Payment>> {
    Ok(load_payments(conn, "reference", &[&reference])?
        .into_iter()
        .next())
}

/// Every payment made by `now`, oldest first.
pub fn payments(conn: &Connection, now: Instant) -> Result<Vec<Payment>> {
    load_payments(conn, "time", &[&clock::rfc3339(now)])
}

/// Payments with something not yet applied at `now`: (payment id, what is left).
pub fn unapplied(conn: &Connection, now: Instant) -> Result<Vec<(i64, Krw)>> {
    let at = clock::rfc3339(now);
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT p.id, p.amount - COALESCE((SELECT SUM(principal + penalty) FROM payment_applications x
                                           WHERE ",
        this_account!("x"),
        " AND x.payment_id = p.id AND x.applied_at <= ?1), 0) AS left
         FROM payments p WHERE ",
        this_account!("p"),
        " AND p.paid_at <= ?1 AND p.recorded_at <= ",
        crate::ledger_visible!(),
        " AND left > 0 ORDER BY p.paid_at, p.id"
    ))?;
    let rows = stmt.query_map([at], |r| Ok((r.get(0)?, r.krw(1)?)))?;
    rows.map(|r| r.map_err(Error::from)).collect()
}

/// Credits (the part of negative adjustments a bill could not take) with something not yet
/// applied at `now`: (credit id, what is left).
pub fn unapplied_credits(conn: &Connection, now: Instant) -> Result<Vec<(i64, Krw)>> {
    let at = clock::rfc3339(now);
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT c.id, c.amount - COALESCE((SELECT SUM(principal + penalty) FROM credit_applications x
                                           WHERE ",
        this_account!("x"),
        " AND x.credit_id = c.id AND x.applied_at <= ?1), 0) AS left
         FROM credits c WHERE ",
        this_account!("c"),
        " AND c.recorded_at <= ?1 AND left > 0 ORDER BY c.recorded_at, c.id"
    ))?;
    let rows = stmt.query_map([at], |r| Ok((r.get(0)?, r.krw(1)?)))?;
    rows.map(|r| r.map_err(Error::from)).collect()
}

/// The member's credit balance at `now`: money received and not applied to any bill, and
/// credits left by negative adjustments and not applied yet.
pub fn credit_balance(conn: &Connection, now: Instant) -> Result<Krw> {
    let money: Krw = unapplied(conn, now)?.into_iter().map(|(_, k)| k).sum();
    let credits: Krw = unapplied_credits(conn, now)?
        .into_iter()
        .map(|(_, k)| k)
        .sum();
    Ok(money + credits)
}

/// P3: the credit balance pays the oldest unpaid amounts at `at` — money received and not
/// applied first, then credits, each oldest first. Whatever a bill's source (rated, imported,
/// NCP's), a newly issued bill is paid from it before any card is charged.
pub fn apply_credit(conn: &Connection, at: Instant) -> Result<()> {
    for (payment_id, left) in unapplied(conn, at)? {
        apply(
            conn,
            Funds::Payment(payment_id),
            left,
            &balances(conn, at)?,
            at,
        )?;
    }
    for (credit_id, left) in unapplied_credits(conn, at)? {
        apply(
            conn,
            Funds::Credit(credit_id),
            left,
            &balances(conn, at)?,
            at,
        )?;
    }
    Ok(())
}

/// P1, P3: records at `at` the credit that the adjustments carried into `month`'s bill leave
/// when they take it below 0 ([`excess_credit`]). Returns the credit recorded.
pub fn credit_excess(conn: &Connection, month: Month, at: Instant) -> Result<Krw> {
    let due: Krw = conn.query_row(
        concat!(
            "SELECT b.billed_amount
                + COALESCE((SELECT SUM(amount) FROM bill_adjustments a WHERE ",
            this_account!("a"),
            " AND a.carried_into = b.month), 0)
                + COALESCE((SELECT SUM(amount) FROM credits c WHERE ",
            this_account!("c"),
            " AND c.month = b.month AND c.kind = 'excess'), 0)
             FROM bills b WHERE ",
            this_account!("b"),
            " AND b.month = ?1"
        ),
        [month.to_string()],
        |r| r.krw(0),
    )?;
    let excess = excess_credit(due);
    if excess.is_zero() {
        return Ok(excess);
    }
    conn.execute(
        concat!(
            "INSERT INTO credits (account_id, month, amount, reason, recorded_at) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4)"
        ),
        params![
            month.to_string(),
            excess.won(),
            format!("adjustments carried into the {month} bill exceed it"),
            clock::rfc3339(at)
        ],
    )?;
    Ok(excess)
}

/// P1, P3: when NCP's bill supersedes `month`'s preliminary bill in place, the credit the
/// corrections carried into it left ([`credit_excess`]) is recorded again from the bill's new
/// figures, as of the bill's issue, when it differs: against NCP's amount the corrections may
/// leave less credit (none, once they no longer take the bill below 0) or more. What the old
/// credit paid is taken back with it; the caller applies the credit balance again.
pub fn recredit_excess(conn: &Connection, month: Month) -> Result<()> {
    let m = month.to_string();
    let (due, recorded, issued_at): (Krw, Krw, Instant) = conn.query_row(
        concat!(
            "SELECT b.billed_amount
                + COALESCE((SELECT SUM(amount) FROM bill_adjustments a WHERE ",
            this_account!("a"),
            " AND a.carried_into = b.month), 0),
                COALESCE((SELECT SUM(amount) FROM credits c WHERE ",
            this_account!("c"),
            " AND c.month = b.month AND c.kind = 'excess'), 0),
                b.issued_at
         FROM bills b WHERE ",
            this_account!("b"),
            " AND b.month = ?1"
        ),
        [&m],
        |r| Ok((r.krw(0)?, r.krw(1)?, r.instant(2, "bill issue time")?)),
    )?;
    if excess_credit(due) == recorded {
        return Ok(());
    }
    conn.execute(
        concat!(
            "DELETE FROM credit_applications WHERE ",
            this_account!(),
            " AND credit_id IN (SELECT id FROM credits WHERE ",
            this_account!(),
            " AND month = ?1 AND kind = 'excess')"
        ),
        [&m],
    )?;
    conn.execute(
        concat!(
            "DELETE FROM credits WHERE ",
            this_account!(),
            " AND month = ?1 AND kind = 'excess'"
        ),
        [&m],
    )?;
    credit_excess(conn, month, issued_at)?;
    Ok(())
}

/// Whether the automatic attempt of `month` on `day` was made.
pub fn attempt_exists(conn: &Connection, month: Month, day: chrono::NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(concat!(
            "SELECT EXISTS (SELECT 1 FROM auto_attempts WHERE ",
            this_account!(),
            " AND month = ?1 AND attempt_on = ?2)"
        ))?
        .query_row(params![month.to_string(), day.to_string()], |r| r.get(0))?)
}

/// One automatic attempt (P2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    /// The bill's month.
    pub month: Month,
    /// When.
    #[serde(serialize_with = "clock::serde_rfc3339")]
    pub at: Instant,
    /// The amount tried.
    pub amount: Krw,
    /// What it came to.
    pub outcome: AttemptOutcome,
    /// Why it was declined.
    pub reason: Option<String>,
    /// The payment it made, if approved.
    pub payment_id: Option<i64>,
}

/// Records an automatic attempt.
pub fn insert_attempt(
    conn: &Connection,
    a: &Attempt,
    method_id: Option<i64>,
    day: chrono::NaiveDate,
) -> Result<()> {
    conn.execute(
        concat!(
            "INSERT INTO auto_attempts (account_id, month, attempt_on, at, method_id, amount,
                 outcome, reason, payment_id)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        ),
        params![
            a.month.to_string(),
            day.to_string(),
            clock::rfc3339(a.at),
            method_id,
            a.amount.won(),
            a.outcome.as_str(),
            a.reason,
            a.payment_id
        ],
    )?;
    Ok(())
}

/// Every automatic attempt made by `now`, oldest first.
pub fn attempts(conn: &Connection, now: Instant) -> Result<Vec<Attempt>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT month, at, amount, outcome, reason, payment_id FROM auto_attempts WHERE ",
        this_account!(),
        " AND at <= ?1 ORDER BY at, month"
    ))?;
    let mut rows = stmt.query([clock::rfc3339(now)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Attempt {
            month: month_col(&r.get::<_, String>(0)?)?,
            at: r.instant(1, "automatic attempt time")?,
            amount: r.krw(2)?,
            outcome: r.spelled(3, "automatic attempt outcome")?,
            reason: r.get(4)?,
            payment_id: r.get(5)?,
        });
    }
    Ok(out)
}

/// What a card was charged in a calendar month, and what an account was charged in all.
pub fn charged(conn: &Connection, method_id: i64, month: Option<Month>) -> Result<Krw> {
    let (from, to) = match month {
        Some(m) => (m.first_day().to_string(), format!("{}T99", m.last_day())),
        None => ("0000".to_string(), "9999".to_string()),
    };
    Ok(conn.query_row(
        concat!(
            "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE ",
            this_account!(),
            " AND method_id = ?1 AND paid_at >= ?2 AND paid_at <= ?3"
        ),
        params![method_id, from, to],
        |r| r.krw(0),
    )?)
}

/// Records a late penalty unless that month's was already charged. Returns whether it was new.
pub fn insert_penalty(
    conn: &Connection,
    month: Month,
    on: chrono::NaiveDate,
    base: Krw,
    amount: Krw,
) -> Result<bool> {
    // Look before writing: a read-only command's catch-up must not take the write lock
    // for nothing.
    if penalty_exists(conn, month, on)? {
        return Ok(false);
    }
    Ok(conn.prepare_cached(concat!(
        "INSERT OR IGNORE INTO penalties (account_id, month, charged_on, source, base, amount) VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, 'p10', ?3, ?4)"
    ))?.execute(
        params![month.to_string(), on.to_string(), base.won(), amount.won()],
    )? == 1)
}

/// Issue 14: records NCP's late penalty of a month's bill (`overduePlusAmount`, exact), dated
/// `on`, the day NCP wrote the bill: the part of it the bill's penalties up to that day do
/// not already hold ([`penalty::ncp_remainder`]). Re-importing the same bill computes the
/// same row again, so nothing is counted twice.
pub fn record_ncp_penalty(
    conn: &Connection,
    month: Month,
    on: chrono::NaiveDate,
    ncp_penalty: Exact,
) -> Result<()> {
    let (m, day) = (month.to_string(), on.to_string());
    let charged: Krw = conn.query_row(
        concat!(
            "SELECT COALESCE(SUM(amount), 0) FROM penalties WHERE ",
            this_account!(),
            " AND month = ?1 AND withdrawn_at IS NULL
               AND (charged_on < ?2 OR (charged_on = ?2 AND source = 'p10'))"
        ),
        params![m, day],
        |r| r.krw(0),
    )?;
    let amount = penalty::ncp_remainder(ncp_penalty, charged);
    let exists: bool = conn.query_row(
        concat!(
            "SELECT EXISTS (SELECT 1 FROM penalties WHERE ",
            this_account!(),
            " AND month = ?1 AND charged_on = ?2 AND source = 'ncp')"
        ),
        params![m, day],
        |r| r.get(0),
    )?;
    if amount.is_zero() && !exists {
        return Ok(());
    }
    // The bill's amount: what NCP's rate applies to, as P10's rows keep theirs.
    let base = conn
        .query_row(
            concat!(
                "SELECT billed_amount FROM bills WHERE ",
                this_account!(),
                " AND month = ?1"
            ),
            [&m],
            |r| r.krw(0),
        )
        .optional()?
        .unwrap_or(Krw::ZERO);
    conn.execute(
        concat!(
            "INSERT INTO penalties (account_id, month, charged_on, source, base, amount, recorded_at) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, 'ncp', ?3, ?4, ",
            // NCP's penalty is dated when NCP wrote the bill, before the import (T2).
            crate::ledger_recorded!(),
            ")
             ON CONFLICT (account_id, month, charged_on, source)
             DO UPDATE SET base = excluded.base, amount = excluded.amount,
                 recorded_at = excluded.recorded_at
             WHERE base != excluded.base OR amount != excluded.amount"
        ),
        params![m, day, base.won(), amount.won()],
    )?;
    Ok(())
}

/// The late penalties `month`'s bill holds that were charged on or before `on` (KST), taken
/// back ones left out: what NCP's `overduePlusAmount` of a writing on `on` stands for.
pub fn penalties_through(conn: &Connection, month: Month, on: chrono::NaiveDate) -> Result<Krw> {
    Ok(conn.query_row(
        concat!(
            "SELECT COALESCE(SUM(amount), 0) FROM penalties WHERE ",
            this_account!(),
            " AND month = ?1 AND withdrawn_at IS NULL AND charged_on <= ?2"
        ),
        params![month.to_string(), on.to_string()],
        |r| r.krw(0),
    )?)
}

/// Issue 14: NCP reports `month`'s bill paid up on `paid_on` (KST): the late penalties P10
/// charged it on penalty days after that day are taken back at `now` ([`penalty::taken_back`];
/// NCP's own `overduePlusAmount` and the days before stay), and what the member had already
/// paid on them becomes credit of kind `penalty`, which pays the next amounts owed. The
/// rows stay, marked `withdrawn_at`: P10 never charges those days again, and a read at an
/// earlier instant sees them as they stood (T2). Taken back once: importing the same state
/// again changes nothing. Returns the credit recorded.
pub fn take_back_penalties(
    conn: &Connection,
    month: Month,
    paid_on: chrono::NaiveDate,
    now: Instant,
) -> Result<Krw> {
    let m = month.to_string();
    let at = clock::rfc3339(now);
    let days: Vec<String> = conn
        .prepare_cached(concat!(
            "SELECT charged_on FROM penalties WHERE ",
            this_account!(),
            " AND month = ?1 AND source = 'p10' AND withdrawn_at IS NULL ORDER BY charged_on"
        ))?
        .query_map([&m], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut taken = false;
    for day in days {
        let on = clock::parse_date(&day)
            .ok_or_else(|| Error::ledger(penalty::damaged_day(month, &day)))?;
        if !penalty::taken_back(on, paid_on) {
            continue;
        }
        conn.prepare_cached(concat!(
            "UPDATE penalties SET withdrawn_at = ?3 WHERE ",
            this_account!(),
            " AND month = ?1 AND charged_on = ?2 AND source = 'p10' AND withdrawn_at IS NULL"
        ))?
        .execute(params![m, day, at])?;
        taken = true;
    }
    if !taken {
        return Ok(Krw::ZERO);
    }
    let Some(b) = balance(conn, month, now)? else {
        return Ok(Krw::ZERO);
    };
    // Paid on the bill's penalties beyond what they now come to.
    let excess = excess_credit(b.penalty_amount - b.paid_penalty);
    if excess.is_zero() {
        return Ok(excess);
    }
    conn.execute(
        concat!(
            "INSERT INTO credits (account_id, month, amount, reason, recorded_at, kind) VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, 'penalty')"
        ),
        params![
            m,
            excess.won(),
            penalty::taken_back_reason(month, paid_on),
            at
        ],
    )?;
    Ok(excess)
}

/// One message of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// What it announces.
    pub kind: NotificationKind,
    /// How it is sent.
    pub channel: Channel,
    /// The bill's month.
    pub month: Month,
    /// When.
    #[serde(serialize_with = "clock::serde_rfc3339")]
    pub sent_at: Instant,
    /// The address or phone number.
    pub to: String,
    /// What it says.
    pub subject: String,
}

/// T2: the instant up to which a writing command last caught the running account up, if
/// any (each account's calendar is walked by the commands that work for it).
pub fn caught_up_to(conn: &Connection) -> Result<Option<Instant>> {
    let text: Option<String> = conn.query_row(
        concat!(
            "SELECT caught_up_to FROM accounts WHERE id = ",
            crate::ledger_account!()
        ),
        [],
        |r| r.get(0),
    )?;
    text.map(|t| {
        clock::parse_as_of(&t)
            .map_err(|_| Error::ledger(format!("the ledger's catch-up instant '{t}' is damaged")))
    })
    .transpose()
}

/// Records that a writing command caught the running account up to `now`.
pub fn mark_caught_up(conn: &Connection, now: Instant) -> Result<()> {
    // An unchanged value is not written again: a read-only file stays untouched.
    conn.execute(
        concat!(
            "UPDATE accounts SET caught_up_to = ?1 WHERE id = ",
            crate::ledger_account!(),
            " AND caught_up_to IS NOT ?1"
        ),
        [clock::rfc3339(now)],
    )?;
    Ok(())
}

/// Whether a message of `kind` about `month` was ever put in the outbox.
pub fn notified(conn: &Connection, kind: NotificationKind, month: Month) -> Result<bool> {
    Ok(conn.query_row(
        concat!(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE ",
            this_account!(),
            " AND kind = ?1 AND month = ?2)"
        ),
        params![kind.as_str(), month.to_string()],
        |r| r.get(0),
    )?)
}

/// Puts a message in the outbox unless the same one was sent already.
pub fn notify(conn: &Connection, n: &Notification) -> Result<()> {
    let sent_at = clock::rfc3339(n.sent_at);
    let exists: bool = conn
        .prepare_cached(concat!(
            "SELECT EXISTS (SELECT 1 FROM notifications WHERE ",
            this_account!(),
            " AND kind = ?1 AND channel = ?2 AND month = ?3 AND sent_at = ?4)"
        ))?
        .query_row(
            params![
                n.kind.as_str(),
                n.channel.as_str(),
                n.month.to_string(),
                sent_at
            ],
            |r| r.get(0),
        )?;
    if exists {
        return Ok(());
    }
    conn.prepare_cached(concat!(
        "INSERT OR IGNORE INTO notifications (account_id, kind, channel, month, sent_at,
             recipient, subject)
         VALUES (",
        crate::ledger_account!(),
        ", ?1, ?2, ?3, ?4, ?5, ?6)"
    ))?
    .execute(params![
        n.kind.as_str(),
        n.channel.as_str(),
        n.month.to_string(),
        sent_at,
        n.to,
        n.subject
    ])?;
    Ok(())
}

/// The outbox up to `now`, optionally for one bill month, oldest first.
pub fn notifications(
    conn: &Connection,
    now: Instant,
    month: Option<Month>,
) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT kind, channel, month, sent_at, recipient, subject FROM notifications WHERE ",
        this_account!(),
        " AND sent_at <= ?1 AND (?2 IS NULL OR month = ?2) ORDER BY sent_at, id"
    ))?;
    let mut rows = stmt.query(params![clock::rfc3339(now), month.map(|m| m.to_string())])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Notification {
            kind: r.spelled(0, "notification kind")?,
            channel: r.spelled(1, "notification channel")?,
            month: month_col(&r.get::<_, String>(2)?)?,
            sent_at: r.instant(3, "notification time")?,
            to: r.get(4)?,
            subject: r.get(5)?,
        });
    }
    Ok(out)
}

/// One correction of an issued bill, with the bill that carries it (`None` until the next
/// bill is issued).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    /// The usage month corrected.
    pub month: Month,
    /// The correction, VAT included (negative for a credit).
    pub amount: Krw,
    /// The bill it is carried into and paid with.
    pub carried_into: Option<Month>,
    /// When it was recorded (the views say when a bill was corrected; the confirmation's
    /// JSON keeps its three fields).
    #[serde(skip)]
    pub recorded_at: Instant,
    /// Why, in words (`NCP's bill for 2026-10 (163,776 KRW) differs from the issued bill`).
    #[serde(skip)]
    pub reason: String,
}

/// The corrections recorded by `now` of `month`'s bill (`of`), or carried into `month`'s
/// bill (`into`), oldest first.
pub fn adjustments(
    conn: &Connection,
    month: Month,
    now: Instant,
) -> Result<(Vec<Adjustment>, Vec<Adjustment>)> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT month, amount, carried_into, recorded_at, reason FROM bill_adjustments WHERE ",
        this_account!(),
        " AND recorded_at <= ?2 AND (month = ?1 OR carried_into = ?1) ORDER BY id"
    ))?;
    let mut rows = stmt.query(params![month.to_string(), clock::rfc3339(now)])?;
    let (mut of, mut into) = (Vec::new(), Vec::new());
    while let Some(r) = rows.next()? {
        let a = Adjustment {
            month: month_col(&r.get::<_, String>(0)?)?,
            amount: r.krw(1)?,
            carried_into: r
                .get::<_, Option<String>>(2)?
                .map(|m| month_col(&m))
                .transpose()?,
            recorded_at: r.instant(3, "adjustment time")?,
            reason: r.get(4)?,
        };
        if a.carried_into == Some(month) {
            into.push(a.clone());
        }
        if a.month == month {
            of.push(a);
        }
    }
    Ok((of, into))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::as_of::{self, AccountId};
    use crate::Ledger;

    /// Rule 4 of docs/ACCOUNTS.md: an idempotency key is unique across the ledger, so another
    /// account's key is refused here, never replayed as (or answered with) its payment.
    #[test]
    fn p6_another_accounts_key_is_refused_not_replayed() {
        let mut ledger = Ledger::in_memory().unwrap();
        let now = clock::parse_as_of("2024-05-02T10:00").unwrap();
        ledger
            .write(now, |tx| -> Result<()> {
                tx.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES (2, 'other', '')",
                    [],
                )?;
                as_of::set_scope(tx, AccountId(2))?;
                let deposit = |key| NewPayment {
                    kind: PaymentKind::Deposit,
                    method: MethodKind::Deposit,
                    method_id: None,
                    amount: Krw::new(5000),
                    paid_at: now,
                    reference: None,
                    idempotency_key: Some(key),
                    request: Some("deposit amount=5000 reference="),
                };
                let theirs = insert_payment(tx, &deposit("theirs"))?;
                bind_key(tx, "bound", theirs, now)?;
                as_of::set_scope(tx, AccountId::MAIN)?;
                for key in ["theirs", "bound"] {
                    let err = payment_by_key(tx, key).unwrap_err();
                    assert_eq!(err.kind, ncp_usage_core::error::Kind::Refused);
                    assert_eq!(
                        err.message,
                        format!("P6: idempotency key '{key}' was already used for a payment of another account; use a new key for a new payment")
                    );
                }
                // This account's own key is still found, and the ids stay the ledger's.
                let mine = insert_payment(tx, &deposit("mine"))?;
                assert_eq!(mine, theirs + 1);
                assert_eq!(payment_by_key(tx, "mine")?.unwrap().payment_id, mine);
                assert!(payments(tx, now)?.iter().all(|p| p.payment_id == mine));
                Ok(())
            })
            .unwrap();
    }
}
