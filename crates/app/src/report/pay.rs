//! `pay` and `notifications`: bills and what is owed, payments made, the outbox
//! (SPEC P1–P10, §12).

use std::fmt::Write as _;

use serde::Serialize;

use super::layout::{field, fit, won, Column, Grid};
use super::ncp_bill::NcpBill;
use super::{MethodView, Report, Style};
use ncp_usage_core::billing::payment::{BillBalance, BillStatus};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::money::Krw;
use ncp_usage_core::text::plural;
use ncp_usage_ledger::bills::{Attempt, Notification, Payment};

/// One bill as `pay` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct BillRow {
    /// The usage month.
    pub month: Month,
    /// Billed, VAT included (with adjustments).
    pub billed_amount: Krw,
    /// Paid so far, penalties included.
    pub paid_amount: Krw,
    /// Late penalties charged.
    pub penalty_amount: Krw,
    /// Still owed.
    pub unpaid_amount: Krw,
    /// `open`, `paid` or `outstanding`.
    pub status: BillStatus,
}

impl BillRow {
    /// The row of a bill's balance at `now`.
    pub fn new(b: &BillBalance, now: ncp_usage_core::clock::Instant) -> BillRow {
        BillRow {
            month: b.month,
            billed_amount: b.billed_amount,
            paid_amount: b.paid(),
            penalty_amount: b.penalty_amount,
            unpaid_amount: b.unpaid(),
            status: b.status(now),
        }
    }
}

/// Whether instant payment is open.
#[derive(Debug, Clone, Serialize)]
pub struct InstantView {
    /// Accepted now (P4).
    pub open: bool,
    /// When it opens next, if closed.
    pub next_opens_at: Option<String>,
    /// What `pay --instant` would charge.
    pub payable_amount: Krw,
    /// Why `pay --instant` would be refused now (P7, P8, no method), when it would.
    pub refusal: Option<String>,
}

/// The `pay` document (no action).
#[derive(Debug, Clone, Serialize)]
pub struct PayView {
    /// The instant shown.
    pub as_of: String,
    /// Every issued bill, oldest first.
    pub bills: Vec<BillRow>,
    /// Instant payment.
    pub instant: InstantView,
    /// Money received and not applied to any bill.
    pub credit_balance: Krw,
    /// Corrections of issued bills (P1) that the next bill will carry.
    pub pending_adjustment_amount: Krw,
    /// The registered payment method.
    pub payment_method: MethodView,
    /// Services are blocked for an unpaid bill since then (P9).
    pub blocked_since: Option<String>,
    /// NCP's own bills, exact and in their currency, with NCP's paid-up state. Only the KRW
    /// ones are among `bills` (and payable here); the others are paid in NCP's portal. Left
    /// out when NCP's bills were never imported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ncp_bills: Vec<NcpBill>,
}

