//! Service usage status (SPEC S1): the contracts held per service and region at "now".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::facts::Contract;

/// One service in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holding {
    /// Service name.
    pub service: String,
    /// Region code.
    pub region: String,
    /// Contracts held on the day of "now".
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

/// S1: contracts held on `today`, counted per service and region, ordered by region then
/// service.
pub fn holdings(contracts: &[Contract], today: NaiveDate) -> Vec<Holding> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for c in contracts.iter().filter(|c| c.is_active_on(today)) {
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
        let h = holdings(&cs, today);
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
}
