//! NCP's own billing figures as facts: a month's bill as NCP computed it, contract counts,
//! daily usage, and a page of them as one API answer holds it (SPEC §11,
//! `reference/ncp-billing-api.md`). The JSON reading lives with the other formats; what a
//! page must satisfy before anything is stored ([`Page::check`]) is a rule, and lives here.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::billing::facts::FeeLine;
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
}

impl Body {
    /// How many rows it holds.
    pub fn len(&self) -> usize {
        match self {
            Body::DemandCosts(v) => v.len(),
            Body::ProductCosts(v) | Body::ContractCosts(v) => v.len(),
            Body::ContractSummaries(v) => v.len(),
            Body::DailyUsage(v) => v.len(),
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
