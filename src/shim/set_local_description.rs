//! Parameterless `setLocalDescription()`: the browser makes the offer or answer that fits the
//! signaling state (what "perfect negotiation" relies on).
//!
//! Chrome < 80, Safari < 14.1 and Firefox < 75 required a description. Detected by the method's
//! `length`, which the spec's optional argument makes 0. The shim creates the description with
//! `createOffer` or `createAnswer` (by signaling state) and sets it.

use wasm_bindgen_futures::JsFuture;

use super::{arity, get, wrap, Need, Scope};
use crate::error::Error;

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection").and_then(|p| get(&p, "setLocalDescription")) {
        None => Need::Unavailable,
        Some(method) if arity(&method) > 0 => Need::Needed,
        Some(_) => Need::NotNeeded,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope.prototype("RTCPeerConnection").ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    wrap(&proto, "setLocalDescription", |this, native, args| {
        let description = args.get(0);
        let has_type = get(&description, "type").is_some();
        if has_type {
            return js_sys::Reflect::apply(&native, &this, &args);
        }
        let state = get(&this, "signalingState").and_then(|s| s.as_string()).unwrap_or_default();
        let create = if state == "have-remote-offer" || state == "have-local-pranswer" { "createAnswer" } else { "createOffer" };
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            let made = JsFuture::from(js_sys::Promise::resolve(&crate::sys::call(&this, "RTCPeerConnection", create, &[])?)).await?;
            let set = js_sys::Reflect::apply(&native, &this, &js_sys::Array::of1(&made))?;
            JsFuture::from(js_sys::Promise::resolve(&set)).await
        })
        .into())
    })
}