impl Report for PayView {
    fn human(&self, style: Style) -> String {
        let mut out = String::new();
        let shown: Vec<&BillRow> = self
            .bills
            .iter()
            .filter(|b| b.status != BillStatus::Paid)
            .chain(
                self.bills
                    .iter()
                    .rev()
                    .filter(|b| b.status == BillStatus::Paid)
                    .take(3),
            )
            .collect();
        if self.bills.is_empty() && self.ncp_bills.iter().any(|b| !b.payable_here) {
            // NCP's bills in another currency are listed below; none of them is a bill of won.
            out.push_str("No bill in KRW has been issued.\n");
        } else if self.bills.is_empty() {
            out.push_str(
                "No bill has been issued yet (bills are issued on the 3rd of the next month).\n",
            );
        } else {
            let mut t = Grid::new(
                style,
                vec![
                    Column::fixed("Month"),
                    Column::amount("Billed"),
                    Column::amount("Penalties").optional(1),
                    Column::amount("Paid"),
                    Column::amount("Unpaid"),
                    Column::fixed("Status"),
                ],
            );
            let mut rows = shown.clone();
            rows.sort_by_key(|b| b.month);
            for b in rows {
                t.row(vec![
                    b.month.to_string(),
                    won(b.billed_amount),
                    won(b.penalty_amount),
                    won(b.paid_amount),
                    won(b.unpaid_amount),
                    // An outstanding bill stands out in the table: it shuts services (S1).
                    match b.status {
                        BillStatus::Outstanding => b.status.as_str().to_uppercase(),
                        _ => b.status.as_str().to_string(),
                    },
                ]);
            }
            let _ = writeln!(out, "{t}");
            let hidden = self.bills.len() - shown.len();
            if hidden > 0 {
                let _ = writeln!(
                    out,
                    "({} not shown; --json lists them all)",
                    plural(hidden, "older paid bill", "older paid bills")
                );
            }
        }
        for b in self.ncp_bills.iter().filter(|b| !b.payable_here) {
            out.push_str(&fit(
                style,
                &format!(
                    "{}: NCP billed {} ({}); it is paid in NCP's portal, as this tool pays won, and never summed with KRW.\n",
                    b.month,
                    b.shown(b.billed_amount.unwrap_or_default()),
                    match &b.paid_up_at {
                        Some(at) if b.paid_up => format!("NCP says paid up at {at}"),
                        _ if b.paid_up => "NCP says paid up".to_string(),
                        _ => "NCP says not paid up".to_string(),
                    }
                ),
            ));
        }
        out.push_str(&field(
            style,
            18,
            "Payment method",
            &self.payment_method.label,
        ));
        if !self.credit_balance.is_zero() {
            out.push_str(&field(
                style,
                18,
                "Credit balance",
                &format!(
                    "{} KRW (applied to the next bill)",
                    self.credit_balance.grouped()
                ),
            ));
        }
        if !self.pending_adjustment_amount.is_zero() {
            out.push_str(&field(
                style,
                18,
                "Adjustments",
                &format!(
                    "{} KRW recorded for issued bills, carried into the next bill",
                    self.pending_adjustment_amount.grouped()
                ),
            ));
        }
        if let Some(since) = &self.blocked_since {
            out.push_str(&field(
                style,
                18,
                "Services BLOCKED",
                &format!("since {since}, until the outstanding amount is paid"),
            ));
        }
        let i = &self.instant;
        if i.open && i.payable_amount.is_zero() {
            // P5: `pay --instant` would be refused; do not suggest it.
            out.push_str(&field(
                style,
                18,
                "Instant payment",
                "open, but nothing is owed",
            ));
        } else if let (true, Some(refusal)) = (i.open, &i.refusal) {
            out.push_str(&field(
                style,
                18,
                "Instant payment",
                &format!("open, but `pay --instant` is refused: {refusal}"),
            ));
        } else if i.open {
            out.push_str(&field(
                style,
                18,
                "Instant payment",
                &format!(
                    "open: `ncp-usage pay --instant` pays {} KRW",
                    i.payable_amount.grouped()
                ),
            ));
        } else {
            out.push_str(&field(
                style,
                18,
                "Instant payment",
                &format!(
                    "closed; opens {} ({} KRW payable)",
                    i.next_opens_at.as_deref().unwrap_or("later"),
                    i.payable_amount.grouped()
                ),
            ));
        }
        out
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![[
            "month",
            "billed_amount",
            "paid_amount",
            "penalty_amount",
            "unpaid_amount",
            "status",
        ]
        .map(String::from)
        .to_vec()];
        for b in &self.bills {
            rows.push(vec![
                b.month.to_string(),
                b.billed_amount.to_string(),
                b.paid_amount.to_string(),
                b.penalty_amount.to_string(),
                b.unpaid_amount.to_string(),
                serde_json::to_value(b.status)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
            ]);
        }
        Some(rows)
    }
}

/// The document of a paying action (`pay --instant`, `pay --deposit`).
#[derive(Debug, Clone, Serialize)]
pub struct PaymentDoc {
    /// The payment.
    #[serde(flatten)]
    pub payment: Payment,
    /// True when an idempotency key replayed an earlier payment: nothing was charged now.
    pub replayed: bool,
    /// The credit balance after it.
    pub credit_balance: Krw,
}

