//! `promotions`: the promotions and credits, what each credit has left and when it runs out
//! (SPEC PR1, PR2).

use crate::cli::Context;
use ncp_usage_app::ops::month;
use ncp_usage_app::report::promotions::{PromotionRow, Promotions};
use ncp_usage_core::billing::promotion::{credit_phase, credit_standing, CreditPhase};
use ncp_usage_core::billing::trend::credit_runs_out;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::error::Result;
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::promotions;

/// Runs `promotions`.
pub fn run(ctx: &Context) -> Result<()> {
    let today = ctx.now.date_naive();
    let current = Month::of(today);
    let doc = ctx.read(|tx| {
        let promos = promotions::all(tx)?;
        let fees = month::load(tx, current, ctx.now)?;
        let before = month::credits_used_before(tx, current, &promos)?;
        let days = fees.period.days();
        let mut rows = Vec::new();
        for p in &promos {
            let key = p.key();
            let (remaining, status, runs_out) = match p.credit {
                None => (None, None, None),
                Some(credit) => {
                    let phase = credit_phase(p, today);
                    let used = match phase {
                        CreditPhase::NotStarted => Krw::ZERO,
                        // What it used up to its last month; the rest expired unused.
                        CreditPhase::Expired => month::load(tx, Month::of(p.valid_to), ctx.now)?
                            .credits_used
                            .get(&key)
                            .copied()
                            .unwrap_or_default(),
                        CreditPhase::Running => {
                            fees.credits_used.get(&key).copied().unwrap_or_default()
                        }
                    };
                    let (left, status) = credit_standing(credit, used, phase);
                    let this_month = used - before.get(&key).copied().unwrap_or_default();
                    let runs_out = (phase == CreditPhase::Running)
                        .then(|| credit_runs_out(left, this_month, days, today, p.valid_to))
                        .flatten();
                    (Some(left), Some(status), runs_out)
                }
            };
            rows.push(PromotionRow {
                promotion: p.clone(),
                credit_remaining: remaining,
                credit_status: status,
                projected_run_out: runs_out,
            });
        }
        Ok(Promotions {
            as_of: clock::rfc3339(ctx.now),
            promotions: rows,
        })
    })?;
    ctx.print(&doc)
}
