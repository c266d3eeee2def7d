//! [`StatsValue`]: a member of a stats object that the crate does not type, any value JSON
//! can hold.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// One member of a stats object that this crate does not type: any value JSON can hold.
///
/// Numbers are `f64`, as they are in JavaScript. Serialized, an integral number is written as an
/// integer (`5`, not `5.0`).
///
/// ```
/// use wasm_rtc::StatsValue;
/// let v: StatsValue = serde_json::from_str(r#"{"cpu": 1.5, "none": 10}"#).unwrap();
/// assert_eq!(v.as_object().and_then(|o| o.get("none")).and_then(StatsValue::as_f64), Some(10.0));
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"cpu":1.5,"none":10}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "js",
    derive(tsify::Tsify),
    tsify(
        type = "null | boolean | number | string | StatsValue[] | { [member: string]: StatsValue }"
    )
)]
pub enum StatsValue {
    /// `null` (or `undefined`).
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<StatsValue>),
    /// An object (a record), by member name.
    Object(BTreeMap<String, StatsValue>),
}

impl StatsValue {
    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, StatsValue::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            StatsValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            StatsValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            StatsValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[StatsValue]> {
        match self {
            StatsValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, StatsValue>> {
        match self {
            StatsValue::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<bool> for StatsValue {
    fn from(b: bool) -> Self {
        StatsValue::Bool(b)
    }
}

impl From<f64> for StatsValue {
    fn from(n: f64) -> Self {
        StatsValue::Number(n)
    }
}

impl From<&str> for StatsValue {
    fn from(s: &str) -> Self {
        StatsValue::String(s.to_owned())
    }
}

impl From<String> for StatsValue {
    fn from(s: String) -> Self {
        StatsValue::String(s)
    }
}

impl From<Vec<StatsValue>> for StatsValue {
    fn from(a: Vec<StatsValue>) -> Self {
        StatsValue::Array(a)
    }
}

impl From<BTreeMap<String, StatsValue>> for StatsValue {
    fn from(o: BTreeMap<String, StatsValue>) -> Self {
        StatsValue::Object(o)
    }
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl Serialize for StatsValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            StatsValue::Null => serializer.serialize_unit(),
            StatsValue::Bool(b) => serializer.serialize_bool(*b),
            // An integer as an integer: `5` in JSON, a number (not a BigInt) in JavaScript.
            StatsValue::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                serializer.serialize_i64(*n as i64)
            }
            StatsValue::Number(n) => serializer.serialize_f64(*n),
            StatsValue::String(s) => serializer.serialize_str(s),
            StatsValue::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            StatsValue::Object(o) => o.serialize(serializer),
        }
    }
}

struct StatsValueVisitor;

impl<'de> Visitor<'de> for StatsValueVisitor {
    type Value = StatsValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<StatsValue, E> {
        Ok(StatsValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<StatsValue, E> {
        Ok(StatsValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StatsValue, D::Error> {
        StatsValue::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<StatsValue, E> {
        Ok(StatsValue::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<StatsValue, E> {
        Ok(StatsValue::Number(n as f64))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<StatsValue, E> {
        Ok(StatsValue::Number(n as f64))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<StatsValue, E> {
        Ok(StatsValue::Number(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<StatsValue, E> {
        Ok(StatsValue::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<StatsValue, E> {
        Ok(StatsValue::String(s))
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<StatsValue, E> {
        Ok(StatsValue::Array(
            b.iter()
                .map(|&x| StatsValue::Number(f64::from(x)))
                .collect(),
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StatsValue, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(StatsValue::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StatsValue, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, StatsValue>()? {
            out.insert(k, v);
        }
        Ok(StatsValue::Object(out))
    }
}

impl<'de> Deserialize<'de> for StatsValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StatsValueVisitor)
    }
}
