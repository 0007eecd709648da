//! The period of usage a month's history covers (SPEC H2).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::calendar::Month;

/// The days of a month whose usage counts, both ends inclusive. Empty on the 1st of the
/// current month: nothing has accrued yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day counted (always the 1st of the month).
    pub from: NaiveDate,
    /// The last day counted; `None` when the period is empty.
    pub to: Option<NaiveDate>,
    /// Whether the period is the whole month (the month has ended as of "now").
    pub complete: bool,
}

impl Period {
    /// How many days the period counts.
    pub fn days(&self) -> u32 {
        self.to.map_or(0, |to| {
            u32::try_from((to - self.from).num_days() + 1).unwrap_or(0)
        })
    }

    /// Whether `date` is inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.to.is_some_and(|to| self.from <= date && date <= to)
    }
}

/// Why a month has no usage period yet.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{month} has not started as of {today}; choose a month up to {current}")]
pub struct FutureMonth {
    /// The month asked for.
    pub month: Month,
    /// The day of "now".
    pub today: NaiveDate,
    /// The month of "now".
    pub current: Month,
}

/// H2: a past month counts every day; the month containing `today` counts from the 1st to
/// the day before `today`; a month after it has no period.
pub fn usage_period(month: Month, today: NaiveDate) -> Result<Period, FutureMonth> {
    let current = Month::of(today);
    if month > current {
        return Err(FutureMonth {
            month,
            today,
            current,
        });
    }
    if month < current {
        return Ok(Period {
            from: month.first_day(),
            to: Some(month.last_day()),
            complete: true,
        });
    }
    let yesterday = today.checked_sub_days(Days::new(1));
    Ok(Period {
        from: month.first_day(),
        to: yesterday.filter(|y| month.contains(*y)),
        complete: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn h2_current_month_runs_to_the_day_before_now() {
        let p = usage_period("2024-02".parse().unwrap(), d("2024-02-15")).unwrap();
        assert_eq!(
            (p.from, p.to, p.days()),
            (d("2024-02-01"), Some(d("2024-02-14")), 14)
        );
        assert!(!p.complete);
    }

    #[test]
    fn h2_on_the_first_the_period_is_empty() {
        let p = usage_period("2024-03".parse().unwrap(), d("2024-03-01")).unwrap();
        assert_eq!((p.to, p.days()), (None, 0));
        assert!(!p.contains(d("2024-03-01")));
    }

    #[test]
    fn h2_past_months_are_whole_and_future_ones_refused() {
        let p = usage_period("2024-02".parse().unwrap(), d("2024-03-01")).unwrap();
        assert_eq!(
            (p.to, p.days(), p.complete),
            (Some(d("2024-02-29")), 29, true)
        );
        assert!(usage_period("2024-04".parse().unwrap(), d("2024-03-31")).is_err());
    }
}
