//! NCP's own billing figures as facts: a month's bill as NCP computed it, contract counts,
//! daily usage, and a page of them as one API answer holds it (SPEC §11,
//! `reference/ncp-billing-api.md`). The JSON reading lives with the other formats; what a
//! page must satisfy before anything is stored ([`Page::check`]) is a rule, and lives here.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::billing::facts::FeeLine;
use crate::billing::ncp_detail::Detail;
use crate::billing::ncp_discount::{Credit, Discount, ProductDiscount};
use crate::billing::payment::BillBalance;
use crate::billing::statement::Totals;
use crate::billing::{ncp_discount, ncp_v2, penalty, schedule};
use crate::calendar::Month;
use crate::clock::Instant;
use crate::error::{Error, Result};
use crate::exact::{Currency, Exact};
use crate::money::Krw;

pub use super::ncp_daily::DailyUsage;

/// Which generation of NCP's Billing API a figure came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// `/billing/v1` (getDemandCostList…).
    V1,
    /// `/billing/v2` (`/demand-costs`…).
    V2,
}

impl Api {
    /// An instant as this API documents it: v1's `Date` as its examples and real responses
    /// write it (`2024-06-01T08:00:00+0900`, the offset without a colon), v2's RFC 3339
    /// (`2026-06-30T18:30:00Z`, `pub-billing-v2-type-*`). One reader for every body of an API.
    pub fn parse_instant(self, text: &str) -> Option<Instant> {
        let t = match self {
            Api::V1 => {
                let offset = text.get(19..)?;
                let numeric = offset.len() == 5
                    && offset.starts_with(['+', '-'])
                    && offset[1..].bytes().all(|b| b.is_ascii_digit());
                if !numeric {
                    return None;
                }
                chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z").ok()?
            }
            Api::V2 => chrono::DateTime::parse_from_rfc3339(text).ok()?,
        };
        Some(t.with_timezone(&crate::clock::kst()))
    }

    /// What [`Api::parse_instant`] reads, for messages.
    pub fn instant_example(self) -> &'static str {
        match self {
            Api::V1 => "2024-06-01T08:00:00+0900",
            Api::V2 => "2026-06-30T18:12:05Z",
        }
    }

    /// The spelling used in the ledger and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Api::V1 => "v1",
            Api::V2 => "v2",
        }
    }
}

/// Reads [`Api::as_str`]'s spelling.
impl std::str::FromStr for Api {
    type Err = ();
    fn from_str(text: &str) -> std::result::Result<Api, ()> {
        match text {
            "v1" => Ok(Api::V1),
            "v2" => Ok(Api::V2),
            _ => Err(()),
        }
    }
}

/// Every discount NCP takes off a month's use amount, exactly as NCP sent it (0 when NCP did
/// not send one). The rounding discount and coin use are among them: NCP takes both off
/// before VAT.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Discounts {
    /// `promiseDiscountAmount`.
    pub promise: Exact,
    /// `promotionDiscountAmount`.
    pub promotion: Exact,
    /// `etcDiscountAmount`.
    pub etc: Exact,
    /// v2 `savingsPlanDiscountAmount`.
    pub savings_plan: Exact,
    /// `customerDiscountAmount`.
    pub customer: Exact,
    /// `productDiscountAmount`.
    pub product: Exact,
    /// `creditDiscountAmount`.
    pub credit: Exact,
    /// `memberPriceDiscountAmount`.
    pub member_price: Exact,
    /// `memberPromiseDiscountAddAmount`.
    pub member_promise: Exact,
    /// `rounddownDiscountAmount` (v1; older bodies: under-100 + under-1000), v2
    /// `roundDownDiscountAmount`.
    pub rounddown: Exact,
    /// `currencyDiscountAmount`.
    pub currency: Exact,
    /// `coinUseAmount`.
    pub coin: Exact,
}

impl Discounts {
    /// Each discount by its name (the ledger's column, without `_discount`).
    pub fn named(&self) -> [(&'static str, Exact); 12] {
        [
            ("promise", self.promise),
            ("promotion", self.promotion),
            ("etc", self.etc),
            ("savings_plan", self.savings_plan),
            ("customer", self.customer),
            ("product", self.product),
            ("credit", self.credit),
            ("member_price", self.member_price),
            ("member_promise", self.member_promise),
            ("rounddown", self.rounddown),
            ("currency", self.currency),
            ("coin", self.coin),
        ]
    }

    /// Every discount summed, exactly; `None` past what a decimal holds.
    pub fn sum(&self) -> Option<Exact> {
        checked_sum(self.named().iter().map(|(_, e)| *e))
    }

    /// The discounts only a whole bill has (v2's BillingItemGroupCost, like v1's
    /// ProductDemandCost, has no customer, round-down, currency or coin field): what lies
    /// between the per-service demand amounts and the bill's.
    pub fn bill_only(&self) -> Option<Exact> {
        checked_sum([self.customer, self.rounddown, self.currency, self.coin])
    }

    /// Every discount but the rounding one: what the ledger's bill calls its discount.
    pub fn without_rounddown(&self) -> Option<Exact> {
        self.sum()?.checked_sub(self.rounddown)
    }
}

fn checked_sum(items: impl IntoIterator<Item = Exact>) -> Option<Exact> {
    items
        .into_iter()
        .try_fold(Exact::ZERO, |total, e| total.checked_add(e))
}

/// A month's bill as NCP computed it (a DemandCost), every figure exact and in its currency.
/// Rates are fractions here (v2's percents are divided by 100 when read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandCost {
    /// The usage month.
    pub month: Month,
    /// NCP's member number (or login id in older bodies).
    pub member: Option<String>,
    /// The API generation it came from.
    pub api: Api,
    /// NCP's bill number (v2 `demandCostId`).
    pub demand_no: Option<String>,
    /// The Organization's integrated bill it is part of (v2 `integrationDemandCostId`).
    pub integration_demand_no: Option<String>,
    /// The previous month's bill (v1 `beforeMonthDemandNo`, v2 `previousMonthDemandCostId`).
    pub previous_demand_no: Option<String>,
    /// `demandAttribute` code: `GEN` (v1), `GENERAL`, `INTEGRATED` (v2).
    pub attribute: Option<String>,
    /// `payCurrency`: KRW when the body names none.
    pub currency: Currency,
    /// `thisMonthAppliedExchangeRate` / `appliedExchangeRate`.
    pub exchange_rate: Option<Exact>,
    /// Used amount.
    pub use_amount: Exact,
    /// Every discount NCP applied.
    pub discounts: Discounts,
    /// v1 `defaultAmount`, v2 `penaltyAmount` (위약금): a charge (e.g. a cancellation fee),
    /// added before the demand.
    pub default_amount: Exact,
    /// The month's amount before VAT (v1 `thisMonthDemandAmount`, v2 `demandAmount`).
    pub demand_amount: Option<Exact>,
    /// The VAT rate as a fraction (v1 `thisMonthVatRatio` 0.1, v2 `vatRate` 10.0 → 0.1).
    pub vat_rate: Option<Exact>,
    /// VAT.
    pub vat_amount: Exact,
    /// The month's amount with VAT: what is billed (v1 `thisMonthAmountIncludingVat`, v2
    /// `demandAmountIncludingVat`).
    pub including_vat: Option<Exact>,
    /// `totalDemandAmount`: with VAT and what is overdue.
    pub total_demand: Option<Exact>,
    /// The late penalty NCP had charged when it wrote the bill (`overduePlusAmount`).
    pub overdue_plus: Option<Exact>,
    /// v1 `thisMonthOverdueAmount`, v2 `overdueAmount`.
    pub this_month_overdue: Option<Exact>,
    /// `totalOverdueAmount`.
    pub total_overdue: Option<Exact>,
    /// NCP's late penalty rate as a fraction (v1 `overdueRatio`, v2 `overdueRate` / 100).
    /// 0 is a value: NCP sends 0.0 on bills never overdue.
    pub overdue_ratio: Option<Exact>,
    /// Whether NCP has it paid up.
    pub paid_up: bool,
    /// When it was paid up.
    pub paid_up_at: Option<Instant>,
    /// When it became overdue, when it did.
    pub overdue_at: Option<Instant>,
    /// When NCP wrote it.
    pub written_at: Option<Instant>,
}

