//! Service usage status (SPEC S1): the contracts held per service and region at "now", or
//! during an earlier month (`status --month`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::facts::{Contract, FeeLine};
use super::ncp_detail::Detail;
use crate::calendar::Month;
use crate::error::{Error, Result};

/// One service in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holding {
    /// Service name.
    pub service: String,
    /// Region code.
    pub region: String,
    /// Contracts held on the day of "now" (during the month, for an earlier month).
    pub contracts: usize,
    /// The NCP console page that manages the region's resources.
    pub console_url: String,
    /// Whether the service is blocked for an outstanding amount (P9).
    pub blocked: bool,
}

/// The NCP console, opened on a region.
pub fn console_url(region: &str) -> String {
    format!("https://console.ncloud.com/dashboard?regionCode={region}")
}

/// The days whose contracts `status` counts, both ends inclusive: the day of "now" for the
/// month of "now" (S1's real time), every day of an earlier month (a contract held on any of
/// them was held during it).
pub fn counted_days(month: Month, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    if month == Month::of(today) {
        (today, today)
    } else {
        (month.first_day(), month.last_day())
    }
}

/// S1: contracts held on some day from `from` to `to` (both inclusive), counted per service
/// and region, ordered by region then service.
pub fn holdings(contracts: &[Contract], (from, to): (NaiveDate, NaiveDate)) -> Vec<Holding> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for c in contracts
        .iter()
        .filter(|c| c.start_date <= to && c.end_date.is_none_or(|end| from <= end))
    {
        *counts
            .entry((c.region.as_str(), c.service.as_str()))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((region, service), contracts)| Holding {
            service: service.to_string(),
            region: region.to_string(),
            contracts,
            console_url: console_url(region),
            blocked: false,
        })
        .collect()
}

/// S1, P9: the rows `status` shows. NCP's own counts of the month (service, region,
/// contracts), when imported, stand for the contracts it knows; otherwise the contracts held
/// on the `days` counted are. Rows are limited to `region` when given, and each is flagged
/// while services are blocked for an outstanding amount.
pub fn service_rows(
    held: &[Contract],
    reported: Option<Vec<(String, String, i64)>>,
    region: Option<&str>,
    blocked: bool,
    days: (NaiveDate, NaiveDate),
) -> Vec<Holding> {
    let rows = match reported {
        Some(rows) => rows
            .into_iter()
            .map(|(service, region, contracts)| Holding {
                console_url: console_url(&region),
                contracts: usize::try_from(contracts).unwrap_or(0),
                service,
                region,
                blocked: false,
            })
            .collect(),
        None => holdings(held, days),
    };
    rows.into_iter()
        .filter(|h| region.is_none_or(|r| r == h.region))
        .map(|h| Holding { blocked, ..h })
        .collect()
}

/// `--region CODE`: one of the regions in use, written as the ledger writes it (capitals, as
/// imports require); anything else is refused with the list (exit 2).
pub fn check_region(given: &str, in_use: &[String]) -> Result<String> {
    let code = given.trim();
    if in_use.iter().any(|r| r == code) {
        return Ok(code.to_string());
    }
    let listed = if in_use.is_empty() {
        "none yet (import contracts or NCP data first)".to_string()
    } else {
        in_use.join(", ")
    };
    if let Some(upper) = in_use.iter().find(|r| r.eq_ignore_ascii_case(code)) {
        return Err(Error::invalid(format!(
            "--region '{code}': region codes are written in capitals; did you mean {upper}? (regions in use: {listed})"
        )));
    }
    Err(Error::invalid(format!(
        "--region '{code}' is not a region in use; give a region code: {listed}"
    )))
}

/// A contract that NCP's per-contract lines (getContractDemandCostList) show open on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenContract {
    /// NCP's contract number.
    pub contract_no: String,
    /// Service name.
    pub service: String,
    /// Region code.
    pub region: String,
    /// The contract's end as NCP wrote it (`2999-12-31`: no end set).
    pub ends_on: NaiveDate,
}

