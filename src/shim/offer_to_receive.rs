//! The legacy `createOffer({offerToReceiveAudio, offerToReceiveVideo})` options, applied the way
//! the spec's legacy section says: a kind to receive gets a receiving transceiver (an existing
//! one redirected, or a new `recvonly` one); a kind not to receive stops receiving.
//!
//! Safari 12+ ignores these options, so an old-style "receive only" call offers no media at all.
//! Detected by behaviour: a browser that honours the options reads them while converting
//! `createOffer`'s argument (the getters of an options object the probe connection is given
//! run then; the one after `offerToReceiveAudio` throws, so no offer is made), one that ignores them
//! never does; applied only there. The translation is exact and the options are then removed. It is in the `offer_to_receive.rs` section of `patches.js`, which
//! [`PeerConnection::create_offer`](crate::PeerConnection::create_offer) uses too (bound in
//! `sys`, below both).

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = offerToReceive, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = probeOfferToReceive, catch)]
    fn probe(pc: &JsValue) -> Result<bool, JsValue>;
}

pub(super) fn need(scope: &Scope) -> Need {
    let has_both = scope
        .prototype("RTCPeerConnection")
        .is_some_and(|p| get(&p, "createOffer").is_some() && get(&p, "addTransceiver").is_some());
    if !has_both {
        return Need::Unavailable;
    }
    match scope.probe_connection().map(|pc| probe(&pc)) {
        Some(Ok(true)) => Need::Needed,
        // No connection to ask, or a probe that failed, tells nothing: nothing is patched on a
        // guess.
        _ => Need::NotNeeded,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.required_prototype("RTCPeerConnection")?)
}