impl DemandCost {
    /// A bill of `month` with no figures yet: what a parser fills in.
    pub fn empty(month: Month, api: Api) -> DemandCost {
        DemandCost {
            month,
            member: None,
            api,
            demand_no: None,
            integration_demand_no: None,
            previous_demand_no: None,
            attribute: None,
            currency: Currency::krw(),
            exchange_rate: None,
            use_amount: Exact::ZERO,
            discounts: Discounts::default(),
            default_amount: Exact::ZERO,
            demand_amount: None,
            vat_rate: None,
            vat_amount: Exact::ZERO,
            including_vat: None,
            total_demand: None,
            overdue_plus: None,
            this_month_overdue: None,
            total_overdue: None,
            overdue_ratio: None,
            paid_up: false,
            paid_up_at: None,
            overdue_at: None,
            written_at: None,
        }
    }

    /// What NCP bills with VAT: its amount including VAT, else (older bodies) its demand
    /// amount plus VAT.
    pub fn billed(&self) -> Option<Exact> {
        self.including_vat.or_else(|| {
            self.demand_amount
                .and_then(|d| d.checked_add(self.vat_amount))
        })
    }

    /// M2: NCP's figures as the ledger's bill totals in whole won, each truncated from NCP's
    /// exact figure ([`Exact::to_krw`]): the estimate is used less discounts plus the
    /// default charge, and a bill below 0 (NCP's credit) bills 0. Only a KRW bill becomes a
    /// payable bill; past the ledger's ceiling (M1) it is refused.
    pub fn totals(&self) -> Result<Totals> {
        let over = || {
            Error::invalid(format!(
                "{}: NCP's bill holds an amount beyond {} won, more than the ledger holds",
                self.month,
                crate::money::MAX_WON_TEXT
            ))
        };
        let won = |e: Option<Exact>| e.and_then(Exact::to_krw).ok_or_else(over);
        let discount = self.discounts.without_rounddown();
        let estimated = self
            .use_amount
            .checked_add(self.default_amount)
            .and_then(|u| u.checked_sub(discount?));
        Ok(Totals {
            used_amount: won(Some(self.use_amount))?,
            discount_amount: won(discount)?,
            estimated_payment_amount: won(estimated)?,
            rounddown_discount_amount: won(Some(self.discounts.rounddown))?,
            vat_amount: won(Some(self.vat_amount))?,
            billed_amount: won(Some(self.billed().unwrap_or(Exact::ZERO)))?.clamp_zero(),
        })
    }

    /// P1, T2: when NCP's bill counts as issued: when NCP wrote it, else when the ledger
    /// issues a bill for the month; never later than `now`, as the ledger records nothing
    /// ahead of its clock.
    pub fn issued_at(&self, now: Instant) -> Instant {
        self.written_at
            .unwrap_or_else(|| schedule::issued_at(self.month))
            .min(now)
    }

    /// P10: the late penalty rate of NCP's bill: NCP's own ratio (0 included), else the
    /// default.
    pub fn penalty_ratio(&self) -> Decimal {
        self.overdue_ratio
            .map_or_else(penalty::default_ratio, Exact::value)
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

    /// NCP's own sums, checked: use − every discount + the default charge = demand, demand
    /// plus VAT = including VAT, including VAT plus what is overdue = total. Each that does
    /// not hold is a [`Difference`]; NCP's figures are never corrected.
    pub fn differences(&self) -> Vec<Difference> {
        let mut out = Vec::new();
        let expected_demand = self.discounts.sum().and_then(|d| {
            self.use_amount
                .checked_add(self.default_amount)?
                .checked_sub(d)
        });
        let demand_with_vat = self
            .demand_amount
            .and_then(|d| d.checked_add(self.vat_amount));
        let with_overdue = self
            .including_vat
            .and_then(|i| i.checked_add(self.total_overdue.unwrap_or(Exact::ZERO)));
        let checks = [
            (DifferenceKind::Demand, self.demand_amount, expected_demand),
            (
                DifferenceKind::Vat,
                Some(self.vat_amount),
                self.expected_vat(),
            ),
            (
                DifferenceKind::IncludingVat,
                self.including_vat,
                demand_with_vat,
            ),
            (DifferenceKind::Total, self.total_demand, with_overdue),
        ];
        for (kind, ncp, sum) in checks {
            if let (Some(ncp), Some(sum)) = (ncp, sum) {
                out.extend(self.difference(kind, "bill", ncp, sum));
            }
        }
        out
    }

    /// The VAT the bill's rate makes of its demand, when NCP's VAT is a whole currency unit
    /// or more away from it (`None` when it is not, or nothing to compare): NCP cuts KRW VAT
    /// to the won (17,410.9 is billed 17,410) and v2's example is exact to the decimal
    /// (138,888.0 × 10 % = 13,888.8), so a gap under one unit is NCP's rounding, one of a
    /// unit or more a VAT the rate does not make.
    fn expected_vat(&self) -> Option<Exact> {
        let vat = self
            .demand_amount?
            .value()
            .checked_mul(self.vat_rate?.value())?;
        let gap = self.vat_amount.value().checked_sub(vat)?.abs();
        (gap >= Decimal::ONE).then_some(Exact(vat.normalize()))
    }

    /// The cross-check of the per-service lines (their exact use amounts, summed: `sum`)
    /// against the bill's use amount.
    pub fn services_difference(&self, level: &str, sum: Exact) -> Option<Difference> {
        self.difference(DifferenceKind::Services, level, self.use_amount, sum)
    }

    fn difference(
        &self,
        kind: DifferenceKind,
        level: &str,
        ncp: Exact,
        sum: Exact,
    ) -> Option<Difference> {
        (ncp != sum).then(|| Difference {
            kind,
            month: self.month,
            member_no: self.member.clone(),
            level: Some(level.to_string()),
            currency: Some(self.currency.clone()),
            ncp_amount: ncp,
            sum_amount: sum,
            gap_amount: ncp.checked_sub(sum).unwrap_or(Exact::ZERO),
        })
    }
}

/// Which of NCP's sums does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// use − every discount + default ≠ demand.
    Demand,
    /// demand × the VAT rate is a currency unit or more away from NCP's VAT.
    Vat,
    /// demand + VAT ≠ including VAT.
    IncludingVat,
    /// including VAT + overdue ≠ total.
    Total,
    /// The per-service (or per-contract) use amounts do not add up to the bill's.
    Services,
    /// A page's `totalRows` is above the rows the files of the import gave.
    IncompletePage,
    /// A v2 page says another page follows (`nextToken`) and no page of the import ends
    /// the answer: v2's cursor paging gives no total, so the figures are pages.
    NextPage,
    /// The per-service (v2 per-group) demand amounts do not add up to the bill's.
    ServicesDemand,
    /// A v2 group's items' use amounts do not add up to the group's.
    Items,
    /// A v2 group's items' demand amounts do not add up to the group's.
    ItemsDemand,
}

