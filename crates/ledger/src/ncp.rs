//! Storing NCP's own figures (`import ncp`, `sync`): bills, per-service and per-contract
//! amounts, contract counts and daily quantities, as NCP computed them.
//!
//! Re-importing a month replaces NCP's earlier figures for it: a bill written before the
//! month ended is superseded by the final one, never added to it — and a bill NCP wrote
//! earlier than the stored one never supersedes it (issue 14, `ncp_stale`). A body that holds part of
//! the month — a page known to be incomplete, or one NCP may have filtered to some services —
//! replaces only what it holds, so stored rows it does not cover are never lost; and NCP's
//! parts are checked against their whole as the ledger holds it (`check_parts`).

use crate::values::RowExt;
use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::bills::{self, Bill, Funds, NewPayment};
use super::fees;
use crate::error::Result;
use ncp_usage_core::billing::account::MethodKind;
use ncp_usage_core::billing::facts::FeeLine;
use ncp_usage_core::billing::issued::{paid_up_settles, BillSource, StoredBill};
use ncp_usage_core::billing::ncp::{
    incomplete_pages, one_member, paid_up, summary_month, Api, Body, ContractSummary, DailyUsage,
    DemandCost, Difference, Discounts, Page,
};
use ncp_usage_core::billing::ncp_currency::{self, Figures};
use ncp_usage_core::billing::ncp_daily;
use ncp_usage_core::billing::ncp_odd::{self, Oddity};
use ncp_usage_core::billing::ncp_stale::{
    line_written_at, lines_not_older, may_supersede, not_older_than,
};
use ncp_usage_core::billing::payment::PaymentKind;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::exact::{Currency, Exact};
use ncp_usage_core::money::Krw;

/// What an NCP import stored.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stored {
    /// Rows read per API action.
    pub rows: BTreeMap<&'static str, usize>,
    /// Months whose bill NCP's figures now stand for (in won: payable here).
    pub bills: Vec<Month>,
    /// Months NCP billed in another currency: kept exactly, paid in NCP's portal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bills_in_other_currencies: Vec<OtherCurrencyBill>,
    /// Months whose per-service or per-contract amounts were replaced.
    pub months: Vec<Month>,
    /// Where NCP's own sums do not hold (its bill's, its per-service lines against the
    /// bill, a page known to be incomplete): reported, never corrected.
    pub differences: Vec<Difference>,
    /// Issued bills NCP's figures differ from: each difference became an adjustment (P1).
    pub adjusted_bills: Vec<Month>,
    /// What is odd in NCP's bills though each field is valid (paid before written, written
    /// before its month, a v2 rate like a fraction): kept as NCP sent them, and told.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Oddity>,
}

/// A month NCP billed in a currency other than won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherCurrencyBill {
    /// The month.
    pub month: Month,
    /// NCP's currency for it.
    pub currency: Currency,
}

/// Fee lines of one month and source, merged by region, service, contract and item.
type LinesByKey = BTreeMap<(String, String, String, String), FeeLine>;

/// NCP's contract counts of a month: (service name, region, contracts held).
pub type ContractCounts = (Month, Vec<(String, String, i64)>);

