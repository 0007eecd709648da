//! Reading NCP's Billing API v2 bodies: `/demand-costs`, `/billing-item-group-costs`,
//! `/billing-item-costs`, `/cost-relation-codes` (the discount lists in ncp_discount.rs), and
//! v2's standard error body (`pub-billing-v2-*`, `reference/ncp-billing-api-v2.md`).
//!
//! Every v2 list is read by one reader, [`At`] with v2's types (ncp.rs): ids texts,
//! `memberNo`, `instanceNo` and `priceNo` integers, amounts JSON numbers read digit for
//! digit into exact figures (never a float), booleans JSON booleans, months `yyyy-MM`,
//! instants RFC 3339 as the documented examples write them (`2026-06-30T18:30:00Z`). Every
//! error names the JSON path of the value at fault.

use serde_json::{Map, Value};

use ncp_usage_core::billing::ncp::{Api, Body, Page};
use ncp_usage_core::billing::ncp_v2::{
    Breakdown, CodeGroup, Cost, CostRelationCode, Discounts, GroupCost, ItemCost, PricingFactor,
};
use ncp_usage_core::error::{Error, Result};

use super::ncp::{each_of, fail, At};

/// The IAM actions a sub account needs for what `sync --api v2` calls.
pub const SUB_ACCOUNT_ACTIONS: &str = "View/getDemandCosts, View/getBillingItemGroupCosts, View/getBillingItemCosts, View/getCostRelationCodes, View/getCreditDiscounts, View/getCoinDiscounts and View/getProductDiscounts";

/// The list keys of v2's list bodies and what they hold. The docs' response tables were not
/// readable past their openings; the names follow v2's one documented list key
/// (`billingItemCodes`), as fixtures/ncp/SOURCES.md records.
const LISTS: &[&str] = &[
    "demandCosts",
    "billingItemGroupCosts",
    "billingItemCosts",
    "costRelationCodes",
    "creditDiscounts",
    "coinDiscounts",
    "productDiscounts",
];

/// Every `*DiscountAmount` field of a v2 cost row, in the body's order, by the ledger's name
/// for it.
fn discounts(at: At<'_>) -> Result<Discounts> {
    let Value::Object(o) = at.value else {
        return Ok(Vec::new());
    };
    o.keys()
        .filter(|k| k.ends_with("DiscountAmount") || k.ends_with("DiscountAddAmount"))
        .filter_map(|k| {
            let amount = at.number(k).transpose()?;
            Some(amount.map(|a| (super::ncp::discount_key(k), a)))
        })
        .collect()
}

/// Each object of the v2 list at `path`, read by `f` with its own path.
pub(super) fn each<T>(
    items: &[Value],
    path: &str,
    f: impl Fn(At<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    each_of(items, path, Api::V2, f)
}

/// A v2 list body (`{"billingItemCosts": [...], "nextToken": ...}`), when `top` is one.
pub fn parse_list(top: &Map<String, Value>) -> Result<Option<Page>> {
    let Some(key) = LISTS.iter().find(|k| top.contains_key(**k)) else {
        return Ok(None);
    };
    let list_path = format!("$.{key}");
    let items: &[Value] = match &top[*key] {
        Value::Null => &[],
        Value::Array(items) => items,
        v => return Err(fail(&list_path, "a list", v)),
    };
    let next_token = match top.get("nextToken") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => return Err(fail("$.nextToken", "a text or null", v)),
    };
    let body = match *key {
        "demandCosts" => Body::DemandCosts(each(items, &list_path, super::ncp::demand_cost_v2)?),
        "billingItemGroupCosts" => Body::GroupCosts(each(items, &list_path, group_cost)?),
        "billingItemCosts" => Body::ItemCosts(each(items, &list_path, item_cost)?),
        "creditDiscounts" => Body::CreditDiscounts(each(
            items,
            &list_path,
            super::ncp_discount::credit_discount,
        )?),
        "coinDiscounts" => {
            Body::CoinDiscounts(each(items, &list_path, super::ncp_discount::coin_discount)?)
        }
        "productDiscounts" => Body::ProductDiscountsV2(each(
            items,
            &list_path,
            super::ncp_discount::product_discount,
        )?),
        _ => Body::CostRelationCodes(each(items, &list_path, cost_relation_code)?),
    };
    Ok(Some(Page {
        body,
        total_rows: None,
        next_token,
        list_path,
    }))
}

