//! Reading NCP's Discount API bodies: v1 getCreditHistoryList (a CreditHistory: `memberNo`,
//! `credit{discountNo, creditName, receivedCredit, remainingCredit, validityStartMonth,
//! validityEndMonth, creditType, eligibleProductDemandTypeList, payCurrency}`,
//! `creditUseHistory[{useMonth, productDemandType, unusedCredit, usedCredit,
//! remainingCredit}]`), getCoinHistoryList (a CoinHistory: `memberNo`, `coin{discountNo,
//! coinName, coinType, chargedCoin, remainingCoin, validity months}`,
//! `coinUseHistory[{memberNo, sharedMemberNo, useMonth, unusedCoin, usedCoin,
//! remainingCoin}]`), getProductDiscountHistoryList (a ProductDiscountHistory: `memberNo`,
//! `productDiscount{…}`, `productDiscountUseHistoryList[{useMonth, productDemandType,
//! discountTargetAmount, discountAppliedAmount}]`) and getDiscountList (a Discount), leniently
//! as the other v1 bodies; and v2 `/credit-discounts` (a CreditDiscount), `/coin-discounts` (a
//! CoinDiscount) and `/product-discounts` (a ProductDiscount), by v2's types as the other v2
//! bodies. CommonCode objects (`creditType`, `coinType`, `discountType`,
//! `productDemandType`, `payCurrency`) are read as `{code, codeName}`; amounts are exact.

use ncp_usage_core::billing::ncp_discount::{
    Credit, CreditKind, CreditUse, Discount, ProductDiscount, ProductDiscountUse,
};
use ncp_usage_core::error::Result;

use super::ncp::{each, each_of, inner, At};

/// The list under `name` of `at` (none when absent), each object read by `f`.
fn list<T>(at: At<'_>, name: &str, f: impl Fn(At<'_>) -> Result<T>) -> Result<Vec<T>> {
    match at.field(name) {
        None => Ok(Vec::new()),
        Some(v) => each(v, &at.path(name), f),
    }
}

/// A ProductDemandType `{code, codeName, regionCode}`: its code and its name (else its code).
fn demand_type(at: At<'_>) -> Result<(String, String)> {
    let code = at.required_text("code")?;
    let name = at.text("codeName")?.unwrap_or_else(|| code.clone());
    Ok((code, name))
}

/// A CommonCode field's code and name, when it is there.
fn common_code(at: At<'_>, name: &str) -> Result<(Option<String>, Option<String>)> {
    Ok(match at.common_code(name)? {
        Some((code, label)) => (Some(code), label),
        None => (None, None),
    })
}

/// One CreditHistory of getCreditHistoryList.
pub(super) fn credit_history(at: At<'_>) -> Result<Credit> {
    let mut cp = String::new();
    let credit = inner(at, "credit", &mut cp)?;
    let (type_code, type_name) = common_code(credit, "creditType")?;
    let services = list(credit, "eligibleProductDemandTypeList", demand_type)?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let uses = list(at, "creditUseHistory", |u| {
        let mut tp = String::new();
        let (service_code, service) = demand_type(inner(u, "productDemandType", &mut tp)?)?;
        Ok(CreditUse {
            month: u.month("useMonth")?,
            service_code,
            service,
            used_amount: u.required_exact("usedCredit")?,
            unused_amount: u.exact("unusedCredit")?,
            remaining_amount: u.required_exact("remainingCredit")?,
        })
    })?;
    Ok(Credit {
        kind: CreditKind::Credit,
        member_no: at.text("memberNo")?,
        discount_no: credit.required_text("discountNo")?,
        name: credit.required_text("creditName")?,
        type_code,
        type_name,
        received: credit.required_exact("receivedCredit")?,
        remaining: credit.required_exact("remainingCredit")?,
        valid_from: credit.month("validityStartMonth")?,
        valid_to: credit.month("validityEndMonth")?,
        currency: credit.currency("payCurrency")?,
        services,
        uses,
    })
}

/// One CoinHistory of getCoinHistoryList: a use is known by the member who used the coin
/// (`sharedMemberNo` when it is shared, else the holder `memberNo`).
pub(super) fn coin_history(at: At<'_>) -> Result<Credit> {
    let mut cp = String::new();
    let coin = inner(at, "coin", &mut cp)?;
    let (type_code, type_name) = common_code(coin, "coinType")?;
    let uses = list(at, "coinUseHistory", |u| {
        let by = match u.text("sharedMemberNo")? {
            Some(m) => m,
            None => u.required_text("memberNo")?,
        };
        Ok(CreditUse {
            month: u.month("useMonth")?,
            service: format!("member {by}"),
            service_code: by,
            used_amount: u.required_exact("usedCoin")?,
            unused_amount: u.exact("unusedCoin")?,
            remaining_amount: u.required_exact("remainingCoin")?,
        })
    })?;
    Ok(Credit {
        kind: CreditKind::Coin,
        member_no: at.text("memberNo")?,
        discount_no: coin.required_text("discountNo")?,
        name: coin.required_text("coinName")?,
        type_code,
        type_name,
        received: coin.required_exact("chargedCoin")?,
        remaining: coin.required_exact("remainingCoin")?,
        valid_from: coin.month("validityStartMonth")?,
        valid_to: coin.month("validityEndMonth")?,
        currency: coin.currency("payCurrency")?,
        services: Vec::new(),
        uses,
    })
}

