//! Months and business days (SPEC C1).
//!
//! Billing is organised by calendar month, and several deadlines count business days: a
//! weekday that is not a holiday of the ledger's calendar. The calendar itself is data (Korean
//! public holidays ship in `fixtures/holidays/`, users add more), so it is passed in here.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Serialize, Serializer};

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// Why a text is not a month.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}' is not a month; write YYYY-MM with a month from 01 to 12, e.g. 2024-05")]
pub struct MonthError(pub String);

impl Month {
    /// The month of a year, if `month` is 1–12 and the year is 1–9999.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1–12.
    pub fn number(self) -> u32 {
        self.month
    }

    /// The given day of the month, clamped to its last day.
    pub fn day(self, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, day.clamp(1, self.days()))
            .unwrap_or_else(|| self.first_day())
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .unwrap_or_else(|| self.first_day())
    }

    /// How many days the month has (28–31).
    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before this one.
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = MonthError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || MonthError(s.to_string());
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return Err(err());
        }
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        if !digits(&b[..4]) || !digits(&b[5..]) {
            return Err(err());
        }
        let year = s[..4].parse().map_err(|_| err())?;
        let month = s[5..].parse().map_err(|_| err())?;
        Month::new(year, month).ok_or_else(err)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A holiday calendar: the days that are not business days besides weekends.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar with these holidays.
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            holidays: holidays.into_iter().collect(),
        }
    }

    /// C1: a weekday that is not a holiday.
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// C1: the `n`-th business day counted strictly after `date` (n ≥ 1).
    pub fn business_days_after(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day = day.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
            if day == NaiveDate::MAX {
                break;
            }
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!("2024-02".parse::<Month>().unwrap().days(), 29);
        assert_eq!("2023-02".parse::<Month>().unwrap().days(), 28);
        for bad in [
            "2024-13",
            "0000-00",
            "2024-00",
            "2024-2",
            "24-02",
            "2024/02",
            "2024-02-01",
            "",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        let dec: Month = "2023-12".parse().unwrap();
        assert_eq!(dec.next().to_string(), "2024-01");
        assert_eq!(dec.next().prev(), dec);
    }

    #[test]
    fn c1_counts_business_days_strictly_after() {
        // Seollal 2024: 9–12 February.
        let cal = Calendar::new(["2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12"].map(d));
        assert_eq!(cal.business_days_after(d("2024-02-16"), 1), d("2024-02-19"));
        assert_eq!(cal.business_days_after(d("2024-02-08"), 1), d("2024-02-13"));
        assert_eq!(cal.business_days_after(d("2024-02-01"), 3), d("2024-02-06"));
        assert!(!cal.is_business_day(d("2024-02-12")));
        assert!(cal.is_business_day(d("2024-02-13")));
    }
}