/// v2's standard error body (`{"error": {errorCode, message, detail, fieldErrors}}`) as one
/// line; `status` is the HTTP status when the body came from the API. A refusal of
/// permission says which v2 actions a sub account needs: v1's do not cover v2.
pub fn error(err: &Value, status: Option<u16>) -> Error {
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    let code = text(err.get("errorCode"));
    let mut line = format!(
        "NCP answered with error {code}: {}",
        text(err.get("message"))
    );
    let detail = text(err.get("detail"));
    if !detail.is_empty() {
        line.push_str(&format!(" ({detail})"));
    }
    if let Some(Value::Array(fields)) = err.get("fieldErrors") {
        let fields: Vec<String> = fields
            .iter()
            .map(|f| format!("{}: {}", text(f.get("field")), text(f.get("message"))))
            .collect();
        if !fields.is_empty() {
            line.push_str(&format!("; {}", fields.join("; ")));
        }
    }
    let lower = code.to_ascii_lowercase();
    let denied = status == Some(403)
        || [
            "forbidden",
            "denied",
            "permission",
            "notauthorized",
            "unauthorized",
        ]
        .iter()
        .any(|w| lower.contains(w));
    if denied {
        line.push_str(&format!(
            "; a sub account needs the Billing API v2 actions {SUB_ACCOUNT_ACTIONS} (v1's actions do not cover v2): grant them in Sub Account, or sync with --api v1"
        ));
    }
    Error::invalid(match status {
        Some(s) => format!("HTTP {s}: {line}"),
        None => format!("$.error: {line}"),
    })
}

/// What every v2 cost row has; `id` names its id field.
fn cost(at: At<'_>, id: &str) -> Result<Cost> {
    Ok(Cost {
        id: at.required_text(id)?,
        month: at.month("demandMonth")?,
        member_no: at.integer("memberNo")?.map(|m| m.to_string()),
        service_code: at.required_text("serviceCode")?,
        service_name: at.required_text("serviceName")?,
        group_code: at.required_text("billingItemGroupCode")?,
        group_name: at.required_text("billingItemGroupName")?,
        use_amount: at.required_number("useAmount")?,
        discounts: discounts(at)?,
        penalty_amount: at.number("penaltyAmount")?.unwrap_or_default(),
        currency: at.currency("payCurrency")?,
        applied_exchange_rate: at.number("appliedExchangeRate")?,
        created_at: at.instant_text("createdDateTime")?,
    })
}

fn group_cost(at: At<'_>) -> Result<GroupCost> {
    let g = GroupCost {
        cost: cost(at, "billingItemGroupCostId")?,
        demand_amount: at.required_number("demandAmount")?,
    };
    if !g.fits() {
        return Err(ceiling(&at));
    }
    Ok(g)
}

/// An amount past what the ledger holds (M1), at the row's `useAmount`.
fn ceiling(at: &At<'_>) -> Error {
    Error::invalid(format!(
        "{}: the amounts of this row are more than {} won, more than the ledger holds",
        at.path("useAmount"),
        ncp_usage_core::money::MAX_WON_TEXT
    ))
}

fn item_cost(at: At<'_>) -> Result<ItemCost> {
    let pricing_factors = each(
        at.list("pricingFactors")?,
        &at.path("pricingFactors"),
        |f| {
            Ok(PricingFactor {
                kind: f.required_text("type")?,
                value: f.required_number("value")?,
            })
        },
    )?;
    let use_amount_breakdowns = each(
        at.list("useAmountBreakdowns")?,
        &at.path("useAmountBreakdowns"),
        |b| {
            Ok(Breakdown {
                usage_detail_type_code: b.text("usageDetailTypeCode")?,
                usage_detail_type_name: b.text("usageDetailTypeName")?,
                section_start_value: b.number("sectionStartValue")?,
                section_end_value: b.number("sectionEndValue")?,
                unit_usage_quantity: b.number("unitUsageQuantity")?,
                section_unit_usage_quantity: b.number("sectionUnitUsageQuantity")?,
                unit_price: b.number("unitPrice")?,
                use_amount: b.required_number("useAmount")?,
            })
        },
    )?;
    let i = ItemCost {
        cost: cost(at, "billingItemCostId")?,
        region_code: at.text("regionCode")?,
        item_code: at.required_text("billingItemCode")?,
        item_name: at.required_text("billingItemName")?,
        aggregated: at.bool("aggregated")?,
        resource_id: at.text("resourceId")?,
        resource_line_sequence: at.integer("resourceLineSequence")?,
        instance_no: at.integer("instanceNo")?.map(|n| n.to_string()),
        resource_name: at.text("resourceName")?,
        price_no: at.integer("priceNo")?.map(|n| n.to_string()),
        unit_usage_quantity: at.required_number("unitUsageQuantity")?,
        free_unit_usage_quantity: at.number("freeUnitUsageQuantity")?,
        total_unit_usage_quantity: at.number("totalUnitUsageQuantity")?,
        usage_unit_code: at.text("usageUnitCode")?,
        usage_unit_name: at.text("usageUnitName")?,
        unit_price: at.number("unitPrice")?,
        pricing_factors,
        use_amount_breakdowns,
        demand_amount: at.number("demandAmount")?,
    };
    if !i.fits() {
        return Err(ceiling(&at));
    }
    Ok(i)
}

