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

use chrono::NaiveDate;
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
use ncp_usage_ledger::contracts::Held;
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

/// Where rating finds the contracts held in a period.
#[derive(Clone, Copy)]
enum HeldFrom<'a> {
    /// The ledger, for this period.
    Ledger,
    /// Every contract, read once for the command ([`Months`]).
    Once(&'a Held),
}

/// The contracts held in a period, in line order: read for it, or picked (not copied) from
/// those the command read once.
enum HeldIn<'a> {
    Read(Vec<Contract>),
    Picked(Vec<&'a Contract>),
}

impl<'a> HeldFrom<'a> {
    fn between(self, conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<HeldIn<'a>> {
        Ok(match self {
            HeldFrom::Ledger => HeldIn::Read(contracts::held_between(conn, from, to)?),
            HeldFrom::Once(all) => HeldIn::Picked(all.between(from, to)),
        })
    }
}

impl HeldIn<'_> {
    fn iter(&self) -> impl Iterator<Item = &Contract> {
        let (read, picked): (&[Contract], &[&Contract]) = match self {
            HeldIn::Read(read) => (read, &[]),
            HeldIn::Picked(picked) => (&[], picked),
        };
        read.iter().chain(picked.iter().copied())
    }
}

/// The rated lines of a period, before promotions, with the contracts held.
fn rated<'a>(
    conn: &Connection,
    month: Month,
    period: &Period,
    held_from: HeldFrom<'a>,
) -> Result<(Vec<FeeLine>, HeldIn<'a>)> {
    let Some(to) = period.to else {
        return Ok((Vec::new(), HeldIn::Read(Vec::new())));
    };
    let held = held_from.between(conn, period.from, to)?;
    let quantities = contracts::metered_quantities(conn, month, period)?;
    Ok((month_lines(held.iter(), &quantities, month, period), held))
}

/// PR1, PR2: applies the promotions to a period's rated lines, each only to the part of a
/// line inside its validity. Returns what each credit used.
fn discount(
    conn: &Connection,
    month: Month,
    period: &Period,
    lines: &mut [FeeLine],
    held: &HeldIn<'_>,
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
        for c in held.iter() {
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
    credits_used_from(conn, month, promos, HeldFrom::Ledger)
}

fn credits_used_from(
    conn: &Connection,
    month: Month,
    promos: &[Promotion],
    held_from: HeldFrom<'_>,
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
            let (mut lines, held) = rated(conn, m, &period, held_from)?;
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
    load_from(conn, month, now, HeldFrom::Ledger)
}

/// Months loaded one after another by one command (`trend`, the catch-up's bills): the
/// contracts are read once, when the first month is loaded, not once a month. For a command
/// that changes no contract while it loads months (the catch-up writes bills, payments and
/// notices only); a new `Months` after any change.
#[derive(Default)]
pub struct Months {
    held: Option<Held>,
}

impl Months {
    /// What [`load`] gives.
    pub fn load(&mut self, conn: &Connection, month: Month, now: Instant) -> Result<MonthFees> {
        if self.held.is_none() {
            self.held = Some(Held::read(conn)?);
        }
        let held_from = self.held.as_ref().map_or(HeldFrom::Ledger, HeldFrom::Once);
        load_from(conn, month, now, held_from)
    }
}

fn load_from(
    conn: &Connection,
    month: Month,
    now: Instant,
    held_from: HeldFrom<'_>,
) -> Result<MonthFees> {
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
    let (mut lines, held) = rated(conn, month, &period, held_from)?;
    let promos = promotions::all(conn)?;
    let mut credits_used = CreditUse::new();
    if !promos.is_empty() {
        credits_used = credits_used_from(conn, month, &promos, held_from)?;
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