/// Stores the bodies of one import or sync, inside the caller's transaction.
///
/// Refused, before anything is written, when the bodies name an NCP member other than the
/// one the running account holds ([`one_member`]). A page known to be incomplete is reported in
/// `differences` ([`incomplete_pages`]), as is each of NCP's own sums that does not hold.
/// The pages are one answer (`one_answer`, run by `import ncp` and `sync` as they read
/// them): no row's key comes twice.
pub fn store(conn: &Connection, pages: &[Page], now: Instant) -> Result<Stored> {
    let held = held_member(conn)?;
    one_member(held.as_deref(), pages.iter().flat_map(|p| p.body.members()))?;
    // Issue 14: an older bill never supersedes a newer one. Every incoming bill is checked
    // against the one the ledger holds before anything is written, so a refused import
    // leaves the ledger as it was.
    for page in pages {
        if let Body::DemandCosts(rows) = &page.body {
            for d in rows {
                match demand_cost(conn, d.month)? {
                    Some(held) => may_supersede(&held, d)?,
                    None => {
                        if let Some(held) = legacy_written_at(conn, d.month)? {
                            not_older_than(held, d)?;
                        }
                    }
                }
            }
        }
    }
    // ... and older lines never replace newer ones, level by level.
    lines_not_older(pages, |month, source| {
        Ok(fees::ncp_lines(conn, month, source)?
            .iter()
            .filter_map(line_written_at)
            .max())
    })?;
    // One currency per month across imports, checked before anything is written.
    let incoming = ncp_currency::incoming(pages);
    let mut held_in = BTreeMap::new();
    for month in incoming.keys() {
        let currencies = held_currencies(conn, *month)?;
        if !currencies.is_empty() {
            held_in.insert(*month, currencies);
        }
    }
    ncp_currency::with_ledger(&incoming, &held_in)?;
    let mut stored = Stored {
        differences: incomplete_pages(pages, now),
        ..Stored::default()
    };
    let mut demand: BTreeMap<Month, DemandCost> = BTreeMap::new();
    let mut lines: BTreeMap<(Month, &'static str), LinesByKey> = BTreeMap::new();
    let mut unmonthed: Vec<&ContractSummary> = Vec::new();
    let mut daily: Vec<(&DailyUsage, String)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        *stored.rows.entry(page.body.action()).or_default() += page.body.len();
        match &page.body {
            // `one_answer` kept one bill per month, the one NCP wrote last
            // (`ncp_stale::later_written`).
            Body::DemandCosts(rows) => {
                for d in rows {
                    demand.insert(d.month, d.clone());
                }
            }
            Body::ProductCosts(rows) | Body::ContractCosts(rows) => {
                let source = if matches!(page.body, Body::ProductCosts(_)) {
                    "ncp_product"
                } else {
                    "ncp_contract"
                };
                // `one_answer` kept each key once across the import's pages (a row given
                // again alike dropped, one given again with other figures refused), so no key
                // comes twice here: NCP gives a line once, never split into rows to add up.
                for l in rows {
                    let key = (
                        l.region.clone(),
                        l.service.clone(),
                        l.contract_no.clone(),
                        l.item.clone(),
                    );
                    lines
                        .entry((l.month, source))
                        .or_default()
                        .insert(key, l.clone());
                }
            }
            Body::ContractSummaries(rows) => unmonthed.extend(rows),
            Body::DailyUsage(rows) => {
                daily.extend(rows.iter().map(|r| (r, format!("body {}", i + 1))))
            }
            // The Discount API's credits, coins and discounts: NCP's records, stored as they
            // come.
            Body::Credits(rows) | Body::Coins(rows) => {
                crate::ncp_discount::store_credits(conn, Api::V1, rows)?
            }
            Body::CreditDiscounts(rows) | Body::CoinDiscounts(rows) => {
                crate::ncp_discount::store_credits(conn, Api::V2, rows)?
            }
            Body::ProductDiscounts(rows) => {
                crate::ncp_discount::store_product_discounts(conn, Api::V1, rows)?
            }
            Body::ProductDiscountsV2(rows) => {
                crate::ncp_discount::store_product_discounts(conn, Api::V2, rows)?
            }
            Body::Discounts(rows) => crate::ncp_discount::store_discounts(conn, rows)?,
            // v2 cost lines and codes: stored by `ncp_v2::store`.
            Body::GroupCosts(_) | Body::ItemCosts(_) | Body::CostRelationCodes(_) => {}
        }
    }
    let mut months: Vec<Month> = demand
        .keys()
        .copied()
        .chain(lines.keys().map(|(m, _)| *m))
        .collect();
    months.sort();
    months.dedup();
    let fallback = summary_month(&months, now);
    let mut summaries: BTreeMap<Month, Vec<&ContractSummary>> = BTreeMap::new();
    for s in unmonthed {
        summaries
            .entry(s.month.unwrap_or(fallback))
            .or_default()
            .push(s);
    }
    // A level whose pages are known to be incomplete holds only some of its lines: its rows
    // are added or updated, and the stored lines it does not hold stay. A complete body may
    // still be one NCP filtered to some services (`productDemandTypeCode`,
    // `demandTypeCode`), which nothing in it tells: it replaces the lines of the services it
    // holds, never the others'. Per-service lines that add up to the month's bill (this
    // import's, else the one stored) are the whole month: they replace it, so a service NCP
    // no longer bills goes too.
    for ((month, source), month_lines) in &lines {
        let whole_month = *source == "ncp_product"
            && match demand.get(month) {
                Some(d) => services_difference(d, month_lines.values()).is_none(),
                None => demand_cost(conn, *month)?
                    .is_some_and(|d| services_difference(&d, month_lines.values()).is_none()),
            };
        if stored.incomplete(action_of(source)) {
            fees::replace_lines(conn, source, month_lines.values())?;
        } else if whole_month {
            fees::replace_month(conn, *month, source, month_lines.values())?;
        } else {
            let services: BTreeSet<&str> =
                month_lines.values().map(|l| l.service.as_str()).collect();
            fees::replace_services(conn, *month, source, &services, month_lines.values())?;
        }
        if !stored.months.contains(month) {
            stored.months.push(*month);
        }
    }
    store_summaries(
        conn,
        &summaries,
        stored.incomplete("getContractSummaryList"),
    )?;
    crate::ncp_daily::store(
        conn,
        &ncp_daily::merge(daily.iter().map(|(r, from)| (*r, from.as_str())))?,
    )?;
    for d in demand.values() {
        store_demand_cost(conn, d, now)?;
        // Only a bill in won is payable here; one in another currency is NCP's to collect.
        if d.currency.is_krw() {
            if store_bill(conn, d, now)? {
                stored.adjusted_bills.push(d.month);
            }
            stored.warnings.extend(penalty_above_ncp(conn, d, now)?);
            stored.bills.push(d.month);
        } else {
            if store_bill_in_other_currency(conn, d, now)? {
                stored.adjusted_bills.push(d.month);
            }
            stored.bills_in_other_currencies.push(OtherCurrencyBill {
                month: d.month,
                currency: d.currency.clone(),
            });
        }
        stored.differences.extend(d.differences());
        stored.warnings.extend(ncp_odd::of_bill(d));
    }
    // The cross-check: the month's per-service lines, as the ledger now holds them, add up
    // to its bill, the one this import brings or else the one an earlier import stored.
    let products: BTreeSet<Month> = lines
        .keys()
        .filter(|(_, source)| *source == "ncp_product")
        .map(|(month, _)| *month)
        .collect();
    check_parts(
        &mut stored,
        "getProductDemandCostList",
        products.iter().copied(),
        |month| demand_cost(conn, month),
        |bill| {
            let held = fees::ncp_lines(conn, bill.month, "ncp_product")?;
            Ok(services_difference(bill, &held).into_iter().collect())
        },
    )?;
    // A bill imported without its month's per-service lines is checked against the ones an
    // earlier import stored, if any.
    check_parts(
        &mut stored,
        "getDemandCostList",
        demand.keys().filter(|m| !products.contains(m)).copied(),
        |month| demand_cost(conn, month),
        |bill| {
            let held = fees::ncp_lines(conn, bill.month, "ncp_product")?;
            if held.is_empty() {
                return Ok(Vec::new());
            }
            Ok(services_difference(bill, &held).into_iter().collect())
        },
    )?;
    // v2's per-group and per-item lines and the names of codes.
    super::ncp_v2::store_pages(conn, pages, &mut stored)?;
    // A bill imported without its month's v2 groups is checked against the ones an earlier
    // import stored, as groups imported with or after their bill are.
    let groups: BTreeSet<Month> = pages
        .iter()
        .filter_map(|p| match &p.body {
            Body::GroupCosts(v) => Some(v.iter().map(|g| g.cost.month)),
            _ => None,
        })
        .flatten()
        .collect();
    super::ncp_v2::check_stored_groups(
        conn,
        demand.keys().filter(|m| !groups.contains(m)).copied(),
        &mut stored,
    )?;
    stored.months.sort();
    Ok(stored)
}

/// When NCP wrote the bill of `month` the ledger holds, from `ncp_bills`: for a bill
/// imported before the ledger kept NCP's figures exactly (schema 9), which has no
/// `ncp_demand_costs` row to compare with.
fn legacy_written_at(conn: &Connection, month: Month) -> Result<Option<Instant>> {
    let written: Option<Option<Instant>> = conn
        .query_row(
            concat!(
                "SELECT written_at FROM ncp_bills WHERE account_id = ",
                crate::ledger_account!(),
                " AND month = ?1"
            ),
            [month.to_string()],
            |r| r.instant_opt(0, "NCP bill writing time"),
        )
        .optional()?;
    Ok(written.flatten())
}

/// The API action whose body holds the lines of `source`.
fn action_of(source: &str) -> &'static str {
    if source == "ncp_product" {
        "getProductDemandCostList"
    } else {
        "getContractDemandCostList"
    }
}

