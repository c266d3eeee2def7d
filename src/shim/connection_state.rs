//! `connectionState` and `connectionstatechange` where the browser lacks them (Firefox < 113,
//! Safari < 11): derived from `iceConnectionState`, the way the spec aggregates transport states
//! when DTLS follows ICE (`checking` → `connecting`, `completed` → `connected`, …). Detected by
//! the prototype lacking `connectionState`. The getter, the event handler attribute and the
//! listener are in the `connection_state.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{has, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = connectionState, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
}

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        None => Need::Unavailable,
        Some(p) if has(&p, "connectionState") => Need::NotNeeded,
        Some(_) => Need::Needed,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
