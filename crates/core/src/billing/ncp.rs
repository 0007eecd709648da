//! NCP's own billing figures as facts: a month's bill as NCP computed it, contract counts,
//! daily usage, and a page of them as one API answer holds it (SPEC §11,
//! `reference/ncp-billing-api.md`). The JSON reading lives with the other formats; what a
//! page must satisfy before anything is stored ([`Page::check`]) is a rule, and lives here.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::billing::facts::FeeLine;
use crate::billing::payment::BillBalance;
use crate::billing::statement::Totals;
use crate::billing::{ncp_v2, penalty, schedule};
use crate::calendar::Month;
use crate::clock::Instant;
use crate::error::{Error, Result};
use crate::money::Krw;

/// A month's bill as NCP computed it (a DemandCost).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandCost {
    /// The usage month.
    pub month: Month,
    /// NCP's member number (or login id in older bodies).
    pub member: Option<String>,
    /// NCP's bill number.
    pub demand_no: Option<String>,
    /// Used amount.
    pub use_amount: Krw,
    /// Every discount NCP applied, summed (promise, promotion, etc, customer, product,
    /// credit, member price…), without the rounding discount.
    pub discount_amount: Krw,
    /// The part under 100 (and 1,000) won cut off before VAT.
    pub rounddown_discount_amount: Krw,
    /// VAT.
    pub vat_amount: Krw,
    /// The month's amount with VAT: what is billed.
    pub billed_amount: Krw,
    /// Whether NCP has it paid up.
    pub paid_up: bool,
    /// When it was paid up.
    pub paid_up_at: Option<Instant>,
    /// NCP's late penalty rate, when given (0.015 is 1.5 %).
    pub overdue_ratio: Option<Decimal>,
    /// When it became overdue, when it did.
    pub overdue_at: Option<Instant>,
    /// When NCP wrote it.
    pub written_at: Option<Instant>,
}

impl DemandCost {
    /// NCP's figures as the ledger's bill totals: the estimate is used less discounts, and a
    /// bill below 0 (NCP's credit) bills 0.
    pub fn totals(&self) -> Totals {
        Totals {
            used_amount: self.use_amount,
            discount_amount: self.discount_amount,
            estimated_payment_amount: self.use_amount - self.discount_amount,
            rounddown_discount_amount: self.rounddown_discount_amount,
            vat_amount: self.vat_amount,
            billed_amount: self.billed_amount.clamp_zero(),
        }
    }

    /// P1, T2: when NCP's bill counts as issued: when NCP wrote it, else when the ledger
    /// issues a bill for the month; never later than `now`, as the ledger records nothing
    /// ahead of its clock.
    pub fn issued_at(&self, now: Instant) -> Instant {
        self.written_at
            .unwrap_or_else(|| schedule::issued_at(self.month))
            .min(now)
    }

    /// P10: the late penalty rate of NCP's bill: NCP's `overdueRatio`, else the default.
    pub fn penalty_ratio(&self) -> Decimal {
        self.overdue_ratio.unwrap_or_else(penalty::default_ratio)
    }

    /// T2: when NCP's paid-up state is dated: when NCP says it was paid up (else when NCP
    /// wrote the bill, else `now`), never after `now` and never before the ledger's bill
    /// was issued (`issued_at`).
    pub fn paid_at(&self, issued_at: Instant, now: Instant) -> Instant {
        self.paid_up_at
            .or(self.written_at)
            .unwrap_or(now)
            .min(now)
            .max(issued_at)
    }

    /// The cross-check of an import: NCP's per-service used amounts (`per_service`, summed)
    /// add up to its bill; where they do not, what differs, in words.
    pub fn mismatch(&self, per_service: Krw) -> Option<String> {
        (per_service != self.use_amount).then(|| {
            format!(
                "{}: the per-service used amounts add up to {} KRW but the bill says {} KRW (difference {})",
                self.month,
                per_service.grouped(),
                self.use_amount.grouped(),
                (per_service - self.use_amount).grouped()
            )
        })
    }
}

