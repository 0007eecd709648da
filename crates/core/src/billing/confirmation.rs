//! The usage confirmation (SPEC H5): which months may have one.
//!
//! A confirmation covers a whole month that has a bill (12.17): its payment status and paid
//! amount come from the bill's balance, the one `pay` shows.

use chrono::NaiveDate;

use super::period::usage_period;
use super::schedule;
use crate::calendar::Month;
use crate::clock;
use crate::error::{Error, Result};

/// H5: a confirmation covers a whole month, so `month` must be over on `today`.
pub fn check_month_over(month: Month, today: NaiveDate) -> Result<()> {
    if usage_period(month, today)?.complete {
        return Ok(());
    }
    Err(Error::refused(format!(
        "H5: {month} is not over yet; a usage confirmation covers a whole month (the last one is {})",
        month.prev()
    )))
}

/// H5, 12.17: why a month without a bill has no confirmation: it falls before the account
/// was opened in `first` (bills start with that month), or its bill is not issued yet.
pub fn no_bill(month: Month, first: Option<Month>) -> Error {
    Error::refused(match first {
        Some(first) if month < first => format!(
            "H5: {month} is before the account was opened ({first}), so it has no bill and no usage confirmation; the first month with one is {first}"
        ),
        _ => format!(
            "H5: {month} has no bill yet (it is issued at {}); issue its usage confirmation from then",
            clock::rfc3339(schedule::issued_at(month))
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn h5_only_a_month_that_is_over() {
        assert!(check_month_over(m("2024-05"), d("2024-06-01")).is_ok());
        let e = check_month_over(m("2024-06"), d("2024-06-15")).unwrap_err();
        assert_eq!(e.rule(), Some("H5"));
        assert!(e.sentence().contains("the last one is 2024-05"), "{e}");
        // A month after "now" has no period at all.
        assert!(check_month_over(m("2024-07"), d("2024-06-15")).is_err());
    }

    #[test]
    fn h5_a_month_without_a_bill_says_why() {
        let before = no_bill(m("2023-12"), Some(m("2024-01")));
        assert!(before
            .sentence()
            .contains("before the account was opened (2024-01)"));
        let pending = no_bill(m("2024-05"), Some(m("2024-01")));
        assert!(
            pending
                .sentence()
                .contains("issued at 2024-06-03T00:00:00+09:00"),
            "{pending}"
        );
        assert_eq!(no_bill(m("2024-05"), None).sentence(), pending.sentence());
    }
}
