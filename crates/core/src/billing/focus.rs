//! FOCUS 1.2 (the FinOps Foundation's open billing format): a month's charges as FOCUS rows
//! (issue 18, docs/FOCUS.md has the mapping and the reason for each choice).
//!
//! One row per fee line (Usage), then the bill-level rows that take the lines to the month's
//! bill: what NCP's bill used or discounted beyond its lines (Usage / Credit), NCP's penalty
//! charge (위약금) on its own row, the 100-won rounding (Adjustment), VAT (Tax), and, only when
//! NCP's own figures do not add up to its bill, the difference (Adjustment). So the sum of
//! `BilledCost` is the month's billed amount exactly, and ListCost − EffectiveCost over the
//! rows is the month's discounts (line discounts, NCP's bill-level discounts and the rounding).
//! Pure: no SQL, no clock; money in whole won with checked arithmetic.

use chrono::{Duration, NaiveTime};
use rust_decimal::Decimal;

use super::facts::FeeLine;
use super::statement::{is_per_service, Totals};
use crate::calendar::Month;
use crate::error::{Error, Result};
use crate::money::Krw;

/// The columns written, in order: FOCUS 1.2's Mandatory columns, the Conditional and
/// Recommended ones the ledger knows, then NCP's own fields as `x_` columns.
pub const COLUMNS: [&str; 39] = [
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodStart",
    "BillingPeriodEnd",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargeFrequency",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ContractedCost",
    "EffectiveCost",
    "InvoiceId",
    "InvoiceIssuerName",
    "ListCost",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "RegionId",
    "RegionName",
    "ResourceId",
    "ResourceName",
    "ServiceCategory",
    "ServiceName",
    "ServiceSubcategory",
    "x_NcpMemberNo",
    "x_NcpBillNo",
    "x_NcpContractNo",
    "x_NcpServiceCode",
    "x_NcpItem",
    "x_NcpUnit",
    "x_NcpUnitPrice",
    "x_NcpDiscountAmount",
    "x_ChargeSource",
];

/// NAVER Cloud: the provider, publisher and invoice issuer of every charge.
pub const PROVIDER: &str = "NAVER Cloud";

/// The account a FOCUS file is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusAccount {
    /// The ledger's name of the account.
    pub name: String,
    /// NCP's member number, when known.
    pub member_no: Option<String>,
}

impl FocusAccount {
    /// `BillingAccountId`: NCP's member number when known ([`text_id`]: `NCP-1000001`), else
    /// the ledger's name.
    pub fn id(&self) -> String {
        match &self.member_no {
            Some(no) => text_id(no),
            None => self.name.clone(),
        }
    }
}

/// What a month's FOCUS rows are made of.
#[derive(Debug, Clone)]
pub struct FocusMonth<'a> {
    /// The usage month.
    pub month: Month,
    /// The account.
    pub account: FocusAccount,
    /// The month's fee lines (rated, imported or NCP's), as `history --month` shows them.
    pub lines: &'a [FeeLine],
    /// The month's totals as `history`/`pay` show them (NCP's when NCP billed the month).
    pub totals: Totals,
    /// NCP's penalty charge (v1 `defaultAmount`, v2 `penaltyAmount`), part of the totals'
    /// estimated payment amount; zero for a month NCP did not bill.
    pub penalty: Krw,
    /// NCP's bill number, when NCP billed the month.
    pub invoice_id: Option<String>,
}

/// FOCUS `ChargeCategory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChargeCategory {
    /// A charge for using a service.
    Usage,
    /// A credit or bill-level discount.
    Credit,
    /// A correction after the fact (rounding, NCP's unexplained difference).
    Adjustment,
    /// VAT.
    Tax,
}

impl ChargeCategory {
    /// The FOCUS value.
    pub fn as_str(self) -> &'static str {
        match self {
            ChargeCategory::Usage => "Usage",
            ChargeCategory::Credit => "Credit",
            ChargeCategory::Adjustment => "Adjustment",
            ChargeCategory::Tax => "Tax",
        }
    }
}