/// One ProductDiscountHistory of getProductDiscountHistoryList.
pub(super) fn product_discount_history(at: At<'_>) -> Result<ProductDiscount> {
    let mut dp = String::new();
    let d = inner(at, "productDiscount", &mut dp)?;
    let services = list(d, "eligibleProductDemandTypeList", demand_type)?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let uses = list(at, "productDiscountUseHistoryList", |u| {
        let mut tp = String::new();
        let (service_code, service) = demand_type(inner(u, "productDemandType", &mut tp)?)?;
        Ok(ProductDiscountUse {
            month: u.month("useMonth")?,
            service_code,
            service,
            target_amount: u.required_exact("discountTargetAmount")?,
            applied_amount: u.required_exact("discountAppliedAmount")?,
        })
    })?;
    Ok(ProductDiscount {
        member_no: at.text("memberNo")?,
        discount_no: d.required_text("discountNo")?,
        name: d.required_text("productDiscountName")?,
        rate: d.required_exact("discountRate")?,
        conditional: d.bool("discountCondition")?,
        minimum_amount: d.exact("minimumAmount")?,
        capped: d.bool("maximumDiscountCondition")?,
        maximum_amount: d.exact("maximumDiscountAmount")?,
        valid_from: d.month("validityStartMonth")?,
        valid_to: d.month("validityEndMonth")?,
        currency: d.currency("payCurrency")?,
        services,
        uses,
    })
}

/// One Discount of getDiscountList.
pub(super) fn discount(at: At<'_>) -> Result<Discount> {
    let month = |name: &str| -> Result<Option<_>> {
        match at.field(name) {
            None => Ok(None),
            Some(_) => at.month(name).map(Some),
        }
    };
    let (type_code, type_name) = at.required("discountType", at.common_code("discountType"))?;
    let (method_code, method_name) = common_code(at, "discountProcessMethod")?;
    Ok(Discount {
        member_no: at.text("memberNo")?,
        discount_no: at.required_text("discountNo")?,
        type_code,
        type_name,
        name: at.required_text("discountName")?,
        method_code,
        method_name,
        value: at.exact("discountValue")?,
        valid_from: month("validityStartMonth")?,
        valid_to: month("validityEndMonth")?,
        currency: at.currency("payCurrency")?,
    })
}

/// The names of a v2 row's `eligibleBillingItemGroups` (else their codes).
fn groups(at: At<'_>) -> Result<Vec<String>> {
    let path = at.path("eligibleBillingItemGroups");
    each_of(at.list("eligibleBillingItemGroups")?, &path, at.api, |g| {
        Ok(match g.text("billingItemGroupName")? {
            Some(name) => name,
            None => g.required_text("billingItemGroupCode")?,
        })
    })
}

/// A v2 row's `memberNo` and `discountNo`: integers, kept as their digits.
fn member_and_discount_no(at: At<'_>) -> Result<(Option<String>, String)> {
    let member = at.integer("memberNo")?.map(|m| m.to_string());
    let no = at.required("discountNo", at.integer("discountNo"))?;
    Ok((member, no.to_string()))
}

/// One ProductDiscount of v2 `/product-discounts`; `discountRate` is a percent.
pub(super) fn product_discount(at: At<'_>) -> Result<ProductDiscount> {
    let (member_no, discount_no) = member_and_discount_no(at)?;
    Ok(ProductDiscount {
        member_no,
        discount_no,
        name: at.required_text("productDiscountName")?,
        rate: at.required_exact("discountRate")?,
        conditional: at.bool("conditional")?,
        minimum_amount: at.exact("minimumTargetAmount")?,
        capped: at.bool("maximumDiscountApplied")?,
        maximum_amount: at.exact("maximumDiscountAmount")?,
        valid_from: at.month("validityStartMonth")?,
        valid_to: at.month("validityEndMonth")?,
        currency: at.currency("payCurrency")?,
        services: groups(at)?,
        uses: Vec::new(),
    })
}

/// One CreditDiscount of v2 `/credit-discounts`: `memberNo` and `discountNo` are integers,
/// months `yyyy-MM`, `payCurrency` a code; v2 lists no use of a credit.
pub(super) fn credit_discount(at: At<'_>) -> Result<Credit> {
    let (member_no, discount_no) = member_and_discount_no(at)?;
    let services = groups(at)?;
    Ok(Credit {
        kind: CreditKind::Credit,
        member_no,
        discount_no,
        name: at.required_text("creditName")?,
        type_code: at.text("creditTypeCode")?,
        type_name: at.text("creditTypeName")?,
        received: at.required_exact("receivedAmount")?,
        remaining: at.required_exact("remainingAmount")?,
        valid_from: at.month("validityStartMonth")?,
        valid_to: at.month("validityEndMonth")?,
        currency: at.currency("payCurrency")?,
        services,
        uses: Vec::new(),
    })
}

