//! `RTCIceCandidate` fields parsed from the candidate line: `foundation`, `component`,
//! `priority`, `address`, `port`, `type`, `protocol`, `relatedAddress`, `relatedPort`,
//! `tcpType`, `usernameFragment`, and `relayProtocol` (null: it is not in the line).
//!
//! Chrome < 74 and Safari < 12 exposed only `candidate`, `sdpMid` and `sdpMLineIndex`.
//! Detected by the prototype lacking `foundation`. Parsing is the crate's own
//! [`CandidateFields::parse`](crate::CandidateFields::parse); a line that does not parse gives
//! `null` fields, as the spec's parse failure does.

use wasm_bindgen::JsValue;

use super::{get, getter, Need, Scope};
use crate::candidate::CandidateFields;
use crate::error::Error;

const FIELDS: [&str; 12] = [
    "foundation",
    "component",
    "priority",
    "address",
    "port",
    "type",
    "protocol",
    "relatedAddress",
    "relatedPort",
    "tcpType",
    "usernameFragment",
    "relayProtocol",
];

fn field(candidate: &JsValue, name: &str) -> JsValue {
    let line = get(candidate, "candidate")
        .and_then(|c| c.as_string())
        .unwrap_or_default();
    let Ok(f) = CandidateFields::parse(&line) else {
        return JsValue::NULL;
    };
    let text = |s: &str| JsValue::from_str(s);
    match name {
        "foundation" => text(&f.foundation),
        "component" => text(if f.component == 2 { "rtcp" } else { "rtp" }),
        "priority" => JsValue::from(f.priority),
        "address" => text(&f.address),
        "port" => JsValue::from(f.port),
        "type" => text(f.kind.as_str()),
        "protocol" => text(f.protocol.as_str()),
        "relatedAddress" => f.related_address.as_deref().map_or(JsValue::NULL, text),
        "relatedPort" => f.related_port.map_or(JsValue::NULL, JsValue::from),
        "tcpType" => f.tcp_type.map_or(JsValue::NULL, |t| text(t.as_str())),
        "usernameFragment" => f.username_fragment.as_deref().map_or(JsValue::NULL, text),
        _ => JsValue::NULL,
    }
}

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCIceCandidate") {
        None => Need::Unavailable,
        Some(proto) if js_sys::Reflect::has(&proto, &"foundation".into()).unwrap_or(false) => {
            Need::NotNeeded
        }
        Some(_) => Need::Needed,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCIceCandidate")
        .ok_or_else(|| Error::unsupported("RTCIceCandidate"))?;
    for name in FIELDS {
        if !js_sys::Reflect::has(&proto, &JsValue::from_str(name)).unwrap_or(false) {
            getter(&proto, name, move |this| Ok(field(&this, name)))?;
        }
    }
    Ok(())
}
