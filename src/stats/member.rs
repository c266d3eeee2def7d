//! Reading a typed member out of a stats object: the `Member` trait, for the number, string and
//! enum types the dictionaries use.

use std::collections::BTreeMap;

use super::*;
use crate::enums::{
    CandidateProtocol, CandidateType, DataChannelState, DtlsTransportState, IceRole,
    IceServerTransportProtocol, IceTransportState, TcpType, TrackKind,
};

/// A type a stats member can be read as. Reading never fails: a value of another type is left
/// in the stats object's `other` map, untouched, and the typed member is `None`.
pub(super) trait Member: Sized {
    fn from_value(value: &StatsValue) -> Option<Self>;
    fn to_value(&self) -> StatsValue;
}

impl Member for String {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::String(self.clone())
    }
}

impl Member for bool {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value.as_bool()
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Bool(*self)
    }
}

impl Member for f64 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value.as_f64()
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(*self)
    }
}

/// An integral, finite number.
fn integer(value: &StatsValue) -> Option<f64> {
    value.as_f64().filter(|n| n.is_finite() && n.fract() == 0.0)
}

impl Member for u64 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        // 2^64 is exactly representable; every integral double below it converts exactly.
        integer(value)
            .filter(|n| *n >= 0.0 && *n < 18_446_744_073_709_551_616.0)
            .map(|n| n as u64)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(*self as f64)
    }
}

impl Member for i64 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        integer(value)
            .filter(|n| *n >= -9_223_372_036_854_775_808.0 && *n < 9_223_372_036_854_775_808.0)
            .map(|n| n as i64)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(*self as f64)
    }
}

impl Member for u32 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        integer(value)
            .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(f64::from(*self))
    }
}

impl Member for u16 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        integer(value)
            .filter(|n| *n >= 0.0 && *n <= f64::from(u16::MAX))
            .map(|n| n as u16)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(f64::from(*self))
    }
}

/// A `record<DOMString, double>`, e.g. `qualityLimitationDurations`.
impl Member for BTreeMap<String, f64> {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value
            .as_object()?
            .iter()
            .map(|(k, v)| Some((k.clone(), v.as_f64()?)))
            .collect()
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Object(
            self.iter()
                .map(|(k, v)| (k.clone(), StatsValue::Number(*v)))
                .collect(),
        )
    }
}

/// `Member` for one of the crate's enums that has no variant for unknown values, by its spec
/// strings; any other string stays in `other`.
macro_rules! closed_member {
    ($($ty:ty),+) => {$(
        impl Member for $ty {
            fn from_value(value: &StatsValue) -> Option<Self> {
                <$ty>::from_spec(value.as_str()?)
            }
            fn to_value(&self) -> StatsValue {
                StatsValue::String(self.as_str().to_owned())
            }
        }
    )+};
}

closed_member!(
    CandidateType,
    CandidateProtocol,
    IceServerTransportProtocol,
    TcpType,
    TrackKind,
    IceRole,
    IceTransportState,
    DtlsTransportState,
    DataChannelState
);

/// Removes `key` from `members` and returns it typed, or leaves it there if it is not a `T`.
pub(super) fn take<T: Member>(members: &mut BTreeMap<String, StatsValue>, key: &str) -> Option<T> {
    let typed = T::from_value(members.get(key)?)?;
    members.remove(key);
    Some(typed)
}
