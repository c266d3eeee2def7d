//! The JavaScript functions the shim installs on prototypes: they live as long as the page, so
//! JavaScript owns them (`Closure::into_js_value`) — the one legitimate page-lifetime closure.
//! Kept apart from the listeners so that the shim-only wasm (no std) builds them too.

use alloc::boxed::Box;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A page-lifetime JavaScript function of one argument (a getter's `this`, an error to map),
/// owned by JavaScript (`Closure::into_js_value`), which is the one legitimate page-lifetime
/// closure: the shim hands it to the functions it installs (a parser, for one).
pub(crate) fn page_lifetime_function(
    handler: impl Fn(wasm_bindgen::JsValue) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>
        + 'static,
) -> js_sys::Function {
    type Function =
        dyn Fn(wasm_bindgen::JsValue) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    Closure::<Function>::wrap(Box::new(handler))
        .into_js_value()
        .unchecked_into()
}
