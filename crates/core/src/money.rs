//! Exact money in Korean won (SPEC M1–M3).
//!
//! KRW has no minor unit, so the ledger stores whole won as SQLite INTEGERs and the library
//! computes with [`rust_decimal::Decimal`]. Every rule that produces an amount goes through
//! [`truncate_won`] exactly once, at the point the SPEC says the amount is computed; that keeps
//! "a total always equals the sum of the lines shown" true by construction.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// A whole amount of Korean won. Negative amounts exist (credits, refunds, adjustments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Krw(i64);

/// Why a text is not an amount of won.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MoneyError {
    /// Not a whole number of won, or not a number at all.
    #[error("'{0}' is not a whole amount of won (write digits only, e.g. 113300)")]
    NotWhole(String),
    /// Outside what the ledger can hold.
    #[error("'{0}' is too large an amount of won (at most 10^15)")]
    TooLarge(String),
    /// A negative amount where only zero or more makes sense.
    #[error("'{0}' is negative; amounts here must be 0 or more")]
    Negative(String),
}

/// The ceiling of the ledger (M1): no amount it stores or computes — a price, a fee line, a
/// month's total, a bill, a payment — may exceed a quadrillion won (10^15), far beyond any
/// bill, yet small enough that a few thousand of them add up inside an `i64`. Imports refuse
/// what could carry an amount past it; arithmetic on amounts is checked against it.
pub const MAX_WON: i64 = 1_000_000_000_000_000;

/// [`MAX_WON`] as messages write it.
pub const MAX_WON_TEXT: &str = "10^15";

/// The most one day of a metered contract may cost: a month of such days stays under
/// [`MAX_WON`] (31 × this ≤ 10^15).
pub const MAX_DAY_WON: i64 = MAX_WON / 31;

impl Krw {
    /// Zero won.
    pub const ZERO: Krw = Krw(0);

    /// An amount from whole won.
    pub const fn new(won: i64) -> Krw {
        Krw(won)
    }

    /// The amount in whole won.
    pub const fn won(self) -> i64 {
        self.0
    }

    /// The amount as a decimal, for arithmetic with rates and quantities.
    pub fn to_decimal(self) -> Decimal {
        Decimal::from(self.0)
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Krw) -> Krw {
        Krw(self.0.min(other.0))
    }

    /// `self + other`, or `None` when the sum is outside −[`MAX_WON`] ..= [`MAX_WON`].
    pub fn checked_add(self, other: Krw) -> Option<Krw> {
        self.0
            .checked_add(other.0)
            .map(Krw)
            .filter(|k| k.within_ceiling())
    }

    /// `self − other`, or `None` when the difference is outside the ceiling.
    pub fn checked_sub(self, other: Krw) -> Option<Krw> {
        self.0
            .checked_sub(other.0)
            .map(Krw)
            .filter(|k| k.within_ceiling())
    }

    /// Whether the amount is inside −[`MAX_WON`] ..= [`MAX_WON`].
    pub fn within_ceiling(self) -> bool {
        self.0.unsigned_abs() <= MAX_WON as u64
    }

    /// Zero or more: negative amounts become zero.
    pub fn clamp_zero(self) -> Krw {
        Krw(self.0.max(0))
    }

