//! The payment calendar of a bill (SPEC P1, P2, P9, P10): when month M's bill is computed,
//! issued, paid automatically, becomes outstanding, and is charged late penalties.
//!
//! All instants are KST wall-clock times. The catch-up of every command walks these events in
//! order up to "now", so the ledger holds exactly what would have happened by then.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone};

use crate::calendar::Month;
use crate::clock::{kst, Instant};
use crate::money::Krw;

crate::choice::spelled! {
    /// What a message of the outbox announces.
    pub enum NotificationKind {
        /// A bill was issued (P1).
        BillIssued = "bill_issued",
        /// An automatic payment failed (P2).
        PaymentFailed = "payment_failed",
        /// A bill became outstanding (P9).
        Outstanding = "outstanding",
        /// Services will be blocked (P9).
        BlockingNotice = "blocking_notice",
        /// A late penalty was charged (P10).
        LatePenalty = "late_penalty",
    }
}

crate::choice::spelled! {
    /// How a message of the outbox is sent.
    pub enum Channel {
        /// By email, to the billing address.
        Email = "email",
        /// By SMS, to the registered phone.
        Sms = "sms",
    }
}

/// The first day of the regular automatic payment period.
pub const AUTO_FIRST_DAY: u32 = 10;
/// The last day of the regular automatic payment period.
pub const AUTO_LAST_DAY: u32 = 14;
/// The day bills are issued (sent by email and SMS).
pub const ISSUE_DAY: u32 = 3;

/// 00:00 KST on a date.
pub fn midnight(date: NaiveDate) -> Instant {
    at(date, NaiveTime::MIN)
}

/// A KST wall-clock time on a date.
pub fn at(date: NaiveDate, time: NaiveTime) -> Instant {
    kst()
        .from_local_datetime(&date.and_time(time))
        .single()
        .unwrap_or_else(|| kst().from_utc_datetime(&date.and_time(time)))
}

/// P1: the bill of `month` is computed at 00:00 on the 1st of the next month.
pub fn computed_at(month: Month) -> Instant {
    midnight(month.next().first_day())
}

/// P1: and issued at 00:00 on the 3rd of the next month; from then on it is final.
pub fn issued_at(month: Month) -> Instant {
    midnight(month.next().day(ISSUE_DAY))
}

/// P2: the automatic payment attempts, one a day at 00:00 from the 10th to the 14th.
pub fn auto_attempts(month: Month) -> impl Iterator<Item = Instant> {
    (AUTO_FIRST_DAY..=AUTO_LAST_DAY).map(move |d| midnight(month.next().day(d)))
}

/// P9: a bill not fully paid when the automatic payment period ends (end of the 14th) is
/// outstanding from 00:00 on the 15th.
pub fn outstanding_at(month: Month) -> Instant {
    midnight(month.next().day(AUTO_LAST_DAY + 1))
}

/// P9: services of a member whose bill is still unpaid when it is carried forward (00:00 on
/// the 1st of the month after it became outstanding) are blocked, as the notice sent when it
/// became outstanding said.
pub fn blocking_at(month: Month) -> Instant {
    midnight(month.next().next().first_day())
}

/// P10: the first day a late penalty can fall on a bill of `month`: the 1st of the month
/// after the one in which it became outstanding.
pub fn first_penalty_day(month: Month) -> NaiveDate {
    month.next().next().first_day()
}

/// P10: whether a late penalty on a bill of `month` may fall on `day`: the 1st of a month,
/// from [`first_penalty_day`] on.
pub fn is_penalty_day(month: Month, day: NaiveDate) -> bool {
    day >= first_penalty_day(month) && day.day() == 1
}

/// P10: the instants at which a late penalty is due while the bill is unpaid: 00:00 on each
/// penalty day ([`is_penalty_day`]), up to `now`.
pub fn penalty_dates(month: Month, now: Instant) -> impl Iterator<Item = Instant> {
    let mut m = Month::of(first_penalty_day(month));
    std::iter::from_fn(move || {
        let t = midnight(m.first_day());
        if t > now {
            return None;
        }
        m = m.next();
        Some(t)
    })
}

/// P10: the penalty date after `after` (itself a penalty date), if it is not after `now`: the
/// catch-up walks a carried bill's penalties one month at a time.
pub fn next_penalty_date(after: Instant, now: Instant) -> Option<Instant> {
    let t = midnight(Month::of(after.date_naive()).next().first_day());
    (t <= now).then_some(t)
}

/// P1: the subject of month M's bill notice: the bill, and what is still due after the credit
/// balance paid what it could (the notice never asks for money the credit already paid).
pub fn bill_notice(month: Month, billed: Krw, due: Krw) -> String {
    let from = month.next().day(AUTO_FIRST_DAY);
    let to = month.next().day(AUTO_LAST_DAY);
    let bill = billed.grouped();
    if due == billed {
        format!("Your {month} bill: {bill} KRW, due {from} to {to}")
    } else if due.is_zero() {
        format!("Your {month} bill: {bill} KRW, paid from your credit balance; nothing is due")
    } else {
        format!(
            "Your {month} bill: {bill} KRW, {} KRW of it paid from your credit balance; {} KRW due {from} to {to}",
            (billed - due).grouped(),
            due.grouped()
        )
    }
}

