//! The facts the rules work on: contracts, their usage and the fee lines they produce.
//!
//! These are plain values, loaded from the ledger or from import files; the SPEC's §11
//! interchange formats map onto them one to one.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::billing::ncp_detail::NcpDetail;
use crate::calendar::Month;
use crate::money::Krw;

/// How a contract is priced (SPEC §11 `plan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    /// A flat price per month, charged by the day when used for part of a month (H3).
    Monthly,
    /// A price per unit of use (hour, GB, …), from daily usage.
    Metered,
}

impl Plan {
    /// The spelling used in files and the ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Monthly => "monthly",
            Plan::Metered => "metered",
        }
    }

    /// Reads the spelling used in files and the ledger.
    pub fn parse(text: &str) -> Option<Plan> {
        match text {
            "monthly" => Some(Plan::Monthly),
            "metered" => Some(Plan::Metered),
            _ => None,
        }
    }
}

/// A service contract: one server, one bucket, one IP…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// NCP's contract number, unique in the ledger.
    pub contract_no: String,
    /// The service name as the portal shows it (`Server`, `Object Storage`).
    pub service: String,
    /// The region code (`KR`, `SGN`, `JPN`).
    pub region: String,
    /// How it is priced.
    pub plan: Plan,
    /// Won per month (monthly) or won per `unit` (metered, may have a fraction).
    pub price: Decimal,
    /// The unit of `price`: `month` for monthly contracts, `hour`, `GB`… for metered.
    pub unit: String,
    /// First day of use.
    pub start_date: NaiveDate,
    /// Last day of use, inclusive; `None` while the contract runs.
    pub end_date: Option<NaiveDate>,
}

/// What makes a fact impossible: the invariant it breaks. Import refuses such a row naming
/// its column, and `check` reports such a row in the ledger; both ask the fact's `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A contract ends before it starts.
    EndsBeforeStart,
    /// A fee line discounts more than it uses.
    DiscountAboveUsed,
    /// A fee line's estimated payment amount is not used − discount: what it should be.
    EstimateNotUsedLessDiscount(Krw),
    /// A promotion used more times than it was provided.
    UsedAboveProvided,
    /// A promotion's validity ends before it starts.
    ValidToBeforeFrom,
}

/// §11 contracts: a contract ends on or after the day it starts (or runs on, `None`). Taken
/// on the dates alone: import checks them before the contract's other columns.
pub fn validate_contract_dates(start: NaiveDate, end: Option<NaiveDate>) -> Result<(), Fault> {
    if end.is_some_and(|end| end < start) {
        return Err(Fault::EndsBeforeStart);
    }
    Ok(())
}

impl Contract {
    /// Whether the contract is held on `date`.
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.start_date <= date && self.end_date.is_none_or(|end| date <= end)
    }
}

/// One line of a month's fees (SPEC §11 `fees`): what `history --detail` shows and `export`
/// writes. Amounts are already truncated (M2) and `estimated_payment_amount` is always
/// `used_amount - discount_amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeLine {
    /// The usage month.
    pub month: Month,
    /// Region code.
    pub region: String,
    /// Service name.
    pub service: String,
    /// The contract the fee is for.
    pub contract_no: String,
    /// What was charged, e.g. `Monthly flat rate (20 of 29 days)`.
    pub item: String,
    /// Days used (monthly) or units used (metered).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub quantity: Decimal,
    /// `day` for monthly lines, the contract's unit for metered ones.
    pub unit: String,
    /// The monthly price (monthly lines) or the price per unit (metered lines).
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub unit_price: Decimal,
    /// The amount before discounts.
    pub used_amount: Krw,
    /// Discounts on this line.
    pub discount_amount: Krw,
    /// `used_amount - discount_amount`.
    pub estimated_payment_amount: Krw,
    /// NCP's own detail of a line NCP sent (its currency and exact figures), `None` for
    /// rated and CSV lines. The views show it; JSON views choose what of it to show.
    #[serde(skip)]
    pub ncp: Option<NcpDetail>,
}

impl FeeLine {
    /// §11 fees: a line discounts at most what it uses, and its estimated payment amount is
    /// used − discount.
    pub fn validate(&self) -> Result<(), Fault> {
        if self.discount_amount > self.used_amount {
            return Err(Fault::DiscountAboveUsed);
        }
        let expected = self.used_amount - self.discount_amount;
        if self.estimated_payment_amount != expected {
            return Err(Fault::EstimateNotUsedLessDiscount(expected));
        }
        Ok(())
    }
}

/// Each metered contract's units used in a period, by contract number. FxHash: the keys are
/// the ledger's own contract numbers, looked up once per contract held, and need no
/// protection against hash flooding (SipHash was a tenth of a wide month's rating).
pub type Quantities = rustc_hash::FxHashMap<String, rust_decimal::Decimal>;

/// Quantities have at most three decimals and are stored as thousandths of a unit, so the
/// ledger can sum them exactly in SQL.
pub const QUANTITY_SCALE: u32 = 3;

/// A quantity in thousandths of its unit (`137.25` → `137250`), or `None` if it has more
/// than three decimals or does not fit.
pub fn quantity_to_milli(q: Decimal) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    let milli = q * Decimal::from(1000);
    (milli.fract().is_zero()).then(|| milli.to_i64()).flatten()
}

/// A quantity back from thousandths.
pub fn quantity_from_milli(milli: i64) -> Decimal {
    Decimal::new(milli, QUANTITY_SCALE).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(used: i64, discount: i64, estimated: i64) -> FeeLine {
        FeeLine {
            month: "2024-02".parse().unwrap(),
            region: "KR".into(),
            service: "Server".into(),
            contract_no: "KR-SVR-1".into(),
            item: "Monthly flat rate".into(),
            quantity: Decimal::ONE,
            unit: "month".into(),
            unit_price: Decimal::from(1_000),
            used_amount: Krw::new(used),
            discount_amount: Krw::new(discount),
            estimated_payment_amount: Krw::new(estimated),
            ncp: None,
        }
    }

    #[test]
    fn fees_estimate_is_used_less_discount() {
        assert_eq!(line(1_000, 100, 900).validate(), Ok(()));
        assert_eq!(
            line(1_000, 100, 1_000).validate(),
            Err(Fault::EstimateNotUsedLessDiscount(Krw::new(900)))
        );
        assert_eq!(
            line(100, 1_000, -900).validate(),
            Err(Fault::DiscountAboveUsed)
        );
    }

    #[test]
    fn contracts_end_on_or_after_they_start() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let start = day("2024-02-10");
        assert_eq!(validate_contract_dates(start, None), Ok(()));
        assert_eq!(validate_contract_dates(start, Some(start)), Ok(()));
        assert_eq!(
            validate_contract_dates(start, Some(day("2024-02-09"))),
            Err(Fault::EndsBeforeStart)
        );
    }
}
