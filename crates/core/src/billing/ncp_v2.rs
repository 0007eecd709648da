//! NCP's Billing API v2 cost lines as facts: a month's cost per billing-item group
//! (BillingItemGroupCost), per billing item and resource (BillingItemCost), and the names of
//! the codes they carry (listCostRelationCodes), with the rules they must satisfy: their
//! figures in won for the ledger's fee lines (M2), the key a re-settled row replaces by, and
//! NCP's own sums (items of a group add up to the group).
//!
//! Row ids are not keys: NCP gives every row a new id when it re-settles a month
//! (`pub-billing-v2-type-billingitemgroupcost`), so rows are known by member, month and codes.

use crate::billing::facts::FeeLine;
use crate::billing::ncp::{DemandCost, Difference, DifferenceKind};
use crate::billing::ncp_detail::{Detail, Details, NcpDetail};
use crate::calendar::Month;
use crate::exact::{Currency, Exact};
use crate::money::Krw;

/// The discounts of a v2 cost row, by the ledger's name for each (`promise`, `savings_plan`:
/// NCP's field without `DiscountAmount`, snake_case), in the body's order; absent ones are
/// not listed.
pub type Discounts = Vec<(String, Exact)>;

/// What every v2 cost row has: a group's (`/billing-item-group-costs`) and an item's
/// (`/billing-item-costs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    /// `billingItemGroupCostId` or `billingItemCostId`: new on every re-settlement.
    pub id: String,
    /// The demand month.
    pub month: Month,
    /// NCP's member number (an integer in v2, kept as its digits).
    pub member_no: Option<String>,
    /// The service's code (`VSVR`).
    pub service_code: String,
    /// The service's display name (`Server (VPC)`).
    pub service_name: String,
    /// The billing-item group's code.
    pub group_code: String,
    /// The group's display name.
    pub group_name: String,
    /// The used amount.
    pub use_amount: Exact,
    /// Every discount NCP applied.
    pub discounts: Discounts,
    /// The penalty (위약금, v1's `defaultAmount`: a charge, e.g. for ending a commitment).
    pub penalty_amount: Exact,
    /// The currency billed.
    pub currency: Currency,
    /// The exchange rate NCP applied (1 for KRW).
    pub applied_exchange_rate: Option<Exact>,
    /// When NCP wrote the row (RFC 3339).
    pub created_at: Option<String>,
}

/// One billing-item group's cost of a month (`/billing-item-group-costs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCost {
    /// What every cost row has.
    pub cost: Cost,
    /// What NCP bills for the group.
    pub demand_amount: Exact,
}

/// One section of a tiered price (`useAmountBreakdowns[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// `usageDetailTypeCode`, when the section is of a kind of usage.
    pub usage_detail_type_code: Option<String>,
    /// Its name.
    pub usage_detail_type_name: Option<String>,
    /// Where the section starts and ends (in the item's base unit, e.g. bytes).
    pub section_start_value: Option<Exact>,
    /// Where it ends.
    pub section_end_value: Option<Exact>,
    /// The usage counted.
    pub unit_usage_quantity: Option<Exact>,
    /// The part of it in this section.
    pub section_unit_usage_quantity: Option<Exact>,
    /// The section's unit price.
    pub unit_price: Option<Exact>,
    /// The section's amount.
    pub use_amount: Exact,
}

/// A factor of an item's price (`pricingFactors[]`: `PRODUCT_COUNT` 1…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricingFactor {
    /// The factor's type.
    pub kind: String,
    /// Its value.
    pub value: Exact,
}

