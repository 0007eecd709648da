//! The billing trend (SPEC TR1) and what ncp-usage adds to it: a month-end projection of the
//! running month and when each credit will run out at the current rate.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::facts::{Contract, Plan, Quantities};
use super::period::Period;
use super::rating::{metered_amount, prorate};
use crate::calendar::Month;
use crate::error::{Error, Result};
use crate::money::Krw;
use rust_decimal::prelude::ToPrimitive;

/// Where a month of the trend stands: its bill's status, or that it falls before the account
/// (no bill will ever be issued for it); `None` in JSON (`null`) while its bill is not issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthStatus {
    /// Before the month the account was opened in: bills start with that month.
    BeforeAccount,
    /// The bill is issued and not yet due, or in its automatic payment period.
    Open,
    /// The bill is paid.
    Paid,
    /// The bill is unpaid after its automatic payment period.
    Outstanding,
}

/// The status of `month`: its bill's status; without a bill, `BeforeAccount` for a month
/// before the account's first month (bills imported from NCP may exist before it, and are
/// shown as bills), else `None` while the bill is not issued.
pub fn month_status(
    month: Month,
    first_billed: Option<Month>,
    bill: Option<super::payment::BillStatus>,
) -> Option<MonthStatus> {
    use super::payment::BillStatus;
    match bill {
        Some(BillStatus::Open) => Some(MonthStatus::Open),
        Some(BillStatus::Paid) => Some(MonthStatus::Paid),
        Some(BillStatus::Outstanding) => Some(MonthStatus::Outstanding),
        None if first_billed.is_some_and(|first| month < first) => Some(MonthStatus::BeforeAccount),
        None => None,
    }
}

/// TR1: the `n` calendar months ending with the month that contains the day before `today`
/// (on 2024-06-05: 2024-01 … 2024-06; on 2024-06-01: 2023-12 … 2024-05).
pub fn window(today: NaiveDate, n: u32) -> (Month, Month) {
    let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    let last = Month::of(yesterday);
    let mut first = last;
    for _ in 1..n.max(1) {
        first = first.prev();
    }
    (first, last)
}

/// TR1: the longest trend shown, in months.
pub const MAX_MONTHS: u32 = 120;

/// TR1: `--months` counts 1 to [`MAX_MONTHS`] months.
pub fn check_length(months: u32) -> Result<u32> {
    if (1..=MAX_MONTHS).contains(&months) {
        Ok(months)
    } else {
        Err(Error::invalid(format!(
            "--months {months} is out of range; give 1 to {MAX_MONTHS}"
        )))
    }
}

/// The month a trend ending with `last` projects to its end: the running month (of
/// `today`) when the trend ends with it; on the 1st the trend ends with the month before,
/// which is over, and nothing is projected.
pub fn projected_month(today: NaiveDate, last: Month) -> Option<Month> {
    let running = Month::of(today);
    (running == last).then_some(running)
}

/// How [`project_month_end`] projects, in words for the view.
pub const PROJECTION_BASIS: &str =
    "monthly contracts to the end of the month + metered usage at its daily rate so far";

/// The month-end used amount of the running month, projected: monthly contracts charged to
/// the end of the month (or their end date), metered contracts at their run rate so far
/// (units used ÷ days elapsed × days in the month). `None` before a day has elapsed.
pub fn project_month_end(
    contracts: &[Contract],
    quantities: &Quantities,
    month: Month,
    period: &Period,
) -> Option<Krw> {
    let elapsed = period.days();
    if elapsed == 0 {
        return None;
    }
    let whole = Period {
        from: month.first_day(),
        to: Some(month.last_day()),
        complete: true,
    };
    let mut total = Krw::ZERO;
    for c in contracts {
        match c.plan {
            Plan::Monthly => {
                let days = super::rating::days_used(c, &whole);
                if days > 0 {
                    total += prorate(c.price, days, month);
                }
            }
            Plan::Metered => {
                let q = quantities.get(&c.contract_no).copied().unwrap_or_default();
                let projected_q = q * Decimal::from(month.days()) / Decimal::from(elapsed);
                total += metered_amount(c.price, projected_q);
            }
        }
    }
    Some(total)
}