/// One FOCUS row, before the month's and account's columns are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusRow {
    /// `ChargeCategory`.
    pub category: ChargeCategory,
    /// `ChargeDescription`.
    pub description: String,
    /// `ChargeFrequency`: `Recurring`, `Usage-Based` or `One-Time`.
    pub frequency: &'static str,
    /// `BilledCost` (also `ContractedCost` and `EffectiveCost`: see docs/FOCUS.md).
    pub billed: Krw,
    /// `ListCost`.
    pub list: Krw,
    /// `PricingQuantity` / `ConsumedQuantity` and their unit (Usage rows of a contract).
    pub quantity: Option<(Decimal, String)>,
    /// `RegionId`.
    pub region: Option<String>,
    /// `ResourceId` / `ResourceName` / `x_NcpContractNo`: the contract.
    pub contract_no: Option<String>,
    /// `x_NcpServiceCode`: NCP's service code of a per-service line.
    pub service_code: Option<String>,
    /// `ServiceName`.
    pub service: String,
    /// `x_NcpItem`.
    pub item: Option<String>,
    /// `x_NcpUnitPrice`.
    pub unit_price: Option<Decimal>,
    /// `x_NcpDiscountAmount`.
    pub discount: Option<Krw>,
    /// `x_ChargeSource`: `line`, `bill`, `penalty`, `rounddown`, `vat`, `difference`.
    pub source: &'static str,
}

fn over(month: Month) -> Error {
    Error::invalid(format!(
        "{month}: the FOCUS rows would pass {} won, more than the ledger holds; correct the amounts imported for {month}",
        crate::money::MAX_WON_TEXT
    ))
}

/// An NCP identifier as FOCUS's String columns hold it: one made of digits only (a member
/// number, v2's bill number, a contract number) gets `NCP-` before it, so that no CSV reader
/// takes it for a number (the validator's reader does, and then finds an integer where FOCUS
/// wants a string; spreadsheets drop leading zeros); any other as NCP writes it. The `x_`
/// columns keep NCP's own.
pub fn text_id(id: &str) -> String {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        format!("NCP-{id}")
    } else {
        id.to_string()
    }
}

/// The service name of the month's bill-level rows.
const BILL_SERVICE: &str = "NAVER Cloud billing";

