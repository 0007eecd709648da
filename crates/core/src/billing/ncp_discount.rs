//! NCP's Discount API as facts: the credits NCP granted a member and how each was used, month
//! by month and service by service (v1 getCreditHistoryList, v2 `/credit-discounts`), the
//! coins a member charged and who used them (v1 getCoinHistoryList, v2 `/coin-discounts`),
//! the product discounts NCP gave and what they took off (v1 getProductDiscountHistoryList,
//! v2 `/product-discounts`), and the discounts it lists (v1 getDiscountList), every amount
//! exactly as NCP sent it (`platform-discount-*`, `pub-billing-v2-type-creditdiscount`,
//! `…-coindiscount`, `…-productdiscount`).
//!
//! These are NCP's own records of its credits, beside the credit and discount columns of its
//! bills: the bills say how much was taken off a month, these say from which credit and how
//! much of it is left.

use serde::Serialize;

use crate::calendar::Month;
use crate::error::{Error, Result};
use crate::exact::{Currency, Exact};

/// What kind of prepaid amount a [`Credit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CreditKind {
    /// A credit NCP granted (Credit, CreditDiscount).
    Credit,
    /// A coin the member charged (Coin, CoinDiscount).
    Coin,
}

impl CreditKind {
    /// The spelling in the ledger and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Credit => "credit",
            CreditKind::Coin => "coin",
        }
    }
}

/// Reads [`CreditKind::as_str`]'s spelling.
impl std::str::FromStr for CreditKind {
    type Err = ();
    fn from_str(text: &str) -> std::result::Result<CreditKind, ()> {
        match text {
            "credit" => Ok(CreditKind::Credit),
            "coin" => Ok(CreditKind::Coin),
            _ => Err(()),
        }
    }
}

/// A credit NCP granted (a v1 Credit of a CreditHistory, or a v2 CreditDiscount), or a coin
/// the member charged (a v1 Coin of a CoinHistory, or a v2 CoinDiscount): an amount given
/// once, used month by month until it is gone or its validity ends. Serialised as `promotions`
/// shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credit {
    /// A credit or a coin.
    pub kind: CreditKind,
    /// The member holding it (`memberNo`).
    #[serde(skip)]
    pub member_no: Option<String>,
    /// NCP's number for it (`discountNo`).
    pub discount_no: String,
    /// `creditName`, `coinName`.
    pub name: String,
    /// The type's code (v1 `creditType.code`, v2 `creditTypeCode`: `FREE`…; v1
    /// `coinType.code`, v2 `coinType`: `COIN`, `BONUS`).
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// Its name (v1 `creditType.codeName`, v2 `creditTypeName`, `coinTypeName`).
    #[serde(skip)]
    pub type_name: Option<String>,
    /// What was granted or charged (v1 `receivedCredit`, `chargedCoin`; v2 `receivedAmount`).
    #[serde(rename = "received_amount")]
    pub received: Exact,
    /// What is left (v1 `remainingCredit`, `remainingCoin`; v2 `remainingAmount`).
    #[serde(rename = "remaining_amount")]
    pub remaining: Exact,
    /// The first month it may be used in.
    pub valid_from: Month,
    /// The last month it may be used in.
    pub valid_to: Month,
    /// `payCurrency`.
    pub currency: Currency,
    /// The services a credit may pay for (v1 `eligibleProductDemandTypeList`, v2
    /// `eligibleBillingItemGroups`), by name; empty when NCP names none (and for a coin).
    pub services: Vec<String>,
    /// How it was used (v1 `creditUseHistory`, `coinUseHistory`; v2 lists none).
    pub uses: Vec<CreditUse>,
}

/// One month's use of a credit for one service (a v1 CreditUseHistory), or of a coin by one
/// member (a v1 CoinUseHistory: the holder, or a member it is shared with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditUse {
    /// `useMonth`.
    pub month: Month,
    /// The service's code (`productDemandType.code`), or for a coin the number of the member
    /// who used it (`sharedMemberNo`, else `memberNo`): part of the use's key.
    #[serde(skip)]
    pub service_code: String,
    /// The service's name (`productDemandType.codeName`, else its code); for a coin,
    /// `member N`.
    pub service: String,
    /// `usedCredit`, `usedCoin`.
    pub used_amount: Exact,
    /// `unusedCredit`, `unusedCoin`, when NCP sends it.
    pub unused_amount: Option<Exact>,
    /// `remainingCredit`, `remainingCoin` after that month.
    pub remaining_amount: Exact,
}

impl Credit {
    /// What was used of it: granted less what is left. NCP sends no "used" figure for a
    /// credit (`reference/ncp-billing-api-v2.md` §2.5); `None` past what a decimal holds.
    pub fn used(&self) -> Option<Exact> {
        self.received.checked_sub(self.remaining)
    }
}

/// A product discount: a rate off the services it names, in the months of its validity,
/// perhaps only above a minimum and up to a maximum (v1 ProductDiscount of a
/// ProductDiscountHistory, v2 ProductDiscount). Serialised as `promotions` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductDiscount {
    /// `memberNo`.
    #[serde(skip)]
    pub member_no: Option<String>,
    /// `discountNo` (NCP registers a product discount for each month: a number a month).
    pub discount_no: String,
    /// `productDiscountName`.
    pub name: String,
    /// `discountRate` as NCP sent it: a percent (v2 documents 10.0 as 10 %; v1 states no
    /// unit).
    #[serde(rename = "discount_rate")]
    pub rate: Exact,
    /// Whether it applies only from `minimum_amount` up (v1 `discountCondition`, v2
    /// `conditional`).
    pub conditional: bool,
    /// v1 `minimumAmount`, v2 `minimumTargetAmount`.
    pub minimum_amount: Option<Exact>,
    /// Whether it stops at `maximum_amount` (v1 `maximumDiscountCondition`, v2
    /// `maximumDiscountApplied`).
    pub capped: bool,
    /// `maximumDiscountAmount`.
    pub maximum_amount: Option<Exact>,
    /// `validityStartMonth`.
    pub valid_from: Month,
    /// `validityEndMonth`.
    pub valid_to: Month,
    /// `payCurrency`.
    pub currency: Currency,
    /// The services it applies to, by name.
    pub services: Vec<String>,
    /// What it took off, by month and service (v1 `productDiscountUseHistoryList`; v2 lists
    /// none).
    pub uses: Vec<ProductDiscountUse>,
}

