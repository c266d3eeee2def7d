//! `RTCIceServer.url` (the pre-2013 name) accepted as `urls`, in the constructor and in
//! `setConfiguration`.
//!
//! Current browsers reject `{url: …}` with `TypeError`, so old code fails to construct a
//! connection at all. Detected by constructing one with `url` (and closing it), once per page:
//! the outcome is remembered like every shim's. The constructor
//! is replaced by a stand-in that only translates the configuration and is otherwise the browser's
//! own: same prototype object, `new.target` honoured for subclasses, `length`, name and statics
//! unchanged (see `translatingConstructor` in glue.js).

use wasm_bindgen::{JsCast, JsValue};

use super::{get, translate_constructor_argument, wrap, Need, Scope};
use crate::error::Error;

/// A configuration whose ICE servers' `url` members are renamed `urls` (when `urls` is absent).
pub(crate) fn translate(configuration: &JsValue) -> JsValue {
    let Some(servers) =
        get(configuration, "iceServers").and_then(|s| s.dyn_into::<js_sys::Array>().ok())
    else {
        return configuration.clone();
    };
    if !servers
        .iter()
        .any(|server| get(&server, "url").is_some() && get(&server, "urls").is_none())
    {
        return configuration.clone();
    }
    let copy = js_sys::Object::assign(&js_sys::Object::new(), configuration.unchecked_ref());
    let translated: js_sys::Array = servers
        .iter()
        .map(|server| {
            let Some(url) = get(&server, "url").filter(|_| get(&server, "urls").is_none()) else {
                return server;
            };
            let renamed = js_sys::Object::assign(&js_sys::Object::new(), server.unchecked_ref());
            let _ = js_sys::Reflect::delete_property(&renamed, &"url".into());
            let _ = super::set(&renamed, "urls", &url);
            renamed.into()
        })
        .collect();
    let _ = super::set(&copy, "iceServers", &translated);
    copy.into()
}

pub(super) fn need(scope: &Scope) -> Need {
    let Some(constructor) = scope
        .get("RTCPeerConnection")
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return Need::Unavailable;
    };
    let legacy = js_sys::JSON::parse(r#"{"iceServers":[{"url":"stun:127.0.0.1:3478"}]}"#)
        .unwrap_or(JsValue::NULL);
    match js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&legacy)) {
        Ok(pc) => {
            let _ = crate::sys::call(&pc, "RTCPeerConnection", "close", &[]);
            Need::NotNeeded
        }
        // The TypeError of a dictionary without `urls`; any other failure (too many connections,
        // say) tells nothing, and the constructor is not replaced on a guess.
        Err(error) if error.is_instance_of::<js_sys::TypeError>() => Need::Needed,
        Err(_) => Need::NotNeeded,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    if let Some(proto) = scope
        .prototype("RTCPeerConnection")
        .filter(|p| get(p, "setConfiguration").is_some())
    {
        wrap(&proto, "setConfiguration", |this, native, args| {
            let translated = js_sys::Array::of1(&translate(&args.get(0)));
            js_sys::Reflect::apply(&native, &this, &translated)
        })?;
    }
    translate_constructor_argument(scope, "RTCPeerConnection", |configuration| {
        Ok(translate(&configuration))
    })
}
