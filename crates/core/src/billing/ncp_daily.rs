//! NCP's daily usage (getContractUsageListByDaily) as facts: one row per day, contract,
//! contract product and metering type, quantities exactly as NCP measured them
//! (`reference/ncp-billing-api.md`, "Corrections").
//!
//! A contract product has several rows a day — a server's run time (`VSVR`), its stop time
//! (`VSVRT`), its base storage (`VSVR_BBST`), its network out (`NETOT`) — so the metering
//! type is part of a row's key: a key without it loses rows silently.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::exact::Exact;

/// One day's usage of one metering type of one contract product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyUsage {
    /// The day.
    pub date: NaiveDate,
    /// The contract.
    pub contract_no: String,
    /// The contract product measured (`contractProductSequence`, else its product code).
    #[serde(skip)]
    pub product: String,
    /// The service: the contract type's name, else the product item kind's name.
    pub service: String,
    /// The region, when NCP names one.
    pub region: Option<String>,
    /// What is measured (`meteringType.code`: `VSVR`, `VSVRT`, `NETOT`…).
    pub metering_type: String,
    /// The quantity in NCP's metering unit (`usageQuantity`, e.g. seconds).
    pub quantity: Exact,
    /// That unit (`unit.code`: `USAGE_SEC`, `USAGE_1BYTE`…).
    pub unit: String,
    /// The quantity in the user's unit (`userUsageQuantity`, e.g. hours), when given.
    pub user_quantity: Option<Exact>,
    /// That unit (`userUnit.code`: `HOUR`, `GBYTE`…), when given.
    pub user_unit: Option<String>,
    /// The NCP member whose usage it is (`account.memberNo`, else `contract.memberNo`), for
    /// the one-member rule of an import; the ledger does not keep it (it holds one member).
    #[serde(skip)]
    pub member_no: Option<String>,
}

/// What makes a daily row one row: day, contract, contract product and metering type.
pub type DailyKey = (NaiveDate, String, String, String);

impl DailyUsage {
    /// The row's key.
    pub fn key(&self) -> DailyKey {
        (
            self.date,
            self.contract_no.clone(),
            self.product.clone(),
            self.metering_type.clone(),
        )
    }
}

/// The rows of one import as one answer: every row is kept, the same row given twice (the
/// same page saved twice) counts once, and two different figures for the same key are
/// refused, naming the key — never the last one silently winning. `rows` pairs each row
/// with where it came from (a file, or the JSON path of a fetched page).
pub fn merge<'a>(
    rows: impl IntoIterator<Item = (&'a DailyUsage, &'a str)>,
) -> Result<Vec<DailyUsage>> {
    let mut by_key: BTreeMap<DailyKey, (&DailyUsage, &str)> = BTreeMap::new();
    for (row, from) in rows {
        match by_key.get(&row.key()) {
            Some((seen, _)) if *seen == row => {}
            Some((seen, first)) => {
                return Err(Error::invalid(format!(
                    "daily usage of contract {} product {} metering {} on {} is given twice with different figures ({} {} in {first}, {} {} in {from}); import one of them",
                    row.contract_no,
                    row.product,
                    row.metering_type,
                    row.date,
                    seen.quantity,
                    seen.unit,
                    row.quantity,
                    row.unit
                )))
            }
            None => {
                by_key.insert(row.key(), (row, from));
            }
        }
    }
    Ok(by_key.into_values().map(|(r, _)| r.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(metering: &str, quantity: &str) -> DailyUsage {
        DailyUsage {
            date: NaiveDate::from_ymd_opt(2026, 1, 14).unwrap(),
            contract_no: "41234567".to_string(),
            product: "90001".to_string(),
            service: "Server".to_string(),
            region: Some("KR".to_string()),
            metering_type: metering.to_string(),
            quantity: quantity.parse().unwrap(),
            unit: "USAGE_SEC".to_string(),
            user_quantity: None,
            user_unit: None,
            member_no: None,
        }
    }

    #[test]
    fn several_meterings_of_one_product_and_day_are_several_rows() {
        let (run, stop) = (row("VSVR", "86400"), row("VSVRT", "0"));
        let merged = merge([(&run, "a.json"), (&stop, "a.json")]).unwrap();
        assert_eq!(merged, [run, stop]);
    }

    #[test]
    fn the_same_row_twice_counts_once_and_two_figures_are_refused() {
        let (a, b) = (row("VSVR", "86400"), row("VSVR", "3600"));
        assert_eq!(
            merge([(&a, "a.json"), (&a, "b.json")]).unwrap(),
            std::slice::from_ref(&a)
        );
        let e = merge([(&a, "a.json"), (&b, "b.json")]).unwrap_err();
        assert_eq!(
            e.message,
            "daily usage of contract 41234567 product 90001 metering VSVR on 2026-01-14 is given twice with different figures (86400 USAGE_SEC in a.json, 3600 USAGE_SEC in b.json); import one of them"
        );
    }
}
