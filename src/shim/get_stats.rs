//! `getStats()` on a closed connection resolves to an empty report.
//!
//! Safari and Chrome < 91 rejected with `InvalidStateError`; current Chrome and Firefox resolve
//! with stale entries. Code that polls stats need not special-case `close()` once this is
//! applied: it is applied wherever `RTCPeerConnection` has `getStats`, and changes nothing for an
//! open connection. The empty report is a `Map`, which has the read-only maplike members of
//! `RTCStatsReport` (`size`, `get`, `has`, `forEach`, `entries`, `keys`, `values`).
//!
//! The patched method is in the `get_stats.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = getStats, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
}

pub(super) fn need(scope: &Scope) -> Need {
    match scope
        .prototype("RTCPeerConnection")
        .and_then(|p| get(&p, "getStats"))
    {
        None => Need::Unavailable,
        Some(_) => Need::Needed,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
