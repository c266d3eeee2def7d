//! Reading members of JavaScript objects that a browser may lack, and the text of any value:
//! the leaf that both the bindings (`sys`) and the errors read with.

#[cfg(feature = "wrappers")]
use std::{cell::RefCell, collections::HashMap};

use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// JavaScript's `String(value)`: the text of any value (a thrown `42`, `undefined`, a symbol).
    #[wasm_bindgen(js_name = String)]
    pub fn string_of(value: &JsValue) -> String;
}

#[cfg(feature = "wrappers")]
thread_local! {
    /// Each member name read so far, as a JavaScript string: made once, where a name passed as
    /// a `&str` became a new JavaScript string (a `TextDecoder.decode`) on every read. That cost
    /// more than the read itself: `signalingState` read by name took 5–7 µs in Chromium 156
    /// and 4–5 µs in Firefox 153 against 0.1–1.3 µs and 1.9–2.0 µs through a getter, and every
    /// method checks it. The names are the crate's own literals, a few dozen in all.
    static NAMES: RefCell<HashMap<&'static str, JsValue>> = RefCell::new(HashMap::new());
}

/// `target[name]`, `name` made a JavaScript string only the first time it is read.
#[cfg(feature = "wrappers")]
fn get(target: &JsValue, name: &'static str) -> Result<JsValue, JsValue> {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let key = names.entry(name).or_insert_with(|| JsValue::from_str(name));
        js_sys::Reflect::get(target, key)
    })
}

/// `target[name]` in the shim-only wasm, which carries no std (and reads few names, rarely).
#[cfg(not(feature = "wrappers"))]
fn get(target: &JsValue, name: &'static str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
}

/// Whether the global `name` exists (an interface the browser implements).
pub fn has_global(name: &'static str) -> bool {
    get(&js_sys::global(), name)
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}

/// Reads a string attribute that a browser may lack (`None` when absent or `null`).
pub fn string_attribute(target: &JsValue, name: &'static str) -> Option<String> {
    get(target, name).ok().and_then(|v| v.as_string())
}

/// Reads a numeric attribute that a browser may lack (`None` when absent or `null`).
pub fn number_attribute(target: &JsValue, name: &'static str) -> Option<f64> {
    get(target, name).ok().and_then(|v| v.as_f64())
}
