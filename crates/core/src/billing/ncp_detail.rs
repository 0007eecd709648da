//! NCP's own detail of one fee line, exactly as NCP sent it (issue 14).
//!
//! A fee line's whole-won columns are what the ledger sums; NCP says much more about a line
//! (codes and names, resource id, instance, quantities with free and total, unit price,
//! `productSize`, pricing factors, tiered breakdowns, every discount, the demand amount) and
//! in its own currency, with fractions. That detail is kept beside the line as an ordered
//! tree of exact values, so the views can show NCP's own figures. The core stays free of any
//! JSON library: the ledger writes the tree as a JSON object and reads it back.
//!
//! Keys are snake_case. The ones every NCP line has: `use_amount`, `demand_amount` (when NCP
//! sent it), `default_amount` (a charge, e.g. a cancellation fee), `discounts` (an object of
//! each discount NCP sent, by its snake_case name without `_discount_amount`), `service_code`,
//! `service_name`. A line of one API level adds its own (see the parser of each level).

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::exact::{Currency, Exact};

/// One value of NCP's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// An exact number (amount, quantity, rate, size).
    Number(Exact),
    /// A code, a name, an id, a date as NCP wrote it.
    Text(String),
    /// A flag.
    Bool(bool),
    /// A list (tiered breakdowns, contract products).
    List(Vec<Detail>),
    /// A nested object.
    Object(Details),
}

/// An object of NCP's detail, by key.
pub type Details = BTreeMap<String, Detail>;

/// A JSON value: numbers exact, objects by key.
impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Detail::Number(n) => n.serialize(s),
            Detail::Text(t) => s.serialize_str(t),
            Detail::Bool(b) => s.serialize_bool(*b),
            Detail::List(l) => l.serialize(s),
            Detail::Object(o) => o.serialize(s),
        }
    }
}

/// NCP's detail of a fee line: its currency and its exact figures and details.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NcpDetail {
    /// The currency NCP billed the line in.
    pub currency: Currency,
    /// The figures and details, by key (see the module's keys).
    pub fields: Details,
}

impl NcpDetail {
    /// A detail in `currency` with no fields yet.
    pub fn new(currency: Currency) -> NcpDetail {
        NcpDetail {
            currency,
            fields: Details::new(),
        }
    }

    /// Sets `key` (a value of `None` is left out: NCP did not send it).
    pub fn set(&mut self, key: &str, value: impl Into<Option<Detail>>) {
        if let Some(v) = value.into() {
            self.fields.insert(key.to_string(), v);
        }
    }

    /// The exact number at `key`, if it is one.
    pub fn exact(&self, key: &str) -> Option<Exact> {
        match self.fields.get(key) {
            Some(Detail::Number(n)) => Some(*n),
            _ => None,
        }
    }

    /// The text at `key`, if it is one.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.fields.get(key) {
            Some(Detail::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// NCP's use amount of the line, exact.
    pub fn use_amount(&self) -> Option<Exact> {
        self.exact("use_amount")
    }
}

impl From<Exact> for Detail {
    fn from(e: Exact) -> Detail {
        Detail::Number(e)
    }
}

impl From<String> for Detail {
    fn from(t: String) -> Detail {
        Detail::Text(t)
    }
}

impl From<&str> for Detail {
    fn from(t: &str) -> Detail {
        Detail::Text(t.to_string())
    }
}

impl From<bool> for Detail {
    fn from(b: bool) -> Detail {
        Detail::Bool(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_serialise_as_an_object_of_exact_numbers() {
        let mut d = NcpDetail::new(Currency::krw());
        d.set(
            "use_amount",
            Detail::from("14400.0".parse::<Exact>().unwrap()),
        );
        d.set("unit_price", Detail::from("0.16".parse::<Exact>().unwrap()));
        d.set("instance_name", Some(Detail::from("web-1")));
        d.set("region", None::<Detail>);
        d.set(
            "tiers",
            Detail::List(vec![Detail::Object(Details::from([(
                "quantity".to_string(),
                Detail::from(Exact::ZERO),
            )]))]),
        );
        assert_eq!(
            serde_json::to_string(&d.fields).unwrap(),
            r#"{"instance_name":"web-1","tiers":[{"quantity":0}],"unit_price":0.16,"use_amount":14400}"#
        );
        assert_eq!(d.use_amount(), Some("14400".parse().unwrap()));
        assert_eq!(d.text("instance_name"), Some("web-1"));
        assert_eq!(d.exact("instance_name"), None);
    }
}
