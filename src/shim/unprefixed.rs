//! The unprefixed constructors where a browser has only prefixed ones — `RTCPeerConnection`,
//! `RTCSessionDescription`, `RTCIceCandidate` from `webkit…` (Chrome < 56) or `moz…`
//! (Firefox < 44) — and, opt-in, the prefixed aliases for old code that uses them.

use wasm_bindgen::JsValue;

use super::{Need, Scope};
use crate::prelude::*;

const INTERFACES: [&str; 3] = [
    "RTCPeerConnection",
    "RTCSessionDescription",
    "RTCIceCandidate",
];
const PREFIXES: [&str; 2] = ["webkit", "moz"];

fn prefixed(scope: &Scope, interface: &str) -> Option<JsValue> {
    PREFIXES
        .iter()
        .find_map(|prefix| scope.get(&(String::from(*prefix) + interface)))
}

fn set(scope: &Scope, name: &str, value: &JsValue) -> Result<(), JsValue> {
    super::set(&scope.global, name, value)?;
    Ok(())
}

pub(super) fn need(scope: &Scope) -> Need {
    let missing = INTERFACES
        .iter()
        .any(|i| scope.get(i).is_none() && prefixed(scope, i).is_some());
    match (
        missing,
        scope
            .get("RTCPeerConnection")
            .or_else(|| prefixed(scope, "RTCPeerConnection")),
    ) {
        (_, None) => Need::Unavailable,
        (true, _) => Need::Needed,
        (false, _) => Need::NotNeeded,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    for interface in INTERFACES {
        if scope.get(interface).is_none() {
            if let Some(constructor) = prefixed(scope, interface) {
                set(scope, interface, &constructor)?;
            }
        }
    }
    Ok(())
}

/// Opt-in: `webkitRTCPeerConnection` (and the other prefixed names) for old code.
pub(super) fn legacy_need(scope: &Scope) -> Need {
    match scope.get("RTCPeerConnection") {
        None => Need::Unavailable,
        Some(_) if scope.get("webkitRTCPeerConnection").is_some() => Need::NotNeeded,
        Some(_) => Need::Needed,
    }
}

pub(super) fn legacy_apply(scope: &Scope) -> Result<(), JsValue> {
    for interface in INTERFACES {
        if let Some(constructor) = scope.get(interface) {
            let alias = String::from("webkit") + interface;
            if scope.get(&alias).is_none() {
                set(scope, &alias, &constructor)?;
            }
        }
    }
    Ok(())
}