/// One billing item's cost of a month, per resource (`/billing-item-costs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemCost {
    /// What every cost row has.
    pub cost: Cost,
    /// The region.
    pub region_code: Option<String>,
    /// The item's code (`VSVR-VSVR`).
    pub item_code: String,
    /// The item's name.
    pub item_name: String,
    /// Whether the row sums several resources (then it names none).
    pub aggregated: bool,
    /// The resource.
    pub resource_id: Option<String>,
    /// The resource's line, when it has several.
    pub resource_line_sequence: Option<i64>,
    /// The instance.
    pub instance_no: Option<String>,
    /// The resource's name.
    pub resource_name: Option<String>,
    /// The price applied.
    pub price_no: Option<String>,
    /// The usage billed.
    pub unit_usage_quantity: Exact,
    /// The free usage.
    pub free_unit_usage_quantity: Option<Exact>,
    /// All usage.
    pub total_unit_usage_quantity: Option<Exact>,
    /// The usage unit's code (`USAGE_HH`).
    pub usage_unit_code: Option<String>,
    /// Its name (`Hour(s)`).
    pub usage_unit_name: Option<String>,
    /// The unit price.
    pub unit_price: Option<Exact>,
    /// The price's factors.
    pub pricing_factors: Vec<PricingFactor>,
    /// The tiers of a tiered price.
    pub use_amount_breakdowns: Vec<Breakdown>,
    /// What NCP bills for the item; absent in the documented example, then use less discounts.
    pub demand_amount: Option<Exact>,
}

/// A service, its billing-item groups and their items, with their names
/// (`/cost-relation-codes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostRelationCode {
    /// The service's code.
    pub service_code: String,
    /// Its name.
    pub service_name: String,
    /// Its groups: code, name and items (code, name).
    pub groups: Vec<CodeGroup>,
}

/// A billing-item group of a [`CostRelationCode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeGroup {
    /// The group's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its items: (code, name).
    pub items: Vec<(String, String)>,
}

fn text(t: &Option<String>) -> Option<Detail> {
    t.as_deref().map(Detail::from)
}

fn number(n: Option<Exact>) -> Option<Detail> {
    n.map(Detail::from)
}

/// Sums exact amounts; `None` on overflow.
fn sum<'a>(amounts: impl IntoIterator<Item = &'a Exact>) -> Option<Exact> {
    amounts
        .into_iter()
        .try_fold(Exact::ZERO, |t, a| t.checked_add(*a))
}

impl Cost {
    /// NCP's figures and details every row has, exact, under the keys of
    /// [`crate::billing::ncp_detail`], with the row's `demand` amount: NCP's `penaltyAmount`
    /// is the line's charge (`default_amount`, as v1 calls it).
    fn detail(&self, demand: Option<Exact>) -> NcpDetail {
        let mut d = NcpDetail::new(self.currency.clone());
        d.set("id", Detail::from(self.id.as_str()));
        d.set("member_no", text(&self.member_no));
        d.set("service_code", Detail::from(self.service_code.as_str()));
        d.set("service_name", Detail::from(self.service_name.as_str()));
        d.set("group_code", Detail::from(self.group_code.as_str()));
        d.set("group_name", Detail::from(self.group_name.as_str()));
        d.set("use_amount", Detail::from(self.use_amount));
        let discounts: Details = self
            .discounts
            .iter()
            .map(|(k, a)| (k.clone(), Detail::from(*a)))
            .collect();
        d.set("discounts", Detail::Object(discounts));
        d.set("default_amount", Detail::from(self.penalty_amount));
        d.set("demand_amount", number(demand));
        d.set("exchange_rate", number(self.applied_exchange_rate));
        d.set("created_at", text(&self.created_at));
        d
    }

    /// A fee line of the row's `shape` with NCP's exact figures in whole won (M2): used =
    /// `to_krw(use)`, estimated = `to_krw(use − discounts)`, discount = their difference, so
    /// the line's own arithmetic holds in whole won. `None` past the ledger's ceiling.
    fn fee_line(&self, shape: FeeLine) -> Option<FeeLine> {
        let discount = sum(self.discounts.iter().map(|(_, a)| a))?;
        let used = self.use_amount.to_krw()?;
        let estimated = self.use_amount.checked_sub(discount)?.to_krw()?;
        Some(FeeLine {
            month: self.month,
            used_amount: used,
            discount_amount: used.checked_sub(estimated)?,
            estimated_payment_amount: estimated,
            ..shape
        })
    }

