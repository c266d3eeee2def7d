//! Opt-in: the stream-based API removed from the spec — `addStream`, `removeStream`,
//! `getLocalStreams`, `getRemoteStreams`, and `addstream` events with `onaddstream` — built on
//! tracks (`addTrack`, `removeTrack`, `track` events), for old code. The local trio (`addStream`,
//! `removeStream`, `getLocalStreams`) is provided as a set whenever one of them is missing (Firefox
//! keeps `addStream` and `getLocalStreams` but dropped `removeStream`, and its own bookkeeping
//! would not see ours); the remote members only where missing.

use wasm_bindgen::{JsCast, JsValue};

use super::{dispatch, event_handler_attribute, event_target, get, listen_once, wrap, Need, Scope};
use crate::error::Error;
use crate::event::{page_lifetime_function, page_lifetime_method};

const MEMBERS: [&str; 4] = [
    "addStream",
    "removeStream",
    "getLocalStreams",
    "getRemoteStreams",
];

fn has(object: &JsValue, member: &str) -> bool {
    js_sys::Reflect::has(object, &JsValue::from_str(member)).unwrap_or(false)
}

/// The per-connection list under `key` (created empty).
fn list(pc: &JsValue, key: &str) -> js_sys::Array {
    let key = js_sys::Symbol::for_(key);
    if let Some(existing) = js_sys::Reflect::get(pc, &key)
        .ok()
        .and_then(|l| l.dyn_into::<js_sys::Array>().ok())
    {
        return existing;
    }
    let fresh = js_sys::Array::new();
    let _ = js_sys::Reflect::set(pc, &key, &fresh);
    fresh
}

const LOCAL: &str = "wasm-rtc.shim.local-streams";
const REMOTE: &str = "wasm-rtc.shim.remote-streams";

fn tracks_of(stream: &JsValue) -> Result<js_sys::Array, JsValue> {
    crate::sys::call(stream, "MediaStream", "getTracks", &[])?.dyn_into()
}

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

/// Remembers each new remote stream of a `track` event on the event's connection and, where
/// `announce` (the browser has no `addstream` of its own), announces it with `addstream`.
fn remember_remote_streams(event: &JsValue, announce: bool) -> Result<JsValue, JsValue> {
    let Some(pc) = event_target(event) else {
        return Ok(JsValue::UNDEFINED);
    };
    let streams = get(event, "streams")
        .and_then(|s| s.dyn_into::<js_sys::Array>().ok())
        .unwrap_or_default();
    let remote = list(&pc, REMOTE);
    for stream in streams.iter() {
        if !remote.includes(&stream, 0) {
            remote.push(&stream);
            if announce {
                dispatch(&pc, "addstream", &[("stream", stream)])?;
            }
        }
    }
    Ok(JsValue::UNDEFINED)
}

fn define(
    proto: &JsValue,
    name: &str,
    method: js_sys::Function,
    replace: bool,
) -> Result<(), Error> {
    if replace || !has(proto, name) {
        let function = super::wrap_callable(&method)?;
        super::set(proto, name, &function)?;
    }
    Ok(())
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    let local_set = !["addStream", "removeStream", "getLocalStreams"]
        .iter()
        .all(|m| has(&proto, m));
    define(
        &proto,
        "addStream",
        page_lifetime_method(|pc, _, args| {
            let stream = args.get(0);
            for track in tracks_of(&stream)?.iter() {
                crate::sys::call(
                    &pc,
                    "RTCPeerConnection",
                    "addTrack",
                    &[track, stream.clone()],
                )?;
            }
            let local = list(&pc, LOCAL);
            if !local.includes(&stream, 0) {
                local.push(&stream);
            }
            Ok(JsValue::UNDEFINED)
        }),
        local_set,
    )?;
    define(
        &proto,
        "removeStream",
        page_lifetime_method(|pc, _, args| {
            let stream = args.get(0);
            let tracks = tracks_of(&stream)?;
            let senders: js_sys::Array =
                crate::sys::call(&pc, "RTCPeerConnection", "getSenders", &[])?.dyn_into()?;
            for sender in senders.iter() {
                if get(&sender, "track").is_some_and(|t| tracks.includes(&t, 0)) {
                    crate::sys::call(&pc, "RTCPeerConnection", "removeTrack", &[sender])?;
                }
            }
            let local = list(&pc, LOCAL);
            let index = local.index_of(&stream, 0);
            if index >= 0 {
                // Two arguments: js-sys's `splice` would insert a third.
                crate::sys::call(
                    &local,
                    "Array",
                    "splice",
                    &[JsValue::from(index), JsValue::from(1)],
                )?;
            }
            Ok(JsValue::UNDEFINED)
        }),
        local_set,
    )?;
    define(
        &proto,
        "getLocalStreams",
        page_lifetime_method(|pc, _, _| Ok(list(&pc, LOCAL).slice(0, u32::MAX).into())),
        local_set,
    )?;
    define(
        &proto,
        "getRemoteStreams",
        page_lifetime_method(|pc, _, _| Ok(list(&pc, REMOTE).slice(0, u32::MAX).into())),
        false,
    )?;
    let announce = !has(&proto, "onaddstream");
    if announce {
        event_handler_attribute(&proto, "addstream")?;
    }
    // Remote tracks come with a remote description: start collecting their streams then.
    let listener = page_lifetime_function(move |event| remember_remote_streams(&event, announce));
    wrap(&proto, "setRemoteDescription", move |this, native, args| {
        listen_once(&this, "remote-streams", "track", &listener);
        js_sys::Reflect::apply(&native, &this, &args)
    })
}
