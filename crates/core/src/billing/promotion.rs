//! Promotions and credits (SPEC PR1, PR2): the discounts they give on fee lines.
//!
//! NCP's order: credits first — the one that expires first, then the one provided first —
//! each only on its designated service, within its validity and never beyond what remains of
//! it; then promotion discount rates on what is left after credits. Every discount is computed
//! per fee line and truncated to won (M2). An expired credit is never used.
//!
//! A promotion covers only the usage inside its validity: a line whose period a validity
//! starts or ends in is split at those days into parts ([`cut_days`], [`Cumulative`]), and each
//! part gets the promotions valid on all of its days.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::facts::{Fault, FeeLine, Plan};
use super::period::Period;
use super::trend::credit_runs_out;
use crate::calendar::Month;
use crate::money::{truncate_won, Krw};

/// One promotion or credit on one service (SPEC §11 promotions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promotion {
    /// Its name.
    pub name: String,
    /// The service it applies to.
    pub service: String,
    /// How it is provided (`credit`, `discount`…).
    pub provision_type: String,
    /// The pricing plan it applies to: `monthly` or `metered` limit it to contracts of that
    /// plan; anything else applies to all.
    pub pricing_plan: String,
    /// How many were provided.
    pub provided: i64,
    /// How many were used.
    pub used: i64,
    /// A discount rate in percent (`20` is 20 %), if it gives one.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub discount_rate: Option<Decimal>,
    /// A credit in won, if it gives one.
    pub credit: Option<Krw>,
    /// First day it applies.
    pub valid_from: NaiveDate,
    /// Last day it applies.
    pub valid_to: NaiveDate,
}

impl Promotion {
    /// §11 promotions: a promotion is used at most as many times as it was provided, and
    /// its validity ends on or after the day it starts.
    pub fn validate(&self) -> Result<(), Fault> {
        if self.used > self.provided {
            return Err(Fault::UsedAboveProvided);
        }
        if self.valid_to < self.valid_from {
            return Err(Fault::ValidToBeforeFrom);
        }
        Ok(())
    }

    /// The key credits are tracked by.
    pub fn key(&self) -> (String, String) {
        (self.name.clone(), self.service.clone())
    }

    /// Whether it applies to any day of `period`.
    pub fn valid_in(&self, period: &Period) -> bool {
        period
            .to
            .is_some_and(|to| self.valid_from <= to && period.from <= self.valid_to)
    }

    fn fits(&self, line: &FeeLine, plans: &HashMap<String, Plan>) -> bool {
        if self.service != line.service {
            return false;
        }
        match (self.pricing_plan.as_str(), plans.get(&line.contract_no)) {
            ("monthly", Some(p)) => *p == Plan::Monthly,
            ("metered", Some(p)) => *p == Plan::Metered,
            _ => true,
        }
    }
}

/// How much of each credit (by name and service) has been used.
pub type CreditUse = BTreeMap<(String, String), Krw>;

/// Each contract's amount used from the period's first day through each cut day, truncated
/// (M2): where its line splits. A contract without an entry is not split.
pub type Cumulative = HashMap<String, Vec<(NaiveDate, Krw)>>;

/// PR2: the days of `period` after which some promotion's validity starts or ends (the day
/// before its first day, its last day), excluding the period's last day, in order.
pub fn cut_days(promotions: &[Promotion], period: &Period) -> Vec<NaiveDate> {
    let Some(to) = period.to else {
        return Vec::new();
    };
    let mut days: Vec<NaiveDate> = promotions
        .iter()
        .filter(|p| p.valid_in(period))
        .flat_map(|p| [p.valid_from.pred_opt(), Some(p.valid_to)])
        .flatten()
        .filter(|d| period.from <= *d && *d < to)
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The parts of a line: (first day, last day, amount), in order; their amounts add up to the
/// line's used amount.
fn parts(
    line: &FeeLine,
    period: &Period,
    cumulative: &Cumulative,
) -> Vec<(NaiveDate, NaiveDate, Krw)> {
    let Some(to) = period.to else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut from, mut before) = (period.from, Krw::ZERO);
    for &(day, through) in cumulative.get(&line.contract_no).into_iter().flatten() {
        let through = through.min(line.used_amount).max(before);
        out.push((from, day, through - before));
        before = through;
        from = day.succ_opt().unwrap_or(day);
    }
    out.push((from, to, line.used_amount - before));
    out
}

