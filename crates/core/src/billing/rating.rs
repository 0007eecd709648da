//! Rating: what a contract costs in a period of usage (SPEC H3, M2).
//!
//! A monthly flat-rate contract used for part of a month is charged by the day: monthly price
//! × days used ÷ days in the month, counting the first and last day used. A metered contract
//! is charged its unit price × the units used in the period. Each line is truncated to whole
//! won where it is computed (M2).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::facts::{Contract, FeeLine, Plan, Quantities};
use super::period::Period;
use crate::calendar::Month;
use crate::money::{truncate_won, Krw};

/// The days of `period` on which `contract` was held, both ends inclusive.
pub fn days_used(contract: &Contract, period: &Period) -> u32 {
    let Some(period_end) = period.to else {
        return 0;
    };
    let first = contract.start_date.max(period.from);
    let last: NaiveDate = contract.end_date.map_or(period_end, |e| e.min(period_end));
    if last < first {
        0
    } else {
        u32::try_from((last - first).num_days() + 1).unwrap_or(0)
    }
}

/// H3: the monthly price prorated by day and truncated: price × days ÷ days in month.
pub fn prorate(monthly_price: Decimal, days: u32, month: Month) -> Krw {
    if days >= month.days() {
        return truncate_won(monthly_price);
    }
    truncate_won(monthly_price * Decimal::from(days) / Decimal::from(month.days()))
}

/// The price of metered use, truncated: unit price × quantity.
pub fn metered_amount(unit_price: Decimal, quantity: Decimal) -> Krw {
    truncate_won(unit_price * quantity)
}

/// The amount of `contract` used from the first day of `period` through `day`, truncated
/// (M2): where a promotion starting or ending inside the period splits its line (PR2).
/// `metered_quantity` is the units used through `day`.
pub fn amount_through(
    contract: &Contract,
    month: Month,
    period: &Period,
    day: NaiveDate,
    metered_quantity: Decimal,
) -> Krw {
    let part = Period {
        from: period.from,
        to: period.to.map(|to| to.min(day)),
        complete: false,
    };
    match contract.plan {
        Plan::Monthly => prorate(contract.price, days_used(contract, &part), month),
        Plan::Metered => metered_amount(contract.price, metered_quantity),
    }
}

/// The fee line of one contract for one month's period, or `None` when the contract was not
/// held (monthly) or not used (metered) in it. `metered_quantity` is the sum of the daily
/// usage inside the period; it is ignored for monthly contracts.
pub fn rate(
    contract: &Contract,
    month: Month,
    period: &Period,
    metered_quantity: Decimal,
) -> Option<FeeLine> {
    let (item, quantity, unit, used) = match contract.plan {
        Plan::Monthly => {
            let days = days_used(contract, period);
            if days == 0 {
                return None;
            }
            let item = if days == month.days() {
                "Monthly flat rate".to_string()
            } else {
                format!("Monthly flat rate ({days} of {} days)", month.days())
            };
            let used = prorate(contract.price, days, month);
            (item, Decimal::from(days), "day".to_string(), used)
        }
        Plan::Metered => {
            if metered_quantity.is_zero() && days_used(contract, period) == 0 {
                return None;
            }
            let used = metered_amount(contract.price, metered_quantity);
            (
                format!("Metered ({})", contract.unit),
                metered_quantity.normalize(),
                contract.unit.clone(),
                used,
            )
        }
    };
    Some(FeeLine {
        month,
        region: contract.region.clone(),
        service: contract.service.clone(),
        contract_no: contract.contract_no.clone(),
        item,
        quantity,
        unit,
        unit_price: contract.price,
        used_amount: used,
        discount_amount: Krw::ZERO,
        estimated_payment_amount: used,
        ncp: None,
    })
}

/// The fee lines of a month: every contract held in `period`, rated (`quantities` holds each
/// metered contract's units used in the period). Lines with nothing to charge are left out.
pub fn month_lines<'c>(
    contracts: impl IntoIterator<Item = &'c Contract>,
    quantities: &Quantities,
    month: Month,
    period: &Period,
) -> Vec<FeeLine> {
    contracts
        .into_iter()
        .filter_map(|c| {
            let q = quantities.get(&c.contract_no).copied().unwrap_or_default();
            rate(c, month, period, q)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::period::usage_period;
    use rstest::rstest;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn monthly(price: Decimal, start: &str, end: Option<&str>) -> Contract {
        Contract {
            contract_no: "KR-SVR-1".into(),
            service: "Server".into(),
            region: "KR".into(),
            plan: Plan::Monthly,
            price,
            unit: "month".into(),
            start_date: d(start),
            end_date: end.map(d),
        }
    }

    #[rstest]
    // The figure: 10–29 February 2024, a leap year.
    #[case(dec!(60000), "2024-02-10", None, "2024-02", "2024-03-01", 41_379)]
    // Viewed on 15 February: 10th–14th, five days.
    #[case(dec!(60000), "2024-02-10", None, "2024-02", "2024-02-15T09:00", 10_344)]
    // A whole month costs exactly the monthly price, whatever its length.
    #[case(dec!(60000), "2023-01-01", None, "2024-02", "2024-03-01", 60_000)]
    // Started and ended inside the month: 8th–23rd April, 16 of 30 days.
    #[case(dec!(99999), "2024-04-08", Some("2024-04-23"), "2024-04", "2024-05-01", 53_332)]
    fn h3_prorates_monthly_contracts_by_day(
        #[case] price: Decimal,
        #[case] start: &str,
        #[case] end: Option<&str>,
        #[case] month: &str,
        #[case] as_of: &str,
        #[case] won: i64,
    ) {
        let c = monthly(price, start, end);
        let now = crate::clock::parse_as_of(as_of).unwrap().date_naive();
        let month: Month = month.parse().unwrap();
        let period = usage_period(month, now).unwrap();
        let line = rate(&c, month, &period, Decimal::ZERO).unwrap();
        assert_eq!(line.used_amount, Krw::new(won));
        assert_eq!(line.estimated_payment_amount, Krw::new(won));
    }

    #[test]
    fn m2_metered_lines_are_truncated() {
        assert_eq!(metered_amount(dec!(12), dec!(700)), Krw::new(8_400));
        assert_eq!(metered_amount(dec!(0.16), dec!(1234.567)), Krw::new(197));
    }

    #[test]
    fn h3_a_contract_outside_the_period_has_no_line() {
        let c = monthly(dec!(60000), "2024-02-10", Some("2024-02-20"));
        let march = Month::of(d("2024-03-01"));
        let period = usage_period(march, d("2024-04-01")).unwrap();
        assert_eq!(rate(&c, march, &period, Decimal::ZERO), None);
        // And on the 1st of its own month nothing has accrued yet.
        let feb = Month::of(d("2024-02-01"));
        let period = usage_period(feb, d("2024-02-01")).unwrap();
        assert_eq!(rate(&c, feb, &period, Decimal::ZERO), None);
    }
}