impl DifferenceKind {
    /// What does not hold, in words.
    pub fn says(self) -> &'static str {
        match self {
            DifferenceKind::Demand => {
                "use less every discount plus the default charge does not make NCP's demand amount"
            }
            DifferenceKind::Vat => "demand times the VAT rate does not make NCP's VAT",
            DifferenceKind::IncludingVat => {
                "demand plus VAT does not make NCP's amount including VAT"
            }
            DifferenceKind::Total => {
                "the amount including VAT plus what is overdue does not make NCP's total"
            }
            DifferenceKind::Services => {
                "the per-service use amounts do not add up to the bill's use amount"
            }
            DifferenceKind::IncompletePage => {
                "NCP's totalRows is above the rows the files gave: a page is missing"
            }
            DifferenceKind::NextPage => {
                "NCP's nextToken says another page follows, and no file is the answer's last page"
            }
            DifferenceKind::ServicesDemand => {
                "the per-service demand amounts do not add up to the bill's demand amount"
            }
            DifferenceKind::Items => {
                "the items' use amounts do not add up to their group's use amount"
            }
            DifferenceKind::ItemsDemand => {
                "the items' demand amounts do not add up to their group's demand amount"
            }
        }
    }
}

/// One of NCP's own sums that does not hold: NCP's figure, what its parts add up to, and the
/// gap (NCP's − the sum). Reported, never corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// Which sum.
    pub kind: DifferenceKind,
    /// The month.
    pub month: Month,
    /// NCP's member number, when known.
    pub member_no: Option<String>,
    /// The level checked: `bill`, `product`, `contract` (or an API action for a page).
    pub level: Option<String>,
    /// The currency of the amounts; `None` for an incomplete page, whose figures are rows.
    pub currency: Option<Currency>,
    /// NCP's figure (a page's `totalRows`).
    pub ncp_amount: Exact,
    /// What its parts add up to (the rows given).
    pub sum_amount: Exact,
    /// NCP's figure − the sum.
    pub gap_amount: Exact,
}

impl Difference {
    /// Whether it says the pages of an action are an incomplete answer (a page is missing):
    /// what they hold never stands for the rows they do not.
    pub fn page_missing(&self) -> bool {
        matches!(
            self.kind,
            DifferenceKind::IncompletePage | DifferenceKind::NextPage
        )
    }

    /// A page whose `totalRows` (`total`) is above the rows the import's files gave
    /// (`given`) for that action (`level`) and month.
    pub fn incomplete_page(month: Month, level: &str, total: u64, given: u64) -> Difference {
        let count = |n: u64| Exact(Decimal::from(n));
        Difference {
            kind: DifferenceKind::IncompletePage,
            month,
            member_no: None,
            level: Some(level.to_string()),
            currency: None,
            ncp_amount: count(total),
            sum_amount: count(given),
            gap_amount: count(total.saturating_sub(given)),
        }
    }
}

/// The one warning line for stderr.
impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = self.level.as_deref().unwrap_or("bill");
        if self.kind == DifferenceKind::NextPage {
            return write!(
                f,
                "{} {level}: {} (pages given {}); import every page of it together",
                self.month,
                self.kind.says(),
                self.sum_amount.grouped()
            );
        }
        if self.kind == DifferenceKind::IncompletePage {
            return write!(
                f,
                "{} {level}: {} (totalRows {}, rows given {}, {} missing); import every page of it together",
                self.month,
                self.kind.says(),
                self.ncp_amount.grouped(),
                self.sum_amount.grouped(),
                self.gap_amount.grouped()
            );
        }
        write!(
            f,
            "{} {level}: {}: NCP says {} {}, the parts add up to {} (gap {}); NCP's figures are kept as NCP sent them",
            self.month,
            self.kind.says(),
            self.ncp_amount.grouped(),
            self.currency.as_ref().map_or("", Currency::code),
            self.sum_amount.grouped(),
            self.gap_amount.grouped()
        )
    }
}

/// How detailed an NCP fee line is: per service (v1 product, v2 group), per contract (v1),
/// per resource (v2 item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineLevel {
    /// v1 getProductDemandCostList, v2 billing-item-group-costs.
    Service,
    /// v1 getContractDemandCostList.
    Contract,
    /// v2 billing-item-costs.
    Item,
}

/// A line's service: NCP's code for it (`service_code` in its detail), else its name.
fn service_key(l: &FeeLine) -> &str {
    l.ncp
        .as_ref()
        .and_then(|n| n.text("service_code"))
        .unwrap_or(&l.service)
}

/// A line's use amount exactly as NCP sent it, else its whole won.
pub fn line_use_amount(l: &FeeLine) -> Exact {
    l.ncp
        .as_ref()
        .and_then(|n| n.use_amount())
        .unwrap_or_else(|| Exact::from(l.used_amount))
}

/// What a line bills, exactly: NCP's demand amount when it sent one, else its use less every
/// discount NCP named plus its charge (`default_amount`), else (a line without NCP's detail)
/// its whole-won estimated payment amount.
pub fn line_demand_amount(l: &FeeLine) -> Option<Exact> {
    let Some(d) = l.ncp.as_ref() else {
        return Some(Exact::from(l.estimated_payment_amount));
    };
    if let Some(demand) = d.exact("demand_amount") {
        return Some(demand);
    }
    let mut demand = d.use_amount()?;
    if let Some(Detail::Object(discounts)) = d.fields.get("discounts") {
        for v in discounts.values() {
            if let Detail::Number(n) = v {
                demand = demand.checked_sub(*n)?;
            }
        }
    }
    demand.checked_add(d.exact("default_amount").unwrap_or_default())
}

/// Which of a month's NCP lines stand for it: each service shows its most detailed complete
/// level. A level is complete for a service when both its use amounts and its demand amounts
/// (what it bills, after every discount) add up to the service's per-service line(s): a
/// contract-level body NCP filtered to some services (its `demandTypeCode`) so never hides
/// the other services, and a contract level, which carries no credit, product or customer
/// discount, never replaces a per-service line those discounts lowered — the month's lines
/// still add up to the bill. A service NCP gave no per-service line for shows its most
/// detailed level. Lines come back ordered by region, service, contract and item.
pub fn standing_lines(lines: Vec<(LineLevel, FeeLine)>) -> Vec<FeeLine> {
    use std::collections::BTreeMap;
    type Sums = Option<(Exact, Exact)>;
    let mut sums: BTreeMap<(String, LineLevel), Sums> = BTreeMap::new();
    for (level, l) in &lines {
        let sum = sums
            .entry((service_key(l).to_string(), *level))
            .or_insert(Some((Exact::ZERO, Exact::ZERO)));
        *sum = sum.and_then(|(used, demand)| {
            Some((
                used.checked_add(line_use_amount(l))?,
                demand.checked_add(line_demand_amount(l)?)?,
            ))
        });
    }
    let mut chosen: BTreeMap<String, LineLevel> = BTreeMap::new();
    for ((service, level), sum) in &sums {
        let reference = sums.get(&(service.clone(), LineLevel::Service)).copied();
        let complete = match reference {
            Some(reference) => *level == LineLevel::Service || (sum.is_some() && *sum == reference),
            None => true,
        };
        if complete {
            // Levels come in order, least detailed first: the last complete one wins.
            chosen.insert(service.clone(), *level);
        }
    }
    let mut out: Vec<FeeLine> = lines
        .into_iter()
        .filter(|(level, l)| chosen.get(service_key(l)) == Some(level))
        .map(|(_, l)| l)
        .collect();
    out.sort_by(|a, b| {
        (&a.region, &a.service, &a.contract_no, &a.item).cmp(&(
            &b.region,
            &b.service,
            &b.contract_no,
            &b.item,
        ))
    });
    out
}

