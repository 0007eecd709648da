//! A bill once it is stored (SPEC P1, P3): whether it is final, which corrections its own
//! payment settles, and what of the corrections it carries becomes credit. The ledger loads
//! what these rules look at and stores what they decide.

use super::schedule;
use crate::calendar::Month;
use crate::clock::Instant;
use crate::money::Krw;

crate::choice::spelled! {
    /// Where a stored bill's figures come from (P1).
    pub enum BillSource {
        /// Rated by ncp-usage from contracts and usage.
        Rated = "rated",
        /// Issued from an imported statement.
        Imported = "imported",
        /// NCP's own bill, imported.
        Ncp = "ncp",
    }
}

/// What P1's finality looks at in a stored bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBill {
    /// The usage month.
    pub month: Month,
    /// Whether money the member paid (a payment the ledger recorded, not NCP's paid-up
    /// state) was applied to it. Corrections of other months carried into it, and the credit
    /// they leave or that pays it, are not the member's money.
    pub paid_by_member: bool,
    /// Whether it holds NCP's figures (source `ncp`).
    pub from_ncp: bool,
    /// What it bills, VAT included.
    pub billed_amount: Krw,
    /// When it was issued.
    pub issued_at: Instant,
    /// When NCP wrote its bill for the month, when NCP's bill was imported and said.
    pub ncp_written_at: Option<Instant>,
}

impl StoredBill {
    /// P1: a bill the member paid money on is final, and so is any other bill the ledger
    /// issued with an amount (it was sent to the member); a 0-won bill that closed a month the
    /// ledger knew nothing of is not, even when it carries corrections of earlier months (they
    /// are not its own figures and stay carried into it when NCP's bill takes its place). An
    /// NCP bill is final once NCP wrote it after its month ended; before that it is
    /// preliminary, and NCP's later figures supersede it in place.
    pub fn is_final(&self) -> bool {
        self.paid_by_member
            || if self.from_ncp {
                let written = self.ncp_written_at.unwrap_or(self.issued_at);
                self.issued_at.max(written) >= schedule::computed_at(self.month)
            } else {
                !self.billed_amount.is_zero()
            }
    }
}

/// P1: when NCP reports a month paid up, the corrections of that month not carried into a
/// bill yet (`pending`, summed) go on the month's own bill, so that NCP's payment settles
/// them, as long as they add up to more than 0 (NCP collected more). Corrections that add up
/// to less stay for the next bill, where they become credit.
pub fn paid_up_settles(pending: Krw) -> bool {
    pending > Krw::ZERO
}

/// P1, P3: a bill is never negative. When the corrections carried into a bill take what it
/// is due (`due`, billed with corrections and earlier credit) below 0, the bill is left at 0
/// and the rest becomes a credit that pays the following bills; this is that credit (0 when
/// nothing went below 0).
pub fn excess_credit(due: Krw) -> Krw {
    if due >= Krw::ZERO {
        Krw::ZERO
    } else {
        Krw::ZERO - due
    }
}

/// P1: what a correction of an issued bill's month carries into the next bill — what the
/// month bills now, less what it was billed with the corrections recorded so far; nothing
/// when they agree.
pub fn correction(bills_now: Krw, billed_so_far: Krw) -> Option<Krw> {
    (bills_now != billed_so_far).then(|| bills_now - billed_so_far)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p1_a_correction_is_the_difference_and_only_when_there_is_one() {
        let k = Krw::new;
        assert_eq!(correction(k(69_300), k(58_300)), Some(k(11_000)));
        assert_eq!(correction(k(58_300), k(69_300)), Some(k(-11_000)));
        assert_eq!(correction(k(58_300), k(58_300)), None);
    }
    use crate::clock::parse_as_of;

    #[test]
    fn a_bill_source_is_spelled_one_way_in_the_ledger_and_json() {
        for source in [BillSource::Rated, BillSource::Imported, BillSource::Ncp] {
            assert_eq!(source.as_str().parse(), Ok(source));
            assert_eq!(
                serde_json::to_string(&source).unwrap(),
                format!("\"{source}\"")
            );
        }
        assert_eq!("NCP".parse::<BillSource>(), Err(()));
    }

    fn bill(
        paid_by_member: bool,
        from_ncp: bool,
        billed: i64,
        issued: &str,
        written: Option<&str>,
    ) -> StoredBill {
        StoredBill {
            month: "2024-02".parse().unwrap(),
            paid_by_member,
            from_ncp,
            billed_amount: Krw::new(billed),
            issued_at: parse_as_of(issued).unwrap(),
            ncp_written_at: written.map(|w| parse_as_of(w).unwrap()),
        }
    }

    #[test]
    fn p1_a_bill_the_ledger_issued_with_an_amount_is_final() {
        assert!(bill(false, false, 1_000, "2024-03-03", None).is_final());
        assert!(!bill(false, false, 0, "2024-03-03", None).is_final());
        assert!(bill(true, false, 0, "2024-03-03", None).is_final());
    }

    #[test]
    fn p1_an_ncp_bill_is_final_once_written_after_its_month() {
        assert!(!bill(false, true, 1_000, "2024-02-20", None).is_final());
        assert!(!bill(false, true, 1_000, "2024-02-20", Some("2024-02-29T23:59")).is_final());
        assert!(bill(false, true, 1_000, "2024-02-20", Some("2024-03-01")).is_final());
        assert!(bill(false, true, 0, "2024-03-01", None).is_final());
        assert!(bill(true, true, 1_000, "2024-02-20", None).is_final());
    }

    #[test]
    fn p1_ncp_paid_up_settles_only_corrections_that_add_up_to_more() {
        assert!(paid_up_settles(Krw::new(1)));
        assert!(!paid_up_settles(Krw::ZERO));
        assert!(!paid_up_settles(Krw::new(-500)));
    }

    #[test]
    fn p1_p3_what_goes_below_zero_becomes_credit() {
        assert_eq!(excess_credit(Krw::new(1_000)), Krw::ZERO);
        assert_eq!(excess_credit(Krw::ZERO), Krw::ZERO);
        assert_eq!(excess_credit(Krw::new(-2_500)), Krw::new(2_500));
    }
}
