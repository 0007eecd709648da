//! The tables of what NCP's Discount API records, for `promotions`: its credits and coins,
//! their use month by month, its product discounts and what each took off, and the discounts
//! it lists. Each amount is NCP's exact figure, beside its currency; a table with no rows is
//! left out.

use super::layout::{Column, Grid};
use super::promotions::NcpCredit;
use super::Style;
use ncp_usage_core::billing::ncp_discount::{Discount, ProductDiscount};
use ncp_usage_core::calendar::Month;
use ncp_usage_core::exact::Exact;

/// `title` and the table, or nothing when it has no rows.
fn titled(title: &str, t: Grid, rows: usize) -> String {
    if rows == 0 {
        return String::new();
    }
    format!("\n{title} (Discount API)\n{t}\n")
}

/// One row per credit or coin: granted, used, left.
pub(super) fn credits(credits: &[NcpCredit], style: Style) -> String {
    let mut t = Grid::new(
        style,
        vec![
            Column::text("Credit or coin"),
            Column::fixed("Kind"),
            Column::fixed("No."),
            Column::text("Type").optional(1),
            Column::text("Valid"),
            Column::amount("Received"),
            Column::amount("Used"),
            Column::amount("Remaining"),
            Column::fixed("Currency"),
            Column::text("Services").optional(2),
        ],
    );
    for NcpCredit {
        credit: c,
        used_amount,
    } in credits
    {
        t.row(vec![
            c.name.clone(),
            c.kind.as_str().to_string(),
            c.discount_no.clone(),
            c.type_code.clone().unwrap_or_default(),
            format!("{} – {}", c.valid_from, c.valid_to),
            c.received.grouped(),
            used_amount.grouped(),
            c.remaining.grouped(),
            c.currency.to_string(),
            if c.services.is_empty() {
                "any".to_string()
            } else {
                c.services.join(", ")
            },
        ]);
    }
    titled("NCP's credits and coins", t, credits.len())
}

/// One row per month and service (a coin's: member) a credit or coin was used for.
pub(super) fn uses(credits: &[NcpCredit], style: Style) -> String {
    let mut t = Grid::new(
        style,
        vec![
            Column::fixed("Month"),
            Column::text("Credit or coin"),
            Column::text("Service or member"),
            Column::amount("Used"),
            Column::amount("Remaining"),
            Column::fixed("Currency"),
        ],
    );
    let mut rows = 0;
    for NcpCredit { credit: c, .. } in credits {
        for u in &c.uses {
            rows += 1;
            t.row(vec![
                u.month.to_string(),
                c.name.clone(),
                u.service.clone(),
                u.used_amount.grouped(),
                u.remaining_amount.grouped(),
                c.currency.to_string(),
            ]);
        }
    }
    titled("Their use by month", t, rows)
}

/// One row per product discount and month it took something off (one row when it lists none).
pub(super) fn product_discounts(discounts: &[ProductDiscount], style: Style) -> String {
    let mut t = Grid::new(
        style,
        vec![
            Column::text("Product discount"),
            Column::fixed("No."),
            Column::amount("Rate %"),
            Column::text("Valid"),
            Column::text("Services").optional(1),
            Column::fixed("Month"),
            Column::amount("Target"),
            Column::amount("Taken off"),
            Column::fixed("Currency"),
        ],
    );
    for d in discounts {
        let head = [
            d.name.clone(),
            d.discount_no.clone(),
            d.rate.grouped(),
            format!("{} – {}", d.valid_from, d.valid_to),
            d.services.join(", "),
        ];
        let uses: Vec<[String; 3]> = if d.uses.is_empty() {
            vec![Default::default()]
        } else {
            d.uses
                .iter()
                .map(|u| {
                    [
                        u.month.to_string(),
                        u.target_amount.grouped(),
                        u.applied_amount.grouped(),
                    ]
                })
                .collect()
        };
        for u in uses {
            let mut row = head.to_vec();
            row.extend(u);
            row.push(d.currency.to_string());
            t.row(row);
        }
    }
    titled("NCP's product discounts", t, discounts.len())
}

/// One row per discount getDiscountList lists.
pub(super) fn listed(discounts: &[Discount], style: Style) -> String {
    let mut t = Grid::new(
        style,
        vec![
            Column::text("Discount"),
            Column::fixed("No."),
            Column::text("Type"),
            Column::text("Method").optional(1),
            Column::amount("Value"),
            Column::text("Valid"),
            Column::fixed("Currency"),
        ],
    );
    let month = |m: Option<Month>| m.map(|m| m.to_string()).unwrap_or_default();
    for d in discounts {
        t.row(vec![
            d.name.clone(),
            d.discount_no.clone(),
            d.type_code.clone(),
            d.method_code.clone().unwrap_or_default(),
            d.value.map(Exact::grouped).unwrap_or_default(),
            format!("{} – {}", month(d.valid_from), month(d.valid_to)),
            d.currency.to_string(),
        ]);
    }
    titled("Discounts NCP lists", t, discounts.len())
}