/// Pages NCP says are part of a longer answer than the files of one import gave. v1: for
/// each action, the largest `totalRows` stated against the rows all its pages hold; each
/// such action is a [`Difference`] of kind `incomplete_page`, dated by the earliest month of
/// its rows (the month of `now` when it has none). v2, whose cursor paging states no total:
/// for each action and month (a v2 call asks for one month), pages that all say another
/// follows (`nextToken`), none of them the answer's last, are a difference of kind
/// `next_page` (NCP's figure: at least one page more than given).
pub fn incomplete_pages(pages: &[Page], now: Instant) -> Vec<Difference> {
    use std::collections::BTreeMap;
    let mut by_action: BTreeMap<&'static str, (u64, u64, Option<Month>)> = BTreeMap::new();
    // (pages given, whether one of them is the last) per v2 action and month.
    let mut cursors: BTreeMap<(&'static str, Option<Month>), (u64, bool)> = BTreeMap::new();
    for page in pages {
        let (total, given, month) = by_action.entry(page.body.action()).or_default();
        *total = (*total).max(page.total_rows.unwrap_or(0));
        *given = given.saturating_add(page.body.len() as u64);
        *month = match (*month, page.body.first_month()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if page.total_rows.is_none() {
            let (given, last) = cursors
                .entry((page.body.action(), page.body.first_month()))
                .or_default();
            *given += 1;
            *last |= page.next_token.is_none();
        }
    }
    let this_month = || Month::of(now.date_naive());
    let mut out: Vec<Difference> = by_action
        .into_iter()
        .filter(|(_, (total, given, _))| total > given)
        .map(|(action, (total, given, month))| {
            Difference::incomplete_page(month.unwrap_or_else(this_month), action, total, given)
        })
        .collect();
    out.extend(cursors.into_iter().filter(|(_, (_, last))| !last).map(
        |((action, month), (given, _))| {
            let count = |n: u64| Exact(Decimal::from(n));
            Difference {
                kind: DifferenceKind::NextPage,
                month: month.unwrap_or_else(this_month),
                member_no: None,
                level: Some(action.to_string()),
                currency: None,
                ncp_amount: count(given + 1),
                sum_amount: count(given),
                gap_amount: count(1),
            }
        },
    ));
    out
}

/// Files of one import are one answer: a bill (by month) or a line (by month, level, region,
/// service, contract and item) that two files both hold is kept once when they hold it
/// alike (the same page given twice), and refused naming both files when they differ —
/// never "the last file wins". A row one file repeats is kept once too when repeated alike,
/// and refused naming its key when repeated with other figures: NCP gives a row once per
/// key, and adding a repeated row would count its amounts twice. Two files' bills of one
/// month that NCP wrote at different instants are not a conflict: the later-written one is
/// kept, whatever the order of the files (issue 14, [`super::ncp_stale::later_written`]).
/// `names` names the pages, in order.
pub fn one_answer(pages: &mut [Page], names: &[String]) -> Result<()> {
    use std::collections::BTreeMap;
    // Two members' bills of one month differ, but the problem is the two members: name them
    // rather than the bills.
    one_member(None, pages.iter().flat_map(|p| p.body.members()))?;
    super::ncp_currency::one_currency(pages, names)?;
    // Issue 14: of two files' bills of one month, the one NCP wrote last stands, whatever
    // the order of the files; an older one is dropped here, never stored.
    super::ncp_stale::later_written(pages);
    super::ncp_stale::later_written_lines(pages);
    type LineKey = (Month, &'static str, String, String, String, String);
    // Where each key was first seen: its page and its place among that page's kept rows
    // (the rows themselves stay in their pages, never copied: an import may hold millions).
    let mut bills: BTreeMap<Month, (usize, usize)> = BTreeMap::new();
    let mut lines: BTreeMap<LineKey, (usize, usize)> = BTreeMap::new();
    let mut groups: BTreeMap<(Month, String, String), (usize, usize)> = BTreeMap::new();
    let mut items: BTreeMap<ncp_v2::ItemKey, (usize, usize)> = BTreeMap::new();
    type SummaryKey = (Option<Month>, String, String, String);
    let mut summaries: BTreeMap<SummaryKey, (usize, usize)> = BTreeMap::new();
    let name = |i: usize| names.get(i).map_or("a body", String::as_str);
    let conflict = |first: usize, second: usize, what: String| {
        if first == second {
            return Error::invalid(format!(
                "{} holds {what} twice with different figures; NCP gives each row once: import the body as NCP sent it",
                name(first)
            ));
        }
        Error::invalid(format!(
            "{} and {} both hold {what} and they differ; import the one that is NCP's latest answer",
            name(first),
            name(second),
        ))
    };
    for i in 0..pages.len() {
        let (done, rest) = pages.split_at_mut(i);
        let page = &mut rest[0];
        let action = page.body.action();
        // Keeps a row of page `i` unless an earlier row (of this page or an earlier one) held
        // its key: alike, it is dropped; different, the import is refused. `earlier` finds the
        // row of an earlier page at its place. Returns how many rows the page itself repeated.
        fn keep_once<'p, K: Ord, T: PartialEq + 'p>(
            rows: &mut Vec<T>,
            seen: &mut BTreeMap<K, (usize, usize)>,
            i: usize,
            key: impl Fn(&T) -> K,
            earlier: impl Fn(usize, usize) -> Option<&'p T>,
            differ: impl Fn(usize, &T) -> Error,
        ) -> Result<u64> {
            let mut kept: Vec<T> = Vec::with_capacity(rows.len());
            let mut repeated = 0;
            for row in rows.drain(..) {
                match seen.get(&key(&row)) {
                    Some(&(first, at)) => {
                        let alike = if first == i {
                            kept.get(at) == Some(&row)
                        } else {
                            earlier(first, at) == Some(&row)
                        };
                        if !alike {
                            return Err(differ(first, &row));
                        }
                        if first == i {
                            repeated += 1;
                        }
                    }
                    None => {
                        seen.insert(key(&row), (i, kept.len()));
                        kept.push(row);
                    }
                }
            }
            *rows = kept;
            Ok(repeated)
        }
        let done: &[Page] = done;
        let repeated = match &mut page.body {
            Body::DemandCosts(rows) => keep_once(
                rows,
                &mut bills,
                i,
                |d| d.month,
                |p, at| match &done[p].body {
                    Body::DemandCosts(rows) => rows.get(at),
                    _ => None,
                },
                |first, d| conflict(first, i, format!("NCP's bill of {}", d.month)),
            )?,
            Body::ProductCosts(rows) | Body::ContractCosts(rows) => keep_once(
                rows,
                &mut lines,
                i,
                |l| {
                    (
                        l.month,
                        action,
                        l.region.clone(),
                        l.service.clone(),
                        l.contract_no.clone(),
                        l.item.clone(),
                    )
                },
                |p, at| match &done[p].body {
                    Body::ProductCosts(rows) | Body::ContractCosts(rows) => rows.get(at),
                    _ => None,
                },
                |first, l| {
                    conflict(
                        first,
                        i,
                        format!(
                            "the {} line of {} {} {}",
                            l.month, l.service, l.contract_no, l.item
                        ),
                    )
                },
            )?,
            // v2 rows are known by month and codes: re-settlement gives them new ids.
            Body::GroupCosts(rows) => keep_once(
                rows,
                &mut groups,
                i,
                |g| g.key(),
                |p, at| match &done[p].body {
                    Body::GroupCosts(rows) => rows.get(at),
                    _ => None,
                },
                |first, g| {
                    let c = &g.cost;
                    let what = format!(
                        "the {} cost of group {}/{}",
                        c.month, c.service_code, c.group_code
                    );
                    conflict(first, i, what)
                },
            )?,
            Body::ItemCosts(rows) => keep_once(
                rows,
                &mut items,
                i,
                |r| r.key(),
                |p, at| match &done[p].body {
                    Body::ItemCosts(rows) => rows.get(at),
                    _ => None,
                },
                |first, r| {
                    let k = r.key();
                    let what = format!(
                        "the {} cost of item {}/{}/{} of resource '{}' line {}",
                        k.month, k.service_code, k.group_code, k.item_code, k.resource_id, k.line
                    );
                    conflict(first, i, what)
                },
            )?,
            // A summary counts one (region, contract type, status) once (the documented
            // ContractSummary has no other field), so a repeated row is one count, not two.
            Body::ContractSummaries(rows) => keep_once(
                rows,
                &mut summaries,
                i,
                |c| {
                    (
                        c.month,
                        c.region.clone(),
                        c.contract_type.clone(),
                        c.status.clone(),
                    )
                },
                |p, at| match &done[p].body {
                    Body::ContractSummaries(rows) => rows.get(at),
                    _ => None,
                },
                |first, c| {
                    let month = c.month.map_or_else(String::new, |m| format!("{m} "));
                    conflict(
                        first,
                        i,
                        format!(
                            "the {month}count of {} {} contracts in {}",
                            c.status, c.contract_type, c.region
                        ),
                    )
                },
            )?,
            Body::DailyUsage(_)
            | Body::CostRelationCodes(_)
            | Body::Credits(_)
            | Body::CreditDiscounts(_)
            | Body::Coins(_)
            | Body::CoinDiscounts(_)
            | Body::ProductDiscounts(_)
            | Body::ProductDiscountsV2(_)
            | Body::Discounts(_) => 0,
        };
        // NCP's `totalRows` counted the rows the page repeated: the page is no less complete
        // for keeping them once.
        page.total_rows = page.total_rows.map(|t| t.saturating_sub(repeated));
    }
    // Daily usage by day, contract, product and metering type: two files giving one row
    // different figures are refused naming both (see `ncp_daily::merge`).
    let daily: Vec<(&DailyUsage, &str)> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match &p.body {
            Body::DailyUsage(rows) => Some((rows, names.get(i).map_or("a body", String::as_str))),
            _ => None,
        })
        .flat_map(|(rows, name)| rows.iter().map(move |r| (r, name)))
        .collect();
    super::ncp_daily::merge(daily)?;
    Ok(())
}

/// One member per account (issue 15): the NCP member numbers the bodies stored in one
/// account carry (`incoming`) must be one, and the one the account holds (`held`), if any.
/// Only member numbers are compared: older bodies name a login id instead, which says
/// nothing about the number. Returns the member number the ledger holds afterwards.
pub fn one_member<'a>(
    held: Option<&'a str>,
    incoming: impl IntoIterator<Item = &'a str>,
) -> Result<Option<&'a str>> {
    let mut member = held.filter(|m| is_member_number(m));
    for m in incoming.into_iter().filter(|m| is_member_number(m)) {
        match member {
            Some(known) if known != m => {
                let whose = if held == Some(known) {
                    "the member this account holds"
                } else {
                    "the member of another row of this import"
                };
                return Err(Error::invalid(format!(
                    "NCP member {m} is not {whose} ({known}): one account holds one NCP member; nothing was written"
                ))
                .with_hint("import ncp sends each member's bodies to that member's account (ncp-usage accounts lists them)"));
            }
            _ => member = Some(m),
        }
    }
    Ok(member)
}

