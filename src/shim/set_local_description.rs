//! Parameterless `setLocalDescription()`: the browser makes the offer or answer that fits the
//! signaling state (what "perfect negotiation" relies on).
//!
//! Chrome < 80, Safari < 14.1 and Firefox < 75 required a description. Detected by the method's
//! `length`, which the spec's optional argument makes 0. The shim creates the description with
//! `createOffer` or `createAnswer` (by signaling state) and sets it.

use wasm_bindgen::JsValue;

use super::{get, then_apply_native, wrap, Need, Scope};
use crate::error::Error;
use crate::event::page_lifetime_method;

pub(super) fn need(scope: &Scope) -> Need {
    super::need_if_argument_required(scope, "setLocalDescription")
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    // `pc[create]()`, its exceptions as the crate's errors.
    let create = page_lifetime_method(|pc, _, args| {
        let method = args.get(0).as_string().unwrap_or_default();
        crate::sys::call(&pc, "RTCPeerConnection", &method, &[]).map_err(JsValue::from)
    });
    wrap(&proto, "setLocalDescription", move |this, native, args| {
        let description = args.get(0);
        let has_type = get(&description, "type").is_some();
        if has_type {
            return js_sys::Reflect::apply(&native, &this, &args);
        }
        let state = get(&this, "signalingState")
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let method = if state == "have-remote-offer" || state == "have-local-pranswer" {
            "createAnswer"
        } else {
            "createOffer"
        };
        // Made, then set, from a microtask on.
        Ok(then_apply_native(&create, &this, &JsValue::from_str(method), &native).into())
    })
}