impl Report for PaymentDoc {
    fn human(&self, style: Style) -> String {
        let p = &self.payment;
        let mut out = String::new();
        let verb = if self.replayed {
            "Already recorded (a retry of an earlier payment, nothing charged now):"
        } else {
            "Paid:"
        };
        out.push_str(&fit(
            style,
            &format!(
                "{verb} payment {} — {} KRW by {} ({}) at {}\n",
                p.payment_id,
                p.amount.grouped(),
                p.method,
                p.kind,
                clock::rfc3339(p.paid_at)
            ),
        ));
        if !p.applied.is_empty() {
            let mut t = Grid::new(
                style,
                vec![
                    Column::fixed("Bill"),
                    Column::amount("Principal"),
                    Column::amount("Penalty"),
                ],
            );
            for a in &p.applied {
                t.row(vec![
                    a.month.to_string(),
                    won(a.amount),
                    won(a.penalty_amount),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        if !self.credit_balance.is_zero() {
            out.push_str(&fit(
                style,
                &format!(
                    "Credit balance: {} KRW, applied to the next bill\n",
                    self.credit_balance.grouped()
                ),
            ));
        }
        out
    }
}

/// The document of `pay --auto`.
#[derive(Debug, Clone, Serialize)]
pub struct AutoDoc {
    /// The instant it ran at.
    pub as_of: String,
    /// Payments the automatic attempts made in this run.
    pub payments: Vec<Payment>,
    /// Every attempt made in this run, approved or declined.
    pub attempts: Vec<Attempt>,
    /// When this run made none: the attempts an earlier command made today (its catch-up runs
    /// the same automatic payment), so that "nothing was due" is never said of a charged day.
    pub earlier_today: Vec<Attempt>,
}

impl Report for AutoDoc {
    fn human(&self, style: Style) -> String {
        if self.attempts.is_empty() {
            let mut out = String::new();
            match self.earlier_today.as_slice() {
                [] => {
                    let _ = writeln!(out, "No automatic payment was due by {}.", self.as_of);
                }
                earlier => {
                    let _ = writeln!(
                        out,
                        "No new automatic payment by {}; today's already made:",
                        self.as_of
                    );
                    for a in earlier {
                        let _ = write!(
                            out,
                            "  {} {} KRW at {}: {}",
                            a.month,
                            won(a.amount),
                            clock::rfc3339(a.at),
                            a.outcome
                        );
                        match &a.reason {
                            Some(reason) => {
                                let _ = writeln!(out, " ({reason})");
                            }
                            None => out.push('\n'),
                        }
                    }
                }
            }
            return out;
        }
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Bill"),
                Column::fixed("At"),
                Column::amount("Amount"),
                Column::fixed("Outcome"),
                Column::text("Reason").optional(1),
            ],
        );
        for a in &self.attempts {
            t.row(vec![
                a.month.to_string(),
                clock::rfc3339(a.at),
                won(a.amount),
                a.outcome.to_string(),
                a.reason.clone().unwrap_or_default(),
            ]);
        }
        format!("{t}\n")
    }
}

/// The `notifications` document.
#[derive(Debug, Clone, Serialize)]
pub struct Outbox {
    /// The messages, oldest first.
    pub notifications: Vec<Notification>,
}

impl Report for Outbox {
    fn human(&self, style: Style) -> String {
        if self.notifications.is_empty() {
            return "No notifications.\n".to_string();
        }
        let mut t = Grid::new(
            style,
            vec![
                Column::fixed("Sent"),
                Column::fixed("Channel").optional(1),
                Column::fixed("Kind").optional(2),
                Column::fixed("Bill"),
                Column::fixed("To"),
                Column::text("Subject"),
            ],
        );
        for n in &self.notifications {
            t.row(vec![
                clock::rfc3339(n.sent_at),
                n.channel.to_string(),
                n.kind.to_string(),
                n.month.to_string(),
                n.to.clone(),
                n.subject.clone(),
            ]);
        }
        format!("{t}\n")
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![["sent_at", "channel", "kind", "month", "to", "subject"]
            .map(String::from)
            .to_vec()];
        rows.extend(self.notifications.iter().map(|n| {
            vec![
                clock::rfc3339(n.sent_at),
                n.channel.to_string(),
                n.kind.to_string(),
                n.month.to_string(),
                n.to.clone(),
                n.subject.clone(),
            ]
        }));
        Some(rows)
    }
}