/// Whether `m` is an NCP member number (digits), not the login id older bodies name.
pub fn is_member_number(m: &str) -> bool {
    !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())
}

/// Rows of several members in one list, as one list per member in the order each member
/// first appears; rows naming no member number stay together, where the first of them was.
fn part_by_member<T>(rows: Vec<T>, key: impl Fn(&T) -> Option<&str>) -> Vec<Vec<T>> {
    let mut parts: Vec<(Option<String>, Vec<T>)> = Vec::new();
    for row in rows {
        let member = key(&row)
            .filter(|m| is_member_number(m))
            .map(str::to_string);
        match parts.iter_mut().find(|(m, _)| *m == member) {
            Some((_, rows)) => rows.push(row),
            None => parts.push((member, vec![row])),
        }
    }
    parts.into_iter().map(|(_, rows)| rows).collect()
}

/// A page NCP answered for several members at once (`sync --organization`, `--partner`,
/// `--members`: issue 15), as one page per member its rows name, so that [`by_member`] routes
/// each member's rows to its account; a page of one member (or of none) comes back whole.
/// The parts keep the page's list path and drop its paging (the call already has every page).
pub fn split_by_member(page: Page) -> Vec<Page> {
    let mut named: Vec<&str> = page
        .body
        .members()
        .into_iter()
        .filter(|m| is_member_number(m))
        .collect();
    named.sort_unstable();
    named.dedup();
    if named.len() < 2 {
        return vec![page];
    }
    fn line(l: &FeeLine) -> Option<&str> {
        l.ncp.as_ref()?.text("member_no")
    }
    let bodies: Vec<Body> = match page.body {
        Body::DemandCosts(v) => part_by_member(v, |d| d.member.as_deref())
            .into_iter()
            .map(Body::DemandCosts)
            .collect(),
        Body::ProductCosts(v) => part_by_member(v, line)
            .into_iter()
            .map(Body::ProductCosts)
            .collect(),
        Body::ContractCosts(v) => part_by_member(v, line)
            .into_iter()
            .map(Body::ContractCosts)
            .collect(),
        Body::GroupCosts(v) => part_by_member(v, |g| g.cost.member_no.as_deref())
            .into_iter()
            .map(Body::GroupCosts)
            .collect(),
        Body::ItemCosts(v) => part_by_member(v, |i| i.cost.member_no.as_deref())
            .into_iter()
            .map(Body::ItemCosts)
            .collect(),
        Body::Credits(v) => part_by_member(v, |c| c.member_no.as_deref())
            .into_iter()
            .map(Body::Credits)
            .collect(),
        Body::CreditDiscounts(v) => part_by_member(v, |c| c.member_no.as_deref())
            .into_iter()
            .map(Body::CreditDiscounts)
            .collect(),
        Body::Discounts(v) => part_by_member(v, |d| d.member_no.as_deref())
            .into_iter()
            .map(Body::Discounts)
            .collect(),
        Body::ProductDiscounts(v) => part_by_member(v, |d| d.member_no.as_deref())
            .into_iter()
            .map(Body::ProductDiscounts)
            .collect(),
        Body::ProductDiscountsV2(v) => part_by_member(v, |d| d.member_no.as_deref())
            .into_iter()
            .map(Body::ProductDiscountsV2)
            .collect(),
        Body::DailyUsage(v) => part_by_member(v, |u| u.member_no.as_deref())
            .into_iter()
            .map(Body::DailyUsage)
            .collect(),
        other => vec![other],
    };
    bodies
        .into_iter()
        .map(|body| Page {
            body,
            total_rows: None,
            next_token: None,
            list_path: page.list_path.clone(),
        })
        .collect()
}

/// The bodies of one import that belong to one NCP member (issue 15): they are stored in
/// that member's account, as one answer ([`one_answer`]).
#[derive(Debug, Clone)]
pub struct MemberPages {
    /// The member number the bodies name; `None` for bodies that name none.
    pub member: Option<String>,
    /// The bodies, in the order they were given.
    pub pages: Vec<Page>,
    /// Their names, in the same order.
    pub names: Vec<String>,
}

