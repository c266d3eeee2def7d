//! `connectionState` and `connectionstatechange` where the browser lacks them (Firefox < 113,
//! Safari < 11): derived from `iceConnectionState`, the way the spec aggregates transport states
//! when DTLS follows ICE. Detected by the prototype lacking `connectionState`.

use wasm_bindgen::JsValue;

use super::{dispatch, event_handler_attribute, first_time, get, getter, wrap, Need, Scope};
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

/// Listens to `iceconnectionstatechange` on `pc` and dispatches `connectionstatechange` when the
/// derived state changes.
fn hook(pc: &JsValue) -> Result<(), JsValue> {
    if !first_time(pc, "connection-state") {
        return Ok(());
    }
    let last = std::cell::Cell::new(current(pc));
    let target = pc.clone();
    let listener = page_lifetime_function(move |_| {
        let now = current(&target);
        if now != last.replace(now) {
            dispatch(&target, "connectionstatechange", &[])?;
        }
        Ok(JsValue::UNDEFINED)
    });
    crate::sys::call(
        pc,
        "EventTarget",
        "addEventListener",
        &[
            JsValue::from_str("iceconnectionstatechange"),
            listener.into(),
        ],
    )?;
    Ok(())
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    getter(&proto, "connectionState", |this| {
        Ok(JsValue::from_str(current(&this)))
    })?;
    event_handler_attribute(&proto, "connectionstatechange")?;
    // ICE starts with a description: hook each connection at its first one. A hook that cannot
    // attach never stands in the way of the call itself.
    for method in ["setLocalDescription", "setRemoteDescription"] {
        if get(&proto, method).is_some() {
            wrap(&proto, method, |this, native, args| {
                let _ = hook(&this);
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
