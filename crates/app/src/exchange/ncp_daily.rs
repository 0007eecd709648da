//! Reading one row of getContractUsageListByDaily (a ContractUsageByDaily) as NCP documents
//! it: `useDate{useStartDate}`, `contract{contractNo, contractType, regionCode}`,
//! `contractProduct{contractProductSequence, productCode, productItemKind}` and
//! `usage{meteringType, usageQuantity, unit, userUsageQuantity, userUnit}`, where the metering
//! type and both units are CommonCode objects `{code, codeName}` (`USAGE_SEC`, `HOUR`).
//! Quantities are kept exactly as the JSON number's text. The row's member
//! (`account.memberNo`, else `contract.memberNo`) enters the one-member rule of the import,
//! and a `usage.useMonth` other than the day's month is refused.

use serde_json::Value;

use ncp_usage_core::billing::ncp_daily::DailyUsage;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::error::Result;

use super::ncp::{fail, inner, At};

/// One ContractUsageByDaily.
pub(super) fn row(at: At<'_>) -> Result<DailyUsage> {
    let (mut cp, mut dp, mut pp, mut up) = Default::default();
    let contract = inner(at, "contract", &mut cp)?;
    let use_date = inner(at, "useDate", &mut dp)?;
    let start = use_date
        .instant("useStartDate")?
        .ok_or_else(|| use_date.missing("useStartDate"))?;
    let product = match at.field("contractProduct") {
        Some(_) => Some(inner(at, "contractProduct", &mut pp)?),
        None => None,
    };
    let usage = inner(at, "usage", &mut up)?;
    // The month NCP bills the day in is the day's own: a row saying otherwise is not one
    // day's usage, and would land in a month its bill does not count.
    if usage.field("useMonth").is_some() {
        let month = usage.month("useMonth")?;
        let day = Month::of(start.date_naive());
        if month != day {
            return Err(fail(
                &usage.path("useMonth"),
                &format!(
                    "the month of its day ({}, useDate.useStartDate {})",
                    day.to_string().replace('-', ""),
                    start.date_naive()
                ),
                usage.value.get("useMonth").unwrap_or(&Value::Null),
            ));
        }
    }
    // The member: the row's account, else its contract's (both name the same member).
    let member_no = match at.field("account") {
        Some(_) => {
            let mut ap = String::new();
            inner(at, "account", &mut ap)?.text("memberNo")?
        }
        None => None,
    };
    let member_no = match member_no {
        Some(m) => Some(m),
        None => contract.text("memberNo")?,
    };
    let metering_type = usage
        .code("meteringType")?
        .ok_or_else(|| usage.missing("meteringType"))?;
    let service = match contract.label("contractType")? {
        Some(s) => Some(s),
        None => product
            .map(|p| p.label("productItemKind"))
            .transpose()?
            .flatten(),
    };
    let product_id = match product {
        Some(p) => p
            .text("contractProductSequence")?
            .or(p.text("productCode")?),
        None => None,
    };
    Ok(DailyUsage {
        date: start.date_naive(),
        contract_no: contract.required_text("contractNo")?,
        product: product_id.unwrap_or_default(),
        service: service.unwrap_or_else(|| metering_type.clone()),
        region: contract.text("regionCode")?,
        quantity: usage.required_number("usageQuantity")?,
        unit: usage.code("unit")?.ok_or_else(|| usage.missing("unit"))?,
        user_quantity: usage.number("userUsageQuantity")?,
        user_unit: usage.code("userUnit")?,
        metering_type,
        member_no,
    })
}