/// NCP reports a line per service (or contract) and item more than once when its figures are
/// split (by page, by discount kind): the quantities and amounts of the same line add up.
pub fn merge_line(into: &mut FeeLine, more: &FeeLine) {
    into.quantity += more.quantity;
    into.used_amount += more.used_amount;
    into.discount_amount += more.discount_amount;
    into.estimated_payment_amount += more.estimated_payment_amount;
}

/// Contract summary rows carry no month: they count the month the other bodies of the same
/// import are about (`months`, when they are about one), else the month of `now`.
pub fn summary_month(months: &[Month], now: Instant) -> Month {
    match months {
        [only] => *only,
        _ => Month::of(now.date_naive()),
    }
}

/// What NCP's paid-up state pays on the ledger's bill: what was owed when NCP was paid
/// (`then`: billed, and penalties charged by then), less everything the ledger's own money
/// and credit applied to the bill by now (`by_now`, also after that). The member's money is
/// never lost, and never counted twice; NCP's payment is its [`BillBalance::unpaid`].
pub fn paid_up(then: BillBalance, by_now: &BillBalance) -> BillBalance {
    BillBalance {
        paid_principal: by_now.paid_principal,
        paid_penalty: by_now.paid_penalty,
        ..then
    }
}

/// One contract-type count in a region (getContractSummaryList).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractSummary {
    /// The month counted: rows do not carry it (it is the request's `contractMonth`), so it
    /// is known from the request (`sync`) or from the other bodies of an import.
    pub month: Option<Month>,
    /// Region code.
    pub region: String,
    /// The contract type's code.
    pub contract_type: String,
    /// Its name, shown as the service.
    pub contract_type_name: String,
    /// The status code (`NOML` is held).
    pub status: String,
    /// How many contracts.
    pub contracts: i64,
}

/// One day's usage of one contract product (getContractUsageListByDaily).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyUsage {
    /// The contract.
    pub contract_no: String,
    /// The day.
    pub date: NaiveDate,
    /// The product (or metering type) measured.
    pub product: String,
    /// The quantity.
    pub quantity: Decimal,
    /// Its unit.
    pub unit: String,
}

/// What one body holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// getDemandCostList, or v2 demand-costs.
    DemandCosts(Vec<DemandCost>),
    /// getProductDemandCostList: per service and region.
    ProductCosts(Vec<FeeLine>),
    /// getContractDemandCostList: per contract.
    ContractCosts(Vec<FeeLine>),
    /// getContractSummaryList.
    ContractSummaries(Vec<ContractSummary>),
    /// getContractUsageListByDaily.
    DailyUsage(Vec<DailyUsage>),
    /// v2 billing-item-group-costs: per service and billing-item group.
    GroupCosts(Vec<ncp_v2::GroupCost>),
    /// v2 billing-item-costs: per billing item and resource.
    ItemCosts(Vec<ncp_v2::ItemCost>),
    /// v2 cost-relation-codes: the names of the codes.
    CostRelationCodes(Vec<ncp_v2::CostRelationCode>),
}

impl Body {
    /// How many rows it holds.
    pub fn len(&self) -> usize {
        match self {
            Body::DemandCosts(v) => v.len(),
            Body::ProductCosts(v) | Body::ContractCosts(v) => v.len(),
            Body::ContractSummaries(v) => v.len(),
            Body::DailyUsage(v) => v.len(),
            Body::GroupCosts(v) => v.len(),
            Body::ItemCosts(v) => v.len(),
            Body::CostRelationCodes(v) => v.len(),
        }
    }

    /// Whether it holds no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The API action's name, for messages.
    pub fn action(&self) -> &'static str {
        match self {
            Body::DemandCosts(_) => "getDemandCostList",
            Body::ProductCosts(_) => "getProductDemandCostList",
            Body::ContractCosts(_) => "getContractDemandCostList",
            Body::ContractSummaries(_) => "getContractSummaryList",
            Body::DailyUsage(_) => "getContractUsageListByDaily",
            Body::GroupCosts(_) => "listBillingItemGroupCosts",
            Body::ItemCosts(_) => "listBillingItemCosts",
            Body::CostRelationCodes(_) => "listCostRelationCodes",
        }
    }
}

