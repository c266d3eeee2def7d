//! `addIceCandidate(null | undefined | {candidate: ''})` resolves: it means end-of-candidates.
//!
//! Chrome < 78, Safari < 13 and Firefox < 68 required an argument (the method's `length` was 1)
//! and rejected `null` or an empty candidate with `TypeError` / `OperationError`. Detected by the
//! method's `length`: the spec makes the argument optional, so a conforming browser's is 0.

use wasm_bindgen::JsValue;

use super::{get, wrap, Need, Scope};
use crate::error::Error;

/// Whether `candidate` is an end-of-candidates marker.
fn is_end_of_candidates(candidate: &JsValue) -> bool {
    candidate.is_undefined()
        || candidate.is_null()
        || get(candidate, "candidate")
            .and_then(|c| c.as_string())
            .is_some_and(|c| c.is_empty())
        || (candidate.is_object() && get(candidate, "candidate").is_none())
}

pub(super) fn need(scope: &Scope) -> Need {
    super::need_if_argument_required(scope, "addIceCandidate")
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    wrap(&proto, "addIceCandidate", |this, native, args| {
        if is_end_of_candidates(&args.get(0)) {
            // What an old browser cannot take, it does not need: it ends gathering by itself.
            return Ok(js_sys::Promise::resolve(&JsValue::UNDEFINED).into());
        }
        js_sys::Reflect::apply(&native, &this, &args)
    })
}
