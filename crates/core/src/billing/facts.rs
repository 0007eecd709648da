//! The facts the rules work on: contracts, their usage and the fee lines they produce.
//!
//! These are plain values, loaded from the ledger or from import files; the SPEC's §11
//! interchange formats map onto them one to one.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

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
}

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