impl Stored {
    /// Adds what another account's part of the same import stored (issue 15): rows summed,
    /// months once each, differences (which name their member) kept.
    pub fn merge(&mut self, other: Stored) {
        // Every field named, so that one added later cannot be dropped here unseen.
        let Stored {
            rows,
            bills,
            bills_in_other_currencies,
            months,
            differences,
            adjusted_bills,
            warnings,
        } = other;
        for (action, n) in rows {
            *self.rows.entry(action).or_default() += n;
        }
        for (mine, theirs) in [
            (&mut self.bills, bills),
            (&mut self.months, months),
            (&mut self.adjusted_bills, adjusted_bills),
        ] {
            mine.extend(theirs);
            mine.sort();
            mine.dedup();
        }
        for b in bills_in_other_currencies {
            if !self.bills_in_other_currencies.contains(&b) {
                self.bills_in_other_currencies.push(b);
            }
        }
        self.bills_in_other_currencies.sort_by_key(|b| b.month);
        self.differences.extend(differences);
        self.warnings.extend(warnings);
    }

    /// Whether the pages of `action` are known to be incomplete (reported in `differences`
    /// as `incomplete_page` or `next_page`): they hold some of NCP's rows, and never stand for
    /// the others.
    pub fn incomplete(&self, action: &str) -> bool {
        self.differences
            .iter()
            .any(|d| d.page_missing() && d.level.as_deref() == Some(action))
    }
}

/// The one check of NCP's parts against their whole, v1 and v2 alike: per-service lines
/// (v1) and groups (v2) against the month's bill, items (v2) against their groups. For each
/// month of this import's parts (`months`), `whole` reads the month's whole as the ledger
/// holds it once this import is stored — the whole the import brought, else the one an
/// earlier import stored, so parts imported alone are checked too — and `check` compares the
/// month's parts with it. Each sum that does not hold becomes a `differences` entry (and so
/// one warning line); nothing is refused. Parts of a page known to be incomplete (`action`)
/// are not checked: they cannot add up, and the incomplete page is reported already.
pub(crate) fn check_parts<W>(
    stored: &mut Stored,
    action: &str,
    months: impl IntoIterator<Item = Month>,
    mut whole: impl FnMut(Month) -> Result<Option<W>>,
    mut check: impl FnMut(&W) -> Result<Vec<Difference>>,
) -> Result<()> {
    if stored.incomplete(action) {
        return Ok(());
    }
    for month in months {
        if let Some(w) = whole(month)? {
            stored.differences.extend(check(&w)?);
        }
    }
    Ok(())
}

/// NCP's contract counts of each month. NCP can filter a summary body by contract type,
/// region or status without saying so in it, so a body replaces, for each region and contract
/// type it holds, that pair's counts of every status, and keeps the month's other pairs. A
/// page known to be incomplete (`partial`) replaces only the counts it holds (by region,
/// contract type and status).
fn store_summaries(
    conn: &Connection,
    summaries: &BTreeMap<Month, Vec<&ContractSummary>>,
    partial: bool,
) -> Result<()> {
    let mut delete = conn.prepare_cached(concat!(
        "DELETE FROM ncp_contract_summaries
         WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1 AND region = ?2 AND contract_type = ?3 AND (?4 IS NULL OR status = ?4)"
    ))?;
    for (month, rows) in summaries {
        let month = month.to_string();
        for s in rows {
            let status = partial.then_some(&s.status);
            delete.execute(params![month, s.region, s.contract_type, status])?;
        }
        // Several of NCP's rows for one region, contract type and status add up.
        let mut insert = conn.prepare_cached(concat!(
            "INSERT INTO ncp_contract_summaries (account_id, month, region, contract_type, contract_type_name, status, contracts, recorded_at)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ",
            crate::ledger_recorded!(),
            ")
             ON CONFLICT (account_id, month, region, contract_type, status) DO UPDATE SET contracts = contracts + excluded.contracts"
        ))?;
        for s in rows {
            insert.execute(params![
                month,
                s.region,
                s.contract_type,
                s.contract_type_name,
                s.status,
                s.contracts
            ])?;
        }
    }
    Ok(())
}

/// The cross-check of NCP's per-service lines of a month against its bill `d`: their use
/// amounts add up to the bill's.
fn services_difference<'a>(
    d: &DemandCost,
    product: impl IntoIterator<Item = &'a FeeLine>,
) -> Option<Difference> {
    let sum = product
        .into_iter()
        .map(ncp_usage_core::billing::ncp::line_use_amount)
        .try_fold(Exact::ZERO, |t, e| t.checked_add(e))?;
    d.services_difference("product", sum)
}

/// P1: records the one correction that makes the ledger's bill of `d`'s month with its
/// corrections come to `billed`, what NCP's bill `d` bills in won (nothing when it already
/// does); `why` completes "NCP's bill for M (N KRW)", or "(in USD)" for a bill in another
/// currency. Says whether it recorded one.
fn correct_to(
    conn: &Connection,
    d: &DemandCost,
    billed: Krw,
    why: &str,
    now: Instant,
) -> Result<bool> {
    let so_far = bills::adjusted_billed(conn, d.month)?;
    if billed == so_far {
        return Ok(false);
    }
    let figure = if d.currency.is_krw() {
        format!("{} KRW", billed.grouped())
    } else {
        format!("in {}", d.currency)
    };
    let reason = format!("NCP's bill for {} ({figure}) {why}", d.month);
    bills::adjust(conn, d.month, billed - so_far, &reason, now)?;
    Ok(true)
}

/// P1: NCP's bill of a month in another currency is NCP's to collect, so the month bills
/// nothing in won: a bill of won the ledger issued for it before NCP's arrived is corrected
/// to 0 by the one correction rule ([`correct_to`]), and what the member paid on it becomes
/// credit on the next bill, or the month would be paid twice. Says whether it corrected one.
fn store_bill_in_other_currency(conn: &Connection, d: &DemandCost, now: Instant) -> Result<bool> {
    if !bills::exists(conn, d.month)? {
        return Ok(false);
    }
    correct_to(
        conn,
        d,
        Krw::ZERO,
        "is NCP's to collect: the month bills nothing in won",
        now,
    )
}