/// P9, P10: the subject of month M's outstanding notice, sent on `sent`. Sent before the first
/// penalty day (the 15th, as the calendar has it) it says how to avoid a penalty; sent later
/// (a bill that reached the ledger or was reopened late) that date has passed, so it says what
/// is true then: the payment period is over and penalties apply, never a deadline gone by.
pub fn outstanding_notice(month: Month, unpaid: Krw, sent: NaiveDate) -> String {
    let amount = unpaid.grouped();
    let first_penalty = first_penalty_day(month);
    if sent < first_penalty {
        format!(
            "Your {month} bill has an outstanding amount of {amount} KRW; pay it by {} to avoid a late penalty",
            month.next().last_day()
        )
    } else {
        format!(
            "Your {month} bill has an outstanding amount of {amount} KRW; its payment period ended {}, and a late penalty is charged on the 1st of each month from {first_penalty} until it is paid",
            month.next().day(AUTO_LAST_DAY)
        )
    }
}

/// P9: the subject of month M's blocking notice, sent on `sent`: services may be blocked from
/// [`blocking_at`]; sent on or after that day, they may be blocked already, and it says so.
pub fn blocking_notice(month: Month, sent: NaiveDate) -> String {
    let from = blocking_at(month).date_naive();
    if sent < from {
        format!(
            "Notice: unless the {month} bill is paid, services may be blocked from {from} and resources terminated"
        )
    } else {
        format!(
            "Notice: the {month} bill is still unpaid; services may be blocked since {from} and resources terminated unless it is paid"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::rfc3339;

    #[test]
    fn p9_p10_a_notice_sent_late_names_no_date_gone_by() {
        let sep: Month = "2026-09".parse().unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let unpaid = Krw::new(152_776);
        assert_eq!(
            outstanding_notice(sep, unpaid, day("2026-10-15")),
            "Your 2026-09 bill has an outstanding amount of 152,776 KRW; pay it by 2026-10-31 \
             to avoid a late penalty"
        );
        assert_eq!(
            outstanding_notice(sep, unpaid, day("2026-10-31")),
            outstanding_notice(sep, unpaid, day("2026-10-15"))
        );
        assert_eq!(
            outstanding_notice(sep, unpaid, day("2026-11-01")),
            "Your 2026-09 bill has an outstanding amount of 152,776 KRW; its payment period \
             ended 2026-10-14, and a late penalty is charged on the 1st of each month from \
             2026-11-01 until it is paid"
        );
        assert_eq!(
            blocking_notice(sep, day("2026-10-31")),
            "Notice: unless the 2026-09 bill is paid, services may be blocked from 2026-11-01 \
             and resources terminated"
        );
        assert_eq!(
            blocking_notice(sep, day("2026-11-20")),
            "Notice: the 2026-09 bill is still unpaid; services may be blocked since 2026-11-01 \
             and resources terminated unless it is paid"
        );
    }

    #[test]
    fn p1_the_bill_notice_asks_only_for_what_the_credit_left() {
        let apr: Month = "2024-04".parse().unwrap();
        let won = Krw::new;
        assert_eq!(
            bill_notice(apr, won(55_000), won(55_000)),
            "Your 2024-04 bill: 55,000 KRW, due 2024-05-10 to 2024-05-14"
        );
        assert_eq!(
            bill_notice(apr, won(55_000), won(0)),
            "Your 2024-04 bill: 55,000 KRW, paid from your credit balance; nothing is due"
        );
        assert_eq!(
            bill_notice(apr, won(55_000), won(11_000)),
            "Your 2024-04 bill: 55,000 KRW, 44,000 KRW of it paid from your credit balance; \
             11,000 KRW due 2024-05-10 to 2024-05-14"
        );
    }

    #[test]
    fn p1_p2_p9_the_calendar_of_a_january_bill() {
        let jan: Month = "2024-01".parse().unwrap();
        assert_eq!(rfc3339(computed_at(jan)), "2024-02-01T00:00:00+09:00");
        assert_eq!(rfc3339(issued_at(jan)), "2024-02-03T00:00:00+09:00");
        let attempts: Vec<_> = auto_attempts(jan).map(rfc3339).collect();
        assert_eq!(attempts.first().unwrap(), "2024-02-10T00:00:00+09:00");
        assert_eq!(attempts.last().unwrap(), "2024-02-14T00:00:00+09:00");
        assert_eq!(attempts.len(), 5);
        assert_eq!(rfc3339(outstanding_at(jan)), "2024-02-15T00:00:00+09:00");
        assert_eq!(rfc3339(blocking_at(jan)), "2024-03-01T00:00:00+09:00");
    }

    #[test]
    fn p10_penalties_fall_on_the_first_of_each_later_month() {
        let jan: Month = "2024-01".parse().unwrap();
        let now = crate::clock::parse_as_of("2024-04-01").unwrap();
        let dates: Vec<_> = penalty_dates(jan, now).map(rfc3339).collect();
        assert_eq!(
            dates,
            ["2024-03-01T00:00:00+09:00", "2024-04-01T00:00:00+09:00"]
        );
        let before = crate::clock::parse_as_of("2024-02-29T23:59").unwrap();
        assert_eq!(penalty_dates(jan, before).count(), 0);
        // One at a time, as the catch-up walks them: the same dates.
        let first = penalty_dates(jan, now).next().unwrap();
        let second = next_penalty_date(first, now).unwrap();
        assert_eq!(rfc3339(second), "2024-04-01T00:00:00+09:00");
        assert_eq!(next_penalty_date(second, now), None);
        for t in penalty_dates(jan, now) {
            assert!(is_penalty_day(jan, t.date_naive()));
        }
    }

    #[test]
    fn p10_a_penalty_day_is_a_first_from_the_month_after_outstanding() {
        let jan: Month = "2024-01".parse().unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(first_penalty_day(jan), day("2024-03-01"));
        assert!(!is_penalty_day(jan, day("2024-02-01")));
        assert!(is_penalty_day(jan, day("2024-03-01")));
        assert!(!is_penalty_day(jan, day("2024-04-15")));
        assert!(is_penalty_day(jan, day("2025-01-01")));
    }
}
