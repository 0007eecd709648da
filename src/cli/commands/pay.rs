//! `pay`: what is owed and whether instant payment is open; `--instant`, `--auto`,
//! `--deposit` (SPEC P1–P8).

use crate::cli::choice::choice;
use clap::{ArgGroup, Args};

use crate::cli::prompt::confirm;
use crate::cli::Context;
use ncp_usage_app::ops::pay::{deposit, pay_instant, preview_instant, InstantRequest};
use ncp_usage_app::ops::{pay_auto, pay_show, rollup};
use ncp_usage_app::report::pay::PaymentDoc;
use ncp_usage_core::billing::payment::InstantMethod;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;
use ncp_usage_core::money::Krw;

/// Show the bills, what is unpaid and whether instant payment is open; or pay.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("action").args(["instant", "auto", "deposit"])))]
pub struct PayArgs {
    /// Pay now: the previous month's bill in advance, or outstanding amounts (14:00 on the
    /// 3rd to 22:00 on the last day, except the 10th–14th).
    #[arg(long)]
    pub instant: bool,
    /// Run the automatic payments due by now (what cron runs daily).
    #[arg(long)]
    pub auto: bool,
    /// Record a direct deposit of this many won (more than 0) to the fee deposit account.
    #[arg(long, value_name = "KRW", allow_negative_numbers = true, value_parser = deposit_amount)]
    pub deposit: Option<Krw>,
    /// With --instant: pay only this month's bill (repeat for several).
    #[arg(long, value_name = "YYYY-MM", requires = "instant")]
    pub month: Vec<Month>,
    /// With --instant: card or real-time account transfer [default: the registered kind].
    #[arg(long, value_parser = choice::<InstantMethod>(), requires = "instant")]
    pub method: Option<InstantMethod>,
    /// With --deposit: the bank's reference; recording the same reference again is a replay.
    #[arg(long, value_name = "REF", requires = "deposit")]
    pub reference: Option<String>,
    /// A key that makes a retried command charge once: the same key and arguments return
    /// the first payment, other arguments are refused.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
    /// Every account of the ledger, read only (never pays): one block per account, then a
    /// total per currency.
    #[arg(long, conflicts_with_all = ["instant", "auto", "deposit", "idempotency_key"])]
    pub all_accounts: bool,
}

impl PayArgs {
    /// No action: `pay` only shows the bills.
    pub fn is_view(&self) -> bool {
        !self.instant && !self.auto && self.deposit.is_none()
    }
}

/// `--deposit`: a whole number of won, more than 0, refused while parsing (before any prompt).
fn deposit_amount(text: &str) -> std::result::Result<Krw, String> {
    const MORE_THAN_0: &str = "the amount must be more than 0 won (digits only, e.g. 113300)";
    let t = text.trim();
    let negative = t.strip_prefix('-').is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    });
    if negative {
        return Err(MORE_THAN_0.to_string());
    }
    match Krw::parse_non_negative(t) {
        Ok(amount) if amount == Krw::ZERO => Err(MORE_THAN_0.to_string()),
        Ok(amount) => Ok(amount),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs `pay`.
pub fn run(ctx: &Context, args: PayArgs) -> Result<()> {
    // Stored text: trimmed, NFC, no control characters (`text::clean`).
    let args = PayArgs {
        reference: clean_arg("--reference", args.reference)?,
        idempotency_key: clean_arg("--idempotency-key", args.idempotency_key)?,
        ..args
    };
    if args.instant {
        let req = InstantRequest {
            months: args.month,
            method: args.method,
            key: args.idempotency_key,
        };
        // Show what will be charged before asking; the write re-checks it under the lock.
        let preview = if ctx.yes {
            None
        } else {
            let p = ctx.read(|tx| preview_instant(tx, ctx.now, &req))?;
            let months: Vec<String> = p.months.iter().map(Month::to_string).collect();
            confirm(
                ctx,
                &format!(
                    "Pay {} KRW now for {} ({}) with {}?",
                    p.amount.grouped(),
                    months.join(", "),
                    if p.outstanding {
                        "outstanding"
                    } else {
                        "prepayment"
                    },
                    p.method_label
                ),
            )?;
            Some(p)
        };
        let paid =
            ctx.write(|tx| pay_instant(tx, ctx.now, &req, &ctx.gateway, preview.as_ref()))?;
        return ctx.print(&PaymentDoc::from(paid));
    }
    if let Some(amount) = args.deposit {
        confirm(
            ctx,
            &format!("Record a direct deposit of {} KRW?", amount.grouped()),
        )?;
        let paid = ctx.write(|tx| {
            deposit(
                tx,
                ctx.now,
                amount,
                args.reference.as_deref(),
                args.idempotency_key.as_deref(),
            )
        })?;
        return ctx.print(&PaymentDoc::from(paid));
    }
    if args.auto {
        // `pay --auto` is the catch-up itself, run so that it can report what it did.
        let doc = ctx.write_without_catch_up(|tx| pay_auto::run(tx, ctx.now, &ctx.gateway))?;
        return ctx.print(&doc);
    }
    if args.all_accounts {
        return ctx.print(&ctx.read_all(|tx| rollup::pay(tx, ctx.now, &ctx.gateway))?);
    }
    ctx.print(&ctx.read(|tx| pay_show::run(tx, ctx.now))?)
}

/// A text option as it is stored: trimmed, NFC, 1 to 100 characters, no control characters.
fn clean_arg(option: &str, value: Option<String>) -> Result<Option<String>> {
    ncp_usage_core::text::clean_optional(value.as_deref(), 100).map_err(|e| {
        ncp_usage_core::error::Error::invalid(format!(
            "{option} {e}; give {}",
            ncp_usage_core::text::TextError::expected(100)
        ))
    })
}