/// NCP's bill of a month: it becomes the ledger's bill for that month (source `ncp`), and
/// NCP's paid-up state becomes a payment of kind `ncp`, replaced on every re-import, of what
/// the ledger's own money and credit have not paid (nothing, when they paid it all).
///
/// P1: a bill that is issued is final (see [`is_final`]): NCP's figures for it become an
/// adjustment entry of the difference, carried into the next bill like any correction. Only
/// a bill that is not final yet (NCP's preliminary bill, or the 0-won bill that closed a month
/// the ledger had no usage for) is superseded in place. Returns whether it made an adjustment.
fn store_bill(conn: &Connection, d: &DemandCost, now: Instant) -> Result<bool> {
    let month = d.month.to_string();
    let totals = d.totals()?;
    let issued_at = d.issued_at(now);
    let ratio = d.penalty_ratio();
    let mut adjusted = false;
    // A bill stored or superseded now, which the credit balance pays.
    let mut fresh = false;
    if bills::exists(conn, d.month)? {
        if is_final(conn, d.month)? {
            adjusted = correct_to(
                conn,
                d,
                totals.billed_amount,
                "differs from the issued bill",
                now,
            )?;
        } else {
            conn.execute(
                concat!(
                    "UPDATE bills SET used_amount = ?2, discount_amount = ?3, rounddown_discount_amount = ?4,
                         vat_amount = ?5, billed_amount = ?6, overdue_ratio = ?7, source = 'ncp'
                     WHERE account_id = ",
                    crate::ledger_account!(),
                    " AND month = ?1
                       -- The same figures again are no new version of the bill (T2).
                       AND (used_amount, discount_amount, rounddown_discount_amount, vat_amount,
                            billed_amount, overdue_ratio, source)
                           IS NOT (?2, ?3, ?4, ?5, ?6, ?7, 'ncp')"
                ),
                params![
                    month,
                    totals.used_amount.won(),
                    totals.discount_amount.won(),
                    totals.rounddown_discount_amount.won(),
                    totals.vat_amount.won(),
                    totals.billed_amount.won(),
                    ratio.to_string()
                ],
            )?;
            // The corrections of earlier months carried into the preliminary bill stay
            // carried into it; the credit they left is worked out again against NCP's figures.
            bills::recredit_excess(conn, d.month)?;
            // NCP's bill stands in place of the ledger's preliminary one, and so in place of
            // the corrections made to it before NCP's bill arrived (NCP's lines imported
            // first re-rate the month): those are taken back by one correction, or the month
            // would be charged twice.
            correct_to(
                conn,
                d,
                totals.billed_amount,
                "stands in place of the corrections made before it arrived",
                now,
            )?;
            fresh = true;
        }
    } else {
        bills::insert(
            conn,
            &Bill {
                month: d.month,
                totals,
                overdue_ratio: ratio,
                source: BillSource::Ncp,
                issued_at,
            },
        )?;
        fresh = true;
    }
    conn.execute(
        concat!(
            "INSERT INTO ncp_bills (account_id, month, member, demand_no, paid_up, paid_up_at, overdue_at, written_at, imported_at)
             VALUES (",
            crate::ledger_account!(),
            ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (account_id, month) DO UPDATE SET member = excluded.member, demand_no = excluded.demand_no,
                 paid_up = excluded.paid_up, paid_up_at = excluded.paid_up_at, overdue_at = excluded.overdue_at,
                 written_at = excluded.written_at, imported_at = excluded.imported_at"
        ),
        params![
            month,
            d.member,
            d.demand_no,
            d.paid_up,
            d.paid_up_at.map(clock::rfc3339),
            d.overdue_at.map(clock::rfc3339),
            d.written_at.map(clock::rfc3339),
            clock::rfc3339(now)
        ],
    )?;
    let issued_at = bills::issued(conn, now)?
        .into_iter()
        .find(|b| b.month == d.month)
        .map_or(issued_at, |b| b.issued_at);
    let paid_at = d.paid_at(issued_at, now);
    // Issue 14: NCP was paid on `paid_at`; P10's penalties of the days after it never
    // accrued, and what the member paid on them becomes credit. Taken back before NCP's own
    // penalty is recorded, which then holds what those no longer charge.
    let credited = d.paid_up
        && !bills::take_back_penalties(
            conn,
            d.month,
            paid_at.with_timezone(&clock::kst()).date_naive(),
            now,
        )?
        .is_zero();
    // NCP's late penalty, as NCP had charged it when it wrote the bill. This command's
    // catch-up walked P10's penalty days up to now before the bill was stored, so NCP's row
    // holds only what those did not charge; P10 charges the days after now.
    if let Some(plus) = d.overdue_plus {
        let on = penalty_instant(d, now).with_timezone(&clock::kst());
        bills::record_ncp_penalty(conn, d.month, on.date_naive(), plus)?;
    }
    // NCP's paid-up state, replaced: drop the payment of an earlier import first — unless
    // it says the same as before, so that importing the same body twice changes nothing.
    // Payments' idempotency keys are unique across the ledger, so the key names its
    // account; a ledger made before accounts holds the key without it, found too.
    let account = crate::accounts::running(conn)?.id;
    let key = format!("ncp-paid-up:{account}:{month}");
    let before_accounts = format!("ncp-paid-up:{month}");
    // NCP's figure is what NCP collected: a difference it reports paid up is settled on this
    // bill by NCP's payment, not carried into the next bill and charged again.
    if d.paid_up {
        settle_pending_adjustments(conn, d.month, now)?;
    }
    let earlier: Option<(i64, String)> = conn
        .query_row(
            concat!(
                "SELECT id, paid_at FROM payments WHERE account_id = ",
                crate::ledger_account!(),
                " AND idempotency_key IN (?1, ?2)"
            ),
            [&key, &before_accounts],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, at)) = earlier {
        let settled = bills::balance(conn, d.month, now)?.is_some_and(|b| b.unpaid().is_zero());
        if d.paid_up && settled && at == clock::rfc3339(paid_at) {
            if credited {
                bills::apply_credit(conn, now)?;
            }
            return Ok(adjusted);
        }
        // Its id is never given to another payment.
        bills::retire_payment_ids(conn)?;
        conn.execute(
            concat!(
                "DELETE FROM payment_applications WHERE account_id = ",
                crate::ledger_account!(),
                " AND payment_id = ?1"
            ),
            [id],
        )?;
        conn.execute(
            concat!(
                "UPDATE auto_attempts SET payment_id = NULL WHERE account_id = ",
                crate::ledger_account!(),
                " AND payment_id = ?1"
            ),
            [id],
        )?;
        conn.execute(
            concat!(
                "DELETE FROM payments WHERE account_id = ",
                crate::ledger_account!(),
                " AND id = ?1"
            ),
            [id],
        )?;
    }
    if d.paid_up {
        // NCP's payment pays only what the ledger's own money and credit have not.
        let balance = match (
            bills::balance(conn, d.month, paid_at)?,
            bills::balance(conn, d.month, now)?,
        ) {
            (Some(then), Some(by_now)) => vec![paid_up(then, &by_now)],
            _ => Vec::new(),
        };
        let owed: Krw = balance.iter().map(|b| b.unpaid()).sum();
        if !owed.is_zero() {
            let id = bills::insert_payment(
                conn,
                &NewPayment {
                    kind: PaymentKind::Ncp,
                    method: MethodKind::Ncp,
                    method_id: None,
                    amount: owed,
                    paid_at,
                    reference: d.demand_no.as_deref(),
                    idempotency_key: Some(&key),
                    request: Some("ncp paid-up state"),
                },
            )?;
            bills::apply(conn, Funds::Payment(id), owed, &balance, paid_at)?;
        }
    }
    // A bill newly stored that NCP does not report paid is paid from the credit balance
    // first, now (never at an instant the ledger has passed), before any card is charged.
    if fresh || credited {
        bills::apply_credit(conn, now)?;
    }
    Ok(adjusted)
}

