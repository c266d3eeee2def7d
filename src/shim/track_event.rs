//! `track` events with `track`, `streams`, `receiver` and `transceiver`, and `ontrack`.
//!
//! * Chrome < 56 and Safari < 11 had no `track` event, only `addstream`: each stream's tracks
//!   are announced as `track` events (with `receiver` from `getReceivers()` where it exists, and
//!   a `transceiver` object holding it), and `ontrack` works. Detected by the prototype lacking
//!   `ontrack` but having `onaddstream`.
//! * Chrome 56–68 had `track` events without `transceiver`: `RTCTrackEvent.prototype.transceiver`
//!   finds it among the connection's `getTransceivers()`. Detected by the prototype lacking it.
//!
//! Listener objects with `handleEvent` work, because real events are dispatched through the
//! browser's own `EventTarget`; `addEventListener` itself is never patched. The patches are in
//! the `track_event.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{has, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = trackEvent, catch)]
    fn patch(
        proto: &JsValue,
        without_track_event: bool,
        track_event_proto: &JsValue,
    ) -> Result<(), JsValue>;
}

/// Whether connections announce remote media with `addstream` only.
fn without_track_event(proto: &JsValue) -> bool {
    !has(proto, "ontrack") && has(proto, "onaddstream")
}

/// `RTCTrackEvent.prototype`, where it lacks `transceiver`.
fn without_transceiver(scope: &Scope) -> Option<JsValue> {
    scope
        .prototype("RTCTrackEvent")
        .filter(|e| !has(e, "transceiver"))
}

pub(super) fn need(scope: &Scope) -> Need {
    let Some(pc) = scope.prototype("RTCPeerConnection") else {
        return Need::Unavailable;
    };
    if without_track_event(&pc) || without_transceiver(scope).is_some() {
        Need::Needed
    } else {
        Need::NotNeeded
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    let proto = scope.required_prototype("RTCPeerConnection")?;
    let event_proto = without_transceiver(scope).unwrap_or(JsValue::UNDEFINED);
    patch(&proto, without_track_event(&proto), &event_proto)
}
