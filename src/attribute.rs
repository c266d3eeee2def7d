//! Reading members of JavaScript objects that a browser may lack, and the text of any value:
//! the leaf that both the bindings (`sys`) and the errors read with.

use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// JavaScript's `String(value)`: the text of any value (a thrown `42`, `undefined`, a symbol).
    #[wasm_bindgen(js_name = String)]
    pub fn string_of(value: &JsValue) -> String;
}

/// Whether the global `name` exists (an interface the browser implements).
pub fn has_global(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .map(|v| !v.is_undefined())
        .unwrap_or(false)
}

/// Reads a string attribute that a browser may lack (`None` when absent or `null`).
pub fn string_attribute(target: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

/// Reads a numeric attribute that a browser may lack (`None` when absent or `null`).
pub fn number_attribute(target: &JsValue, name: &str) -> Option<f64> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_f64())
}
