//! Reading one row of getContractUsageListByDaily (a ContractUsageByDaily) as NCP documents
//! it: `useDate{useStartDate}`, `contract{contractNo, contractType, regionCode}`,
//! `contractProduct{contractProductSequence, productCode, productItemKind}` and
//! `usage{meteringType, usageQuantity, unit, userUsageQuantity, userUnit}`, where the metering
//! type and both units are CommonCode objects `{code, codeName}` (`USAGE_SEC`, `HOUR`).
//! Quantities are kept exactly as the JSON number's text.

use ncp_usage_core::billing::ncp_daily::DailyUsage;
use ncp_usage_core::error::Result;
use ncp_usage_core::exact::Exact;

use super::ncp::At;

/// The object under `name` of `at`, as an [`At`] with its own path (the path is kept in
/// `path`, which must outlive the result).
fn inner<'a>(at: At<'a>, name: &str, path: &'a mut String) -> Result<At<'a>> {
    let value = at.object(name).ok_or_else(|| at.missing(name))?;
    *path = at.path(name);
    Ok(At { value, path })
}

/// An exact quantity.
fn exact(at: At<'_>, name: &str) -> Result<Option<Exact>> {
    Ok(at.decimal(name)?.map(Exact))
}

/// One ContractUsageByDaily.
pub(super) fn row(at: At<'_>) -> Result<DailyUsage> {
    let (mut cp, mut dp, mut pp, mut up) = Default::default();
    let contract = inner(at, "contract", &mut cp)?;
    let use_date = inner(at, "useDate", &mut dp)?;
    let start = use_date
        .instant("useStartDate")?
        .ok_or_else(|| use_date.missing("useStartDate"))?;
    let product = match at.object("contractProduct") {
        Some(_) => Some(inner(at, "contractProduct", &mut pp)?),
        None => None,
    };
    let usage = inner(at, "usage", &mut up)?;
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
        quantity: exact(usage, "usageQuantity")?.ok_or_else(|| usage.missing("usageQuantity"))?,
        unit: usage.code("unit")?.ok_or_else(|| usage.missing("unit"))?,
        user_quantity: exact(usage, "userUsageQuantity")?,
        user_unit: usage.code("userUnit")?,
        metering_type,
    })
}
