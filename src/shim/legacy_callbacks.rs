//! Opt-in: the legacy callback signatures of the spec's legacy section —
//! `createOffer(success, failure, options)`, `createAnswer(success, failure, options)`,
//! `setLocalDescription(description, success, failure)`,
//! `setRemoteDescription(description, success, failure)` and
//! `addIceCandidate(candidate, success, failure)` — over the promise forms, for browsers that
//! dropped them. Promise-style calls pass through untouched.

use wasm_bindgen::JsValue;

use super::{get, wrap, Need, Scope};
use crate::error::Error;

/// (method, index of the success callback)
const METHODS: [(&str, u32); 5] = [
    ("createOffer", 0),
    ("createAnswer", 0),
    ("setLocalDescription", 1),
    ("setRemoteDescription", 1),
    ("addIceCandidate", 1),
];

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        Some(proto) if METHODS.iter().all(|(m, _)| get(&proto, m).is_some()) => Need::Needed,
        _ => Need::Unavailable,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    for (method, success_at) in METHODS {
        wrap(&proto, method, move |this, native, args| {
            let success = args.get(success_at);
            if !success.is_function() {
                return js_sys::Reflect::apply(&native, &this, &args);
            }
            let failure = args.get(success_at + 1);
            // The promise form takes the description or candidate first, or the options last.
            let promise_args = if success_at == 0 {
                js_sys::Array::of1(&args.get(2))
            } else {
                js_sys::Array::of1(&args.get(0))
            };
            let promise =
                js_sys::Promise::resolve(&js_sys::Reflect::apply(&native, &this, &promise_args)?);
            let on_failure = if failure.is_function() {
                failure
            } else {
                JsValue::UNDEFINED
            };
            let settled = crate::sys::call(&promise, "Promise", "then", &[success, on_failure])
                .map_err(JsValue::from)?;
            // Like the browser's own legacy forms: a promise of undefined.
            crate::sys::call(&settled, "Promise", "then", &[JsValue::UNDEFINED])
                .map_err(JsValue::from)
        })?;
    }
    Ok(())
}
