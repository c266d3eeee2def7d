//! `getStats()` on a closed connection resolves instead of rejecting.
//!
//! The spec lets `getStats()` run after `close()` (it resolves with the last stats, as current
//! Chrome and Firefox do); Safari 13 and Chrome < 91 rejected with `InvalidStateError`, so code
//! that polls stats broke at hang-up. Detected by behaviour, asynchronously (only a promise shows
//! it): the probe connection is closed and asked for stats; applied only where that rejects. There a
//! rejection on a closed connection becomes an empty report, a `Map`, which has the read-only
//! maplike members of `RTCStatsReport` (`size`, `get`, `has`, `forEach`, `entries`, `keys`,
//! `values`); an open connection's calls are untouched.
//!
//! The probe and the patched method are in the `get_stats.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = getStats, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = probeGetStats)]
    fn probe(pc: &JsValue, proto: &JsValue) -> js_sys::Promise;
}

pub(super) fn need(scope: &Scope) -> Need {
    let Some(proto) = scope
        .prototype("RTCPeerConnection")
        .filter(|p| get(p, "getStats").is_some())
    else {
        return Need::Unavailable;
    };
    match scope.probe_connection() {
        Some(pc) => Need::Probe(probe(&pc, &proto)),
        // No connection to ask: nothing is patched on a guess.
        None => Need::NotNeeded,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
