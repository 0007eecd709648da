//! Late penalties (SPEC P10): 1.5 % of the unpaid bill amount, VAT included and earlier
//! penalties not, truncated to won, at the start of each month the bill is carried.
//!
//! NCP's bills carry the penalty NCP had charged when it wrote them (`overduePlusAmount`,
//! issue 14): that figure stands for every penalty day up to that instant, and P10 projects
//! the days after it, at NCP's own rate ([`ncp_remainder`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::Month;

use crate::exact::Exact;
use crate::money::{checked_truncate_won, Krw};

/// The late penalty rate: 1.5 %.
pub fn default_ratio() -> Decimal {
    Decimal::new(15, 3)
}

/// P10: the penalty due on a penalty day ([`super::schedule::is_penalty_day`]) on a bill whose
/// principal is unpaid then, at the bill's `ratio` (NCP's `overdueRatio` for NCP's bills,
/// 1.5 % otherwise), truncated. The ratio is taken between 0 and 100 %, so a penalty never
/// exceeds its principal and stays under the ceiling (M1).
pub fn due(unpaid_principal: Krw, ratio: Decimal) -> Krw {
    let ratio = ratio.clamp(Decimal::ZERO, Decimal::ONE);
    checked_truncate_won(unpaid_principal.clamp_zero().to_decimal() * ratio)
        .unwrap_or(unpaid_principal.clamp_zero())
}

/// Issue 14, M2: the penalty NCP's bill adds on the day NCP wrote it: NCP's
/// `overduePlusAmount` truncated to won, less what the ledger already charged the bill up to
/// then (P10's days before NCP knew of it, NCP's figure of an earlier writing), so that the
/// bill's penalties up to that day are NCP's figure; never below 0 (a penalty charged is
/// not taken back).
pub fn ncp_remainder(ncp_penalty: Exact, charged: Krw) -> Krw {
    let ncp = checked_truncate_won(ncp_penalty.value().max(Decimal::ZERO)).unwrap_or(Krw::ZERO);
    ncp.checked_sub(charged).unwrap_or(Krw::ZERO).clamp_zero()
}

/// Issue 14: a late penalty P10 charged on penalty day `charged_on` is taken back when NCP
/// reports the bill paid up on `paid_on` (KST), a day before it: NCP's payment paid the bill
/// then, so no penalty accrued after. A penalty day on or before the day NCP was paid stays
/// (the penalty falls at 00:00, when the bill was still unpaid).
pub fn taken_back(charged_on: NaiveDate, paid_on: NaiveDate) -> bool {
    charged_on > paid_on
}

/// Why a credit of kind `penalty` was recorded: what the member paid on the late penalties
/// of `month`'s bill that NCP's paid-up state took back.
pub fn taken_back_reason(month: Month, paid_on: NaiveDate) -> String {
    format!("late penalties of the {month} bill taken back: NCP reports it paid up on {paid_on}")
}

/// A penalty row whose day does not read as a date.
pub fn damaged_day(month: Month, day: &str) -> String {
    format!("a late penalty of the {month} bill holds a damaged day '{day}'; restore the ledger from a backup")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn m2_ncp_penalty_is_truncated_and_never_counts_what_was_charged_twice() {
        let e = |s: &str| s.parse::<Exact>().unwrap();
        assert_eq!(ncp_remainder(e("3300.9"), Krw::ZERO), Krw::new(3_300));
        assert_eq!(ncp_remainder(e("3300"), Krw::new(1_650)), Krw::new(1_650));
        assert_eq!(ncp_remainder(e("3300"), Krw::new(3_300)), Krw::ZERO);
        assert_eq!(ncp_remainder(e("1000"), Krw::new(3_300)), Krw::ZERO);
        assert_eq!(ncp_remainder(e("-5"), Krw::ZERO), Krw::ZERO);
    }

    #[test]
    fn i14_p10_only_penalty_days_after_ncps_paid_up_day_are_taken_back() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(taken_back(d("2024-06-01"), d("2024-05-20")));
        assert!(taken_back(d("2024-06-01"), d("2024-05-31")));
        assert!(!taken_back(d("2024-06-01"), d("2024-06-01")));
        assert!(!taken_back(d("2024-06-01"), d("2024-06-20")));
    }

    #[test]
    fn p10_one_and_a_half_percent_truncated() {
        assert_eq!(due(Krw::new(110_000), default_ratio()), Krw::new(1_650));
        assert_eq!(due(Krw::new(220_000), default_ratio()), Krw::new(3_300));
        assert_eq!(due(Krw::new(54_670), default_ratio()), Krw::new(820));
        assert_eq!(due(Krw::new(66), default_ratio()), Krw::new(0));
        assert_eq!(due(Krw::ZERO, default_ratio()), Krw::ZERO);
    }

    #[test]
    fn m1_p10_a_penalty_never_exceeds_its_principal() {
        let max = Krw::new(crate::money::MAX_WON);
        assert_eq!(due(max, Decimal::from(50)), max);
        assert_eq!(due(Krw::new(1_000), Decimal::from(-1)), Krw::ZERO);
        assert_eq!(due(max, default_ratio()), Krw::new(15_000_000_000_000));
    }
}
