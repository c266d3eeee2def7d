//! `addIceCandidate(null | undefined | {candidate: ''})` resolves: it means end-of-candidates.
//!
//! Chrome < 78, Safari < 13 and Firefox < 68 required an argument (the method's `length` was 1)
//! and rejected `null` or an empty candidate with `TypeError` / `OperationError`. Detected by the
//! method's `length`: the spec makes the argument optional, so a conforming browser's is 0.
//!
//! The patched method is in the `add_ice_candidate.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = addIceCandidate, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
}

pub(super) fn need(scope: &Scope) -> Need {
    super::need_if_argument_required(scope, "addIceCandidate")
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