/// PR2: credits in the order NCP applies them: earliest expiry, then earliest provided.
fn credit_order(promotions: &[Promotion]) -> Vec<&Promotion> {
    let mut credits: Vec<&Promotion> = promotions.iter().filter(|p| p.credit.is_some()).collect();
    credits.sort_by(|a, b| {
        (a.valid_to, a.valid_from, &a.name).cmp(&(b.valid_to, b.valid_from, &b.name))
    });
    credits
}

/// PR1, PR2: applies credits then rates to a month's lines (in place), given what each credit
/// had used before this month, each only to the part of a line inside its validity
/// (`cumulative` splits the lines at [`cut_days`]). Returns what each credit used in this
/// month.
pub fn apply(
    lines: &mut [FeeLine],
    plans: &HashMap<String, Plan>,
    promotions: &[Promotion],
    period: &Period,
    cumulative: &Cumulative,
    used_before: &CreditUse,
) -> CreditUse {
    let credits: Vec<&Promotion> = credit_order(promotions)
        .into_iter()
        .filter(|p| p.valid_in(period))
        .collect();
    let mut remaining: Vec<Krw> = credits
        .iter()
        .map(|c| {
            let total = c.credit.unwrap_or_default();
            (total - used_before.get(&c.key()).copied().unwrap_or_default()).clamp_zero()
        })
        .collect();
    let mut rates: Vec<&Promotion> = promotions
        .iter()
        .filter(|p| p.discount_rate.is_some_and(|r| r > Decimal::ZERO) && p.valid_in(period))
        .collect();
    rates.sort_by(|a, b| {
        (a.valid_to, a.valid_from, &a.name).cmp(&(b.valid_to, b.valid_from, &b.name))
    });
    let mut used_now = CreditUse::new();
    for line in lines.iter_mut() {
        let mut discount = line.discount_amount;
        // A discount already on the line comes off its first parts.
        let mut already = line.discount_amount;
        for (first, last, amount) in parts(line, period, cumulative) {
            let mut left = amount;
            let off = left.min(already);
            left -= off;
            already -= off;
            let covers = |p: &Promotion| p.valid_from <= first && last <= p.valid_to;
            for (credit, rem) in credits.iter().zip(remaining.iter_mut()) {
                if left.is_zero() {
                    break;
                }
                if !credit.fits(line, plans) || rem.is_zero() || !covers(credit) {
                    continue;
                }
                let take = left.min(*rem);
                *rem -= take;
                left -= take;
                discount += take;
                *used_now.entry(credit.key()).or_default() += take;
            }
            for rate in rates.iter().filter(|r| r.fits(line, plans) && covers(r)) {
                let pct = rate.discount_rate.unwrap_or_default();
                let d = truncate_won(left.to_decimal() * pct / Decimal::from(100)).min(left);
                left -= d;
                discount += d;
            }
        }
        line.discount_amount = discount;
        line.estimated_payment_amount = line.used_amount - discount;
    }
    used_now
}

/// Where a credit stands in time on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CreditPhase {
    /// Its first day has not been counted yet (usage counts up to the day before).
    NotStarted,
    /// Within its validity.
    Running,
    /// Past its last day: what is left is never used.
    Expired,
}

/// The phase of a credit on `today` (usage is counted up to the day before it).
fn credit_phase(p: &Promotion, today: NaiveDate) -> CreditPhase {
    let yesterday = today.pred_opt().unwrap_or(today);
    if p.valid_from > yesterday {
        CreditPhase::NotStarted
    } else if p.valid_to < today {
        CreditPhase::Expired
    } else {
        CreditPhase::Running
    }
}