/// P1: when NCP reports a month paid up, the corrections of that month not carried into a
/// bill yet are carried into the month's own bill when [`paid_up_settles`] says so.
fn settle_pending_adjustments(conn: &Connection, month: Month, now: Instant) -> Result<()> {
    let m = month.to_string();
    let at = clock::rfc3339(now);
    let pending: Krw = conn.query_row(
        concat!(
            "SELECT COALESCE(SUM(amount), 0) FROM bill_adjustments
             WHERE account_id = ",
            crate::ledger_account!(),
            " AND month = ?1 AND carried_into IS NULL AND recorded_at <= ?2"
        ),
        params![m, at],
        |r| r.krw(0),
    )?;
    if paid_up_settles(pending) {
        conn.execute(
            concat!(
                "UPDATE bill_adjustments SET carried_into = ?1
                 WHERE account_id = ",
                crate::ledger_account!(),
                " AND month = ?1 AND carried_into IS NULL AND recorded_at <= ?2"
            ),
            params![m, at],
        )?;
    }
    Ok(())
}

/// NCP's own sums of every stored bill, recomputed from the exact figures as stored
/// (`check`): the bill's own arithmetic, its per-service lines against it, and v2's lines.
pub fn differences(conn: &Connection) -> Result<Vec<Difference>> {
    let months: Vec<String> = conn
        .prepare(concat!(
            "SELECT month FROM ncp_demand_costs WHERE account_id = ",
            crate::ledger_account!(),
            " ORDER BY month"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for m in months {
        let month: Month = m.parse().map_err(|_| {
            crate::error::Error::ledger(format!("an NCP bill holds a damaged month '{m}'"))
        })?;
        let Some(d) = demand_cost(conn, month)? else {
            continue;
        };
        out.extend(d.differences());
        let product = fees::ncp_lines(conn, month, "ncp_product")?;
        if !product.is_empty() {
            let sum = product
                .iter()
                .map(ncp_usage_core::billing::ncp::line_use_amount)
                .try_fold(Exact::ZERO, |t, e| t.checked_add(e));
            out.extend(sum.and_then(|sum| d.services_difference("product", sum)));
        }
    }
    out.extend(super::ncp_v2::differences(conn)?);
    Ok(out)
}

/// The NCP member number the running account holds: the one its NCP bills and lines name,
/// if any. Another account's member is that account's, never a reason to refuse this one's.
pub fn held_member(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            concat!(
                "SELECT m FROM (
                     SELECT member_no AS m FROM ncp_demand_costs WHERE account_id = ",
                crate::ledger_account!(),
                "
                     UNION ALL SELECT member FROM ncp_bills WHERE account_id = ",
                crate::ledger_account!(),
                "
                     UNION ALL SELECT member_no FROM ncp_credits WHERE account_id = ",
                crate::ledger_account!(),
                " AND kind = 'credit'
                     UNION ALL SELECT member_no FROM ncp_discount_list WHERE account_id = ",
                crate::ledger_account!(),
                "
                     UNION ALL SELECT member_no FROM ncp_product_discounts WHERE account_id = ",
                crate::ledger_account!(),
                "
                     UNION ALL SELECT json_extract(exact, '$.member_no') FROM fee_lines WHERE account_id = ",
                crate::ledger_account!(),
                " AND exact IS NOT NULL)
                 WHERE m <> '' AND m NOT GLOB '*[^0-9]*' LIMIT 1"
            ),
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The currencies of NCP's figures the ledger holds for `month`: its stored bill's and its
/// stored lines' of each level, each pair once. Lines stored before schema 9 carry no
/// currency of NCP's (no exact detail) and are left out.
pub fn held_currencies(conn: &Connection, month: Month) -> Result<Vec<(Figures, Currency)>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT 'bill', currency FROM ncp_demand_costs WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1
         UNION SELECT source, currency FROM fee_lines WHERE account_id = ",
        crate::ledger_account!(),
        " AND month = ?1 AND exact IS NOT NULL
             AND source IN ('ncp_product', 'ncp_contract', 'ncp_group', 'ncp_item')
         ORDER BY 1, 2"
    ))?;
    let rows = stmt
        .query_map([month.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(source, code)| {
            let figures = if source == "bill" {
                Figures::Bill
            } else {
                Figures::of_source(&source)?
            };
            Some((figures, Currency::new(&code)))
        })
        .collect())
}