    /// Whether the row's figures fit the ledger in whole won: exactly when [`Self::fee_line`]
    /// gives a line, without building NCP's detail (an import checks every row before
    /// storing any).
    fn fits(&self) -> bool {
        let Some(discount) = sum(self.discounts.iter().map(|(_, a)| a)) else {
            return false;
        };
        let used = self.use_amount.to_krw();
        let estimated = self
            .use_amount
            .checked_sub(discount)
            .and_then(|e| e.to_krw());
        matches!((used, estimated), (Some(u), Some(e)) if u.checked_sub(e).is_some())
    }

    /// What NCP's sums need of the row, at `level`, with its `demand` amount.
    fn sums(&self, level: String, demand: Option<Exact>) -> RowSums {
        RowSums {
            month: self.month,
            member_no: self.member_no.clone(),
            currency: self.currency.clone(),
            level,
            service_code: self.service_code.clone(),
            group_code: self.group_code.clone(),
            use_amount: self.use_amount,
            demand_amount: demand,
            expected_demand: expected_demand(self.use_amount, &self.discounts, self.penalty_amount),
        }
    }
}

impl GroupCost {
    /// The key a re-settled row replaces by: month and codes (the member is the ledger's).
    pub fn key(&self) -> (Month, String, String) {
        let c = &self.cost;
        (c.month, c.service_code.clone(), c.group_code.clone())
    }

    /// NCP's figures and details of the row, exact.
    pub fn detail(&self) -> NcpDetail {
        self.cost.detail(Some(self.demand_amount))
    }

    /// The month's per-service fee line (source `ncp_group`), in whole won (M2).
    pub fn fee_line(&self) -> Option<FeeLine> {
        let c = &self.cost;
        c.fee_line(FeeLine {
            month: c.month,
            region: String::new(),
            service: c.group_name.clone(),
            contract_no: c.group_code.clone(),
            item: format!("{} (NCP)", c.group_name),
            quantity: rust_decimal::Decimal::ONE,
            unit: "month".to_string(),
            unit_price: c.use_amount.value(),
            used_amount: Krw::ZERO,
            discount_amount: Krw::ZERO,
            estimated_payment_amount: Krw::ZERO,
            ncp: Some(self.detail()),
        })
    }

    /// Whether its fee line fits the ledger ([`Self::fee_line`] is `Some`).
    pub fn fits(&self) -> bool {
        self.cost.fits()
    }

    /// What NCP's sums need of it.
    pub fn sums(&self) -> RowSums {
        let level = format!("group {}/{}", self.cost.service_code, self.cost.group_code);
        self.cost.sums(level, Some(self.demand_amount))
    }
}

impl ItemCost {
    /// The key a re-settled row replaces by: month, codes, resource and its line.
    pub fn key(&self) -> ItemKey {
        ItemKey {
            month: self.cost.month,
            service_code: self.cost.service_code.clone(),
            group_code: self.cost.group_code.clone(),
            item_code: self.item_code.clone(),
            resource_id: self.resource_id.clone().unwrap_or_default(),
            line: self.resource_line_sequence.unwrap_or(0),
        }
    }

