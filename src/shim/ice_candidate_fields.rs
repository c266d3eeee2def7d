//! `RTCIceCandidate` fields parsed from the candidate line: `foundation`, `component`,
//! `priority`, `address`, `port`, `type`, `protocol`, `relatedAddress`, `relatedPort`,
//! `tcpType`, `usernameFragment`, and `relayProtocol` (null: it is not in the line).
//!
//! Chrome < 74 and Safari < 12 exposed only `candidate`, `sdpMid` and `sdpMLineIndex`.
//! Detected by the prototype lacking `foundation`. Parsing is the crate's own
//! [`CandidateFields::parse`](crate::CandidateFields::parse), handed to the getters of
//! the `ice_candidate_fields.rs` section of `patches.js`; a line that does not parse gives `null` fields, as the spec's parse
//! failure does.

use wasm_bindgen::prelude::*;

use super::{has, Need, Scope};
use crate::candidate::CandidateFields;
use crate::event::page_lifetime_function;

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = iceCandidateFields, catch)]
    fn patch(proto: &JsValue, parse: &js_sys::Function) -> Result<(), JsValue>;
}

fn text_or_null(text: Option<&str>) -> JsValue {
    text.map_or(JsValue::NULL, JsValue::from_str)
}

/// [`CandidateFields`] as JavaScript gets them (the shim's getters, and `parseCandidate` in the
/// npm package): `RTCIceCandidate`'s names, `null` for what the line lacks, `extensions` as
/// `[name, value]` pairs.
pub(crate) fn to_js(fields: &CandidateFields) -> JsValue {
    let object = js_sys::Object::new();
    let extensions: js_sys::Array = fields
        .extensions
        .iter()
        .map(|(name, value)| {
            js_sys::Array::of2(&JsValue::from_str(name), &JsValue::from_str(value))
        })
        .collect();
    for (key, value) in [
        ("foundation", JsValue::from_str(&fields.foundation)),
        ("component", JsValue::from(fields.component)),
        ("protocol", JsValue::from_str(fields.protocol.as_str())),
        ("priority", JsValue::from(fields.priority)),
        ("address", JsValue::from_str(&fields.address)),
        ("port", JsValue::from(fields.port)),
        ("type", JsValue::from_str(fields.kind.as_str())),
        (
            "relatedAddress",
            text_or_null(fields.related_address.as_deref()),
        ),
        (
            "relatedPort",
            fields.related_port.map_or(JsValue::NULL, JsValue::from),
        ),
        ("tcpType", text_or_null(fields.tcp_type.map(|t| t.as_str()))),
        (
            "usernameFragment",
            text_or_null(fields.username_fragment.as_deref()),
        ),
        ("extensions", extensions.into()),
    ] {
        let _ = super::set(&object, key, &value);
    }
    object.into()
}

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCIceCandidate") {
        None => Need::Unavailable,
        Some(proto) if has(&proto, "foundation") => Need::NotNeeded,
        Some(_) => Need::Needed,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    let proto = scope.required_prototype("RTCIceCandidate")?;
    let parse = page_lifetime_function(|line| {
        let line = line.as_string().unwrap_or_default();
        Ok(CandidateFields::parse(&line).map_or(JsValue::NULL, |fields| to_js(&fields)))
    });
    patch(&proto, &parse)
}
