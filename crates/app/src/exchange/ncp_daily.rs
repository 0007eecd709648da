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
use ncp_usage_core::exact::Exact;

use super::ncp::{fail, inner, At};

/// One ContractUsageByDaily.
pub(super) fn row(at: At<'_>) -> Result<DailyUsage> {
    let (mut cp, mut dp, mut pp, mut up) = Default::default();
    let contract = inner(at, "contract", &mut cp)?;
    let use_date = inner(at, "useDate", &mut dp)?;
    let start = use_date
        .instant("useStartDate")?
        .ok_or_else(|| use_date.missing("useStartDate"))?;
    // The list is usage by day (NCP: 일별 계약 사용량; real rows run 00:00:00 to 23:59:59 of
    // one day): a row ending before it starts, or on another day, is not one day's usage,
    // and would count days of usage on its first day.
    if let Some(end) = use_date.instant("useEndDate")? {
        let shown = use_date.value.get("useEndDate").unwrap_or(&Value::Null);
        if end < start {
            return Err(fail(
                &use_date.path("useEndDate"),
                &format!(
                    "a time not before useDate.useStartDate ({})",
                    start.date_naive()
                ),
                shown,
            ));
        }
        if end.date_naive() != start.date_naive() {
            return Err(fail(
                &use_date.path("useEndDate"),
                &format!(
                    "the day of useDate.useStartDate ({}): a daily row is one day's usage",
                    start.date_naive()
                ),
                shown,
            ));
        }
    }
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
        quantity: not_negative(usage, "usageQuantity")?
            .ok_or_else(|| usage.missing("usageQuantity"))?,
        unit: usage.code("unit")?.ok_or_else(|| usage.missing("unit"))?,
        user_quantity: not_negative(usage, "userUsageQuantity")?,
        user_unit: usage.code("userUnit")?,
        metering_type,
        member_no,
    })
}

/// A quantity used, which is 0 or more: a negative one would take usage back from the day.
fn not_negative(at: At<'_>, name: &str) -> Result<Option<Exact>> {
    match at.number(name)? {
        Some(q) if q.value().is_sign_negative() && !q.is_zero() => Err(fail(
            &at.path(name),
            "a quantity of 0 or more",
            at.value.get(name).unwrap_or(&Value::Null),
        )),
        q => Ok(q),
    }
}
