//! The legacy `createOffer({offerToReceiveAudio, offerToReceiveVideo})` options, applied the way
//! the spec's legacy section says: a kind to receive gets a receiving transceiver (an existing
//! one redirected, or a new `recvonly` one); a kind not to receive stops receiving.
//!
//! Safari 12+ ignores these options, so an old-style "receive only" call offers no media at all.
//! Detected by behaviour: a browser that honours the options reads them while converting
//! `createOffer`'s argument (the getters of an options object the probe connection is given
//! run then; the one after `offerToReceiveAudio` throws, so no offer is made), one that ignores them
//! never does; applied only there. The translation is exact and the options are then removed. It is in the `offer_to_receive.rs` section of `patches.js`, which
//! [`PeerConnection::create_offer`](crate::PeerConnection::create_offer) uses too.

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = offerToReceive, catch)]
    fn patch(proto: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = probeOfferToReceive, catch)]
    fn probe(pc: &JsValue) -> Result<bool, JsValue>;
    #[cfg(feature = "wrappers")]
    #[wasm_bindgen(js_name = offerToReceiveKind, catch)]
    fn offer_to_receive_kind(
        pc: &JsValue,
        kind: &str,
        receive: Option<bool>,
    ) -> Result<(), JsValue>;
}

/// Makes `pc`'s transceivers of `kind` receive (or not), adding a `recvonly` one when none can;
/// `None` changes nothing. [`Error::Unsupported`](crate::Error::Unsupported) where the browser
/// has no transceivers.
#[cfg(feature = "wrappers")]
pub(crate) fn apply_to(
    pc: &JsValue,
    kind: &str,
    receive: Option<bool>,
) -> Result<(), crate::Error> {
    if receive.is_none() {
        return Ok(());
    }
    for method in ["getTransceivers", "addTransceiver"] {
        if !get(pc, method).is_some_and(|f| f.is_function()) {
            return Err(crate::Error::unsupported(
                String::from("RTCPeerConnection.") + method,
            ));
        }
    }
    Ok(offer_to_receive_kind(pc, kind, receive)?)
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