impl Page {
    /// Gives contract summary rows without a month the month they were asked for.
    pub fn fill_month(&mut self, month: Month) {
        if let Body::ContractSummaries(rows) = &mut self.body {
            for r in rows.iter_mut().filter(|r| r.month.is_none()) {
                r.month = Some(month);
            }
        }
    }
}

impl Page {
    /// Refuses what no command could stand on, naming the JSON path: a row for a month after
    /// the month of `now` (NCP bills no month that has not happened, as `sync` refuses such
    /// months), a day of usage after `now`'s day, and fee lines of one month adding up to
    /// more than [`crate::money::MAX_WON`]. `source` names the body, as [`parse`] does.
    pub fn check(&self, now: Instant, source: &str) -> Result<()> {
        let current = Month::of(now.date_naive());
        let ahead = |i: usize, field: &str, month: Month| {
            Error::invalid(format!(
                "{}[{i}].{field}: expected a month up to {current} (the month of --as-of), got {month}; NCP has no figures for a month that has not happened",
                self.list_path
            ))
            .context(source)
        };
        let lines = |rows: &[FeeLine]| -> Result<()> {
            let mut sums: std::collections::BTreeMap<Month, Krw> = Default::default();
            for (i, l) in rows.iter().enumerate() {
                if l.month > current {
                    return Err(ahead(i, "demandMonth", l.month));
                }
                let sum = sums.entry(l.month).or_default();
                *sum = sum
                    .checked_add(l.used_amount)
                    .filter(|t| t.within_ceiling())
                    .ok_or_else(|| {
                        Error::invalid(format!(
                            "{}[{i}].useAmount: the {} lines of this body add up to more than {} won, more than the ledger holds",
                            self.list_path,
                            l.month,
                            crate::money::MAX_WON_TEXT
                        ))
                        .context(source)
                    })?;
            }
            Ok(())
        };
        match &self.body {
            Body::DemandCosts(rows) => {
                for (i, d) in rows.iter().enumerate() {
                    if d.month > current {
                        return Err(ahead(i, "demandMonth", d.month));
                    }
                }
                Ok(())
            }
            Body::ProductCosts(rows) | Body::ContractCosts(rows) => lines(rows),
            Body::ContractSummaries(rows) => {
                for (i, r) in rows.iter().enumerate() {
                    if let Some(m) = r.month.filter(|m| *m > current) {
                        return Err(ahead(i, "contractMonth", m));
                    }
                }
                Ok(())
            }
            Body::DailyUsage(rows) => {
                let today = now.date_naive();
                for (i, u) in rows.iter().enumerate() {
                    if u.date > today {
                        return Err(Error::invalid(format!(
                            "{}[{i}].useDate.useStartDate: expected a day up to {today} (the day of --as-of), got {}",
                            self.list_path, u.date
                        ))
                        .context(source));
                    }
                }
                Ok(())
            }
            Body::GroupCosts(rows) => ncp_v2::first_ahead(rows.iter().map(|g| g.month), current)
                .map_or(Ok(()), |(i, m)| Err(ahead(i, "demandMonth", m))),
            Body::ItemCosts(rows) => ncp_v2::first_ahead(rows.iter().map(|r| r.month), current)
                .map_or(Ok(()), |(i, m)| Err(ahead(i, "demandMonth", m))),
            Body::CostRelationCodes(_) => Ok(()),
        }
    }
}