/// The day a credit runs out if it keeps being used as it was this month (`used` over
/// `days` days), or `None` if it is not being used, is used up, or lasts past `valid_to`.
pub fn credit_runs_out(
    remaining: Krw,
    used: Krw,
    days: u32,
    today: NaiveDate,
    valid_to: NaiveDate,
) -> Option<NaiveDate> {
    if remaining.is_zero() || used.is_zero() || days == 0 {
        return None;
    }
    let daily = used.to_decimal() / Decimal::from(days);
    // Days of use from today on until the remaining credit is gone, counting today.
    let needed = (remaining.to_decimal() / daily).ceil();
    let needed = needed.to_u64()?;
    let day = today.checked_add_days(Days::new(needed.saturating_sub(1)))?;
    (day <= valid_to).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::period::usage_period;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn i12_17_months_before_the_account_are_marked_so() {
        use crate::billing::payment::BillStatus;
        let m = |s: &str| s.parse::<Month>().unwrap();
        let opened = Some(m("2024-01"));
        assert_eq!(
            month_status(m("2023-12"), opened, None),
            Some(MonthStatus::BeforeAccount)
        );
        assert_eq!(month_status(m("2024-01"), opened, None), None);
        assert_eq!(
            month_status(m("2024-01"), opened, Some(BillStatus::Paid)),
            Some(MonthStatus::Paid)
        );
        assert_eq!(month_status(m("2023-12"), None, None), None);
        // A bill NCP sent for a month before the account is still a bill.
        assert_eq!(
            month_status(m("2023-12"), opened, Some(BillStatus::Outstanding)),
            Some(MonthStatus::Outstanding)
        );
    }

    #[test]
    fn tr1_six_months_ending_with_the_day_before_now() {
        let (a, b) = window(d("2024-06-05"), 6);
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-01".into(), "2024-06".into())
        );
        let (a, b) = window(d("2024-06-01"), 6);
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2023-12".into(), "2024-05".into())
        );
        let (a, b) = window(d("2024-06-05"), 12);
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2023-07".into(), "2024-06".into())
        );
    }

    #[test]
    fn tr1_one_to_120_months() {
        assert_eq!(check_length(1).unwrap(), 1);
        assert_eq!(check_length(120).unwrap(), 120);
        for n in [0, 121] {
            assert_eq!(
                check_length(n).unwrap_err().to_string(),
                format!("--months {n} is out of range; give 1 to 120")
            );
        }
    }

    #[test]
    fn tr1_only_a_trend_ending_with_the_running_month_is_projected() {
        let (_, last) = window(d("2024-06-05"), 6);
        assert_eq!(projected_month(d("2024-06-05"), last), Some(last));
        let (_, last) = window(d("2024-06-01"), 6);
        assert_eq!(projected_month(d("2024-06-01"), last), None);
    }

    #[test]
    fn projection_runs_monthly_to_month_end_and_metered_at_its_rate() {
        let c = |no: &str, plan: Plan, price: Decimal, end: Option<&str>| Contract {
            contract_no: no.into(),
            service: "Server".into(),
            region: "KR".into(),
            plan,
            price,
            unit: "hour".into(),
            start_date: d("2024-01-01"),
            end_date: end.map(d),
        };
        let contracts = [
            c("M", Plan::Monthly, dec!(60000), None),
            c("E", Plan::Monthly, dec!(30000), Some("2024-06-15")),
            c("H", Plan::Metered, dec!(12), None),
        ];
        let month: Month = "2024-06".parse().unwrap();
        let period = usage_period(month, d("2024-06-11")).unwrap();
        // 10 days elapsed, 240 hours: 720 hours projected over 30 days.
        let q = Quantities::from_iter([("H".to_string(), dec!(240))]);
        let p = project_month_end(&contracts, &q, month, &period).unwrap();
        assert_eq!(p, Krw::new(60_000 + 15_000 + 8_640));
        let first = usage_period(month, d("2024-06-01")).unwrap();
        assert_eq!(project_month_end(&contracts, &q, month, &first), None);
    }

    #[test]
    fn a_credit_runs_out_at_the_current_rate() {
        // 4,000 used in 4 days: 1,000 a day; 2,500 left lasts today, tomorrow and half a day.
        assert_eq!(
            credit_runs_out(
                Krw::new(2_500),
                Krw::new(4_000),
                4,
                d("2024-06-05"),
                d("2024-12-31")
            ),
            Some(d("2024-06-07"))
        );
        assert_eq!(
            credit_runs_out(
                Krw::new(2_500),
                Krw::new(4_000),
                4,
                d("2024-06-05"),
                d("2024-06-06")
            ),
            None
        );
        assert_eq!(
            credit_runs_out(
                Krw::ZERO,
                Krw::new(4_000),
                4,
                d("2024-06-05"),
                d("2024-12-31")
            ),
            None
        );
        assert_eq!(
            credit_runs_out(
                Krw::new(2_500),
                Krw::ZERO,
                4,
                d("2024-06-05"),
                d("2024-12-31")
            ),
            None
        );
    }
}