impl FocusMonth<'_> {
    fn bill_row(
        &self,
        category: ChargeCategory,
        description: &str,
        billed: Krw,
        list: Krw,
        source: &'static str,
    ) -> FocusRow {
        FocusRow {
            category,
            description: description.to_string(),
            frequency: "One-Time",
            billed,
            list,
            quantity: None,
            region: None,
            contract_no: None,
            service_code: None,
            service: BILL_SERVICE.to_string(),
            item: None,
            unit_price: None,
            discount: None,
            source,
        }
    }

    /// The month's FOCUS rows: its lines, then the bill-level rows, each only when not zero.
    pub fn rows(&self) -> Result<Vec<FocusRow>> {
        let o = || over(self.month);
        let mut rows = Vec::with_capacity(self.lines.len() + 6);
        let (mut used, mut discount) = (Krw::ZERO, Krw::ZERO);
        for l in self.lines {
            used = used.checked_add(l.used_amount).ok_or_else(o)?;
            discount = discount.checked_add(l.discount_amount).ok_or_else(o)?;
            rows.push(line_row(l));
        }
        let t = &self.totals;
        // What NCP's bill used beyond its lines (a bill imported without its lines uses
        // everything here) and discounted beyond them (its bill-level discounts).
        let used_gap = t.used_amount.checked_sub(used).ok_or_else(o)?;
        if !used_gap.is_zero() {
            rows.push(self.bill_row(
                ChargeCategory::Usage,
                "Usage on NCP's bill beyond its lines",
                used_gap,
                used_gap,
                "bill",
            ));
        }
        let discount_gap = t.discount_amount.checked_sub(discount).ok_or_else(o)?;
        if discount_gap > Krw::ZERO {
            rows.push(self.bill_row(
                ChargeCategory::Credit,
                "Discounts and credits on NCP's bill beyond its lines",
                -discount_gap,
                Krw::ZERO,
                "bill",
            ));
        } else if discount_gap < Krw::ZERO {
            // NCP's lines discounted more than its bill (its truncation of exact figures to
            // won): no credit, a correction back up.
            rows.push(self.bill_row(
                ChargeCategory::Adjustment,
                "Discounts on NCP's lines beyond its bill",
                -discount_gap,
                Krw::ZERO,
                "bill",
            ));
        }
        if !self.penalty.is_zero() {
            rows.push(self.bill_row(
                ChargeCategory::Adjustment,
                "NCP's penalty charge (cancellation fee)",
                self.penalty,
                self.penalty,
                "penalty",
            ));
        }
        if !t.rounddown_discount_amount.is_zero() {
            rows.push(self.bill_row(
                ChargeCategory::Adjustment,
                "Amount under 100 won cut before VAT",
                -t.rounddown_discount_amount,
                Krw::ZERO,
                "rounddown",
            ));
        }
        if !t.vat_amount.is_zero() {
            rows.push(self.bill_row(
                ChargeCategory::Tax,
                "VAT (10 %)",
                t.vat_amount,
                t.vat_amount,
                "vat",
            ));
        }
        // What the bill is, less what the rows above add up to: zero unless NCP's figures do
        // not add up to its bill (or a bill below zero billed 0).
        let mut sum = Krw::ZERO;
        for r in &rows {
            sum = sum.checked_add(r.billed).ok_or_else(o)?;
        }
        let difference = t.billed_amount.checked_sub(sum).ok_or_else(o)?;
        if !difference.is_zero() {
            rows.push(self.bill_row(
                ChargeCategory::Adjustment,
                "Difference between the bill and its parts",
                difference,
                difference,
                "difference",
            ));
        }
        Ok(rows)
    }

    /// `BillingPeriodStart` / `BillingPeriodEnd` (and every row's charge period): the KST
    /// month's bounds in UTC, end exclusive (2024-05 is 2024-04-30T15:00:00Z to
    /// 2024-05-31T15:00:00Z).
    pub fn period(&self) -> (String, String) {
        (
            kst_midnight_utc(self.month.first_day()),
            kst_midnight_utc(self.month.next().first_day()),
        )
    }

    /// The CSV record of a row, in [`COLUMNS`]' order.
    pub fn record(&self, r: &FocusRow) -> Vec<String> {
        let (start, end) = self.period();
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let (quantity, unit, ncp_unit) = match &r.quantity {
            Some((q, u)) => (decimal(*q), focus_unit(u), u.clone()),
            None => (String::new(), String::new(), String::new()),
        };
        let (category, subcategory) = service_category(&r.service, r.source);
        let billed = money(r.billed);
        vec![
            billed.clone(),
            self.account.id(),
            self.account.name.clone(),
            "KRW".to_string(),
            start.clone(),
            end.clone(),
            r.category.as_str().to_string(),
            String::new(),
            r.description.clone(),
            r.frequency.to_string(),
            start,
            end,
            quantity.clone(),
            unit.clone(),
            billed.clone(),
            billed,
            self.invoice_id.as_deref().map(text_id).unwrap_or_default(),
            PROVIDER.to_string(),
            money(r.list),
            quantity,
            unit,
            PROVIDER.to_string(),
            PROVIDER.to_string(),
            text(&r.region),
            r.region.as_deref().map(region_name).unwrap_or_default(),
            r.contract_no.as_deref().map(text_id).unwrap_or_default(),
            r.contract_no.as_deref().map(text_id).unwrap_or_default(),
            category.to_string(),
            r.service.clone(),
            subcategory.to_string(),
            text(&self.account.member_no),
            text(&self.invoice_id),
            text(&r.contract_no),
            text(&r.service_code),
            text(&r.item),
            ncp_unit,
            r.unit_price.map(decimal).unwrap_or_default(),
            r.discount.map(money).unwrap_or_default(),
            r.source.to_string(),
        ]
    }
}

/// A fee line's row: its list cost is what it used, its billed (contracted, effective) cost
/// what it costs after its discounts.
fn line_row(l: &FeeLine) -> FocusRow {
    let per_service = is_per_service(l);
    let metered = l.unit != "day";
    FocusRow {
        category: ChargeCategory::Usage,
        description: if per_service {
            format!("{} (NCP's figure for the service)", l.service)
        } else {
            format!("{}: {}", l.service, l.item)
        },
        frequency: if metered && !per_service {
            "Usage-Based"
        } else {
            "Recurring"
        },
        billed: l.estimated_payment_amount,
        list: l.used_amount,
        quantity: Some(if per_service {
            // NCP's per-service figure names no quantity: one month of the service.
            (Decimal::ONE, "Month".to_string())
        } else {
            (l.quantity, l.unit.clone())
        }),
        region: Some(l.region.clone()),
        contract_no: (!per_service).then(|| l.contract_no.clone()),
        service_code: per_service.then(|| l.contract_no.clone()),
        service: l.service.clone(),
        item: Some(l.item.clone()),
        unit_price: (!per_service).then_some(l.unit_price),
        discount: Some(l.discount_amount),
        source: "line",
    }
}