/// One month's product discount on one service (a v1 ProductDiscountUseHistory).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductDiscountUse {
    /// `useMonth`.
    pub month: Month,
    /// `productDemandType.code`, part of the use's key.
    #[serde(skip)]
    pub service_code: String,
    /// `productDemandType.codeName`, else its code.
    pub service: String,
    /// `discountTargetAmount`: what the rate applied to.
    pub target_amount: Exact,
    /// `discountAppliedAmount`: what it took off.
    pub applied_amount: Exact,
}

/// A discount as getDiscountList lists it: a credit, a coin or a product discount, with the
/// value NCP gives it and how it is applied. Serialised as `promotions` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discount {
    /// `memberNo`.
    #[serde(skip)]
    pub member_no: Option<String>,
    /// `discountNo`.
    pub discount_no: String,
    /// `discountType.code`: `PRODUCT`, `CREDIT`, `COIN`.
    #[serde(rename = "type")]
    pub type_code: String,
    /// `discountType.codeName`.
    #[serde(skip)]
    pub type_name: Option<String>,
    /// `discountName`.
    pub name: String,
    /// `discountProcessMethod.code`.
    #[serde(rename = "method")]
    pub method_code: Option<String>,
    /// `discountProcessMethod.codeName`.
    #[serde(skip)]
    pub method_name: Option<String>,
    /// `discountValue`, exactly as NCP sent it.
    pub value: Option<Exact>,
    /// `validityStartMonth`.
    pub valid_from: Option<Month>,
    /// `validityEndMonth`.
    pub valid_to: Option<Month>,
    /// `payCurrency`.
    pub currency: Currency,
}

/// Refuses a credit whose use is dated after `current` (the month of `now`): NCP records no
/// use of a month that has not happened. `path` is the JSON path of the list.
pub fn check_uses(credits: &[Credit], current: Month, path: &str) -> Result<()> {
    refuse_ahead(
        credits.iter().map(|c| {
            let noun = c.kind.as_str();
            let field = match c.kind {
                CreditKind::Credit => "creditUseHistory",
                CreditKind::Coin => "coinUseHistory",
            };
            (field, noun, c.uses.iter().map(|u| u.month).collect())
        }),
        current,
        path,
    )
}

/// [`check_uses`] for product discounts.
pub fn check_product_uses(discounts: &[ProductDiscount], current: Month, path: &str) -> Result<()> {
    refuse_ahead(
        discounts.iter().map(|d| {
            (
                "productDiscountUseHistoryList",
                "product discount",
                d.uses.iter().map(|u| u.month).collect(),
            )
        }),
        current,
        path,
    )
}

/// The first use month after `current` of rows given as (field of the uses, what they are a
/// use of, their months), refused at its path.
fn refuse_ahead(
    rows: impl Iterator<Item = (&'static str, &'static str, Vec<Month>)>,
    current: Month,
    path: &str,
) -> Result<()> {
    for (i, (field, noun, months)) in rows.enumerate() {
        if let Some((j, month)) = months.iter().enumerate().find(|(_, m)| **m > current) {
            return Err(Error::invalid(format!(
                "{path}[{i}].{field}[{j}].useMonth: expected a month up to {current} (the month of --as-of), got {month}; NCP has no use of a {noun} in a month that has not happened"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(received: &str, remaining: &str) -> Credit {
        Credit {
            kind: CreditKind::Credit,
            member_no: Some("2001234".to_string()),
            discount_no: "6383".to_string(),
            name: "credit-discount-test".to_string(),
            type_code: Some("FREE".to_string()),
            type_name: None,
            received: received.parse().unwrap(),
            remaining: remaining.parse().unwrap(),
            valid_from: "2026-04".parse().unwrap(),
            valid_to: "2026-09".parse().unwrap(),
            currency: Currency::krw(),
            services: Vec::new(),
            uses: Vec::new(),
        }
    }

    #[test]
    fn a_credits_use_is_what_was_granted_less_what_is_left_exactly() {
        assert_eq!(
            credit("30000", "16111.2").used(),
            Some("13888.8".parse().unwrap())
        );
        assert_eq!(credit("300000.0", "300000").used(), Some(Exact::ZERO));
    }

    #[test]
    fn a_use_in_a_month_that_has_not_happened_is_refused_at_its_path() {
        let mut c = credit("30000", "16111.2");
        c.uses.push(CreditUse {
            month: "2026-07".parse().unwrap(),
            service_code: "SVR".to_string(),
            service: "Server".to_string(),
            used_amount: "100".parse().unwrap(),
            unused_amount: None,
            remaining_amount: "16011.2".parse().unwrap(),
        });
        let current: Month = "2026-06".parse().unwrap();
        let e = check_uses(std::slice::from_ref(&c), current, "$.l").unwrap_err();
        assert_eq!(
            e.message,
            "$.l[0].creditUseHistory[0].useMonth: expected a month up to 2026-06 (the month of --as-of), got 2026-07; NCP has no use of a credit in a month that has not happened"
        );
        assert!(check_uses(&[c], "2026-07".parse().unwrap(), "$.l").is_ok());
    }
}