/// The contracts NCP's per-contract lines show open on `day`: a line's `contract` whose
/// `contractEndDate` is on or after it, once per contract. Those lines are of a month already
/// billed, so this says what NCP last showed, not a count of "now" (no summary of this month
/// counts it): `status` names it as such.
pub fn open_contracts<'a>(
    lines: impl IntoIterator<Item = &'a FeeLine>,
    day: NaiveDate,
) -> Vec<OpenContract> {
    let mut open: Vec<OpenContract> = lines
        .into_iter()
        .filter_map(|l| {
            let Some(Detail::Object(contract)) = l.ncp.as_ref()?.fields.get("contract") else {
                return None;
            };
            let Some(Detail::Text(end)) = contract.get("contract_end_date") else {
                return None;
            };
            let ends_on = NaiveDate::parse_from_str(end.get(..10)?, "%Y-%m-%d").ok()?;
            (ends_on >= day).then(|| OpenContract {
                contract_no: l.contract_no.clone(),
                service: l.service.clone(),
                region: l.region.clone(),
                ends_on,
            })
        })
        .collect();
    open.sort_by(|a, b| {
        (&a.region, &a.service, &a.contract_no).cmp(&(&b.region, &b.service, &b.contract_no))
    });
    open.dedup_by(|a, b| a.contract_no == b.contract_no);
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::facts::Plan;
    use rust_decimal::Decimal;

    fn c(no: &str, service: &str, region: &str, start: &str, end: Option<&str>) -> Contract {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        Contract {
            contract_no: no.into(),
            service: service.into(),
            region: region.into(),
            plan: Plan::Monthly,
            price: Decimal::ONE,
            unit: "month".into(),
            start_date: d(start),
            end_date: end.map(d),
        }
    }

    #[test]
    fn s1_counts_contracts_held_today() {
        let cs = [
            c("1", "Server", "KR", "2024-01-01", None),
            c("2", "Server", "KR", "2024-01-01", Some("2024-02-14")),
            c("3", "Server", "KR", "2024-02-15", None),
            c("4", "NAS", "JPN", "2024-03-01", None),
        ];
        let today = NaiveDate::from_ymd_opt(2024, 2, 15).unwrap();
        let h = holdings(&cs, (today, today));
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].service.as_str(), h[0].region.as_str(), h[0].contracts),
            ("Server", "KR", 2)
        );
        assert_eq!(
            h[0].console_url,
            "https://console.ncloud.com/dashboard?regionCode=KR"
        );
    }

    #[test]
    fn s1_ncp_counts_stand_for_the_contracts_it_knows() {
        let cs = [c("1", "Server", "KR", "2024-01-01", None)];
        let today = NaiveDate::from_ymd_opt(2024, 2, 15).unwrap();
        let reported = vec![("NAS".to_string(), "JPN".to_string(), 3)];
        let rows = service_rows(&cs, Some(reported), None, false, (today, today));
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (
                rows[0].service.as_str(),
                rows[0].region.as_str(),
                rows[0].contracts
            ),
            ("NAS", "JPN", 3)
        );
        assert_eq!(
            rows[0].console_url,
            "https://console.ncloud.com/dashboard?regionCode=JPN"
        );
    }

    #[test]
    fn s1_p9_rows_of_one_region_are_flagged_while_blocked() {
        let cs = [
            c("1", "Server", "KR", "2024-01-01", None),
            c("2", "NAS", "JPN", "2024-01-01", None),
        ];
        let today = NaiveDate::from_ymd_opt(2024, 2, 15).unwrap();
        let rows = service_rows(&cs, None, Some("KR"), true, (today, today));
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].region.as_str(), rows[0].blocked), ("KR", true));
        assert!(service_rows(&cs, None, None, false, (today, today))
            .iter()
            .all(|h| !h.blocked));
    }

    #[test]
    fn s1_an_earlier_month_counts_the_contracts_held_on_any_of_its_days() {
        let cs = [
            c("1", "Server", "KR", "2024-01-01", Some("2024-01-31")),
            c("2", "Server", "KR", "2024-02-29", None),
            c("3", "Server", "KR", "2024-01-10", Some("2024-02-01")),
            c("4", "Server", "KR", "2024-03-01", None),
        ];
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let feb: Month = "2024-02".parse().unwrap();
        assert_eq!(
            counted_days(feb, d("2024-03-15")),
            (d("2024-02-01"), d("2024-02-29"))
        );
        assert_eq!(
            counted_days(feb, d("2024-02-15")),
            (d("2024-02-15"), d("2024-02-15"))
        );
        let h = holdings(&cs, counted_days(feb, d("2024-03-15")));
        assert_eq!(h[0].contracts, 2, "contracts 2 and 3");
        let h = holdings(&cs, counted_days(feb, d("2024-02-15")));
        assert!(
            h.is_empty(),
            "on the 15th, 2 has not started and 3 has ended"
        );
    }

    #[test]
    fn a_region_is_given_as_the_ledger_writes_it() {
        let in_use = ["JPN".to_string(), "KR".to_string()];
        assert_eq!(check_region(" KR ", &in_use).unwrap(), "KR");
        let e = check_region("kr", &in_use).unwrap_err();
        assert!(e.to_string().contains("did you mean KR?"), "{e}");
        let e = check_region("US", &in_use).unwrap_err();
        assert!(e.to_string().contains("JPN, KR"), "{e}");
        let e = check_region("KR", &[]).unwrap_err();
        assert!(e.to_string().contains("none yet"), "{e}");
    }
}