/// FOCUS's UnitFormat of an NCP unit: time units capitalised and plural (`day` → `Days`,
/// `GB-month` → `GB-Months`), a block of units counted (`request-10k` → `10000 Requests`);
/// any other unit as NCP names it (`x_NcpUnit` always has NCP's).
pub fn focus_unit(unit: &str) -> String {
    let time = |t: &str| match t.to_ascii_lowercase().as_str() {
        "year" | "years" => Some("Years"),
        "month" | "months" => Some("Months"),
        "day" | "days" => Some("Days"),
        "hour" | "hours" => Some("Hours"),
        "minute" | "minutes" => Some("Minutes"),
        "second" | "seconds" => Some("Seconds"),
        _ => None,
    };
    let unit = unit.strip_suffix("(s)").unwrap_or(unit);
    if let Some(t) = time(unit) {
        return t.to_string();
    }
    let count = |w: &str| {
        let mut c = w.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).into_iter();
        let word: String = first.chain(c).collect();
        if word.ends_with('s') || word.chars().all(|ch| ch.is_ascii_uppercase()) {
            word
        } else {
            format!("{word}s")
        }
    };
    match unit.split_once('-') {
        Some((what, per)) if time(per).is_some() => {
            format!("{what}-{}", time(per).unwrap_or_default())
        }
        Some((what, block)) => {
            let digits = block.trim_end_matches(['k', 'K', 'm', 'M']);
            let zeros = match &block[digits.len()..] {
                "k" | "K" => "000",
                "m" | "M" => "000000",
                _ => "",
            };
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                format!("{digits}{zeros} {}", count(what))
            } else {
                unit.to_string()
            }
        }
        None => unit.to_string(),
    }
}

