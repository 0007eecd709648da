//! NCP's detail of a fee line in and out of its `exact` column: a JSON object whose numbers
//! are written and read back digit for digit (serde_json's arbitrary precision), never as
//! floats.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, Result};
use ncp_usage_core::billing::ncp_detail::{Detail, Details};
use ncp_usage_core::exact::Exact;

/// The detail as the JSON object the column holds.
pub(crate) fn to_json(fields: &Details) -> Result<String> {
    serde_json::to_string(fields)
        .map_err(|e| Error::ledger(format!("cannot write NCP's figures of a fee line: {e}")))
}

/// The detail back from the column; `None` when it is not a JSON object of exact values.
/// Read straight into [`Details`], not through `serde_json::Value`: a month's million lines
/// are read back whenever it is re-rated.
pub(crate) fn from_json(text: &str) -> Option<Details> {
    match serde_json::from_str::<Read>(text).ok()?.0? {
        Detail::Object(o) => Some(o),
        _ => None,
    }
}

/// A detail as read: `None` for JSON's `null` (dropped from objects and lists); a number
/// that is not exact fails the whole read.
struct Read(Option<Detail>);

/// How serde_json (with `arbitrary_precision`) hands a number's digits to a visitor: a map
/// of one entry under this key.
const NUMBER: &str = "$serde_json::private::Number";

impl<'de> Deserialize<'de> for Read {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Read, D::Error> {
        d.deserialize_any(ReadVisitor)
    }
}

struct ReadVisitor;

fn number<E: de::Error>(text: &str) -> std::result::Result<Read, E> {
    text.parse::<Exact>()
        .map(|n| Read(Some(Detail::Number(n))))
        .map_err(|_| E::custom("not an exact number"))
}

/// An object's key: `None` for [`NUMBER`], told apart without copying it.
struct Key(Option<String>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Key, E> {
                Ok(Key((s != NUMBER).then(|| s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// A number's digits under [`NUMBER`], read as an exact number without copying them.
struct Digits(Read);

impl<'de> Deserialize<'de> for Digits {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Digits, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Digits;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number's digits")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Digits, E> {
                number(s).map(Digits)
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Visitor<'de> for ReadVisitor {
    type Value = Read;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> std::result::Result<Read, E> {
        Ok(Read(Some(Detail::Bool(b))))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> std::result::Result<Read, E> {
        number(&n.to_string())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> std::result::Result<Read, E> {
        number(&n.to_string())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<Read, E> {
        Ok(Read(Some(Detail::Text(s.to_string()))))
    }

    fn visit_string<E: de::Error>(self, s: String) -> std::result::Result<Read, E> {
        Ok(Read(Some(Detail::Text(s))))
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<Read, E> {
        Ok(Read(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Read, A::Error> {
        let mut items = Vec::new();
        while let Some(Read(item)) = seq.next_element()? {
            items.extend(item);
        }
        Ok(Read(Some(Detail::List(items))))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Read, A::Error> {
        let mut fields = Details::new();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let Some(key) = key else {
                return Ok(map.next_value::<Digits>()?.0);
            };
            match map.next_value::<Read>()?.0 {
                Some(v) => fields.insert(key, v),
                None => fields.remove(&key),
            };
        }
        Ok(Read(Some(Detail::Object(fields))))
    }
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
        // Nulls are left out, of objects and of lists; a key given twice keeps its last value.
        let fields = from_json(r#"{"a": null, "b": [null, 1.50], "c": "x", "c": "y"}"#).unwrap();
        assert_eq!(to_json(&fields).unwrap(), r#"{"b":[1.5],"c":"y"}"#);
    }
}