/// PR2: the month whose running total of use is what a credit has used in all on `today`:
/// none before it starts; once it has expired, its last month (the rest expired unused);
/// while it runs, the month of `today`.
pub fn credit_counted_month(p: &Promotion, today: NaiveDate) -> Option<Month> {
    match credit_phase(p, today) {
        CreditPhase::NotStarted => None,
        CreditPhase::Expired => Some(Month::of(p.valid_to)),
        CreditPhase::Running => Some(Month::of(today)),
    }
}

crate::choice::spelled! {
    /// Where a credit stands (PR2).
    pub enum CreditStatus {
        /// Its validity has not begun.
        NotStarted = "not_started",
        /// Valid, with something left.
        Active = "active",
        /// Valid, and all used.
        UsedUp = "used_up",
        /// Past its validity.
        Expired = "expired",
    }
}

/// Where a credit stands on a day, as `promotions` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditOutlook {
    /// What is left of it.
    pub remaining: Krw,
    /// Where it stands.
    pub status: CreditStatus,
    /// While it runs: the day it runs out if it keeps being used at this month's rate, when
    /// that is before it expires.
    pub runs_out: Option<NaiveDate>,
}

/// PR2: where a credit of `credit` won stands on `today`, given what it has used in all
/// (`used`, read from [`credit_counted_month`]) and what of that it had used before this
/// month, whose `days` counted days give the rate it runs out at.
pub fn credit_outlook(
    p: &Promotion,
    credit: Krw,
    used: Krw,
    used_before_this_month: Krw,
    days: u32,
    today: NaiveDate,
) -> CreditOutlook {
    let phase = credit_phase(p, today);
    let remaining = (credit - used).clamp_zero();
    let status = match phase {
        CreditPhase::NotStarted => CreditStatus::NotStarted,
        CreditPhase::Expired => CreditStatus::Expired,
        CreditPhase::Running if remaining.is_zero() => CreditStatus::UsedUp,
        CreditPhase::Running => CreditStatus::Active,
    };
    let runs_out = (phase == CreditPhase::Running)
        .then(|| {
            let this_month = used - used_before_this_month;
            credit_runs_out(remaining, this_month, days, today, p.valid_to)
        })
        .flatten();
    CreditOutlook {
        remaining,
        status,
        runs_out,
    }
}