/// Splits the bodies of one import by NCP member (issue 15). A body is one member's: one
/// naming rows of two members is refused, naming them, and never split. A body naming no
/// member (a contract summary, an older body naming a login id) goes with the bodies of the
/// import's member when the import names one — a summary counts the month of the bills it
/// came with — and otherwise stands apart (`member: None`). Groups come in the order their
/// first body was given; each is then checked as one answer.
pub fn by_member(pages: Vec<Page>, names: &[String]) -> Result<Vec<MemberPages>> {
    let mut members: Vec<Option<String>> = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let mut named: Vec<&str> = Vec::new();
        for m in page
            .body
            .members()
            .into_iter()
            .filter(|m| is_member_number(m))
        {
            if !named.contains(&m) {
                named.push(m);
            }
        }
        if named.len() > 1 {
            return Err(Error::invalid(format!(
                "{} holds rows of NCP members {}: one body is one member's and is never split; nothing was written",
                names.get(i).map_or("a body", String::as_str),
                named.join(" and ")
            ))
            .with_hint("import each member's bodies as NCP answered that member"));
        }
        members.push(named.first().map(|m| m.to_string()));
    }
    let mut distinct: Vec<&String> = Vec::new();
    for m in members.iter().flatten() {
        if !distinct.contains(&m) {
            distinct.push(m);
        }
    }
    let only = match distinct.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    };
    let mut groups: Vec<MemberPages> = Vec::new();
    for ((page, member), name) in pages.into_iter().zip(members).zip(names) {
        let member = member.or_else(|| only.clone());
        match groups.iter_mut().find(|g| g.member == member) {
            Some(g) => {
                g.pages.push(page);
                g.names.push(name.clone());
            }
            None => groups.push(MemberPages {
                member,
                pages: vec![page],
                names: vec![name.clone()],
            }),
        }
    }
    for g in &mut groups {
        one_answer(&mut g.pages, &g.names)?;
    }
    Ok(groups)
}

impl Body {
    /// The earliest month its rows are about, if they say.
    pub fn first_month(&self) -> Option<Month> {
        match self {
            Body::DemandCosts(v) => v.iter().map(|d| d.month).min(),
            Body::ProductCosts(v) | Body::ContractCosts(v) => v.iter().map(|l| l.month).min(),
            Body::ContractSummaries(v) => v.iter().filter_map(|s| s.month).min(),
            Body::DailyUsage(v) => v.iter().map(|u| Month::of(u.date)).min(),
            Body::GroupCosts(v) => v.iter().map(|g| g.cost.month).min(),
            Body::ItemCosts(v) => v.iter().map(|i| i.cost.month).min(),
            Body::Credits(v) | Body::Coins(v) => {
                v.iter().flat_map(|c| c.uses.iter().map(|u| u.month)).min()
            }
            Body::ProductDiscounts(v) => {
                v.iter().flat_map(|d| d.uses.iter().map(|u| u.month)).min()
            }
            Body::CostRelationCodes(_)
            | Body::CreditDiscounts(_)
            | Body::CoinDiscounts(_)
            | Body::ProductDiscountsV2(_)
            | Body::Discounts(_) => None,
        }
    }

    /// The month of its first cost row (bill, line, contract summary, v2 cost) outside
    /// `from` to `to`, if any: a body asked for those months holds none other. Discount API
    /// records and codes are not asked by month.
    pub fn month_outside(&self, from: Month, to: Month) -> Option<Month> {
        let outside = |m: &Month| *m < from || *m > to;
        match self {
            Body::DemandCosts(v) => v.iter().map(|d| d.month).find(outside),
            Body::ProductCosts(v) | Body::ContractCosts(v) => {
                v.iter().map(|l| l.month).find(outside)
            }
            Body::ContractSummaries(v) => v.iter().filter_map(|s| s.month).find(outside),
            Body::DailyUsage(v) => v.iter().map(|u| Month::of(u.date)).find(outside),
            Body::GroupCosts(v) => v.iter().map(|g| g.cost.month).find(outside),
            Body::ItemCosts(v) => v.iter().map(|i| i.cost.month).find(outside),
            Body::Credits(_)
            | Body::Coins(_)
            | Body::ProductDiscounts(_)
            | Body::CostRelationCodes(_)
            | Body::CreditDiscounts(_)
            | Body::CoinDiscounts(_)
            | Body::ProductDiscountsV2(_)
            | Body::Discounts(_) => None,
        }
    }

