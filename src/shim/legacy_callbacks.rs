//! Opt-in: the legacy callback signatures of the spec's legacy section —
//! `createOffer(success, failure, options)`, `createAnswer(success, failure, options)`,
//! `setLocalDescription(description, success, failure)`,
//! `setRemoteDescription(description, success, failure)` and
//! `addIceCandidate(candidate, success, failure)` — over the promise forms, for browsers that
//! dropped them. Promise-style calls pass through untouched. The methods are in
//! the `legacy_callbacks.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = legacyCallbacks, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
}

const METHODS: [&str; 5] = [
    "createOffer",
    "createAnswer",
    "setLocalDescription",
    "setRemoteDescription",
    "addIceCandidate",
];

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        Some(proto) if METHODS.iter().all(|m| get(&proto, m).is_some()) => Need::Needed,
        _ => Need::Unavailable,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