    /// Whether this is exactly zero won.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses a non-negative whole amount as written in files and on the command line.
    /// Digits only: no sign, separators, exponent or fraction, so `1,000`, `1e3` and `-1`
    /// are refused rather than guessed at.
    pub fn parse_non_negative(text: &str) -> Result<Krw, MoneyError> {
        let t = text.trim();
        if t.starts_with('-') && t.len() > 1 && t[1..].bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::Negative(t.to_string()));
        }
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::NotWhole(t.to_string()));
        }
        match t.parse::<i64>() {
            Ok(v) if v <= MAX_WON => Ok(Krw(v)),
            _ => Err(MoneyError::TooLarge(t.to_string())),
        }
    }

    /// Formats with thousands separators (`49,779`), as the portal shows amounts.
    pub fn grouped(self) -> String {
        let digits = self.0.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if self.0 < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

/// M2: truncates a computed amount toward zero to whole won. The one rounding function of
/// the library: every prorated, metered, discounted or penalty amount passes through it.
/// Checked (M1): an amount past the ceiling comes out as [`OVER_CEILING`] (or its negative),
/// never saturated to `i64::MAX` or wrapped, so every checked sum after it still refuses it.
pub fn truncate_won(amount: Decimal) -> Krw {
    checked_truncate_won(amount).unwrap_or(if amount.is_sign_negative() {
        -OVER_CEILING
    } else {
        OVER_CEILING
    })
}

/// What a computation past [`MAX_WON`] yields: one won over it, so it stays positive and every
/// [`Krw::checked_add`] or [`Krw::within_ceiling`] after it refuses it. Imports keep stored
/// amounts from ever producing it.
pub const OVER_CEILING: Krw = Krw(MAX_WON + 1);

/// M2 with the ceiling: the truncated amount, or `None` when it is beyond [`MAX_WON`]
/// (where [`truncate_won`] would saturate and the ledger could not hold it).
pub fn checked_truncate_won(amount: Decimal) -> Option<Krw> {
    let t = amount.round_dp_with_strategy(0, RoundingStrategy::ToZero);
    t.to_i64().map(Krw).filter(|k| k.within_ceiling())
}

/// The sum of amounts, or `None` as soon as a partial sum leaves the ceiling.
pub fn checked_sum(amounts: impl IntoIterator<Item = Krw>) -> Option<Krw> {
    amounts
        .into_iter()
        .try_fold(Krw::ZERO, |total, a| total.checked_add(a))
}

/// M2: a month's amount before VAT, cut down to a multiple of 100 won.
/// Returns (amount kept, rounding discount); the two add up to `amount`.
pub fn round_down_to_hundred(amount: Krw) -> (Krw, Krw) {
    let kept = Krw(amount.0 - amount.0.rem_euclid(100));
    (kept, Krw(amount.0 - kept.0))
}

/// M3: value-added tax, 10 % of the amount after M2, truncated to won.
pub fn vat(amount_before_vat: Krw) -> Krw {
    truncate_won(amount_before_vat.to_decimal() * Decimal::new(10, 2))
}

impl fmt::Display for Krw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Krw {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Krw::parse_non_negative(s)
    }
}

