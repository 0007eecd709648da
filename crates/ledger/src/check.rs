//! `check`: the ledger verifies itself (SPEC §10 `check`).
//!
//! SQLite's own integrity and foreign-key checks, then the ledger's invariants, each a query
//! that returns one row per violation. Nothing here repairs anything: findings are reported so
//! a person can restore a backup or re-import.
//!
//! The invariants are what the rest of the program promises and never re-verifies on its
//! own: bills add up (M2, M3), no money is lost or applied twice (P3, P6), automatic attempts
//! and their payments agree (P2), stored balances match the entries they summarise, the clock
//! only moves forward (T2), and no card number is kept anywhere (P11).
//!
//! Every invariant holds per account and reads the running account's rows only (the
//! transaction's scope, docs/ACCOUNTS.md): one account's fault is never reported as another's.
//! SQLite's own checks, and the tables every account shares, are the whole file's.

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::fees;
use ncp_usage_core::billing::account::find_card_number;
use ncp_usage_core::billing::facts::Fault;
use ncp_usage_core::billing::schedule;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;

/// One thing wrong with the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which check found it.
    pub check: &'static str,
    /// What is wrong, in words.
    pub detail: String,
}

/// One invariant: its name, and how its violations are found.
struct Invariant {
    name: &'static str,
    find: Find,
}

