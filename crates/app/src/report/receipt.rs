//! `receipt list`: cash receipts and tax invoices with their dates (SPEC R2, R3, §12).

use serde::Serialize;

use super::layout::{won, Column, Grid};
use super::{Report, Style};
use ncp_usage_core::billing::receipt::{Receipt, ReceiptKind};

/// The `receipt list` document.
#[derive(Debug, Clone, Serialize)]
pub struct Receipts {
    /// Whether automatic issuance of cash receipts is on now.
    pub automatic_issuance: bool,
    /// The receipts and invoices, by date.
    pub receipts: Vec<Receipt>,
}

impl Report for Receipts {
    fn human(&self, style: Style) -> String {
        let mut out = format!(
            "Automatic issuance of cash receipts: {}\n",
            if self.automatic_issuance { "on" } else { "off" }
        );
        if self.receipts.is_empty() {
            out.push_str("No cash receipts or tax invoices.\n");
            return out;
        }
        let mut t = Grid::new(
            style,
            vec![
                Column::text("Kind"),
                Column::fixed("Month"),
                Column::fixed("Payment").optional(1),
                Column::amount("Amount"),
                Column::fixed("Issued"),
                Column::fixed("Available on NTS"),
            ],
        );
        for r in &self.receipts {
            t.row(vec![
                match r.kind {
                    ReceiptKind::CashReceipt => "cash receipt",
                    ReceiptKind::TaxInvoice => "tax invoice",
                }
                .to_string(),
                r.month.to_string(),
                r.payment_id.map(|p| p.to_string()).unwrap_or_default(),
                won(r.amount),
                r.issued_on.to_string(),
                r.available_on.to_string(),
            ]);
        }
        out.push_str(&format!("{t}\n"));
        out
    }

    fn csv(&self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![[
            "kind",
            "month",
            "payment_id",
            "amount",
            "issued_on",
            "available_on",
        ]
        .map(String::from)
        .to_vec()];
        for r in &self.receipts {
            rows.push(vec![
                match r.kind {
                    ReceiptKind::CashReceipt => "cash_receipt".to_string(),
                    ReceiptKind::TaxInvoice => "tax_invoice".to_string(),
                },
                r.month.to_string(),
                r.payment_id.map(|p| p.to_string()).unwrap_or_default(),
                r.amount.to_string(),
                r.issued_on.to_string(),
                r.available_on.to_string(),
            ]);
        }
        Some(rows)
    }
}
