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
//! browser's own `EventTarget`; `addEventListener` itself is never patched.

use wasm_bindgen::{JsCast, JsValue};

use super::{
    dispatch, event_handler_attribute, event_target, get, getter, listen_once, wrap, Need, Scope,
};
use crate::error::Error;
use crate::event::page_lifetime_function;

fn has(object: &JsValue, member: &str) -> bool {
    js_sys::Reflect::has(object, &JsValue::from_str(member)).unwrap_or(false)
}

pub(super) fn need(scope: &Scope) -> Need {
    let Some(pc) = scope.prototype("RTCPeerConnection") else {
        return Need::Unavailable;
    };
    let no_track_event = !has(&pc, "ontrack") && has(&pc, "onaddstream");
    let no_transceiver = scope
        .prototype("RTCTrackEvent")
        .is_some_and(|e| !has(&e, "transceiver"));
    if no_track_event || no_transceiver {
        Need::Needed
    } else {
        Need::NotNeeded
    }
}

/// The receiver of `track` on `pc`, or a plain `{track}` where there are no receivers.
fn receiver_for(pc: &JsValue, track: &JsValue) -> JsValue {
    let receivers = crate::sys::call(pc, "RTCPeerConnection", "getReceivers", &[]).ok();
    let found = receivers
        .and_then(|r| r.dyn_into::<js_sys::Array>().ok())
        .and_then(|list| {
            list.iter()
                .find(|r| get(r, "track").is_some_and(|t| &t == track))
        });
    found.unwrap_or_else(|| {
        let receiver = js_sys::Object::new();
        let _ = super::set(&receiver, "track", track);
        receiver.into()
    })
}

/// The transceiver whose receiver is `receiver`, or a plain `{receiver}`.
fn transceiver_for(pc: Option<&JsValue>, receiver: &JsValue) -> JsValue {
    let found = pc
        .and_then(|pc| crate::sys::call(pc, "RTCPeerConnection", "getTransceivers", &[]).ok())
        .and_then(|t| t.dyn_into::<js_sys::Array>().ok())
        .and_then(|list| {
            list.iter()
                .find(|t| get(t, "receiver").is_some_and(|r| &r == receiver))
        });
    found.unwrap_or_else(|| {
        let transceiver = js_sys::Object::new();
        let _ = super::set(&transceiver, "receiver", receiver);
        transceiver.into()
    })
}

/// Announces each track of an `addstream` event's stream as a `track` event.
fn announce_tracks(pc: &JsValue, event: &JsValue) -> Result<(), Error> {
    let Some(stream) = get(event, "stream") else {
        return Ok(());
    };
    let tracks: js_sys::Array = crate::sys::call(&stream, "MediaStream", "getTracks", &[])?
        .dyn_into()
        .map_err(|_| Error::Type("getTracks".into()))?;
    for track in tracks.iter() {
        let receiver = receiver_for(pc, &track);
        let transceiver = transceiver_for(Some(pc), &receiver);
        let streams = js_sys::Array::of1(&stream);
        dispatch(
            pc,
            "track",
            &[
                ("track", track),
                ("streams", streams.into()),
                ("receiver", receiver),
                ("transceiver", transceiver),
            ],
        )?;
    }
    Ok(())
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    if !has(&proto, "ontrack") && has(&proto, "onaddstream") {
        event_handler_attribute(&proto, "track")?;
        // Streams arrive after a remote description: hook each connection then.
        let listener = page_lifetime_function(|event| match event_target(&event) {
            Some(pc) => announce_tracks(&pc, &event)
                .map(|()| JsValue::UNDEFINED)
                .map_err(JsValue::from),
            None => Ok(JsValue::UNDEFINED),
        });
        wrap(&proto, "setRemoteDescription", move |this, native, args| {
            listen_once(&this, "track-from-addstream", "addstream", &listener);
            js_sys::Reflect::apply(&native, &this, &args)
        })?;
    }
    if let Some(event_proto) = scope
        .prototype("RTCTrackEvent")
        .filter(|e| !has(e, "transceiver"))
    {
        getter(&event_proto, "transceiver", |event| {
            let receiver = get(&event, "receiver").unwrap_or(JsValue::NULL);
            Ok(transceiver_for(get(&event, "target").as_ref(), &receiver))
        })?;
    }
    Ok(())
}
