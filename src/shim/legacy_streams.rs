//! Opt-in: the stream-based API removed from the spec — `addStream`, `removeStream`,
//! `getLocalStreams`, `getRemoteStreams`, and `addstream` events with `onaddstream` — built on
//! tracks (`addTrack`, `removeTrack`, `track` events), for old code. The local trio (`addStream`,
//! `removeStream`, `getLocalStreams`) is provided as a set whenever one of them is missing (Firefox
//! keeps `addStream` and `getLocalStreams` but dropped `removeStream`, and its own bookkeeping
//! would not see ours); the remote members only where missing. The methods are in
//! the `legacy_streams.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{has, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = legacyStreams, catch)]
    fn patch(proto: &JsValue, local_set: bool, announce: bool) -> Result<(), JsValue>;
}

const MEMBERS: [&str; 4] = [
    "addStream",
    "removeStream",
    "getLocalStreams",
    "getRemoteStreams",
];

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        Some(proto) if !has(&proto, "addTrack") => Need::Unavailable,
        Some(proto) if MEMBERS.iter().any(|m| !has(&proto, m)) || !has(&proto, "onaddstream") => {
            Need::Needed
        }
        Some(_) => Need::NotNeeded,
        None => Need::Unavailable,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    let proto = scope.required_prototype("RTCPeerConnection")?;
    let local_set = !MEMBERS[..3].iter().all(|m| has(&proto, m));
    let announce = !has(&proto, "onaddstream");
    patch(&proto, local_set, announce)
}