    /// NCP's figures and details of the row, exact: the group's keys plus region, item,
    /// resource, instance, price, quantities (billed, free, total), unit, unit price,
    /// pricing factors and tiered breakdowns.
    pub fn detail(&self) -> NcpDetail {
        let mut d = self.cost.detail(self.demand_amount);
        d.set("region_code", text(&self.region_code));
        d.set("item_code", Detail::from(self.item_code.as_str()));
        d.set("item_name", Detail::from(self.item_name.as_str()));
        d.set("aggregated", Detail::from(self.aggregated));
        d.set("resource_id", text(&self.resource_id));
        d.set(
            "resource_line_sequence",
            self.resource_line_sequence
                .map(|n| Detail::from(Exact(n.into()))),
        );
        d.set("instance_no", text(&self.instance_no));
        d.set("resource_name", text(&self.resource_name));
        d.set("price_no", text(&self.price_no));
        d.set(
            "unit_usage_quantity",
            Detail::from(self.unit_usage_quantity),
        );
        d.set(
            "free_unit_usage_quantity",
            number(self.free_unit_usage_quantity),
        );
        d.set(
            "total_unit_usage_quantity",
            number(self.total_unit_usage_quantity),
        );
        d.set("usage_unit_code", text(&self.usage_unit_code));
        d.set("usage_unit_name", text(&self.usage_unit_name));
        d.set("unit_price", number(self.unit_price));
        let factors = self.pricing_factors.iter().map(|f| {
            Detail::Object(Details::from([
                ("type".to_string(), Detail::from(f.kind.as_str())),
                ("value".to_string(), Detail::from(f.value)),
            ]))
        });
        d.set("pricing_factors", Detail::List(factors.collect()));
        let tiers = self.use_amount_breakdowns.iter().map(|b| {
            let mut t = NcpDetail::default();
            t.set("usage_detail_type_code", text(&b.usage_detail_type_code));
            t.set("usage_detail_type_name", text(&b.usage_detail_type_name));
            t.set("section_start_value", number(b.section_start_value));
            t.set("section_end_value", number(b.section_end_value));
            t.set("unit_usage_quantity", number(b.unit_usage_quantity));
            t.set(
                "section_unit_usage_quantity",
                number(b.section_unit_usage_quantity),
            );
            t.set("unit_price", number(b.unit_price));
            t.set("use_amount", Detail::from(b.use_amount));
            Detail::Object(t.fields)
        });
        d.set("use_amount_breakdowns", Detail::List(tiers.collect()));
        d
    }

    /// The per-resource fee line (source `ncp_item`), in whole won (M2): the resource (else
    /// the item's code, for aggregated rows) as the contract, the item's name as the item
    /// (with its line number when a resource has several).
    pub fn fee_line(&self) -> Option<FeeLine> {
        let item = match self.resource_line_sequence {
            Some(n) if n > 1 => format!("{} #{n}", self.item_name),
            _ => self.item_name.clone(),
        };
        self.cost.fee_line(FeeLine {
            month: self.cost.month,
            region: self.region_code.clone().unwrap_or_default(),
            service: self.cost.group_name.clone(),
            contract_no: self
                .resource_id
                .clone()
                .unwrap_or_else(|| self.item_code.clone()),
            item,
            quantity: self
                .total_unit_usage_quantity
                .unwrap_or(self.unit_usage_quantity)
                .value()
                .normalize(),
            unit: self
                .usage_unit_name
                .clone()
                .or_else(|| self.usage_unit_code.clone())
                .unwrap_or_else(|| "unit".to_string()),
            unit_price: self.unit_price.unwrap_or_default().value().normalize(),
            used_amount: Krw::ZERO,
            discount_amount: Krw::ZERO,
            estimated_payment_amount: Krw::ZERO,
            ncp: Some(self.detail()),
        })
    }
}

/// What an item row is known by across re-settlements.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemKey {
    /// The demand month.
    pub month: Month,
    /// The service's code.
    pub service_code: String,
    /// The group's code.
    pub group_code: String,
    /// The item's code.
    pub item_code: String,
    /// The resource (empty for aggregated rows).
    pub resource_id: String,
    /// The resource's line (0 when not given).
    pub line: i64,
}

/// What NCP's sums need of one v2 row, from a parsed row or from a stored line's detail
/// (`check`), so that both are checked by the same rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSums {
    /// The demand month.
    pub month: Month,
    /// NCP's member number.
    pub member_no: Option<String>,
    /// The currency.
    pub currency: Currency,
    /// The row, for messages: `group SERVICE/GROUP` or `item SERVICE/GROUP/ITEM RESOURCE`.
    pub level: String,
    /// The service's code.
    pub service_code: String,
    /// The group's code.
    pub group_code: String,
    /// The used amount.
    pub use_amount: Exact,
    /// NCP's demand amount, when it sent one.
    pub demand_amount: Option<Exact>,
    /// Use less every discount plus the penalty: what the demand amount should be.
    pub expected_demand: Option<Exact>,
}

