//! The payment gateway (SPEC §10): who approves or declines a charge.
//!
//! NCP publishes no payment API, so charges go through a trait; the local gateway decides
//! from what the ledger knows — the card's expiry and monthly limit, the account's balance —
//! and a real one can replace it without touching the rules that call it.

use crate::billing::account::PaymentMethod;
use crate::calendar::Month;
use crate::clock::Instant;
use crate::money::Krw;

/// One charge to approve or decline.
#[derive(Debug, Clone)]
pub struct Charge<'a> {
    /// The card or account charged.
    pub method: &'a PaymentMethod,
    /// How much.
    pub amount: Krw,
    /// When.
    pub at: Instant,
    /// What this card was already charged in the calendar month of `at` (card limit).
    pub card_spent_this_month: Krw,
    /// What this account was already charged since its balance was registered.
    pub transfer_spent: Krw,
}

/// Why a charge was declined; the text is what the ledger records (P2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Decline {
    /// The card's expiry month has passed.
    #[error("card expired")]
    CardExpired,
    /// The charge would pass the card's monthly limit.
    #[error("limit exceeded")]
    LimitExceeded,
    /// The charge is more than the account holds.
    #[error("insufficient balance")]
    InsufficientBalance,
    /// Direct deposit cannot be charged.
    #[error("no automatic payment method")]
    NotChargeable,
}

/// Approves or declines charges.
pub trait Gateway {
    /// Decides one charge.
    fn charge(&self, charge: &Charge<'_>) -> Result<(), Decline>;
}

/// The local gateway: approves what the ledger's facts allow.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalGateway;

impl Gateway for LocalGateway {
    fn charge(&self, c: &Charge<'_>) -> Result<(), Decline> {
        match c.method {
            PaymentMethod::Card { expiry, limit, .. } => {
                if Month::of(c.at.date_naive()) > *expiry {
                    return Err(Decline::CardExpired);
                }
                if limit.is_some_and(|l| c.card_spent_this_month + c.amount > l) {
                    return Err(Decline::LimitExceeded);
                }
                Ok(())
            }
            PaymentMethod::Transfer { balance, .. } => {
                if balance.is_some_and(|b| c.transfer_spent + c.amount > b) {
                    return Err(Decline::InsufficientBalance);
                }
                Ok(())
            }
            PaymentMethod::Deposit => Err(Decline::NotChargeable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_as_of;

    fn card(expiry: &str, limit: Option<i64>) -> PaymentMethod {
        PaymentMethod::Card {
            brand: "VISA".into(),
            last4: "4242".into(),
            expiry: expiry.parse().unwrap(),
            limit: limit.map(Krw::new),
        }
    }

    fn charge(method: &PaymentMethod, amount: i64, at: &str, spent: i64) -> Result<(), Decline> {
        LocalGateway.charge(&Charge {
            method,
            amount: Krw::new(amount),
            at: parse_as_of(at).unwrap(),
            card_spent_this_month: Krw::new(spent),
            transfer_spent: Krw::new(spent),
        })
    }

    #[test]
    fn declines_an_expired_card_the_month_after_expiry() {
        let c = card("2024-01", None);
        assert_eq!(charge(&c, 1_000, "2024-01-31T23:59", 0), Ok(()));
        assert_eq!(
            charge(&c, 1_000, "2024-02-10", 0),
            Err(Decline::CardExpired)
        );
    }

    #[test]
    fn declines_over_the_monthly_limit() {
        let c = card("2027-12", Some(100_000));
        assert_eq!(charge(&c, 100_000, "2024-02-10", 0), Ok(()));
        assert_eq!(
            charge(&c, 60_000, "2024-02-10", 50_000),
            Err(Decline::LimitExceeded)
        );
    }

    #[test]
    fn declines_over_the_balance() {
        let t = PaymentMethod::Transfer {
            bank: "KB".into(),
            last4: "1234".into(),
            balance: Some(Krw::new(50_000)),
        };
        assert_eq!(charge(&t, 50_000, "2024-02-10", 0), Ok(()));
        assert_eq!(
            charge(&t, 1, "2024-02-10", 50_000),
            Err(Decline::InsufficientBalance)
        );
        assert_eq!(
            charge(&PaymentMethod::Deposit, 1, "2024-02-10", 0),
            Err(Decline::NotChargeable)
        );
    }
}
