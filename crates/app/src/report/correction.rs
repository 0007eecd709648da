//! Corrections of issued bills (P1) as the views say them. A bill stays as issued; when NCP
//! revises a month after that (or a later import re-rates it), the difference is recorded as
//! a correction and carried into the next bill, which is what `pay` lists. So the corrected
//! month says by how much and when it was corrected and which bill carries it, and the month
//! whose bill carries it says so too: `history` of either month agrees with `pay`.

use serde::Serialize;

use super::layout::signed;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock::{self, Instant};
use ncp_usage_core::money::Krw;
use ncp_usage_ledger::bills::Adjustment;

/// One correction of an issued bill.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    /// The usage month whose bill was corrected.
    pub month: Month,
    /// The correction, VAT included (negative for a credit).
    pub amount: Krw,
    /// When it was recorded.
    #[serde(serialize_with = "clock::serde_rfc3339")]
    pub recorded_at: Instant,
    /// The bill that carries it and is paid with it; `null` until the next bill is issued.
    pub carried_into: Option<Month>,
    /// Why, in words.
    pub reason: String,
}

impl From<Adjustment> for Correction {
    fn from(a: Adjustment) -> Correction {
        Correction {
            month: a.month,
            amount: a.amount,
            recorded_at: a.recorded_at,
            carried_into: a.carried_into,
            reason: a.reason,
        }
    }
}

impl Correction {
    /// The corrected month's sentence: "+11,000 KRW on 2026-11-25 (why); carried into the
    /// 2026-11 bill, as `pay` lists it".
    pub fn of_month(&self) -> String {
        format!(
            "{} KRW on {} ({}); {}",
            signed(self.amount),
            self.recorded_at.date_naive(),
            self.reason,
            match self.carried_into {
                Some(into) => format!("carried into the {into} bill, as `pay` lists it"),
                None => "the next bill issued carries it".to_string(),
            }
        )
    }

    /// The carrying month's sentence: "+11,000 KRW correcting the 2026-10 bill (recorded on
    /// 2026-11-25), billed with this month's bill, as `pay` lists it".
    pub fn carried(&self) -> String {
        format!(
            "{} KRW correcting the {} bill (recorded on {}), billed with this month's bill, as `pay` lists it",
            signed(self.amount),
            self.month,
            self.recorded_at.date_naive()
        )
    }
}