impl RowSums {
    /// What the row bills: NCP's demand amount, else use less discounts plus penalty.
    fn demand(&self) -> Option<Exact> {
        self.demand_amount.or(self.expected_demand)
    }

    /// The sums of a stored line of source `ncp_group` or `ncp_item`, from NCP's detail;
    /// `None` for a line without one.
    pub fn of_line(l: &FeeLine) -> Option<RowSums> {
        let d = l.ncp.as_ref()?;
        let service_code = d.text("service_code")?.to_string();
        let group_code = d.text("group_code")?.to_string();
        let level = match d.text("item_code") {
            Some(item) => format!(
                "item {service_code}/{group_code}/{item} {}",
                d.text("resource_id").unwrap_or("(aggregated)")
            ),
            None => format!("group {service_code}/{group_code}"),
        };
        let discounts: Discounts = match d.fields.get("discounts") {
            Some(Detail::Object(o)) => o
                .iter()
                .filter_map(|(k, v)| match v {
                    Detail::Number(n) => Some((k.clone(), *n)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let use_amount = d.use_amount()?;
        let penalty = d.exact("default_amount").unwrap_or_default();
        Some(RowSums {
            month: l.month,
            member_no: d.text("member_no").map(str::to_string),
            currency: d.currency.clone(),
            level,
            service_code,
            group_code,
            use_amount,
            demand_amount: d.exact("demand_amount"),
            expected_demand: expected_demand(use_amount, &discounts, penalty),
        })
    }
}

/// Use less every discount plus the penalty.
fn expected_demand(use_amount: Exact, discounts: &Discounts, penalty: Exact) -> Option<Exact> {
    use_amount
        .checked_sub(sum(discounts.iter().map(|(_, a)| a))?)?
        .checked_add(penalty)
}

impl ItemCost {
    /// Whether its fee line fits the ledger ([`Self::fee_line`] is `Some`) and its expected
    /// demand can be summed, without building NCP's detail or the row's sums.
    pub fn fits(&self) -> bool {
        let c = &self.cost;
        c.fits() && expected_demand(c.use_amount, &c.discounts, c.penalty_amount).is_some()
    }

    /// What NCP's sums need of it.
    pub fn sums(&self) -> RowSums {
        let c = &self.cost;
        let level = format!(
            "item {}/{}/{} {}",
            c.service_code,
            c.group_code,
            self.item_code,
            self.resource_id.as_deref().unwrap_or("(aggregated)")
        );
        c.sums(level, self.demand_amount)
    }
}

fn difference(
    kind: DifferenceKind,
    row: &RowSums,
    level: &str,
    ncp: Exact,
    sum: Exact,
) -> Option<Difference> {
    (ncp != sum).then(|| Difference {
        kind,
        month: row.month,
        member_no: row.member_no.clone(),
        level: Some(level.to_string()),
        currency: Some(row.currency.clone()),
        ncp_amount: ncp,
        sum_amount: sum,
        gap_amount: ncp.checked_sub(sum).unwrap_or(Exact::ZERO),
    })
}

/// NCP's own arithmetic of each row: use less every discount plus the penalty makes its
/// demand amount (kind `demand`, at the row's level). A row without a demand amount is not
/// checked: it has nothing to compare.
pub fn check_rows(rows: &[RowSums]) -> Vec<Difference> {
    rows.iter()
        .filter_map(|r| {
            let (ncp, parts) = (r.demand_amount?, r.expected_demand?);
            difference(DifferenceKind::Demand, r, &r.level, ncp, parts)
        })
        .collect()
}

/// NCP's sums of a month's items against their groups: for every group that has items, the
/// items' use and demand amounts add up to the group's (level `group SERVICE/GROUP`). Groups
/// without items (an import of groups only, or a body filtered to some services) are not
/// checked.
pub fn check_items(groups: &[RowSums], items: &[RowSums]) -> Vec<Difference> {
    let mut out = Vec::new();
    for g in groups {
        let mine: Vec<&RowSums> = items
            .iter()
            .filter(|i| {
                i.month == g.month
                    && i.service_code == g.service_code
                    && i.group_code == g.group_code
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let uses: Vec<Exact> = mine.iter().map(|i| i.use_amount).collect();
        let demands: Option<Vec<Exact>> = mine.iter().map(|i| i.demand()).collect();
        let checks = [
            (DifferenceKind::Items, Some(g.use_amount), sum(&uses)),
            (
                DifferenceKind::ItemsDemand,
                g.demand(),
                demands.as_deref().and_then(sum),
            ),
        ];
        for (kind, ncp, parts) in checks {
            if let (Some(ncp), Some(parts)) = (ncp, parts) {
                out.extend(difference(kind, g, &g.level, ncp, parts));
            }
        }
    }
    out
}

/// NCP's sums of a month's groups against its bill (level `group`): their use amounts add up
/// to the bill's, and their demand amounts, less the discounts only a bill has (its
/// rounding, customer, currency and coin discounts: [`crate::billing::ncp::Discounts::bill_only`]), to its demand
/// amount. Only groups of the bill's month and currency count.
pub fn check_groups(bill: &DemandCost, groups: &[RowSums]) -> Vec<Difference> {
    let mine: Vec<&RowSums> = groups
        .iter()
        .filter(|g| g.month == bill.month && g.currency == bill.currency)
        .collect();
    let Some(first) = mine.first() else {
        return Vec::new();
    };
    let uses: Vec<Exact> = mine.iter().map(|g| g.use_amount).collect();
    let demands: Option<Vec<Exact>> = mine.iter().map(|g| g.demand()).collect();
    let mut out: Vec<Difference> = sum(&uses)
        .and_then(|s| bill.services_difference("group", s))
        .into_iter()
        .collect();
    let parts = demands
        .as_deref()
        .and_then(sum)
        .and_then(|d| d.checked_sub(bill.discounts.bill_only()?));
    if let (Some(ncp), Some(parts)) = (bill.demand_amount, parts) {
        let mut d = difference(DifferenceKind::ServicesDemand, first, "group", ncp, parts);
        if let Some(d) = d.as_mut() {
            d.member_no = bill.member.clone();
        }
        out.extend(d);
    }
    out
}

/// The first row (index, month) of `months` after `current`: NCP has no figures for a month
/// that has not happened.
pub fn first_ahead(months: impl Iterator<Item = Month>, current: Month) -> Option<(usize, Month)> {
    months.enumerate().find(|(_, m)| *m > current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Exact {
        s.parse().unwrap()
    }

    fn cost(id: &str, use_amount: &str, discount: &str) -> Cost {
        Cost {
            id: id.into(),
            month: "2026-06".parse().unwrap(),
            member_no: Some("2001234".into()),
            service_code: "VSVR".into(),
            service_name: "Server (VPC)".into(),
            group_code: "VSVR".into(),
            group_name: "Server (VPC)".into(),
            use_amount: e(use_amount),
            discounts: vec![("promise".into(), e(discount))],
            penalty_amount: Exact::ZERO,
            currency: Currency::krw(),
            applied_exchange_rate: Some(e("1.0")),
            created_at: None,
        }
    }

    fn group(use_amount: &str, demand: &str) -> GroupCost {
        GroupCost {
            cost: cost("770998877", use_amount, "15432.0"),
            demand_amount: e(demand),
        }
    }

    fn item(use_amount: &str, discount: &str) -> ItemCost {
        ItemCost {
            cost: cost("880123456", use_amount, discount),
            region_code: Some("KR".into()),
            item_code: "VSVR-VSVR".into(),
            item_name: "VPC Server".into(),
            aggregated: false,
            resource_id: Some("10012345".into()),
            resource_line_sequence: Some(1),
            instance_no: Some("22010000".into()),
            resource_name: Some("web-server-001".into()),
            price_no: Some("30001".into()),
            unit_usage_quantity: e("72.0"),
            free_unit_usage_quantity: Some(Exact::ZERO),
            total_unit_usage_quantity: Some(e("72.0")),
            usage_unit_code: Some("USAGE_HH".into()),
            usage_unit_name: Some("Hour(s)".into()),
            unit_price: Some(e("54.0")),
            pricing_factors: vec![],
            use_amount_breakdowns: vec![],
            demand_amount: None,
        }
    }

    #[test]
    fn m2_fee_lines_truncate_ncp_figures_and_keep_their_arithmetic() {
        let mut g = group("154320.9", "138888.0");
        g.cost.discounts = vec![("product".into(), e("13888.8"))];
        let l = g.fee_line().unwrap();
        assert_eq!(l.used_amount, Krw::new(154_320));
        // 154320.9 − 13888.8 = 140432.1 → 140,432; the discount is what keeps used − discount.
        assert_eq!(l.estimated_payment_amount, Krw::new(140_432));
        assert_eq!(l.discount_amount, Krw::new(13_888));
        let i = item("3888.0", "0").fee_line().unwrap();
        assert_eq!(
            (i.contract_no.as_str(), i.item.as_str()),
            ("10012345", "VPC Server")
        );
        assert_eq!(
            (i.quantity.to_string(), i.unit.as_str()),
            ("72".into(), "Hour(s)")
        );
    }

    #[test]
    fn items_of_a_group_add_up_to_the_group() {
        let g = group("154320.0", "138888.0");
        let (a, b) = (item("100000.0", "10000.0"), item("54320.0", "5432.0"));
        assert!(check_items(&[g.sums()], &[a.sums(), b.sums()]).is_empty());
        let c = item("54320.5", "5432.0");
        let m = check_items(&[g.sums()], &[a.sums(), c.sums()]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            (m[0].kind, m[0].sum_amount),
            (DifferenceKind::Items, e("154320.5"))
        );
        assert_eq!(
            (m[1].kind, m[1].sum_amount, m[1].gap_amount),
            (DifferenceKind::ItemsDemand, e("138888.5"), e("-0.5"))
        );
        assert_eq!(m[0].level.as_deref(), Some("group VSVR/VSVR"));
        // A group without items in the import is not checked.
        assert!(check_items(&[g.sums()], &[]).is_empty());
    }

    #[test]
    fn each_rows_use_less_discounts_makes_its_demand() {
        let g = group("154320.0", "138888.0");
        let mut i = item("3888.0", "388.8");
        i.demand_amount = Some(e("3499.2"));
        assert!(check_rows(&[g.sums(), i.sums()]).is_empty());
        // A partner-priced row (discounts and demand 0, use real) is reported, not corrected.
        let mut partner = group("154320.0", "0.0");
        partner.cost.discounts = vec![("promise".into(), Exact::ZERO)];
        i.demand_amount = Some(e("3500"));
        let m = check_rows(&[partner.sums(), i.sums()]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            (m[0].level.as_deref(), m[0].gap_amount),
            (Some("group VSVR/VSVR"), e("-154320"))
        );
        assert_eq!(
            (m[1].level.as_deref(), m[1].gap_amount),
            (Some("item VSVR/VSVR/VSVR-VSVR 10012345"), e("0.8"))
        );
    }

    #[test]
    fn re_settled_rows_keep_their_key() {
        let (a, mut b) = (item("1", "0"), item("1", "0"));
        b.cost.id = "990000001".into();
        assert_eq!(a.key(), b.key());
        b.resource_line_sequence = Some(2);
        assert_ne!(a.key(), b.key());
        assert_eq!(b.fee_line().unwrap().item, "VPC Server #2");
    }
}
