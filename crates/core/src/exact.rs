//! NCP's amounts exactly as NCP computed them, in their currency (issue 14).
//!
//! The ledger's own money is whole won ([`crate::money::Krw`]); NCP's figures are not: its
//! types are Doubles, v2's documented example bills 13888.8 KRW, and members are billed in
//! KRW, USD or JPY. An [`Exact`] keeps NCP's figure digit for digit (no float anywhere: the
//! JSON number's text is parsed straight into a decimal) and is written back as an exact
//! JSON number — an integer when whole, so documents of whole-won bills do not change.
//! Where a KRW figure must become a payable won amount, [`Exact::to_krw`] uses the one
//! rounding function of M2 ([`crate::money::truncate_won`]).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::money::{checked_truncate_won, Krw};

/// An exact decimal amount (or quantity, or rate) as NCP sent it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exact(pub Decimal);

impl Exact {
    /// Zero.
    pub const ZERO: Exact = Exact(Decimal::ZERO);

    /// The decimal.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether it is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// M2: whole won, truncated toward zero; `None` past the ledger's ceiling.
    pub fn to_krw(self) -> Option<Krw> {
        checked_truncate_won(self.0)
    }

    /// Checked sum.
    pub fn checked_add(self, other: Exact) -> Option<Exact> {
        self.0.checked_add(other.0).map(Exact)
    }

    /// Checked difference.
    pub fn checked_sub(self, other: Exact) -> Option<Exact> {
        self.0.checked_sub(other.0).map(Exact)
    }

    /// Grouped for people, with NCP's fraction when there is one: `13,888.8`.
    pub fn grouped(self) -> String {
        let text = self.0.normalize().to_string();
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let mut out = String::with_capacity(text.len() + whole.len() / 3);
        out.push_str(sign);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if let Some(f) = fraction {
            out.push('.');
            out.push_str(f);
        }
        out
    }
}

impl From<Krw> for Exact {
    fn from(k: Krw) -> Exact {
        Exact(k.to_decimal())
    }
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl FromStr for Exact {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str_exact(s).map(Exact)
    }
}

/// An exact JSON number: `13888.8`, `120000` (never `120000.0`, never a float).
impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(&self.0.normalize(), s)
    }
}

/// The currency NCP billed in (`payCurrency`): `KRW`, `USD`, `JPY` or a code NCP adds later.
/// Amounts of two currencies are never summed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// Korean won, what a body that names no currency is in.
    pub fn krw() -> Currency {
        Currency("KRW".to_string())
    }

    /// A code as NCP spells it (upper-cased, trimmed).
    pub fn new(code: &str) -> Currency {
        Currency(code.trim().to_ascii_uppercase())
    }

    /// Whether it is won: the rules about won (the 100-won cut, the 1,000/3,000-won
    /// minimums) apply to KRW bills only.
    pub fn is_krw(&self) -> bool {
        self.0 == "KRW"
    }

    /// The code.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl Default for Currency {
    fn default() -> Currency {
        Currency::krw()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Exact {
        s.parse().unwrap()
    }

    #[test]
    fn json_numbers_are_exact_and_integers_when_whole() {
        assert_eq!(serde_json::to_string(&e("13888.8")).unwrap(), "13888.8");
        assert_eq!(serde_json::to_string(&e("120000.0")).unwrap(), "120000");
        assert_eq!(serde_json::to_string(&e("-0.10")).unwrap(), "-0.1");
        assert_eq!(
            serde_json::to_string(&e("0.1234567890123456789")).unwrap(),
            "0.1234567890123456789"
        );
    }

    #[test]
    fn m2_to_krw_truncates_toward_zero() {
        assert_eq!(e("152776.8").to_krw(), Some(Krw::new(152_776)));
        assert_eq!(e("-0.9").to_krw(), Some(Krw::ZERO));
        assert_eq!(e("10000000000000000").to_krw(), None);
    }

    #[test]
    fn grouped_keeps_the_fraction() {
        assert_eq!(e("13888.8").grouped(), "13,888.8");
        assert_eq!(e("-1234567").grouped(), "-1,234,567");
        assert_eq!(e("999").grouped(), "999");
    }

    #[test]
    fn currencies_are_upper_case_codes() {
        assert!(Currency::new(" krw").is_krw());
        assert!(!Currency::new("USD").is_krw());
        assert_eq!(
            serde_json::to_string(&Currency::new("jpy")).unwrap(),
            "\"JPY\""
        );
    }
}
