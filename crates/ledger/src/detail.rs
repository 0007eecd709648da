//! NCP's detail of a fee line in and out of its `exact` column: a JSON object whose numbers
//! are written and read back digit for digit (serde_json's arbitrary precision), never as
//! floats.

use serde_json::Value;

use crate::error::{Error, Result};
use ncp_usage_core::billing::ncp_detail::{Detail, Details};
use ncp_usage_core::exact::Exact;

/// The detail as the JSON object the column holds.
pub(crate) fn to_json(fields: &Details) -> Result<String> {
    serde_json::to_string(fields)
        .map_err(|e| Error::ledger(format!("cannot write NCP's figures of a fee line: {e}")))
}

/// The detail back from the column; `None` when it is not a JSON object of exact values.
pub(crate) fn from_json(text: &str) -> Option<Details> {
    match serde_json::from_str::<Value>(text).ok()? {
        Value::Object(o) => object(o),
        _ => None,
    }
}

fn object(o: serde_json::Map<String, Value>) -> Option<Details> {
    o.into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| Some((k, value(v)?)))
        .collect()
}

fn value(v: Value) -> Option<Detail> {
    Some(match v {
        Value::Number(n) => Detail::Number(n.to_string().parse::<Exact>().ok()?),
        Value::String(s) => Detail::Text(s),
        Value::Bool(b) => Detail::Bool(b),
        Value::Array(items) => Detail::List(
            items
                .into_iter()
                .filter(|v| !v.is_null())
                .map(value)
                .collect::<Option<_>>()?,
        ),
        Value::Object(o) => Detail::Object(object(o)?),
        Value::Null => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_numbers_round_trip_digit_for_digit() {
        let text = r#"{"discounts":{"credit":124999.2},"tiers":[{"to":1000}],"unit":"GiB","unit_price":0.1234567890123456789,"use_amount":14400}"#;
        let fields = from_json(text).unwrap();
        assert_eq!(to_json(&fields).unwrap(), text);
        assert_eq!(from_json("[1]"), None);
        assert_eq!(from_json("{\"a\": 1e400}"), None);
    }
}