fn cost_relation_code(at: At<'_>) -> Result<CostRelationCode> {
    let groups = each(
        at.list("billingItemGroups")?,
        &at.path("billingItemGroups"),
        |g| {
            let items = each(g.list("billingItems")?, &g.path("billingItems"), |item| {
                Ok((
                    item.required_text("billingItemCode")?,
                    item.required_text("billingItemName")?,
                ))
            })?;
            Ok(CodeGroup {
                code: g.required_text("billingItemGroupCode")?,
                name: g.required_text("billingItemGroupName")?,
                items,
            })
        },
    )?;
    Ok(CostRelationCode {
        service_code: at.required_text("serviceCode")?,
        service_name: at.required_text("serviceName")?,
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::ncp::parse;

    #[test]
    fn errors_name_the_json_path() {
        let e = parse(
            br#"{"billingItemCosts": [{"billingItemCostId": 880123456}], "nextToken": null}"#,
            "f.json",
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "f.json: $.billingItemCosts[0].billingItemCostId: expected a text, got the number 880123456"
        );
        let e = parse(
            br#"{"billingItemGroupCosts": [{"billingItemGroupCostId": "1", "demandMonth": "202606"}]}"#,
            "f.json",
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "f.json: $.billingItemGroupCosts[0].demandMonth: expected a month yyyy-MM, got the text '202606'"
        );
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/ncp/v2/");
        std::fs::read(format!("{path}{name}")).unwrap()
    }

    #[test]
    fn reads_the_documented_examples_exactly() {
        let page = parse(&fixture("billing-item-costs-2026-06.json"), "x.json").unwrap();
        assert_eq!(page.next_token, None);
        let Body::ItemCosts(items) = page.body else {
            panic!()
        };
        let i = &items[0];
        assert_eq!(
            (
                i.cost.id.as_str(),
                i.cost.member_no.as_deref(),
                i.instance_no.as_deref()
            ),
            ("880123456", Some("2001234"), Some("22010000"))
        );
        assert_eq!(i.cost.use_amount.to_string(), "3888");
        assert_eq!(
            i.cost
                .discounts
                .iter()
                .find(|(k, _)| k == "promise")
                .unwrap()
                .1
                .to_string(),
            "388.8"
        );
        assert_eq!(i.demand_amount.unwrap().to_string(), "3499.2");
        assert_eq!(
            items[1].use_amount_breakdowns[1]
                .section_end_value
                .unwrap()
                .to_string(),
            "5497558138880"
        );
        assert!(items[2].aggregated && items[2].resource_id.is_none());
        let page = parse(&fixture("cost-relation-codes-2026-06.json"), "x.json").unwrap();
        let Body::CostRelationCodes(codes) = page.body else {
            panic!()
        };
        assert_eq!(
            codes[1].groups[0].items[1],
            ("VSVR-NETOUT".to_string(), "Network Out".to_string())
        );
        let body = br#"{"billingItemGroupCosts": [], "nextToken": "c_EOvh4bjJ"}"#;
        assert_eq!(
            parse(body, "x.json").unwrap().next_token.as_deref(),
            Some("c_EOvh4bjJ")
        );
    }

    #[test]
    fn a_refused_sub_account_is_told_the_v2_actions() {
        let body = serde_json::json!({"errorCode": "Forbidden", "message": "Permission denied"});
        let e = error(&body, Some(403)).message;
        assert!(e.starts_with("HTTP 403: NCP answered with error Forbidden: Permission denied; a sub account needs the Billing API v2 actions View/getDemandCosts, View/getBillingItemGroupCosts, View/getBillingItemCosts, View/getCostRelationCodes, View/getCreditDiscounts, View/getCoinDiscounts and View/getProductDiscounts"), "{e}");
        let body = serde_json::json!({"errorCode": "InvalidParameter", "message": "The specified parameter is invalid.",
            "fieldErrors": [{"field": "demandMonth", "message": "must match yyyy-MM"}]});
        assert_eq!(
            error(&body, None).message,
            "$.error: NCP answered with error InvalidParameter: The specified parameter is invalid.; demandMonth: must match yyyy-MM"
        );
    }
}