/// One CoinDiscount of v2 `/coin-discounts` (its example names no `payCurrency`: KRW then).
pub(super) fn coin_discount(at: At<'_>) -> Result<Credit> {
    let (member_no, discount_no) = member_and_discount_no(at)?;
    Ok(Credit {
        kind: CreditKind::Coin,
        member_no,
        discount_no,
        name: at.required_text("coinName")?,
        type_code: at.text("coinType")?,
        type_name: at.text("coinTypeName")?,
        received: at.required_exact("receivedAmount")?,
        remaining: at.required_exact("remainingAmount")?,
        valid_from: at.month("validityStartMonth")?,
        valid_to: at.month("validityEndMonth")?,
        currency: at.currency("payCurrency")?,
        services: Vec::new(),
        uses: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use ncp_usage_core::billing::ncp::Body;

    use super::super::ncp::parse;

    #[test]
    fn a_v1_credit_history_keeps_its_codes_and_exact_amounts() {
        let body = br#"{"getCreditHistoryListResponse": {"returnCode": "0", "totalRows": 1,
            "creditHistoryList": [{"memberNo": "2001234",
              "credit": {"discountNo": "6383", "creditName": "credit-discount-test",
                "receivedCredit": 30000, "remainingCredit": 16111.2,
                "validityStartMonth": "202604", "validityEndMonth": "202609",
                "creditType": {"code": "FREE", "codeName": "Free"},
                "eligibleProductDemandTypeList": [{"code": "SVR", "codeName": "Server", "regionCode": ""}],
                "payCurrency": {"code": "KRW", "codeName": "South Korea Won"}},
              "creditUseHistory": [{"useMonth": "202605",
                "productDemandType": {"code": "SVR", "codeName": "Server"},
                "unusedCredit": 0, "usedCredit": 13888.8, "remainingCredit": 16111.2}]}]}}"#;
        let page = parse(body, "c.json").unwrap();
        assert_eq!(page.total_rows, Some(1));
        let Body::Credits(credits) = page.body else {
            panic!("not credits")
        };
        let c = &credits[0];
        assert_eq!(
            (
                c.discount_no.as_str(),
                c.type_code.as_deref(),
                c.remaining.to_string(),
                c.used().unwrap().to_string(),
                c.services.clone(),
                c.uses[0].month.to_string(),
                c.uses[0].used_amount.to_string()
            ),
            (
                "6383",
                Some("FREE"),
                "16111.2".to_string(),
                "13888.8".to_string(),
                vec!["Server".to_string()],
                "2026-05".to_string(),
                "13888.8".to_string()
            )
        );
    }

    #[test]
    fn a_credit_without_its_remaining_amount_is_refused_at_its_path() {
        let body = br#"{"getCreditHistoryListResponse": {"returnCode": "0",
            "creditHistoryList": [{"memberNo": "2001234", "credit": {"discountNo": "6383",
              "creditName": "c", "receivedCredit": 30000,
              "validityStartMonth": "202604", "validityEndMonth": "202609"}}]}}"#;
        let e = parse(body, "c.json").unwrap_err();
        assert_eq!(
            e.message,
            "c.json: $.getCreditHistoryListResponse.creditHistoryList[0].credit.remainingCredit: a required field is missing"
        );
    }

    #[test]
    fn a_v2_credit_discount_reads_integers_and_its_groups() {
        let body = br#"{"creditDiscounts": [{"memberNo": 2001234, "discountNo": 10877,
            "creditName": "2026 Sign-up Credit", "creditTypeCode": "FREE", "creditTypeName": "Free",
            "receivedAmount": 300000.0, "remainingAmount": 161112.0,
            "validityStartMonth": "2026-04", "validityEndMonth": "2026-09", "payCurrency": "KRW",
            "eligibleBillingItemGroups": [{"billingItemGroupCode": "SVR", "billingItemGroupName": "Server", "regionCode": null}]}],
            "nextToken": null}"#;
        let page = parse(body, "v2.json").unwrap();
        let Body::CreditDiscounts(credits) = page.body else {
            panic!("not credit discounts")
        };
        let c = &credits[0];
        assert_eq!(c.member_no.as_deref(), Some("2001234"));
        assert_eq!(c.discount_no, "10877");
        assert_eq!(c.used().unwrap().to_string(), "138888");
        assert_eq!(c.services, ["Server"]);
        let bad = br#"{"creditDiscounts": [{"memberNo": 2001234, "discountNo": 10877,
            "creditName": "c", "receivedAmount": "300000", "remainingAmount": 1,
            "validityStartMonth": "2026-04", "validityEndMonth": "2026-09"}]}"#;
        assert_eq!(
            parse(bad, "v2.json").unwrap_err().message,
            "v2.json: $.creditDiscounts[0].receivedAmount: expected a number, got the text '300000'"
        );
    }
}
