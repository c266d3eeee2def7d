//! `connectionState` and `connectionstatechange` where the browser lacks them (Firefox < 113,
//! Safari < 11): derived from `iceConnectionState`, the way the spec aggregates transport states
//! when DTLS follows ICE. Detected by the prototype lacking `connectionState`.

use wasm_bindgen::JsValue;

use super::{
    dispatch, event_handler_attribute, event_target, get, getter, listen_once, wrap, Need, Scope,
};
use crate::error::Error;
use crate::event::page_lifetime_function;

/// `connectionState` for an `iceConnectionState`.
pub(crate) fn derive(ice: &str) -> &'static str {
    match ice {
        "checking" => "connecting",
        "connected" | "completed" => "connected",
        "disconnected" => "disconnected",
        "failed" => "failed",
        "closed" => "closed",
        _ => "new",
    }
}

fn current(pc: &JsValue) -> &'static str {
    derive(
        &get(pc, "iceConnectionState")
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
    )
}

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        None => Need::Unavailable,
        Some(p) if js_sys::Reflect::has(&p, &"connectionState".into()).unwrap_or(false) => {
            Need::NotNeeded
        }
        Some(_) => Need::Needed,
    }
}

/// Where each connection keeps the derived state it last announced.
fn last_key() -> js_sys::Symbol {
    js_sys::Symbol::for_("wasm-rtc.shim.connection-state-last")
}

/// Dispatches `connectionstatechange` on the event's connection when its derived state changed.
fn on_ice_connection_state_change(event: JsValue) -> Result<JsValue, JsValue> {
    if let Some(pc) = event_target(&event) {
        let now = current(&pc);
        let last = js_sys::Reflect::get(&pc, &last_key())?.as_string();
        if last.as_deref() != Some(now) {
            js_sys::Reflect::set(&pc, &last_key(), &JsValue::from_str(now))?;
            dispatch(&pc, "connectionstatechange", &[])?;
        }
    }
    Ok(JsValue::UNDEFINED)
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    getter(&proto, "connectionState", |this| {
        Ok(JsValue::from_str(current(&this)))
    })?;
    event_handler_attribute(&proto, "connectionstatechange")?;
    // ICE starts with a description: hook each connection at its first one.
    let listener = page_lifetime_function(on_ice_connection_state_change);
    for method in ["setLocalDescription", "setRemoteDescription"] {
        if get(&proto, method).is_some() {
            let listener = listener.clone();
            wrap(&proto, method, move |this, native, args| {
                if !js_sys::Reflect::has(&this, &last_key()).unwrap_or(true) {
                    let _ = js_sys::Reflect::set(
                        &this,
                        &last_key(),
                        &JsValue::from_str(current(&this)),
                    );
                }
                listen_once(
                    &this,
                    "connection-state",
                    "iceconnectionstatechange",
                    &listener,
                );
                js_sys::Reflect::apply(&native, &this, &args)
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn derived_states() {
        for (ice, connection) in [
            ("new", "new"),
            ("checking", "connecting"),
            ("completed", "connected"),
            ("failed", "failed"),
            ("closed", "closed"),
        ] {
            assert_eq!(super::derive(ice), connection);
        }
    }
}
