//! The JSON text of signals, through the browser's `JSON` (no JSON crate in the wasm): what
//! [`Signal`](super::Signal) and [`SimplePeerSignal`](super::SimplePeerSignal) share.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::convert::to_js;
use crate::error::Error;

/// The longest signal text a transport decodes: far above any real description (an SDP of 100
/// m-lines is about 150 KB), far below what would stall the page to parse. A longer one is an
/// [`Error::Data`] item, never parsed.
pub const MAX_SIGNAL_BYTES: usize = 1024 * 1024;

/// `value`'s JSON text.
pub(super) fn to_text<T: Serialize>(value: &T) -> Result<String, Error> {
    let value = to_js(value)?;
    js_sys::JSON::stringify(&value)?
        .as_string()
        .ok_or_else(|| Error::Data("a signal with no JSON form".into()))
}

/// A `T` from JSON text: [`Error::Data`] for text over [`MAX_SIGNAL_BYTES`] or JSON that is no
/// `T` (`not_one` says what it is not), [`Error::Syntax`] for text that is not JSON.
pub(super) fn from_text<T: DeserializeOwned>(text: &str, not_one: &str) -> Result<T, Error> {
    if text.len() > MAX_SIGNAL_BYTES {
        return Err(Error::Data(format!(
            "a signal of {} bytes (the most is {MAX_SIGNAL_BYTES})",
            text.len()
        )));
    }
    let value = js_sys::JSON::parse(text).map_err(|e| match Error::from(e) {
        Error::Syntax(message) => Error::Syntax(format!("a signal that is not JSON: {message}")),
        other => other,
    })?;
    from_value(&value, not_one)
}

/// A `T` from a JavaScript value: [`Error::Data`] (`{not_one}: why`) if it is none.
pub(super) fn from_value<T: DeserializeOwned>(value: &JsValue, not_one: &str) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| Error::Data(format!("{not_one}: {e}")))
}