/// A parsed body with its paging information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The rows.
    pub body: Body,
    /// v1 `totalRows`: how many rows the whole answer has over all pages.
    pub total_rows: Option<u64>,
    /// v2 `nextToken`: where the next page starts, if there is one.
    pub next_token: Option<String>,
    /// The JSON path of the list of rows (`$.getDemandCostListResponse.demandCostList`), for
    /// messages about a row found wrong after parsing.
    pub list_path: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{parse_as_of, rfc3339};

    fn demand(written: Option<&str>, paid_up_at: Option<&str>) -> DemandCost {
        DemandCost {
            month: "2024-02".parse().unwrap(),
            member: None,
            demand_no: None,
            use_amount: Krw::new(12_000),
            discount_amount: Krw::new(2_000),
            rounddown_discount_amount: Krw::ZERO,
            vat_amount: Krw::new(1_000),
            billed_amount: Krw::new(-11_000),
            paid_up: paid_up_at.is_some(),
            paid_up_at: paid_up_at.map(|t| parse_as_of(t).unwrap()),
            overdue_ratio: None,
            overdue_at: None,
            written_at: written.map(|t| parse_as_of(t).unwrap()),
        }
    }

    #[test]
    fn ncp_totals_estimate_used_less_discounts_and_never_bill_below_zero() {
        let t = demand(None, None).totals();
        assert_eq!(t.estimated_payment_amount, Krw::new(10_000));
        assert_eq!(t.billed_amount, Krw::ZERO);
    }

    #[test]
    fn t2_ncp_instants_are_never_later_than_now() {
        let now = parse_as_of("2024-03-02T12:00").unwrap();
        let at = |i: Instant| rfc3339(i);
        // Not written: issued as the ledger would issue it (the 3rd), but not after now.
        assert_eq!(
            at(demand(None, None).issued_at(now)),
            "2024-03-02T12:00:00+09:00"
        );
        let d = demand(Some("2024-03-01T01:00"), Some("2024-03-05"));
        let issued = d.issued_at(now);
        assert_eq!(at(issued), "2024-03-01T01:00:00+09:00");
        assert_eq!(at(d.paid_at(issued, now)), "2024-03-02T12:00:00+09:00");
        // Paid up before the ledger's bill was issued: dated at its issue.
        let early = parse_as_of("2024-02-20").unwrap();
        let d = demand(None, Some("2024-02-10"));
        assert_eq!(at(d.paid_at(early, now)), "2024-02-20T00:00:00+09:00");
    }

    #[test]
    fn ncp_unmonthed_summaries_count_the_one_month_of_the_import_else_now() {
        let now = parse_as_of("2024-06-05").unwrap();
        let (feb, mar): (Month, Month) = ("2024-02".parse().unwrap(), "2024-03".parse().unwrap());
        assert_eq!(summary_month(&[feb], now), feb);
        assert_eq!(summary_month(&[feb, mar], now), "2024-06".parse().unwrap());
        assert_eq!(summary_month(&[], now), "2024-06".parse().unwrap());
    }

    #[test]
    fn ncp_per_service_amounts_add_up_to_the_bill() {
        let d = demand(None, None);
        assert_eq!(d.mismatch(Krw::new(12_000)), None);
        let m = d.mismatch(Krw::new(12_100)).unwrap();
        assert!(
            m.ends_with("add up to 12,100 KRW but the bill says 12,000 KRW (difference 100)"),
            "{m}"
        );
    }

    #[test]
    fn p10_ncp_ratio_or_the_default() {
        let mut d = demand(None, None);
        assert_eq!(d.penalty_ratio(), penalty::default_ratio());
        d.overdue_ratio = Some(Decimal::new(2, 2));
        assert_eq!(d.penalty_ratio(), Decimal::new(2, 2));
    }

    #[test]
    fn ncp_paid_up_pays_what_was_owed_then_less_what_the_ledger_paid_by_now() {
        let b = |penalty: i64, paid: i64| BillBalance {
            month: "2024-02".parse().unwrap(),
            billed_amount: Krw::new(10_000),
            penalty_amount: Krw::new(penalty),
            paid_principal: Krw::new(paid),
            paid_penalty: Krw::ZERO,
        };
        // A penalty charged after NCP was paid is not NCP's to pay; a deposit made since is
        // the member's own money.
        let p = paid_up(b(0, 0), &b(150, 4_000));
        assert_eq!(p.unpaid(), Krw::new(6_000));
    }
}
