//! `RTCIceServer.url` (the pre-2013 name) accepted as `urls`, in the constructor and in
//! `setConfiguration`.
//!
//! Spec-strict browsers reject `{url: …}` with `TypeError`, so old code fails to construct a
//! connection at all. Detected by constructing one with `url`, once per page (the outcome is
//! remembered like every shim's), beside a second server whose URL no browser takes: a strict
//! browser stops at the first (`TypeError`, while converting the dictionary), a lenient one at
//! the second (`SyntaxError`, while applying the configuration), so no connection is made. The constructor is replaced by a stand-in that
//! only translates the configuration and is otherwise the browser's own: same prototype object,
//! `new.target` honoured for subclasses, `length`, name and statics unchanged (see
//! `translatingConstructor` in the `ice_server_urls.rs` section of `patches.js`).

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = iceServerUrls, catch)]
    fn patch(global: &JsValue) -> Result<(), JsValue>;
}

pub(super) fn need(scope: &Scope) -> Need {
    let Some(constructor) = scope
        .get("RTCPeerConnection")
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return Need::Unavailable;
    };
    let legacy = js_sys::JSON::parse(
        r#"{"iceServers":[{"url":"stun:127.0.0.1:3478"},{"urls":"invalid-scheme:127.0.0.1"}]}"#,
    )
    .unwrap_or(JsValue::NULL);
    match js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&legacy)) {
        Ok(pc) => {
            if let Some(close) = get(&pc, "close") {
                let _ = js_sys::Reflect::apply(
                    close.unchecked_ref::<js_sys::Function>(),
                    &pc,
                    &js_sys::Array::new(),
                );
            }
            Need::NotNeeded
        }
        // The TypeError of a dictionary without `urls`; any other failure (too many connections,
        // say) tells nothing, and the constructor is not replaced on a guess.
        Err(error) if error.is_instance_of::<js_sys::TypeError>() => Need::Needed,
        Err(_) => Need::NotNeeded,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    patch(&scope.global)
}
