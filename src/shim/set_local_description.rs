//! Parameterless `setLocalDescription()`: the browser makes the offer or answer that fits the
//! signaling state (what "perfect negotiation" relies on).
//!
//! Chrome < 80, Safari < 14.1 and Firefox < 75 required a description. Detected by the method's
//! `length`, which the spec's optional argument makes 0. The shim creates the description with
//! `createOffer` or `createAnswer` (by signaling state) and sets it: the `set_local_description.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = setLocalDescription, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
}

pub(super) fn need(scope: &Scope) -> Need {
    super::need_if_argument_required(scope, "setLocalDescription")
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