/// Whether NCP's own bill for a month was imported (in won or in another currency).
pub fn has_bill(conn: &Connection, month: Month) -> Result<bool> {
    Ok(conn.query_row(
        concat!(
            "SELECT EXISTS (SELECT 1 FROM ncp_bills WHERE account_id = ",
            crate::ledger_account!(),
            " AND month = ?1)
                 OR EXISTS (SELECT 1 FROM ncp_demand_costs WHERE account_id = ",
            crate::ledger_account!(),
            " AND month = ?1)"
        ),
        [month.to_string()],
        |r| r.get(0),
    )?)
}

/// Whether NCP's own figures stand for a month as of the running instant: its bill (in any
/// currency), or its per-service or per-contract lines. The views then say the month's source is `ncp`.
pub fn stands_for(conn: &Connection, month: Month) -> Result<bool> {
    Ok(conn.query_row(
        concat!(
            "SELECT EXISTS (SELECT 1 FROM bills WHERE account_id = ",
            crate::ledger_account!(),
            " AND month = ?1 AND source = 'ncp' AND issued_at <= ",
            crate::ledger_visible!(),
            ") OR EXISTS (SELECT 1 FROM ncp_demand_costs_asof WHERE month = ?1)
               OR EXISTS (SELECT 1 FROM fee_lines_asof WHERE month = ?1 AND source LIKE 'ncp!_%' ESCAPE '!')"
        ),
        [month.to_string()],
        |r| r.get(0),
    )?)
}

/// The currency of NCP's bill of a month when it is not won: such a month is NCP's to
/// collect in its currency, and the ledger issues no bill of won for it.
pub fn foreign_currency(conn: &Connection, month: Month) -> Result<Option<Currency>> {
    let code: Option<String> = conn
        .query_row(
            concat!(
                "SELECT currency FROM ncp_demand_costs WHERE account_id = ",
                crate::ledger_account!(),
                " AND month = ?1 AND currency <> 'KRW'"
            ),
            [month.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(code.map(|c| Currency::new(&c)))
}

/// P1: whether a month's stored bill is final ([`StoredBill::is_final`]).
fn is_final(conn: &Connection, month: Month) -> Result<bool> {
    // The member's money only: corrections carried into the bill, and the credit they
    // leave or pay it with, travel with the bill whoever's figures it holds.
    let (paid_by_member, source, billed_amount, issued_at, written_at): (
        bool,
        BillSource,
        Krw,
        Instant,
        Option<Instant>,
    ) = conn.query_row(
        concat!(
            "SELECT EXISTS (SELECT 1 FROM payment_applications x
                            JOIN payments p ON p.account_id = x.account_id AND p.id = x.payment_id
                            WHERE x.account_id = ",
            crate::ledger_account!(),
            " AND x.month = b.month AND p.kind <> 'ncp'),
                    b.source, b.billed_amount, b.issued_at, n.written_at
             FROM bills b LEFT JOIN ncp_bills n ON n.account_id = b.account_id AND n.month = b.month
             WHERE b.account_id = ",
            crate::ledger_account!(),
            " AND b.month = ?1"
        ),
        [month.to_string()],
        |r| {
            Ok((
                r.get(0)?,
                r.spelled(1, "bill source")?,
                r.krw(2)?,
                r.instant(3, "bill issue time")?,
                r.instant_opt(4, "NCP bill writing time")?,
            ))
        },
    )?;
    Ok(StoredBill {
        month,
        paid_by_member,
        from_ncp: source == BillSource::Ncp,
        billed_amount,
        issued_at,
        ncp_written_at: written_at,
    }
    .is_final())
}

/// The contract counts NCP reported for `month` itself: (month, rows of service name, region,
/// contracts held). S1 counts "as of now", so an older month's summary never stands for
/// this one (contracts taken or ended since would be missed); without one, `None`.
pub fn contract_summaries(conn: &Connection, month: Month) -> Result<Option<ContractCounts>> {
    let latest: Option<String> = conn
        .query_row(
            "SELECT MAX(month) FROM ncp_contract_summaries_asof WHERE month = ?1",
            [month.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(latest) = latest else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT contract_type_name, region, SUM(contracts) FROM ncp_contract_summaries_asof
         WHERE month = ?1 AND status = 'NOML' GROUP BY contract_type_name, region
         ORDER BY region, contract_type_name",
    )?;
    let rows = stmt
        .query_map([&latest], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let m = latest
        .parse()
        .map_err(|_| crate::error::Error::ledger("a damaged NCP contract summary month"))?;
    Ok(Some((m, rows)))
}

/// The instant NCP's late penalty of a bill stands for: when NCP wrote the bill, never after
/// the instant it was stored (the ledger records nothing ahead of its clock).
/// Issue 14: NCP's bill charges a late penalty (`overduePlusAmount`) below the penalties the
/// ledger holds for the month up to the day NCP wrote it (NCP waived one, or lowered it): the
/// ledger keeps what it charged (a penalty charged is not taken back by a figure alone), and
/// says so once, naming both figures.
fn penalty_above_ncp(conn: &Connection, d: &DemandCost, now: Instant) -> Result<Option<Oddity>> {
    let Some(plus) = d.overdue_plus else {
        return Ok(None);
    };
    let on = penalty_instant(d, now)
        .with_timezone(&clock::kst())
        .date_naive();
    let kept = bills::penalties_through(conn, d.month, on)?;
    Ok((kept.to_decimal() > plus.value()).then(|| ncp_odd::penalty_kept(d, on, kept, plus)))
}

fn penalty_instant(d: &DemandCost, now: Instant) -> Instant {
    d.written_at.map_or(now, |w| w.min(now))
}

/// The columns of `ncp_demand_costs` after `month`, in the order [`store_demand_cost`] binds
/// them (`?2`…`?37`) and [`read_demand_cost`] reads them; a macro, so that the statements are
/// written out with `concat!`.
macro_rules! demand_cost_columns {
    () => {
        "member_no, api, demand_no, integration_demand_no, previous_demand_no, attribute,
    currency, exchange_rate, use_amount, promise_discount_amount, promotion_discount_amount,
    etc_discount_amount, savings_plan_discount_amount, customer_discount_amount,
    product_discount_amount, credit_discount_amount, member_price_discount_amount,
    member_promise_discount_amount, rounddown_discount_amount, currency_discount_amount,
    coin_discount_amount, default_amount, demand_amount, vat_rate, vat_amount,
    including_vat_amount, total_demand_amount, overdue_plus_amount,
    this_month_overdue_amount, total_overdue_amount, overdue_ratio, paid_up, paid_up_at,
    overdue_at, written_at"
    };
}

/// Keeps NCP's bill of a month exactly as NCP wrote it (`ncp_demand_costs`), replacing an
/// earlier import of the month; the same figures imported again change nothing.
fn store_demand_cost(conn: &Connection, d: &DemandCost, now: Instant) -> Result<()> {
    let sql = concat!(
        "INSERT INTO ncp_demand_costs (account_id, month, ",
        demand_cost_columns!(),
        ", imported_at, recorded_at)
         VALUES (",
        crate::ledger_account!(),
        ", ?1,
             ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34,
             ?35, ?36,
             ?37, ",
        crate::ledger_recorded!(),
        ")
         ON CONFLICT (account_id, month) DO UPDATE SET
             member_no = excluded.member_no, api = excluded.api,
             demand_no = excluded.demand_no,
             integration_demand_no = excluded.integration_demand_no,
             previous_demand_no = excluded.previous_demand_no,
             attribute = excluded.attribute, currency = excluded.currency,
             exchange_rate = excluded.exchange_rate, use_amount = excluded.use_amount,
             promise_discount_amount = excluded.promise_discount_amount,
             promotion_discount_amount = excluded.promotion_discount_amount,
             etc_discount_amount = excluded.etc_discount_amount,
             savings_plan_discount_amount = excluded.savings_plan_discount_amount,
             customer_discount_amount = excluded.customer_discount_amount,
             product_discount_amount = excluded.product_discount_amount,
             credit_discount_amount = excluded.credit_discount_amount,
             member_price_discount_amount = excluded.member_price_discount_amount,
             member_promise_discount_amount = excluded.member_promise_discount_amount,
             rounddown_discount_amount = excluded.rounddown_discount_amount,
             currency_discount_amount = excluded.currency_discount_amount,
             coin_discount_amount = excluded.coin_discount_amount,
             default_amount = excluded.default_amount,
             demand_amount = excluded.demand_amount, vat_rate = excluded.vat_rate,
             vat_amount = excluded.vat_amount,
             including_vat_amount = excluded.including_vat_amount,
             total_demand_amount = excluded.total_demand_amount,
             overdue_plus_amount = excluded.overdue_plus_amount,
             this_month_overdue_amount = excluded.this_month_overdue_amount,
             total_overdue_amount = excluded.total_overdue_amount,
             overdue_ratio = excluded.overdue_ratio, paid_up = excluded.paid_up,
             paid_up_at = excluded.paid_up_at, overdue_at = excluded.overdue_at,
             written_at = excluded.written_at,
             imported_at = excluded.imported_at
         WHERE (",
        demand_cost_columns!(),
        ") IS NOT (
             excluded.member_no, excluded.api, excluded.demand_no,
             excluded.integration_demand_no, excluded.previous_demand_no,
             excluded.attribute, excluded.currency, excluded.exchange_rate,
             excluded.use_amount, excluded.promise_discount_amount,
             excluded.promotion_discount_amount, excluded.etc_discount_amount,
             excluded.savings_plan_discount_amount, excluded.customer_discount_amount,
             excluded.product_discount_amount, excluded.credit_discount_amount,
             excluded.member_price_discount_amount, excluded.member_promise_discount_amount,
             excluded.rounddown_discount_amount, excluded.currency_discount_amount,
             excluded.coin_discount_amount, excluded.default_amount, excluded.demand_amount,
             excluded.vat_rate, excluded.vat_amount, excluded.including_vat_amount,
             excluded.total_demand_amount, excluded.overdue_plus_amount,
             excluded.this_month_overdue_amount,
             excluded.total_overdue_amount, excluded.overdue_ratio, excluded.paid_up,
             excluded.paid_up_at, excluded.overdue_at, excluded.written_at)"
    );
    let mut stmt = conn.prepare_cached(sql)?;
    let text = |e: Exact| e.to_string();
    let opt = |e: Option<Exact>| e.map(text);
    let instant = |t: Option<Instant>| t.map(clock::rfc3339);
    let discounts = d.discounts.named();
    stmt.raw_bind_parameter(1, d.month.to_string())?;
    let mut values: Vec<Option<String>> = vec![
        d.member.clone(),
        Some(d.api.as_str().to_string()),
        d.demand_no.clone(),
        d.integration_demand_no.clone(),
        d.previous_demand_no.clone(),
        d.attribute.clone(),
        Some(d.currency.code().to_string()),
        opt(d.exchange_rate),
        Some(text(d.use_amount)),
    ];
    values.extend(discounts.iter().map(|(_, e)| Some(text(*e))));
    values.extend([
        Some(text(d.default_amount)),
        opt(d.demand_amount),
        opt(d.vat_rate),
        Some(text(d.vat_amount)),
        opt(d.including_vat),
        opt(d.total_demand),
        opt(d.overdue_plus),
        opt(d.this_month_overdue),
        opt(d.total_overdue),
        opt(d.overdue_ratio),
    ]);
    for (i, v) in values.iter().enumerate() {
        stmt.raw_bind_parameter(i + 2, v)?;
    }
    let next = values.len() + 2;
    stmt.raw_bind_parameter(next, i64::from(d.paid_up))?;
    stmt.raw_bind_parameter(next + 1, instant(d.paid_up_at))?;
    stmt.raw_bind_parameter(next + 2, instant(d.overdue_at))?;
    stmt.raw_bind_parameter(next + 3, instant(d.written_at))?;
    stmt.raw_bind_parameter(next + 4, clock::rfc3339(now))?;
    stmt.raw_execute()?;
    Ok(())
}

/// NCP's bill of `month` exactly as NCP wrote it, in its currency, as it stood at the running
/// instant (T2); `None` when no bill of NCP's was imported for it since schema 9 (a bill
/// imported before has only its whole-won `bills` row).
pub fn demand_cost(conn: &Connection, month: Month) -> Result<Option<DemandCost>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        demand_cost_columns!(),
        " FROM ncp_demand_costs_asof WHERE month = ?1 ORDER BY recorded_at DESC LIMIT 1"
    ))?;
    Ok(stmt
        .query_row([month.to_string()], |r| read_demand_cost(r, month))
        .optional()?)
}

/// The months NCP's bill was imported for, as they stood at the running instant, oldest
/// first: what the views read with [`demand_cost`].
pub fn demand_cost_months(conn: &Connection) -> Result<Vec<Month>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT month FROM ncp_demand_costs_asof ORDER BY month")?;
    let months = stmt
        .query_map([], |r| r.spelled::<Month>(0, "NCP bill month"))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(months)
}

/// A `ncp_demand_costs` row of `month`, from the columns of `demand_cost_columns!`.
fn read_demand_cost(r: &rusqlite::Row<'_>, month: Month) -> rusqlite::Result<DemandCost> {
    const WHAT: &str = "NCP bill figure";
    let exact = |i: usize| r.spelled::<Exact>(i, WHAT);
    let exact_opt = |i: usize| r.spelled_opt::<Exact>(i, WHAT);
    let currency: String = r.get(6)?;
    let mut d = DemandCost::empty(month, r.spelled(1, "NCP API generation")?);
    d.member = r.get(0)?;
    d.demand_no = r.get(2)?;
    d.integration_demand_no = r.get(3)?;
    d.previous_demand_no = r.get(4)?;
    d.attribute = r.get(5)?;
    d.currency = Currency::new(&currency);
    d.exchange_rate = exact_opt(7)?;
    d.use_amount = exact(8)?;
    d.discounts = Discounts {
        promise: exact(9)?,
        promotion: exact(10)?,
        etc: exact(11)?,
        savings_plan: exact(12)?,
        customer: exact(13)?,
        product: exact(14)?,
        credit: exact(15)?,
        member_price: exact(16)?,
        member_promise: exact(17)?,
        rounddown: exact(18)?,
        currency: exact(19)?,
        coin: exact(20)?,
    };
    d.default_amount = exact(21)?;
    d.demand_amount = exact_opt(22)?;
    d.vat_rate = exact_opt(23)?;
    d.vat_amount = exact(24)?;
    d.including_vat = exact_opt(25)?;
    d.total_demand = exact_opt(26)?;
    d.overdue_plus = exact_opt(27)?;
    d.this_month_overdue = exact_opt(28)?;
    d.total_overdue = exact_opt(29)?;
    d.overdue_ratio = exact_opt(30)?;
    d.paid_up = r.get(31)?;
    d.paid_up_at = r.instant_opt(32, "NCP paid-up time")?;
    d.overdue_at = r.instant_opt(33, "NCP overdue time")?;
    d.written_at = r.instant_opt(34, "NCP bill writing time")?;
    Ok(d)
}

/// The latest month up to `up_to` that NCP's contract summary was imported for, as recorded at
/// the running instant: what `status` points to when the month asked has none.
pub fn latest_contract_summary_month(conn: &Connection, up_to: Month) -> Result<Option<Month>> {
    let month: Option<String> = conn
        .prepare_cached("SELECT MAX(month) FROM ncp_contract_summaries_asof WHERE month <= ?1")?
        .query_row([up_to.to_string()], |r| r.get(0))?;
    month
        .map(|m| {
            m.parse()
                .map_err(|_| crate::error::Error::ledger("a damaged NCP contract summary month"))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;
    use ncp_usage_core::billing::ncp::Api;

    /// NCP's exact bill comes back digit for digit, in its currency, and a re-import that
    /// changes nothing keeps no version; one that changes it keeps the earlier one for a
    /// read at an earlier instant (T2).
    #[test]
    fn ncp_demand_costs_round_trip_exactly_and_keep_their_versions() {
        let mut ledger = Ledger::in_memory().unwrap();
        let at = |t: &str| clock::parse_as_of(t).unwrap();
        let e = |t: &str| t.parse::<Exact>().unwrap();
        let month: Month = "2026-06".parse().unwrap();
        let mut d = DemandCost {
            member: Some("2001234".into()),
            currency: Currency::new("USD"),
            exchange_rate: Some(e("1380.5")),
            use_amount: e("293.2081"),
            discounts: Discounts {
                savings_plan: e("0.5"),
                coin: e("1"),
                ..Discounts::default()
            },
            demand_amount: Some(e("291.7081")),
            vat_rate: Some(e("0.1")),
            vat_amount: e("29.17081"),
            including_vat: Some(e("320.87891")),
            overdue_ratio: Some(Exact::ZERO),
            paid_up: true,
            paid_up_at: Some(at("2026-07-25T12:00")),
            ..DemandCost::empty(month, Api::V2)
        };
        let store = |ledger: &mut Ledger, d: &DemandCost, t: &str| {
            ledger
                .write(at(t), |tx| store_demand_cost(tx, d, at(t)))
                .unwrap()
        };
        store(&mut ledger, &d, "2026-07-01");
        store(&mut ledger, &d, "2026-07-02");
        let first = d.clone();
        d.including_vat = Some(e("320.9"));
        store(&mut ledger, &d, "2026-07-03");
        let read = |ledger: &mut Ledger, t: &str| {
            ledger
                .read_as_of(Some(at(t)), |tx| demand_cost(tx, month))
                .unwrap()
        };
        assert_eq!(read(&mut ledger, "2026-07-02"), Some(first));
        assert_eq!(read(&mut ledger, "2026-07-04"), Some(d));
        assert_eq!(read(&mut ledger, "2026-06-30"), None);
        let versions: i64 = ledger
            .read(|tx| -> Result<i64> {
                Ok(tx.query_row(
                    concat!(
                        "SELECT count(*) FROM ncp_demand_costs_versions WHERE account_id = ",
                        crate::ledger_account!()
                    ),
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(versions, 1);
    }

    /// Issue 14: a bill the ledger holds from before schema 9 (an `ncp_bills` row, no
    /// `ncp_demand_costs` one) is known by its write date: an older bill is refused before
    /// anything is written, a later one is stored.
    #[test]
    fn issue14_an_older_bill_never_supersedes_one_known_by_its_write_date_only() {
        let mut ledger = Ledger::in_memory().unwrap();
        let at = |t: &str| clock::parse_as_of(t).unwrap();
        let month: Month = "2024-05".parse().unwrap();
        ledger
            .write(at("2024-06-02"), |tx| -> Result<()> {
                tx.execute(
                    concat!(
                        "INSERT INTO bills (account_id, month, used_amount, discount_amount,
                             rounddown_discount_amount, vat_amount, billed_amount, overdue_ratio,
                             source, issued_at) VALUES (",
                        crate::ledger_account!(),
                        ", '2024-05', 0, 0, 0, 0, 0, '0.015', 'ncp', '2024-06-01T08:00:00+09:00')"
                    ),
                    [],
                )?;
                tx.execute(
                    concat!(
                        "INSERT INTO ncp_bills (account_id, month, paid_up, written_at, imported_at) VALUES (",
                        crate::ledger_account!(),
                        ", '2024-05', 1, '2024-06-01T08:00:00+09:00', '2024-06-02T00:00:00+09:00')"
                    ),
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        let page = |written: &str| Page {
            body: Body::DemandCosts(vec![DemandCost {
                written_at: Some(at(written)),
                ..DemandCost::empty(month, Api::V1)
            }]),
            total_rows: Some(1),
            next_token: None,
            list_path: String::new(),
        };
        let e = ledger
            .write(at("2024-06-03"), |tx| {
                store(tx, &[page("2024-05-16T08:00")], at("2024-06-03"))
            })
            .unwrap_err();
        assert_eq!(e.kind.exit_code(), 2);
        assert!(
            e.to_string().starts_with("NCP's bill of 2024-05 being imported was written 2024-05-16T08:00:00+09:00, before the one the ledger holds (written 2024-06-01T08:00:00+09:00)"),
            "{e}"
        );
        let held = |ledger: &mut Ledger| {
            ledger
                .read(|tx| legacy_written_at(tx, month))
                .unwrap()
                .map(clock::rfc3339)
        };
        assert_eq!(
            held(&mut ledger).as_deref(),
            Some("2024-06-01T08:00:00+09:00")
        );
        ledger
            .write(at("2024-06-03"), |tx| {
                store(tx, &[page("2024-06-02T08:00")], at("2024-06-03"))
            })
            .unwrap();
        assert_eq!(
            held(&mut ledger).as_deref(),
            Some("2024-06-02T08:00:00+09:00")
        );
    }
}