/// How an invariant finds its violations.
enum Find {
    /// A query returning one row (one TEXT column, the detail) per violation. The queries
    /// only read, and never build SQL from data.
    Sql(&'static str),
    /// The rows are read and the core's own rule re-derives them, so that the rule is stated
    /// once: the details of the violations.
    Rule(fn(&Connection) -> Result<Vec<String>>),
}

/// The month's amount before VAT that M2 keeps, as an SQL expression over a `bills` row:
/// used − discounts, never below zero, cut to a multiple of 100.
macro_rules! kept {
    () => {
        "(MAX(used_amount - discount_amount, 0) - MAX(used_amount - discount_amount, 0) % 100)"
    };
}

/// Every recorded instant of the running account, with where it is recorded (`T2`).
macro_rules! instants {
    () => {
        concat!(
            "SELECT 'account created_at' AS what, created_at AS at FROM account WHERE id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'account change ' || id, at FROM account_changes WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'payment method ' || id || ' registered_at', registered_at FROM payment_methods WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'bill ' || month || ' issued_at', issued_at FROM bills WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'adjustment ' || id || ' recorded_at', recorded_at FROM bill_adjustments WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'payment ' || id || ' paid_at', paid_at FROM payments WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'application ' || id || ' applied_at', applied_at FROM payment_applications WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'automatic attempt ' || month || ' ' || attempt_on, at FROM auto_attempts WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'penalty ' || month || ' charged_on', charged_on FROM penalties WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'penalty ' || month || ' ' || charged_on || ' withdrawn_at', withdrawn_at FROM penalties
             WHERE account_id = ", crate::ledger_account!(), " AND withdrawn_at IS NOT NULL
         UNION ALL SELECT 'notification ' || id || ' sent_at', sent_at FROM notifications WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'cash receipt enrollment ' || id || ' applied_at', applied_at FROM cash_receipt_enrollments WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'cash receipt enrollment ' || id || ' cancelled_at', cancelled_at FROM cash_receipt_enrollments
             WHERE account_id = ", crate::ledger_account!(), " AND cancelled_at IS NOT NULL
         UNION ALL SELECT 'confirmation ' || number || ' last_issued_at', last_issued_at FROM confirmations WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'credit ' || id || ' recorded_at', recorded_at FROM credits WHERE account_id = ", crate::ledger_account!(), "
         UNION ALL SELECT 'credit application ' || id || ' applied_at', applied_at FROM credit_applications WHERE account_id = ",
            crate::ledger_account!()
        )
    };
}

/// The ledger's invariants, in the order they are reported, each over the running account's
/// rows (`ledger_account!`).
const INVARIANTS: &[Invariant] = &[
    // M2, M3: a bill's rounding discount is what M2 cut, its VAT 10 % of the rest truncated,
    // and its billed amount the rest + VAT.
    Invariant {
        name: "bill_totals",
        find: Find::Sql(concat!(
            "SELECT 'bill ' || month || ': used ' || used_amount || ' - discount ' || discount_amount
                    || ' gives rounding discount ' || (MAX(used_amount - discount_amount, 0) % 100)
                    || ', VAT ', ",
            kept!(),
            " / 10 || ', billed ',",
            kept!(),
            " + ",
            kept!(),
            " / 10 || '; the bill stores ' || rounddown_discount_amount || ', ' || vat_amount
                    || ', ' || billed_amount
             FROM bills
             WHERE account_id = ", crate::ledger_account!(), " AND source IN ('rated', 'imported')
               AND (rounddown_discount_amount IS NOT MAX(used_amount - discount_amount, 0) % 100
                    OR vat_amount IS NOT ",
            kept!(),
            " / 10
                    OR billed_amount IS NOT ",
            kept!(),
            " + ",
            kept!(),
            " / 10)
             ORDER BY month"
        )),
    },
    // P3, P6: a payment is never applied beyond what was paid.
    Invariant {
        name: "payment_overapplied",
        find: Find::Sql(concat!("SELECT 'payment ' || p.id || ' of ' || p.amount || ' won is applied '
                     || SUM(x.principal + x.penalty) || ' won'
              FROM payments p
              JOIN payment_applications x ON x.account_id = p.account_id AND x.payment_id = p.id
              WHERE p.account_id = ", crate::ledger_account!(), " AND x.account_id = ", crate::ledger_account!(), "
              GROUP BY p.id HAVING SUM(x.principal + x.penalty) > p.amount
              ORDER BY p.id")),
    },
    // P6: no bill is paid beyond its amount (with the adjustments it carries) or beyond its
    // penalties.
    Invariant {
        name: "bill_overpaid",
        find: Find::Sql(concat!("SELECT 'bill ' || b.month || ': ' || paid.principal || ' won paid towards '
                     || MAX(b.billed_amount + COALESCE(adj.amount, 0), 0) || ' billed, '
                     || paid.penalty || ' won towards ' || COALESCE(pen.amount, 0) || ' of penalties'
              FROM bills b
              JOIN (SELECT month, SUM(principal) AS principal, SUM(penalty) AS penalty
                    FROM payment_applications WHERE account_id = ", crate::ledger_account!(), " GROUP BY month) paid
                ON paid.month = b.month
              LEFT JOIN (SELECT carried_into AS month, SUM(amount) AS amount FROM bill_adjustments
                         WHERE account_id = ", crate::ledger_account!(), " AND carried_into IS NOT NULL GROUP BY carried_into) adj
                     ON adj.month = b.month
              LEFT JOIN (SELECT month, SUM(amount) AS amount FROM (
                             SELECT month, amount FROM penalties WHERE account_id = ", crate::ledger_account!(), " AND withdrawn_at IS NULL
                             UNION ALL SELECT month, amount FROM credits WHERE account_id = ", crate::ledger_account!(), " AND kind = 'penalty')
                         GROUP BY month) pen
                     ON pen.month = b.month
              WHERE b.account_id = ", crate::ledger_account!(), "
                AND (paid.principal > MAX(b.billed_amount + COALESCE(adj.amount, 0), 0)
                     OR paid.penalty > COALESCE(pen.amount, 0))
              ORDER BY b.month")),
    },
    // P3: money is applied to a bill only after it was received and after the bill was issued.
    Invariant {
        name: "application_time",
        find: Find::Sql(concat!("SELECT 'application ' || x.id || ' of payment ' || x.payment_id || ' to ' || x.month
                     || ' at ' || x.applied_at || ' precedes '
                     || CASE WHEN x.applied_at < p.paid_at THEN 'the payment (' || p.paid_at || ')'
                             ELSE 'the bill (' || b.issued_at || ')' END
              FROM payment_applications x
              JOIN payments p ON p.account_id = x.account_id AND p.id = x.payment_id
              JOIN bills b ON b.account_id = x.account_id AND b.month = x.month
              WHERE x.account_id = ", crate::ledger_account!(), "
                AND p.account_id = ", crate::ledger_account!(), "
                AND b.account_id = ", crate::ledger_account!(), "
                AND (x.applied_at < p.paid_at OR x.applied_at < b.issued_at)
              ORDER BY x.id")),
    },
    // P2: an approved attempt made exactly one automatic payment of its amount; a declined
    // one made none; and every automatic payment comes from an approved attempt.
    Invariant {
        name: "auto_attempts",
        find: Find::Sql(concat!("SELECT 'automatic attempt on ' || a.month || ' (' || a.attempt_on || ') is '
                     || a.outcome || ' but '
                     || CASE WHEN a.outcome = 'declined' THEN 'points to payment ' || a.payment_id
                             WHEN a.payment_id IS NULL THEN 'points to no payment'
                             WHEN p.id IS NULL THEN 'points to a missing payment ' || a.payment_id
                             WHEN p.kind <> 'auto' THEN 'points to a ' || p.kind || ' payment ' || p.id
                             ELSE 'tried ' || a.amount || ' won and payment ' || p.id || ' is '
                                  || p.amount || ' won' END
              FROM auto_attempts a
              LEFT JOIN payments p
                     ON p.account_id = ", crate::ledger_account!(), "
                    AND p.account_id = a.account_id AND p.id = a.payment_id
              WHERE a.account_id = ", crate::ledger_account!(), "
                AND ((a.outcome = 'declined' AND a.payment_id IS NOT NULL)
                     OR (a.outcome = 'approved'
                         AND (p.id IS NULL OR p.kind <> 'auto' OR p.amount <> a.amount)))
              UNION ALL
              SELECT 'automatic payment ' || p.id || ' of ' || p.amount
                     || ' won has no approved attempt'
              FROM payments p
              WHERE p.account_id = ", crate::ledger_account!(), " AND p.kind = 'auto'
                AND NOT EXISTS (SELECT 1 FROM auto_attempts a
                                WHERE a.account_id = ", crate::ledger_account!(), " AND a.account_id = p.account_id
                                  AND a.payment_id = p.id AND a.outcome = 'approved')")),
    },
    // P10: a late penalty falls on the 1st of a month after the one the bill became
    // outstanding in, once per month.
    Invariant {
        name: "penalty_dates",
        find: Find::Rule(penalty_days),
    },
    // The monthly usage summary equals the sum of the daily rows, per month and contract.
    Invariant {
        name: "usage_monthly",
        find: Find::Sql(concat!("SELECT 'usage_monthly ' || m.month || ' ' || m.contract_no || ' holds '
                     || m.quantity_milli || ' but the daily rows sum to ' || COALESCE(d.q, 0)
              FROM usage_monthly m
              LEFT JOIN (SELECT substr(date, 1, 7) AS month, contract_no, SUM(quantity_milli) AS q
                         FROM usage WHERE account_id = ", crate::ledger_account!(), " GROUP BY 1, 2) d
                     ON d.month = m.month AND d.contract_no = m.contract_no
              WHERE m.account_id = ", crate::ledger_account!(), " AND d.q IS NOT m.quantity_milli
              UNION ALL
              SELECT 'usage of ' || d.contract_no || ' in ' || d.month || ' (' || d.q
                     || ') is missing from usage_monthly'
              FROM (SELECT substr(date, 1, 7) AS month, contract_no, SUM(quantity_milli) AS q
                    FROM usage WHERE account_id = ", crate::ledger_account!(), " GROUP BY 1, 2) d
              WHERE NOT EXISTS (SELECT 1 FROM usage_monthly m
                                WHERE m.account_id = ", crate::ledger_account!(), "
                                  AND m.month = d.month AND m.contract_no = d.contract_no)")),
    },
    // P6: an idempotency key is used once, and a keyed payment keeps the request it was made
    // for (without it a retry could not be told from a different payment). The schema keeps
    // a key unique across the ledger; this reads the running account's payments.
    Invariant {
        name: "idempotency",
        find: Find::Sql(concat!("SELECT 'idempotency key ''' || idempotency_key || ''' is used by ' || COUNT(*) || ' payments'
              FROM payments WHERE account_id = ", crate::ledger_account!(), " AND idempotency_key IS NOT NULL
              GROUP BY idempotency_key HAVING COUNT(*) > 1
              UNION ALL
              SELECT 'payment ' || id || ' has idempotency key ''' || idempotency_key
                     || ''' but no request fingerprint'
              FROM payments
              WHERE account_id = ", crate::ledger_account!(), " AND idempotency_key IS NOT NULL AND (request IS NULL OR request = '')")),
    },
    // §11 fees: a fee line's estimated payment amount is used − discount.
    Invariant {
        name: "fee_lines",
        find: Find::Rule(fee_lines),
    },
    // Issue 14: NCP's bill in won is the ledger's payable bill, so a KRW row of
    // `ncp_demand_costs` has its `bills` row; one in another currency never has a bill NCP's
    // figures made.
    Invariant {
        name: "ncp_demand_costs",
        find: Find::Sql(concat!("SELECT 'NCP''s ' || n.currency || ' bill of ' || n.month || ' has no bill in the ledger'
              FROM ncp_demand_costs n
              LEFT JOIN bills b
                     ON b.account_id = ", crate::ledger_account!(), " AND b.account_id = n.account_id AND b.month = n.month
              WHERE n.account_id = ", crate::ledger_account!(), " AND n.currency = 'KRW' AND b.month IS NULL
              UNION ALL
              SELECT 'NCP''s ' || n.currency || ' bill of ' || n.month || ' became a bill in won'
              FROM ncp_demand_costs n
              JOIN bills b ON b.account_id = n.account_id AND b.month = n.month
              WHERE n.account_id = ", crate::ledger_account!(), " AND b.account_id = ", crate::ledger_account!(), "
                AND n.currency <> 'KRW' AND b.source = 'ncp'
              ORDER BY 1")),
    },
    // M1: amounts that can only be zero or more (payments: more than zero).
    Invariant {
        name: "negative_amounts",
        find: Find::Sql(concat!("SELECT 'bill ' || month || ' has a negative amount' FROM bills
              WHERE account_id = ", crate::ledger_account!(), "
                AND (used_amount < 0 OR discount_amount < 0 OR rounddown_discount_amount < 0
                     OR vat_amount < 0 OR billed_amount < 0)
              UNION ALL SELECT 'payment ' || id || ' is of ' || amount || ' won' FROM payments
                WHERE account_id = ", crate::ledger_account!(), " AND amount <= 0
              UNION ALL SELECT 'application ' || id || ' applies ' || principal || ' + ' || penalty || ' won'
                FROM payment_applications
                WHERE account_id = ", crate::ledger_account!(), " AND (principal < 0 OR penalty < 0 OR principal + penalty <= 0)
              UNION ALL SELECT 'penalty on ' || month || ' of ' || amount || ' won' FROM penalties
                WHERE account_id = ", crate::ledger_account!(), " AND (amount < 0 OR base < 0)
              UNION ALL SELECT 'automatic attempt on ' || month || ' of ' || amount || ' won' FROM auto_attempts
                WHERE account_id = ", crate::ledger_account!(), " AND amount <= 0
              UNION ALL SELECT 'fee line ' || month || ' ' || contract_no || ' has a negative amount' FROM fee_lines
                WHERE account_id = ", crate::ledger_account!(), "
                  AND (used_amount < 0 OR discount_amount < 0 OR estimated_payment_amount < 0)
              UNION ALL SELECT 'usage ' || contract_no || ' on ' || date || ' is ' || quantity_milli || ' thousandths'
                FROM usage WHERE account_id = ", crate::ledger_account!(), " AND quantity_milli < 0
              UNION ALL SELECT 'usage_monthly ' || contract_no || ' in ' || month || ' is negative'
                FROM usage_monthly WHERE account_id = ", crate::ledger_account!(), " AND quantity_milli < 0
              UNION ALL SELECT 'promotion ''' || name || ''' has a negative count or credit' FROM promotions
                WHERE account_id = ", crate::ledger_account!(), " AND (provided < 0 OR used < 0 OR credit < 0)
              UNION ALL SELECT 'payment method ' || id || ' has a negative limit or balance' FROM payment_methods
                WHERE account_id = ", crate::ledger_account!(), " AND (monthly_limit < 0 OR balance < 0)")),
    },
    // P1: a bill is issued only after its month has ended.
    Invariant {
        name: "bill_issued_early",
        find: Find::Sql(concat!("SELECT 'bill ' || month || ' was issued at ' || issued_at || ', before its month ended'
              FROM bills WHERE account_id = ", crate::ledger_account!(), " AND issued_at < date(month || '-01', '+1 month')
                 -- NCP writes a preliminary bill inside its month; it is taken as NCP gives it.
                 AND source <> 'ncp'
              ORDER BY month")),
    },
    // T2: the ledger's latest instant (one clock, every account's) is not earlier than
    // anything it records.
    Invariant {
        name: "latest_instant",
        find: Find::Sql(concat!(
            "SELECT CASE WHEN l.value IS NULL THEN 'the ledger records ' || e.what || ' = ' || e.at
                         || ' but no latest instant'
                    ELSE e.what || ' = ' || e.at || ' is later than the latest instant ' || l.value END
             FROM (",
            instants!(),
            ") e
             LEFT JOIN (SELECT value FROM meta WHERE key = 'latest_instant') l
             WHERE l.value IS NULL OR e.at > l.value
             ORDER BY e.at"
        )),
    },
    // T2: every recorded instant reads back as one (the commands refuse a ledger whose
    // instants do not, rather than show a default).
    Invariant {
        name: "instant_text",
        find: Find::Rule(unreadable_instants),
    },
    // P11: of a card or account, only its last four digits are kept.
    Invariant {
        name: "last4",
        find: Find::Sql(concat!("SELECT 'payment method ' || id || ' (' || kind || ') keeps ' || length(last4)
                     || ' characters as its last four digits'
              FROM payment_methods
              WHERE account_id = ", crate::ledger_account!(), "
                AND last4 IS NOT NULL AND (length(last4) <> 4 OR last4 GLOB '*[^0-9]*')
              UNION ALL
              SELECT 'payment method ' || id || ' is a ' || kind || ' without last four digits'
              FROM payment_methods
              WHERE account_id = ", crate::ledger_account!(), " AND kind IN ('card', 'transfer') AND last4 IS NULL")),
    },
    // P1, P3: the credit balance is what negative adjustments left over, less what credit has
    // paid, never negative: each bill's credit is exactly the part of the adjustments carried
    // into it that went below 0; no credit is applied beyond its amount, before it existed or
    // before the bill it pays was issued; and payments and credits together never pay a bill
    // beyond its amount due.
    Invariant {
        name: "credit_balance",
        find: Find::Sql(concat!("SELECT 'bill ' || b.month || ': the adjustments carried into it leave '
                     || MAX(-(b.billed_amount + COALESCE(adj.amount, 0)), 0)
                     || ' won of credit but ' || COALESCE(cr.amount, 0) || ' won are recorded'
              FROM bills b
              LEFT JOIN (SELECT carried_into AS month, SUM(amount) AS amount FROM bill_adjustments
                         WHERE account_id = ", crate::ledger_account!(), " AND carried_into IS NOT NULL GROUP BY carried_into) adj
                     ON adj.month = b.month
              LEFT JOIN (SELECT month, SUM(amount) AS amount FROM credits WHERE account_id = ", crate::ledger_account!(), "
                         AND kind = 'excess' GROUP BY month) cr
                     ON cr.month = b.month
              WHERE b.account_id = ", crate::ledger_account!(), "
                AND COALESCE(cr.amount, 0) <> MAX(-(b.billed_amount + COALESCE(adj.amount, 0)), 0)
              UNION ALL
              SELECT 'credit ' || c.id || ' of ' || c.amount || ' won is applied '
                     || SUM(x.principal + x.penalty) || ' won'
              FROM credits c
              JOIN credit_applications x ON x.account_id = c.account_id AND x.credit_id = c.id
              WHERE c.account_id = ", crate::ledger_account!(), " AND x.account_id = ", crate::ledger_account!(), "
              GROUP BY c.id HAVING SUM(x.principal + x.penalty) > c.amount
              UNION ALL
              SELECT 'credit application ' || x.id || ' to ' || x.month || ' at ' || x.applied_at
                     || ' precedes its credit (' || c.recorded_at || ') or the bill ('
                     || b.issued_at || ')'
              FROM credit_applications x
              JOIN credits c ON c.account_id = x.account_id AND c.id = x.credit_id
              JOIN bills b ON b.account_id = x.account_id AND b.month = x.month
              WHERE x.account_id = ", crate::ledger_account!(), "
                AND c.account_id = ", crate::ledger_account!(), "
                AND b.account_id = ", crate::ledger_account!(), "
                AND (x.applied_at < c.recorded_at OR x.applied_at < b.issued_at)
              UNION ALL
              SELECT 'bill ' || b.month || ': ' || (COALESCE(pp.principal, 0) + cp.principal)
                     || ' won paid and credited towards ' || MAX(b.billed_amount + COALESCE(adj.amount, 0)
                     + COALESCE(cr.amount, 0), 0) || ' due'
              FROM bills b
              JOIN (SELECT month, SUM(principal) AS principal FROM credit_applications
                    WHERE account_id = ", crate::ledger_account!(), " GROUP BY month) cp
                ON cp.month = b.month
              LEFT JOIN (SELECT month, SUM(principal) AS principal FROM payment_applications
                         WHERE account_id = ", crate::ledger_account!(), " GROUP BY month) pp
                     ON pp.month = b.month
              LEFT JOIN (SELECT carried_into AS month, SUM(amount) AS amount FROM bill_adjustments
                         WHERE account_id = ", crate::ledger_account!(), " AND carried_into IS NOT NULL GROUP BY carried_into) adj
                     ON adj.month = b.month
              LEFT JOIN (SELECT month, SUM(amount) AS amount FROM credits WHERE account_id = ", crate::ledger_account!(), "
                         AND kind = 'excess' GROUP BY month) cr
                     ON cr.month = b.month
              WHERE b.account_id = ", crate::ledger_account!(), "
                AND COALESCE(pp.principal, 0) + cp.principal
                    > MAX(b.billed_amount + COALESCE(adj.amount, 0) + COALESCE(cr.amount, 0), 0)")),
    },
    // P1: no bill's amount due, with the adjustments it carries (and the credit that took
    // what went below 0), is negative.
    Invariant {
        name: "bill_negative",
        find: Find::Sql(concat!("SELECT 'bill ' || b.month || ' is due ' || (b.billed_amount + COALESCE(adj.amount, 0)
                     + COALESCE(cr.amount, 0)) || ' won (billed ' || b.billed_amount
                     || ', adjustments ' || COALESCE(adj.amount, 0) || ', credited '
                     || COALESCE(cr.amount, 0) || ')'
              FROM bills b
              LEFT JOIN (SELECT carried_into AS month, SUM(amount) AS amount FROM bill_adjustments
                         WHERE account_id = ", crate::ledger_account!(), " AND carried_into IS NOT NULL GROUP BY carried_into) adj
                     ON adj.month = b.month
              LEFT JOIN (SELECT month, SUM(amount) AS amount FROM credits WHERE account_id = ", crate::ledger_account!(), "
                         AND kind = 'excess' GROUP BY month) cr
                     ON cr.month = b.month
              WHERE b.account_id = ", crate::ledger_account!(), "
                AND b.billed_amount + COALESCE(adj.amount, 0) + COALESCE(cr.amount, 0) < 0
              ORDER BY b.month")),
    },
    // §11 usage: a day of usage lies inside its contract's dates (start to end, inclusive).
    Invariant {
        name: "usage_in_contract",
        find: Find::Sql(concat!("SELECT 'usage of ' || u.contract_no || ' on ' || u.date || ' lies outside its contract ('
                     || c.start_date || ' to ' || COALESCE(c.end_date, 'open') || ')'
              FROM usage u
              JOIN contracts c ON c.account_id = u.account_id AND c.contract_no = u.contract_no
              WHERE u.account_id = ", crate::ledger_account!(), " AND c.account_id = ", crate::ledger_account!(), "
                AND (u.date < c.start_date OR u.date > COALESCE(c.end_date, '9999-12-31'))
              ORDER BY u.contract_no, u.date")),
    },
    // P3, P5, T2: an instant, automatic or NCP payment pays only bills issued by the time it
    // was made (a deposit, or any other credit, may come first: it waits as credit balance,
    // and its application is held to the bill's issue by `application_time`); and payments
    // are recorded in the order they were made: of one kind, a later payment (a higher id) is
    // never dated before an earlier one. NCP's paid-up payments carry NCP's dates, which
    // arrive in any order.
    Invariant {
        name: "payment_before_issue",
        find: Find::Sql(concat!("SELECT 'payment ' || p.id || ' (' || p.kind || ') at ' || p.paid_at || ' pays bill '
                     || b.month || ', issued only at ' || b.issued_at
              FROM payments p
              JOIN payment_applications x ON x.account_id = p.account_id AND x.payment_id = p.id
              JOIN bills b ON b.account_id = x.account_id AND b.month = x.month
              WHERE p.account_id = ", crate::ledger_account!(), "
                AND x.account_id = ", crate::ledger_account!(), "
                AND b.account_id = ", crate::ledger_account!(), "
                AND p.kind IN ('instant', 'auto', 'ncp') AND p.paid_at < b.issued_at
              UNION ALL
              SELECT 'payment ' || id || ' (' || kind || ') at ' || paid_at
                     || ' is recorded after a ' || kind || ' payment at ' || before
              FROM (SELECT id, kind, paid_at,
                           MAX(paid_at) OVER (PARTITION BY kind ORDER BY id
                                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
                    FROM payments WHERE account_id = ", crate::ledger_account!(), " AND kind IN ('instant', 'auto', 'deposit'))
              WHERE paid_at < before")),
    },
];

/// Runs every check and returns what it found (empty when the ledger is sound).
pub fn run(conn: &Connection) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        let line = row?;
        if line != "ok" {
            findings.push(Finding {
                check: "integrity_check",
                detail: line,
            });
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
        findings.push(Finding {
            check: "foreign_key_check",
            detail: format!(
                "{table} row {} refers to a missing {parent} row",
                rowid.map_or("?".to_string(), |r| r.to_string())
            ),
        });
    }
    // On a damaged file the invariants may fail to run: report that, with what SQLite found.
    let damaged = !findings.is_empty();
    for inv in INVARIANTS {
        match invariant(conn, inv) {
            Ok(found) => findings.extend(found),
            Err(e) if damaged => findings.push(Finding {
                check: inv.name,
                detail: format!("could not be checked: {e}"),
            }),
            Err(e) => return Err(e),
        }
    }
    match card_numbers(conn) {
        Ok(found) => findings.extend(found),
        Err(e) if damaged => findings.push(Finding {
            check: "card_number",
            detail: format!("could not be checked: {e}"),
        }),
        Err(e) => return Err(e),
    }
    Ok(findings)
}

fn invariant(conn: &Connection, inv: &Invariant) -> Result<Vec<Finding>> {
    let details = match inv.find {
        Find::Sql(sql) => {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
            let mut out = Vec::new();
            for row in rows {
                out.push(row?.unwrap_or_else(|| "(a row with NULL amounts)".to_string()));
            }
            out
        }
        Find::Rule(rule) => rule(conn)?,
    };
    Ok(details
        .into_iter()
        .map(|detail| Finding {
            check: inv.name,
            detail,
        })
        .collect())
}

/// P10: a late penalty falls on a penalty day of its bill ([`schedule::is_penalty_day`]): the
/// 1st of a month after the one the bill became outstanding in. NCP's own penalty
/// (`source = 'ncp'`) is dated the day NCP wrote its bill, which may be any day.
fn penalty_days(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT month, charged_on FROM penalties WHERE account_id = ",
        crate::ledger_account!(),
        " AND source = 'p10' ORDER BY month, charged_on"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (month, on) = row?;
        let Ok(m) = month.parse::<Month>() else {
            out.push(format!("penalty on {month} charged on {on} (not a month)"));
            continue;
        };
        if !clock::parse_date(&on).is_some_and(|day| schedule::is_penalty_day(m, day)) {
            out.push(format!(
                "penalty on {month} charged on {on} (penalties fall on the 1st of a month from {})",
                schedule::first_penalty_day(m)
            ));
        }
    }
    Ok(out)
}

/// The texts of one of NCP's values that people may have typed: a value that is a number as a
/// whole (a figure, or an id NCP gave, as NCP sends ids: `"30020001"`) holds none, and in NCP's
/// exact JSON (`fee_lines.exact`) only its strings that are not such numbers do (names such as
/// `instance_name`); any other text is read whole.
fn people_text(bytes: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![String::from_utf8_lossy(bytes).into_owned()];
    };
    fn is_number(t: &str) -> bool {
        let t = t.strip_prefix('-').unwrap_or(t);
        let (whole, fraction) = t.split_once('.').unwrap_or((t, "0"));
        !whole.is_empty()
            && !fraction.is_empty()
            && (whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit())
    }
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if !is_number(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    if is_number(text) {
        return Vec::new();
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
            let mut out = Vec::new();
            strings(&v, &mut out);
            out
        }
        _ => vec![text.to_string()],
    }
}

/// T2: every recorded instant reads back with the ledger's own reader ([`clock::parse_as_of`]).
/// A penalty's day is a date, which `penalty_dates` checks.
fn unreadable_instants(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT what, at FROM (",
        instants!(),
        ") WHERE what NOT LIKE 'penalty %' ORDER BY what"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (what, at) = row?;
        if clock::parse_as_of(&at).is_err() {
            out.push(format!("{what} = '{at}' is not an instant"));
        }
    }
    Ok(out)
}

/// §11 fees: every stored fee line passes [`FeeLine::validate`], as import demanded.
fn fee_lines(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT region, service, contract_no, item, quantity, unit, unit_price, used_amount,
                discount_amount, estimated_payment_amount, currency, exact, month
         FROM fee_lines WHERE account_id = ",
        crate::ledger_account!(),
        " ORDER BY month, region, service, contract_no, item"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let month: String = r.get(12)?;
        let line = match month.parse::<Month>() {
            Ok(m) => fees::read_line(r, m),
            Err(_) => Err(Error::ledger(format!(
                "a fee line holds a damaged month '{month}'"
            ))),
        };
        let l = match line {
            Ok(l) => l,
            Err(e) => {
                out.push(e.message.clone());
                continue;
            }
        };
        let what = format!(
            "fee line {} {} {} '{}'",
            l.month, l.region, l.contract_no, l.item
        );
        match l.validate() {
            Err(Fault::EstimateNotUsedLessDiscount(_)) => out.push(format!(
                "{what}: used {} - discount {} is not the estimated {}",
                l.used_amount.won(),
                l.discount_amount.won(),
                l.estimated_payment_amount.won()
            )),
            Err(Fault::DiscountAboveUsed) => out.push(format!(
                "{what}: discount {} is more than used {}",
                l.discount_amount.won(),
                l.used_amount.won()
            )),
            _ => {}
        }
    }
    Ok(out)
}

/// P11: no text anywhere in the ledger holds a full card number. Every table is read: an
/// account's table for the running account's rows, a shared one (the holiday calendar, NCP's
/// codes, `meta`) whole. Names come from `sqlite_schema` and are quoted, never taken from
/// user data. NCP's own
/// figures and ids are not read as card numbers ([`people_text`]): a day's 4,398,046,511,105
/// bytes is a number NCP counted, while a card number typed into a name NCP keeps is found.
fn card_numbers(conn: &Connection) -> Result<Vec<Finding>> {
    let mut tables = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for name in names {
        // An identifier from the schema, quoted; the one statement not written out in full.
        let quoted = String::from("\"") + &name.replace('"', "\"\"") + "\"";
        let whole = String::from("SELECT * FROM ") + &quoted;
        let columns: Vec<String> = conn
            .prepare(&whole)?
            .column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        // The member profile and the account's own row are keyed by the account itself.
        let owner = if name == "account" || name == "accounts" {
            Some("id")
        } else {
            columns
                .iter()
                .any(|c| c == "account_id")
                .then_some("account_id")
        };
        let sql = match owner {
            Some(owner) => whole + " WHERE " + owner + " = " + crate::ledger_account!(),
            None => whole,
        };
        let mut stmt = conn.prepare(&sql)?;
        // A fee line's `source` says whether NCP sent it (`ncp_product`, `ncp_item`…).
        let source = name
            .starts_with("fee_lines")
            .then(|| columns.iter().position(|c| c == "source"))
            .flatten();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let ncp = name.starts_with("ncp_")
                || source.is_some_and(
                    |i| matches!(r.get_ref(i), Ok(ValueRef::Text(t)) if t.starts_with(b"ncp")),
                );
            for (i, column) in columns.iter().enumerate() {
                let bytes = match r.get_ref(i)? {
                    ValueRef::Text(t) | ValueRef::Blob(t) => t,
                    _ => continue,
                };
                let found = if ncp {
                    people_text(bytes)
                        .iter()
                        .find_map(|t| find_card_number(t.as_bytes()))
                } else {
                    find_card_number(bytes)
                };
                if let Some(last4) = found {
                    out.push(Finding {
                        check: "card_number",
                        detail: format!(
                            "{name}.{column} holds what looks like a full card number (ending {last4}); only the last four digits may be kept"
                        ),
                    });
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
