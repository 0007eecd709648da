//! `account show`: the member, the billing email and the payment method (SPEC A1, A2, P11).

use std::fmt::Write as _;

use serde::Serialize;

use super::layout::{Column, Grid};
use super::{MethodView, Report, Style};
use ncp_usage_core::billing::account::{display_name, Business, Member};
use ncp_usage_core::clock;
use ncp_usage_ledger::account::Change;

/// The `account show` document.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    /// The member.
    pub member: Member,
    /// The registered payment method (`kind` `none` when there is none).
    pub payment_method: MethodView,
    /// Its label, as the portal names it (also `payment_method.label`).
    pub payment_method_label: Option<String>,
    /// The changes of the account, oldest first.
    pub changes: Vec<Change>,
    /// A business member's company name and registration number, if set.
    pub business: Option<Business>,
}

impl Report for AccountView {
    fn human(&self, style: Style) -> String {
        let m = &self.member;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Name            {}",
            display_name(&m.first_name, &m.last_name)
        );
        let _ = writeln!(out, "Email           {}", m.email);
        let _ = writeln!(
            out,
            "Member type     {}{}",
            m.member_type.as_str(),
            if m.expatriate { " (expatriate)" } else { "" }
        );
        if let Some(b) = &self.business {
            if let Some(c) = &b.company {
                let _ = writeln!(out, "Company         {c}");
            }
            if let Some(n) = &b.business_no {
                let _ = writeln!(out, "Business no.    {n}");
            }
        }
        let _ = writeln!(out, "Billing email   {}", m.billing_email);
        let _ = writeln!(
            out,
            "Phone (SMS)     {}",
            m.phone.as_deref().unwrap_or("none registered")
        );
        let _ = writeln!(out, "Payment method  {}", self.payment_method.label);
        if !self.changes.is_empty() {
            let mut t = Grid::new(
                style,
                vec![
                    Column::fixed("When"),
                    Column::fixed("Change"),
                    Column::text("Value"),
                ],
            );
            for c in &self.changes {
                t.row(vec![clock::rfc3339(c.at), c.field.clone(), c.value.clone()]);
            }
            let _ = writeln!(out, "\n{t}");
        }
        out
    }
}