/// Midnight KST (UTC+9) of a day, in UTC, as FOCUS writes dates.
fn kst_midnight_utc(day: chrono::NaiveDate) -> String {
    let utc = day.and_time(NaiveTime::MIN) - Duration::hours(9);
    utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Money as FOCUS's Decimal: exact, with a decimal point (`9000.0`) so that a reader that
/// guesses types reads a decimal, not an integer.
fn money(k: Krw) -> String {
    format!("{}.0", k.won())
}

/// A quantity or price, exactly, with a decimal point.
fn decimal(d: Decimal) -> String {
    let text = d.normalize().to_string();
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

/// FOCUS `ServiceCategory` and `ServiceSubcategory` of an NCP service, by its name; the
/// bill-level rows are `Other`.
pub fn service_category(service: &str, source: &str) -> (&'static str, &'static str) {
    if source != "line" {
        return ("Other", "Other (Other)");
    }
    let s = service.to_ascii_lowercase();
    let has = |w: &str| s.contains(w);
    if has("function") {
        ("Compute", "Serverless Compute")
    } else if has("server") || has("kubernetes") || has("auto scaling") {
        ("Compute", "Virtual Machines")
    } else if has("block storage") {
        ("Storage", "Block Storage")
    } else if has("object storage") || has("archive storage") {
        ("Storage", "Object Storage")
    } else if has("nas") {
        ("Storage", "File Storage")
    } else if has("redis") {
        ("Databases", "Caching")
    } else if has("mongodb") {
        ("Databases", "NoSQL Databases")
    } else if has("cloud db") || has("database") || has("mysql") || has("postgres") {
        ("Databases", "Relational Databases")
    } else if has("cdn") {
        ("Networking", "Content Delivery")
    } else if ["dns", "load balancer", "public ip", "vpc", "nat gateway"]
        .iter()
        .any(|w| has(w))
    {
        ("Networking", "Network Infrastructure")
    } else {
        ("Other", "Other (Other)")
    }
}

/// FOCUS `RegionName` of an NCP region code (the code itself when unknown).
pub fn region_name(code: &str) -> String {
    match code {
        "KR" => "Korea",
        "SGN" => "Singapore",
        "JPN" => "Japan",
        "USWN" => "US West",
        "DEN" => "Germany",
        "HK" => "Hong Kong",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(service: &str, unit: &str, used: i64, discount: i64) -> FeeLine {
        FeeLine {
            month: Month::new(2024, 5).unwrap(),
            region: "KR".into(),
            service: service.into(),
            contract_no: "C-1".into(),
            item: "Monthly flat rate".into(),
            quantity: Decimal::from(31),
            unit: unit.into(),
            unit_price: Decimal::from(used),
            used_amount: Krw::new(used),
            discount_amount: Krw::new(discount),
            estimated_payment_amount: Krw::new(used - discount),
            ncp: None,
        }
    }

    fn month<'a>(lines: &'a [FeeLine], totals: Totals) -> FocusMonth<'a> {
        FocusMonth {
            month: Month::new(2024, 5).unwrap(),
            account: FocusAccount {
                name: "main".into(),
                member_no: None,
            },
            lines,
            totals,
            penalty: Krw::ZERO,
            invoice_id: None,
        }
    }

    #[test]
    fn focus_billed_cost_sums_to_the_bill_and_list_less_effective_is_the_discounts() {
        let lines = [
            line("Server", "day", 10_050, 1_000),
            line("NAS", "day", 500, 0),
        ];
        let totals = super::super::statement::summarize(&lines).unwrap().totals;
        assert_eq!(totals.billed_amount, Krw::new(10_450));
        let m = month(&lines, totals);
        let rows = m.rows().unwrap();
        let billed: i64 = rows.iter().map(|r| r.billed.won()).sum();
        let list: i64 = rows.iter().map(|r| r.list.won()).sum();
        assert_eq!(billed, 10_450);
        assert_eq!(list - billed, 1_000 + 50);
        let kinds: Vec<_> = rows.iter().map(|r| r.source).collect();
        assert_eq!(kinds, ["line", "line", "rounddown", "vat"]);
    }

    #[test]
    fn focus_ncp_bill_beyond_its_lines_and_penalty_get_their_own_rows() {
        let lines = [line("Server", "day", 10_000, 0)];
        let totals = Totals {
            used_amount: Krw::new(12_000),
            discount_amount: Krw::new(500),
            estimated_payment_amount: Krw::new(12_000 - 500 + 300),
            rounddown_discount_amount: Krw::new(0),
            vat_amount: Krw::new(1_180),
            billed_amount: Krw::new(12_981),
        };
        let mut m = month(&lines, totals);
        m.penalty = Krw::new(300);
        let rows = m.rows().unwrap();
        let got: Vec<_> = rows.iter().map(|r| (r.source, r.billed.won())).collect();
        assert_eq!(
            got,
            [
                ("line", 10_000),
                ("bill", 2_000),
                ("bill", -500),
                ("penalty", 300),
                ("vat", 1_180),
                ("difference", 1),
            ]
        );
    }

    #[test]
    fn focus_units_follow_focus_unit_format() {
        assert_eq!(focus_unit("day"), "Days");
        assert_eq!(focus_unit("hour"), "Hours");
        assert_eq!(focus_unit("GB-month"), "GB-Months");
        assert_eq!(focus_unit("request-10k"), "10000 Requests");
        assert_eq!(focus_unit("GB"), "GB");
        assert_eq!(focus_unit("Hour(s)"), "Hours");
    }

    #[test]
    fn focus_identifiers_of_digits_only_are_written_as_text() {
        assert_eq!(text_id("1000001"), "NCP-1000001");
        assert_eq!(text_id("D202405-0001"), "D202405-0001");
        assert_eq!(text_id("JPN-DB-6201"), "JPN-DB-6201");
    }

    #[test]
    fn focus_period_is_the_kst_month_in_utc() {
        let m = month(&[], Totals::default());
        assert_eq!(
            m.period(),
            (
                "2024-04-30T15:00:00Z".to_string(),
                "2024-05-31T15:00:00Z".to_string()
            )
        );
        assert!(m.rows().unwrap().is_empty());
    }
}
