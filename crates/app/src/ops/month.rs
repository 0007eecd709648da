//! A month's fee lines: shared by `history`, `export`, bills and confirmations, so all of
//! them always show the same lines.
//!
//! A month with an imported statement is shown as imported. Any other month is rated from
//! contracts and usage, then promotions and credits are applied (PR1, PR2), each to the part
//! of a line inside its validity (a monthly line split by days, a metered one by the days
//! its usage was on). Credits carry
//! from month to month, so rating a month first replays the credits' use in every earlier
//! month of their validity.

use std::collections::HashMap;

use ncp_usage_ledger::Connection;

use ncp_usage_core::billing::facts::{Contract, FeeLine, Plan};
use ncp_usage_core::billing::issued::BillSource;
use ncp_usage_core::billing::period::{usage_period, Period};
use ncp_usage_core::billing::promotion::{self, CreditUse, Cumulative, Promotion};
use ncp_usage_core::billing::rating::{amount_through, month_lines};
use ncp_usage_core::billing::statement::Source;
use ncp_usage_core::billing::statement::Totals;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::Instant;
use ncp_usage_core::error::Result;
use ncp_usage_ledger::bills::Bill;
use ncp_usage_ledger::{contracts, fees, ncp, promotions};

/// A month's fee lines as of an instant.
pub struct MonthFees {
    /// The days counted (H2).
    pub period: Period,
    /// Rated or imported.
    pub source: Source,
    /// The lines, by region, service and contract.
    pub lines: Vec<FeeLine>,
    /// What each credit has used up to the end of this period, this month included.
    pub credits_used: CreditUse,
}

/// The rated lines of a period, before promotions, with the contracts held.
fn rated(
    conn: &Connection,
    month: Month,
    period: &Period,
) -> Result<(Vec<FeeLine>, Vec<Contract>)> {
    let Some(to) = period.to else {
        return Ok((Vec::new(), Vec::new()));
    };
    let held = contracts::held_between(conn, period.from, to)?;
    let quantities = contracts::metered_quantities(conn, month, period)?;
    Ok((month_lines(&held, &quantities, month, period), held))
}

/// PR1, PR2: applies the promotions to a period's rated lines, each only to the part of a
/// line inside its validity. Returns what each credit used.
fn discount(
    conn: &Connection,
    month: Month,
    period: &Period,
    lines: &mut [FeeLine],
    held: &[Contract],
    promos: &[Promotion],
    used_before: &CreditUse,
) -> Result<CreditUse> {
    let plans: HashMap<String, Plan> = held
        .iter()
        .map(|c| (c.contract_no.clone(), c.plan))
        .collect();
    let mut cumulative = Cumulative::new();
    for day in promotion::cut_days(promos, period) {
        let quantities = contracts::quantities_between(conn, period.from, day)?;
        for c in held {
            let q = quantities.get(&c.contract_no).copied().unwrap_or_default();
            cumulative
                .entry(c.contract_no.clone())
                .or_default()
                .push((day, amount_through(c, month, period, day, q)));
        }
    }
    Ok(promotion::apply(
        lines,
        &plans,
        promos,
        period,
        &cumulative,
        used_before,
    ))
}

/// What the credits still valid in `month` used in the months before it.
pub fn credits_used_before(
    conn: &Connection,
    month: Month,
    promos: &[Promotion],
) -> Result<CreditUse> {
    let mut used = CreditUse::new();
    let first = promos
        .iter()
        .filter(|p| p.credit.is_some() && p.valid_to >= month.first_day())
        .map(|p| Month::of(p.valid_from))
        .min();
    let Some(mut m) = first else {
        return Ok(used);
    };
    while m < month {
        if fees::of_month(conn, m)?.is_empty() {
            let period = usage_period(m, month.first_day())?;
            let (mut lines, held) = rated(conn, m, &period)?;
            let this_month = discount(conn, m, &period, &mut lines, &held, promos, &used)?;
            promotion::add_use(&mut used, this_month);
        }
        m = m.next();
    }
    Ok(used)
}

/// H1–H3, PR1–PR2: an imported statement if the month has one; otherwise every contract
/// held in the period, rated, with promotions and credits applied.
pub fn load(conn: &Connection, month: Month, now: Instant) -> Result<MonthFees> {
    let period = usage_period(month, now.date_naive())?;
    let imported = fees::of_month(conn, month)?;
    if !imported.is_empty() {
        return Ok(MonthFees {
            period,
            source: Source::Imported,
            lines: imported,
            credits_used: CreditUse::new(),
        });
    }
    let (mut lines, held) = rated(conn, month, &period)?;
    let promos = promotions::all(conn)?;
    let mut credits_used = CreditUse::new();
    if !promos.is_empty() {
        credits_used = credits_used_before(conn, month, &promos)?;
        let now_used = discount(
            conn,
            month,
            &period,
            &mut lines,
            &held,
            &promos,
            &credits_used,
        )?;
        promotion::add_use(&mut credits_used, now_used);
    }
    Ok(MonthFees {
        period,
        source: Source::Rated,
        lines,
        credits_used,
    })
}

/// H1, P1: the totals of a month NCP billed, in whole won, among the bills `issued` by now:
/// NCP's latest bill when it billed in won, also when it revised a bill the ledger had already
/// issued (the ledger's bill stays as issued, and the difference is a correction the next bill
/// carries: `history` says so), so `history`, `trend` and `confirmation` show NCP's figures.
/// A month NCP billed in another currency keeps the ledger's bill (no won of it); `None` for a
/// month NCP did not bill.
pub fn ncp_totals(conn: &Connection, month: Month, issued: &[Bill]) -> Result<Option<Totals>> {
    match ncp::demand_cost(conn, month)? {
        None => Ok(None),
        Some(d) if d.currency.is_krw() => Ok(Some(d.totals()?)),
        Some(_) => Ok(issued
            .iter()
            .find(|b| b.month == month && b.source == BillSource::Ncp)
            .map(|b| b.totals)),
    }
}

/// The running month's projected month-end used amount (see `billing::trend`), or `None`
/// when `month` is not running at `now` or no day has elapsed yet.
pub fn projection(
    conn: &Connection,
    month: Month,
    now: Instant,
) -> Result<Option<ncp_usage_core::money::Krw>> {
    let period = usage_period(month, now.date_naive())?;
    let Some(to) = period.to.filter(|_| !period.complete) else {
        return Ok(None);
    };
    let held = contracts::held_between(conn, period.from, month.last_day().max(to))?;
    let quantities = contracts::metered_quantities(conn, month, &period)?;
    Ok(ncp_usage_core::billing::trend::project_month_end(
        &held,
        &quantities,
        month,
        &period,
    ))
}