    /// The NCP member numbers (or login ids) its rows name.
    pub fn members(&self) -> Vec<&str> {
        fn of_lines(v: &[FeeLine]) -> Vec<&str> {
            v.iter()
                .filter_map(|l| l.ncp.as_ref()?.text("member_no"))
                .collect()
        }
        match self {
            Body::DemandCosts(v) => v.iter().filter_map(|d| d.member.as_deref()).collect(),
            Body::ProductCosts(v) | Body::ContractCosts(v) => of_lines(v),
            Body::GroupCosts(v) => v
                .iter()
                .filter_map(|g| g.cost.member_no.as_deref())
                .collect(),
            Body::ItemCosts(v) => v
                .iter()
                .filter_map(|i| i.cost.member_no.as_deref())
                .collect(),
            Body::Credits(v) | Body::CreditDiscounts(v) => {
                v.iter().filter_map(|c| c.member_no.as_deref()).collect()
            }
            // A coin names its holder, and a holder may share it with other members: a coin
            // another member holds is this member's too, so coins say nothing of whose
            // ledger this is.
            Body::Coins(_) | Body::CoinDiscounts(_) => Vec::new(),
            Body::Discounts(v) => v.iter().filter_map(|d| d.member_no.as_deref()).collect(),
            Body::ProductDiscounts(v) | Body::ProductDiscountsV2(v) => {
                v.iter().filter_map(|d| d.member_no.as_deref()).collect()
            }
            Body::DailyUsage(v) => v.iter().filter_map(|u| u.member_no.as_deref()).collect(),
            Body::ContractSummaries(_) | Body::CostRelationCodes(_) => Vec::new(),
        }
    }
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
    /// Discount API getCreditHistoryList: credits with their use by month and service.
    Credits(Vec<Credit>),
    /// v2 credit-discounts: credits, without their use.
    CreditDiscounts(Vec<Credit>),
    /// Discount API getCoinHistoryList: coins with their use by month and member.
    Coins(Vec<Credit>),
    /// v2 coin-discounts: coins, without their use.
    CoinDiscounts(Vec<Credit>),
    /// Discount API getProductDiscountHistoryList: product discounts with what they took off.
    ProductDiscounts(Vec<ProductDiscount>),
    /// v2 product-discounts: product discounts, without their use.
    ProductDiscountsV2(Vec<ProductDiscount>),
    /// Discount API getDiscountList.
    Discounts(Vec<Discount>),
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
            Body::Credits(v)
            | Body::CreditDiscounts(v)
            | Body::Coins(v)
            | Body::CoinDiscounts(v) => v.len(),
            Body::Discounts(v) => v.len(),
            Body::ProductDiscounts(v) | Body::ProductDiscountsV2(v) => v.len(),
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
            Body::Credits(_) => "getCreditHistoryList",
            Body::CreditDiscounts(_) => "listCreditDiscounts",
            Body::Coins(_) => "getCoinHistoryList",
            Body::CoinDiscounts(_) => "listCoinDiscounts",
            Body::ProductDiscounts(_) => "getProductDiscountHistoryList",
            Body::ProductDiscountsV2(_) => "listProductDiscounts",
            Body::Discounts(_) => "getDiscountList",
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
        let after = |i: usize, field: &str, at: Instant, why: &str| {
            Error::invalid(format!(
                "{}[{i}].{field}: expected a time up to {} (--as-of), got {}; {why}: import it at an --as-of from then on",
                self.list_path,
                crate::clock::rfc3339(now),
                crate::clock::rfc3339(at)
            ))
            .context(source)
        };
        // NCP's write instant of a v2 cost row, when it is after now.
        let created_ahead = |i: usize, cost: &ncp_v2::Cost| -> Result<()> {
            match cost
                .created_at
                .as_deref()
                .and_then(|t| Api::V2.parse_instant(t))
            {
                Some(at) if at > now => Err(after(i, "createdDateTime", at, NOT_WRITTEN)),
                _ => Ok(()),
            }
        };
        let lines = |rows: &[FeeLine]| -> Result<()> {
            let mut sums: std::collections::BTreeMap<Month, Krw> = Default::default();
            for (i, l) in rows.iter().enumerate() {
                if l.month > current {
                    return Err(ahead(i, "demandMonth", l.month));
                }
                // The parser read `writeDate` as a v1 instant before keeping its text.
                let written = l.ncp.as_ref().and_then(|d| d.text("written_at"));
                if let Some(at) = written.and_then(|t| Api::V1.parse_instant(t)) {
                    if at > now {
                        return Err(after(i, "writeDate", at, NOT_WRITTEN));
                    }
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
                    let (written, paid) = match d.api {
                        Api::V1 => ("writeDate", "paidUpDate"),
                        Api::V2 => ("createdDateTime", "paidUpDateTime"),
                    };
                    // A bill NCP wrote after now, or a payment after now, cannot have
                    // happened yet (T2): it would be recorded at the import instant as if
                    // it had.
                    if let Some(at) = d.written_at.filter(|at| *at > now) {
                        return Err(after(i, written, at, NOT_WRITTEN));
                    }
                    if let Some(at) = d.paid_up_at.filter(|at| d.paid_up && *at > now) {
                        return Err(after(
                            i,
                            paid,
                            at,
                            "a payment after --as-of has not happened yet",
                        ));
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
            Body::GroupCosts(rows) => {
                ncp_v2::first_ahead(rows.iter().map(|g| g.cost.month), current)
                    .map_or(Ok(()), |(i, m)| Err(ahead(i, "demandMonth", m)))?;
                rows.iter()
                    .enumerate()
                    .try_for_each(|(i, g)| created_ahead(i, &g.cost))
            }
            Body::ItemCosts(rows) => {
                ncp_v2::first_ahead(rows.iter().map(|r| r.cost.month), current)
                    .map_or(Ok(()), |(i, m)| Err(ahead(i, "demandMonth", m)))?;
                rows.iter()
                    .enumerate()
                    .try_for_each(|(i, r)| created_ahead(i, &r.cost))
            }
            Body::Credits(rows) | Body::Coins(rows) => {
                ncp_discount::check_uses(rows, current, &self.list_path)
                    .map_err(|e| e.context(source))
            }
            Body::ProductDiscounts(rows) => {
                ncp_discount::check_product_uses(rows, current, &self.list_path)
                    .map_err(|e| e.context(source))
            }
            Body::CostRelationCodes(_)
            | Body::CreditDiscounts(_)
            | Body::CoinDiscounts(_)
            | Body::ProductDiscountsV2(_)
            | Body::Discounts(_) => Ok(()),
        }
    }
}

/// Why a row NCP wrote after `--as-of` is refused (T2): nothing NCP writes later can be known
/// at an instant before it.
const NOT_WRITTEN: &str = "NCP had not written this row yet at --as-of";

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

    fn e(s: &str) -> Exact {
        s.parse().unwrap()
    }

    fn demand(written: Option<&str>, paid_up_at: Option<&str>) -> DemandCost {
        DemandCost {
            use_amount: e("12000"),
            discounts: Discounts {
                promotion: e("2000"),
                ..Discounts::default()
            },
            demand_amount: Some(e("10000")),
            vat_amount: e("1000"),
            including_vat: Some(e("-11000")),
            paid_up: paid_up_at.is_some(),
            paid_up_at: paid_up_at.map(|t| parse_as_of(t).unwrap()),
            written_at: written.map(|t| parse_as_of(t).unwrap()),
            ..DemandCost::empty("2024-02".parse().unwrap(), Api::V1)
        }
    }

    #[test]
    fn each_api_reads_its_own_documented_instants_only() {
        let read = |api: Api, t: &str| api.parse_instant(t).map(rfc3339);
        let kst = Some("2024-06-01T08:00:00+09:00".to_string());
        assert_eq!(read(Api::V1, "2024-06-01T08:00:00+0900"), kst);
        assert_eq!(read(Api::V1, "2024-05-31T23:00:00+0000"), kst);
        for other in [
            "2024-06-01T08:00:00+09:00",
            "2024-05-31T23:00:00Z",
            "20240601",
            "2024-06-01",
        ] {
            assert_eq!(read(Api::V1, other), None, "{other}");
        }
        assert_eq!(read(Api::V2, "2024-05-31T23:00:00Z"), kst);
        assert_eq!(read(Api::V2, "2024-06-01T08:00:00+09:00"), kst);
        for other in ["2024-06-01T08:00:00+0900", "2024-06-01", "2024-06-01T08:00"] {
            assert_eq!(read(Api::V2, other), None, "{other}");
        }
    }

    #[test]
    fn ncp_totals_estimate_used_less_discounts_and_never_bill_below_zero() {
        let t = demand(None, None).totals().unwrap();
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

    /// The documented v2 example (pub-billing-v2-type-demandcost): every sum holds, with
    /// NCP's fractions, and the payable bill is M2's truncation of NCP's exact figures.
    fn documented_v2() -> DemandCost {
        DemandCost {
            member: Some("2001234".into()),
            use_amount: e("293208.0"),
            discounts: Discounts {
                promise: e("15432.0"),
                product: e("13888.8"),
                credit: e("124999.2"),
                ..Discounts::default()
            },
            demand_amount: Some(e("138888.0")),
            vat_rate: Some(e("0.1")),
            vat_amount: e("13888.8"),
            including_vat: Some(e("152776.8")),
            total_demand: Some(e("152776.8")),
            total_overdue: Some(Exact::ZERO),
            overdue_ratio: Some(Exact::ZERO),
            ..DemandCost::empty("2026-06".parse().unwrap(), Api::V2)
        }
    }

    #[test]
    fn ncp_sums_of_the_documented_example_hold_and_totals_truncate_once() {
        let d = documented_v2();
        assert_eq!(d.differences(), vec![]);
        let t = d.totals().unwrap();
        assert_eq!(t.used_amount, Krw::new(293_208));
        assert_eq!(t.discount_amount, Krw::new(154_320));
        assert_eq!(t.estimated_payment_amount, Krw::new(138_888));
        assert_eq!(t.vat_amount, Krw::new(13_888));
        assert_eq!(t.billed_amount, Krw::new(152_776));
    }

    /// The partner-priced view (issue 14, 2022 sample): use is real, every other amount 0.
    /// Each sum that does not hold is reported with NCP's figure, the sum and the gap.
    #[test]
    fn ncp_sums_of_a_partner_priced_view_are_differences_never_corrections() {
        let d = DemandCost {
            use_amount: e("1880530"),
            demand_amount: Some(Exact::ZERO),
            including_vat: Some(Exact::ZERO),
            total_demand: Some(Exact::ZERO),
            ..DemandCost::empty("2022-01".parse().unwrap(), Api::V1)
        };
        let diffs = d.differences();
        assert_eq!(diffs.len(), 1, "{diffs:?}");
        assert_eq!(diffs[0].kind, DifferenceKind::Demand);
        assert_eq!(diffs[0].ncp_amount, Exact::ZERO);
        assert_eq!(diffs[0].sum_amount, e("1880530"));
        assert_eq!(diffs[0].gap_amount, e("-1880530"));
        assert_eq!(
            diffs[0].to_string(),
            "2022-01 bill: use less every discount plus the default charge does not make NCP's demand amount: NCP says 0 KRW, the parts add up to 1,880,530 (gap -1,880,530); NCP's figures are kept as NCP sent them"
        );
        assert_eq!(d.totals().unwrap().billed_amount, Krw::ZERO);
    }

    #[rstest::rstest]
    #[case::demand("demand", DifferenceKind::Demand)]
    #[case::vat("vat", DifferenceKind::IncludingVat)]
    #[case::total("total", DifferenceKind::Total)]
    fn ncp_each_planted_mismatch_is_one_difference(
        #[case] planted: &str,
        #[case] kind: DifferenceKind,
    ) {
        let mut d = documented_v2();
        match planted {
            "demand" => d.discounts.coin = e("0.1"),
            "vat" => d.vat_amount = e("13888.9"),
            _ => d.total_demand = Some(e("152777")),
        }
        let diffs = d.differences();
        let kinds: Vec<DifferenceKind> = diffs.iter().map(|x| x.kind).collect();
        // A changed VAT breaks only demand + VAT; a coin use breaks only the demand sum.
        assert_eq!(kinds, vec![kind]);
        let json = serde_json::to_value(&diffs[0]).unwrap();
        assert_eq!(json["member_no"], "2001234");
        assert_eq!(json["level"], "bill");
    }

    /// v1 real samples: the rounding discount and coin use come off before VAT, and the
    /// default amount (a cancellation fee) is a charge that adds.
    #[test]
    fn ncp_rounding_coin_and_default_enter_the_demand_sum() {
        let d = DemandCost {
            use_amount: e("10099"),
            discounts: Discounts {
                rounddown: e("99"),
                coin: e("1000"),
                ..Discounts::default()
            },
            default_amount: e("500"),
            demand_amount: Some(e("9500")),
            vat_amount: e("950"),
            including_vat: Some(e("10450")),
            ..DemandCost::empty("2024-05".parse().unwrap(), Api::V1)
        };
        assert_eq!(d.differences(), vec![]);
        let t = d.totals().unwrap();
        assert_eq!(t.discount_amount, Krw::new(1_000));
        assert_eq!(t.rounddown_discount_amount, Krw::new(99));
        assert_eq!(t.estimated_payment_amount, Krw::new(9_599));
    }

    #[test]
    fn ncp_bodies_are_split_by_member_and_a_body_is_never_split() {
        let page = |rows: Vec<DemandCost>| Page {
            body: Body::DemandCosts(rows),
            total_rows: None,
            next_token: None,
            list_path: "$.demandCosts".into(),
        };
        let of = |member: Option<&str>| DemandCost {
            member: member.map(str::to_string),
            ..documented_v2()
        };
        let summaries = || Page {
            body: Body::ContractSummaries(Vec::new()),
            ..page(Vec::new())
        };
        let names: Vec<String> = ["a", "b", "c"].iter().map(|n| n.to_string()).collect();
        // The same month's bill of two members is two answers, not a conflict; a body of no
        // member stands apart when the import names several.
        let groups = by_member(
            vec![
                page(vec![of(Some("1"))]),
                summaries(),
                page(vec![of(Some("2"))]),
            ],
            &names,
        )
        .unwrap();
        let split: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                let names = g.names.iter().map(String::as_str).collect();
                (g.member.as_deref(), names)
            })
            .collect();
        assert_eq!(
            split,
            [
                (Some("1"), vec!["a"]),
                (None, vec!["b"]),
                (Some("2"), vec!["c"])
            ]
        );
        // With one member (a login id is no member number), it goes with that member's.
        let mut older = of(Some("old@example.com"));
        older.month = "2026-05".parse().unwrap();
        let groups = by_member(
            vec![page(vec![older]), summaries(), page(vec![of(Some("2"))])],
            &names,
        )
        .unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].member.as_deref(), Some("2"));
        assert_eq!(groups[0].names, names);
        let e = by_member(vec![page(vec![of(Some("1")), of(Some("2"))])], &names).unwrap_err();
        assert_eq!(
            e.message,
            "a holds rows of NCP members 1 and 2: one body is one member's and is never split; nothing was written"
        );
    }

    #[test]
    fn ncp_files_of_one_import_are_one_answer() {
        let page = |d: DemandCost| Page {
            body: Body::DemandCosts(vec![d]),
            total_rows: Some(1),
            next_token: None,
            list_path: "$.demandCosts".into(),
        };
        let names = vec!["a.json".to_string(), "b.json".to_string()];
        let mut same = vec![page(documented_v2()), page(documented_v2())];
        one_answer(&mut same, &names).unwrap();
        assert_eq!(same[1].body.len(), 0, "the same bill twice is kept once");
        let mut other = documented_v2();
        other.vat_amount = e("13888.9");
        let mut differ = vec![page(documented_v2()), page(other)];
        assert_eq!(
            one_answer(&mut differ, &names).unwrap_err().message,
            "a.json and b.json both hold NCP's bill of 2026-06 and they differ; import the one that is NCP's latest answer"
        );
        let twice = |d: DemandCost| Page {
            body: Body::DemandCosts(vec![documented_v2(), d]),
            ..page(documented_v2())
        };
        let mut same = vec![twice(documented_v2())];
        one_answer(&mut same, &names).unwrap();
        assert_eq!(
            same[0].body.len(),
            1,
            "a row one body repeats alike is kept once"
        );
        let mut other = documented_v2();
        other.vat_amount = e("13888.9");
        assert_eq!(
            one_answer(&mut [twice(other)], &names).unwrap_err().message,
            "a.json holds NCP's bill of 2026-06 twice with different figures; NCP gives each row once: import the body as NCP sent it"
        );
    }

    #[test]
    fn ncp_one_member_per_account() {
        assert_eq!(
            one_member(None, ["1000001", "old@example.com"]).unwrap(),
            Some("1000001")
        );
        assert_eq!(
            one_member(Some("1000001"), ["1000001"]).unwrap(),
            Some("1000001")
        );
        let e = one_member(Some("1000001"), ["1000002"]).unwrap_err();
        assert!(
            e.message
                .starts_with("NCP member 1000002 is not the member this account holds (1000001)"),
            "{}",
            e.message
        );
        let e = one_member(None, ["1000001", "1000002"]).unwrap_err();
        assert!(
            e.message
                .contains("not the member of another row of this import (1000001)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn ncp_per_service_lines_add_up_to_the_bill() {
        let d = documented_v2();
        assert_eq!(d.services_difference("product", e("293208")), None);
        let diff = d.services_difference("product", e("293308.5")).unwrap();
        assert_eq!(diff.gap_amount, e("-100.5"));
        assert_eq!(
            Difference::incomplete_page(d.month, "getContractDemandCostList", 52, 2).to_string(),
            "2026-06 getContractDemandCostList: NCP's totalRows is above the rows the files gave: a page is missing (totalRows 52, rows given 2, 50 missing); import every page of it together"
        );
    }

    #[test]
    fn p10_ncp_ratio_or_the_default() {
        let mut d = demand(None, None);
        assert_eq!(d.penalty_ratio(), penalty::default_ratio());
        d.overdue_ratio = Some(e("0.02"));
        assert_eq!(d.penalty_ratio(), Decimal::new(2, 2));
        // 0 is a value: NCP's 0.0 on a bill never overdue.
        d.overdue_ratio = Some(Exact::ZERO);
        assert_eq!(d.penalty_ratio(), Decimal::ZERO);
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