impl Serialize for Krw {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl Add for Krw {
    type Output = Krw;
    fn add(self, rhs: Krw) -> Krw {
        Krw(self.0 + rhs.0)
    }
}

impl Sub for Krw {
    type Output = Krw;
    fn sub(self, rhs: Krw) -> Krw {
        Krw(self.0 - rhs.0)
    }
}

impl Neg for Krw {
    type Output = Krw;
    fn neg(self) -> Krw {
        Krw(-self.0)
    }
}

impl AddAssign for Krw {
    fn add_assign(&mut self, rhs: Krw) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Krw {
    fn sub_assign(&mut self, rhs: Krw) {
        self.0 -= rhs.0;
    }
}

impl Sum for Krw {
    fn sum<I: Iterator<Item = Krw>>(iter: I) -> Krw {
        iter.fold(Krw::ZERO, Add::add)
    }
}

/// Parses a non-negative decimal with at most `max_scale` fractional digits: quantities
/// (`137.25` GB) and metered unit prices (`0.5` won per GB). Plain digits and one point
/// only; exponents, signs, separators, `NaN` and `inf` are refused.
pub fn parse_decimal(text: &str, max_scale: u32) -> Option<Decimal> {
    let t = text.trim();
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t, ""),
    };
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_ok(int) || !digits_ok(frac) || frac.len() > max_scale as usize {
        return None;
    }
    if t.contains('.') && frac.is_empty() {
        return None;
    }
    // 15 integer digits keep products with prices inside Decimal's 28 digits.
    if int.trim_start_matches('0').len() > 15 {
        return None;
    }
    // Exact: a figure with more digits than a Decimal holds is refused, never rounded.
    Decimal::from_str_exact(t).ok().map(|d| d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn m2_truncates_toward_zero() {
        assert_eq!(truncate_won(dec!(41379.31)), Krw(41379));
        assert_eq!(truncate_won(dec!(41379.99)), Krw(41379));
        assert_eq!(truncate_won(dec!(-12.7)), Krw(-12));
    }

    #[test]
    fn m2_rounds_month_down_to_hundred() {
        assert_eq!(round_down_to_hundred(Krw(49_779)), (Krw(49_700), Krw(79)));
        assert_eq!(round_down_to_hundred(Krw(49_700)), (Krw(49_700), Krw(0)));
        assert_eq!(round_down_to_hundred(Krw(99)), (Krw(0), Krw(99)));
    }

    #[test]
    fn m3_vat_is_ten_percent_truncated() {
        assert_eq!(vat(Krw(49_700)), Krw(4_970));
        assert_eq!(vat(Krw(105)), Krw(10));
    }

    #[test]
    fn parses_only_plain_whole_won() {
        assert_eq!("113300".parse::<Krw>(), Ok(Krw(113_300)));
        assert_eq!("0".parse::<Krw>(), Ok(Krw(0)));
        for bad in [
            "",
            "1,000",
            "1e3",
            "1.5",
            "NaN",
            "+5",
            " ",
            "9223372036854775808",
        ] {
            assert!(bad.parse::<Krw>().is_err(), "{bad} should be refused");
        }
        assert_eq!(
            "-1".parse::<Krw>(),
            Err(MoneyError::Negative("-1".to_string()))
        );
    }

    #[test]
    fn m1_arithmetic_is_checked_against_the_ceiling() {
        let max = Krw(MAX_WON);
        assert_eq!(max.checked_add(Krw(0)), Some(max));
        assert_eq!(max.checked_add(Krw(1)), None);
        assert_eq!(Krw(-MAX_WON).checked_sub(Krw(1)), None);
        assert_eq!(Krw(i64::MAX).checked_add(Krw(1)), None);
        assert_eq!(checked_sum([Krw(MAX_WON / 2), Krw(MAX_WON / 2)]), Some(max));
        assert_eq!(checked_sum([max, Krw(1), Krw(-1)]), None);
        assert_eq!(checked_truncate_won(dec!(1000000000000000.9)), Some(max));
        assert_eq!(checked_truncate_won(dec!(1000000000000001)), None);
        assert_eq!(checked_truncate_won(dec!(99999999999999999999)), None);
        // The metered line: saturated to i64::MAX before, over the ceiling now.
        assert_eq!(truncate_won(dec!(99999999999999999999)), OVER_CEILING);
        assert_eq!(truncate_won(dec!(-99999999999999999999)), -OVER_CEILING);
        assert!(!OVER_CEILING.within_ceiling());
        const { assert!(31 * MAX_DAY_WON <= MAX_WON) };
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(Krw(54_670).grouped(), "54,670");
        assert_eq!(Krw(1_000_000).grouped(), "1,000,000");
        assert_eq!(Krw(-950).grouped(), "-950");
        assert_eq!(Krw(0).grouped(), "0");
    }

    #[test]
    fn parses_quantities() {
        assert_eq!(parse_decimal("137.25", 3), Some(dec!(137.25)));
        assert_eq!(parse_decimal("700", 3), Some(dec!(700)));
        for bad in ["1.2345", "-1", "1e3", "NaN", "", ".5", "5.", "1,0"] {
            assert_eq!(parse_decimal(bad, 3), None, "{bad}");
        }
    }
}