/// Adds one month's credit use to a running total. Checked (M1): a credit's use never passes
/// the credit, itself at most `MAX_WON`, so the sum stays inside the ceiling.
pub fn add_use(total: &mut CreditUse, month: CreditUse) {
    for (k, v) in month {
        let t = total.entry(k).or_default();
        *t = t.checked_add(v).unwrap_or(Krw::new(crate::money::MAX_WON));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::period::usage_period;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn line(contract: &str, service: &str, used: i64) -> FeeLine {
        FeeLine {
            month: "2024-03".parse().unwrap(),
            region: "KR".into(),
            service: service.into(),
            contract_no: contract.into(),
            item: "x".into(),
            quantity: dec!(1),
            unit: "day".into(),
            unit_price: dec!(1),
            used_amount: Krw::new(used),
            discount_amount: Krw::ZERO,
            estimated_payment_amount: Krw::new(used),
            ncp: None,
        }
    }

    fn promo(
        name: &str,
        service: &str,
        rate: Option<Decimal>,
        credit: Option<i64>,
        from: &str,
        to: &str,
    ) -> Promotion {
        Promotion {
            name: name.into(),
            service: service.into(),
            provision_type: "credit".into(),
            pricing_plan: "all".into(),
            provided: 1,
            used: 0,
            discount_rate: rate,
            credit: credit.map(Krw::new),
            valid_from: d(from),
            valid_to: d(to),
        }
    }

    fn period(month: &str) -> Period {
        let m: crate::calendar::Month = month.parse().unwrap();
        usage_period(m, m.next().first_day()).unwrap()
    }

    #[test]
    fn pr1_a_rate_is_truncated_per_line() {
        let mut lines = [line("A", "Server", 41_379)];
        apply(
            &mut lines,
            &HashMap::new(),
            &[promo(
                "Launch",
                "Server",
                Some(dec!(30)),
                None,
                "2024-01-01",
                "2024-12-31",
            )],
            &period("2024-03"),
            &Cumulative::new(),
            &CreditUse::new(),
        );
        assert_eq!(lines[0].discount_amount, Krw::new(12_413));
        assert_eq!(lines[0].estimated_payment_amount, Krw::new(28_966));
    }

    #[test]
    fn pr2_a_credit_spans_months_and_never_beyond_what_remains() {
        let credit = [promo(
            "Start",
            "Server",
            None,
            Some(10_000),
            "2024-03-01",
            "2024-12-31",
        )];
        let mut march = [line("A", "Server", 6_000)];
        let used_march = apply(
            &mut march,
            &HashMap::new(),
            &credit,
            &period("2024-03"),
            &Cumulative::new(),
            &CreditUse::new(),
        );
        assert_eq!(march[0].discount_amount, Krw::new(6_000));
        let mut april = [line("A", "Server", 7_000)];
        let used_april = apply(
            &mut april,
            &HashMap::new(),
            &credit,
            &period("2024-04"),
            &Cumulative::new(),
            &used_march,
        );
        assert_eq!(april[0].discount_amount, Krw::new(4_000));
        let mut total = used_march;
        add_use(&mut total, used_april);
        let mut may = [line("A", "Server", 5_000)];
        apply(
            &mut may,
            &HashMap::new(),
            &credit,
            &period("2024-05"),
            &Cumulative::new(),
            &total,
        );
        assert_eq!(may[0].discount_amount, Krw::ZERO);
    }

    #[test]
    fn pr2_credits_first_by_expiry_then_rates_on_what_is_left() {
        let promos = [
            promo(
                "Later",
                "Server",
                None,
                Some(5_000),
                "2024-01-01",
                "2024-12-31",
            ),
            promo(
                "Sooner",
                "Server",
                None,
                Some(3_000),
                "2024-02-01",
                "2024-06-30",
            ),
            promo(
                "Rate",
                "Server",
                Some(dec!(10)),
                None,
                "2024-01-01",
                "2024-12-31",
            ),
            promo(
                "Other",
                "NAS",
                None,
                Some(9_999),
                "2024-01-01",
                "2024-12-31",
            ),
            promo(
                "Expired",
                "Server",
                None,
                Some(9_999),
                "2023-01-01",
                "2024-02-29",
            ),
        ];
        let mut lines = [line("A", "Server", 10_000)];
        let used = apply(
            &mut lines,
            &HashMap::new(),
            &promos,
            &period("2024-03"),
            &Cumulative::new(),
            &CreditUse::new(),
        );
        // 3,000 (expires first) + 5,000, then 10 % of the 2,000 left.
        assert_eq!(lines[0].discount_amount, Krw::new(8_200));
        assert_eq!(
            used.get(&("Sooner".into(), "Server".into())),
            Some(&Krw::new(3_000))
        );
        assert_eq!(
            used.get(&("Later".into(), "Server".into())),
            Some(&Krw::new(5_000))
        );
        assert!(!used.contains_key(&("Expired".into(), "Server".into())));
    }

    /// Issue 11: a credit that expires on 15 March covers the line's part up to the 15th only.
    #[test]
    fn pr2_a_credit_covers_only_usage_inside_its_validity() {
        let credit = [promo(
            "Spring",
            "Server",
            None,
            Some(100_000),
            "2024-03-01",
            "2024-03-15",
        )];
        let march = period("2024-03");
        assert_eq!(cut_days(&credit, &march), vec![d("2024-03-15")]);
        // 31,000 for the month; 15,000 of it through the 15th.
        let cumulative =
            Cumulative::from([("A".to_string(), vec![(d("2024-03-15"), Krw::new(15_000))])]);
        let mut lines = [line("A", "Server", 31_000)];
        let used = apply(
            &mut lines,
            &HashMap::new(),
            &credit,
            &march,
            &cumulative,
            &CreditUse::new(),
        );
        assert_eq!(lines[0].discount_amount, Krw::new(15_000));
        assert_eq!(lines[0].estimated_payment_amount, Krw::new(16_000));
        assert_eq!(
            used.get(&("Spring".into(), "Server".into())),
            Some(&Krw::new(15_000))
        );
        // A rate from the 20th: 10 % of the 12,000 from the 20th on.
        let rate = [promo(
            "Late",
            "Server",
            Some(dec!(10)),
            None,
            "2024-03-20",
            "2024-12-31",
        )];
        assert_eq!(cut_days(&rate, &march), vec![d("2024-03-19")]);
        let cumulative =
            Cumulative::from([("A".to_string(), vec![(d("2024-03-19"), Krw::new(19_000))])]);
        let mut lines = [line("A", "Server", 31_000)];
        apply(
            &mut lines,
            &HashMap::new(),
            &rate,
            &march,
            &cumulative,
            &CreditUse::new(),
        );
        assert_eq!(lines[0].discount_amount, Krw::new(1_200));
    }

    #[test]
    fn pr1_pricing_plan_limits_a_promotion() {
        let mut p = promo(
            "Metered only",
            "Server",
            Some(dec!(50)),
            None,
            "2024-01-01",
            "2024-12-31",
        );
        p.pricing_plan = "metered".into();
        let plans = HashMap::from([
            ("A".to_string(), Plan::Monthly),
            ("B".to_string(), Plan::Metered),
        ]);
        let mut lines = [line("A", "Server", 1_000), line("B", "Server", 1_000)];
        apply(
            &mut lines,
            &plans,
            &[p],
            &period("2024-03"),
            &Cumulative::new(),
            &CreditUse::new(),
        );
        assert_eq!(
            (lines[0].discount_amount, lines[1].discount_amount),
            (Krw::ZERO, Krw::new(500))
        );
    }

    #[test]
    fn pr2_a_credit_counts_its_use_up_to_the_day_before() {
        let p = promo(
            "C",
            "Server",
            None,
            Some(10_000),
            "2024-06-01",
            "2024-06-30",
        );
        assert_eq!(credit_counted_month(&p, d("2024-06-01")), None);
        assert_eq!(
            credit_counted_month(&p, d("2024-06-02")),
            Some("2024-06".parse().unwrap())
        );
        // Expired: what it used up to its last month; the rest expired unused.
        assert_eq!(
            credit_counted_month(&p, d("2024-08-05")),
            Some("2024-06".parse().unwrap())
        );
    }

    /// A credit of 10,000 won that had used 3,500 before June, seen on a day of June with 4
    /// days counted: at 7,500 used in all, 4,000 in 4 days, the 2,500 left last to the 7th.
    #[rstest::rstest]
    #[case::running("2024-01-01", "2024-12-31", 7_500, 2_500, "active", Some("2024-06-07"))]
    #[case::used_up("2024-01-01", "2024-12-31", 10_000, 0, "used_up", None)]
    #[case::running_past_its_end("2024-01-01", "2024-06-06", 7_500, 2_500, "active", None)]
    #[case::not_started("2024-06-05", "2024-12-31", 0, 10_000, "not_started", None)]
    #[case::expired("2024-03-01", "2024-05-31", 4_000, 6_000, "expired", None)]
    fn pr2_where_a_credit_stands_and_when_it_runs_out(
        #[case] from: &str,
        #[case] to: &str,
        #[case] used: i64,
        #[case] remaining: i64,
        #[case] status: &str,
        #[case] runs_out: Option<&str>,
    ) {
        let p = promo("C", "Server", None, Some(10_000), from, to);
        let o = credit_outlook(
            &p,
            Krw::new(10_000),
            Krw::new(used),
            Krw::new(3_500),
            4,
            d("2024-06-05"),
        );
        assert_eq!(
            (o.remaining, o.status.as_str(), o.runs_out),
            (Krw::new(remaining), status, runs_out.map(d))
        );
    }
}
