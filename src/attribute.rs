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

/// Calls `f` with `name` as a JavaScript string, made only the first time it is asked for: for
/// every name the crate hands to JavaScript again and again (members it reads, event types).
#[cfg(feature = "wrappers")]
pub(crate) fn with_name<R>(name: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    let key = NAMES.with(|names| {
        names
            .borrow_mut()
            .entry(name)
            .or_insert_with(|| JsValue::from_str(name))
            .clone()
    });
    f(&key)
}

/// [`with_name`] in the shim-only wasm, which carries no std (and reads few names, rarely):
/// the string is made each time.
#[cfg(not(feature = "wrappers"))]
pub(crate) fn with_name<R>(name: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    f(&JsValue::from_str(name))
}

/// `target[name]` (what `Reflect.get` throws, for a getter that throws or a target that is not
/// an object), the name made a JavaScript string only once.
pub fn member(target: &JsValue, name: &'static str) -> Result<JsValue, JsValue> {
    with_name(name, |key| js_sys::Reflect::get(target, key))
}

/// Whether the global `name` exists (an interface the browser implements).
pub fn has_global(name: &'static str) -> bool {
    member(&js_sys::global(), name)
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}

/// Reads a string attribute that a browser may lack (`None` when absent or `null`).
pub fn string_attribute(target: &JsValue, name: &'static str) -> Option<String> {
    member(target, name).ok().and_then(|v| v.as_string())
}

/// Reads a numeric attribute that a browser may lack (`None` when absent or `null`).
pub fn number_attribute(target: &JsValue, name: &'static str) -> Option<f64> {
    member(target, name).ok().and_then(|v| v.as_f64())
}
