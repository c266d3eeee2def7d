//! Rust values to and from JavaScript through serde, with one rule each way, for every
//! dictionary the wrappers hand the browser (or, in the npm package, JavaScript) and every one
//! they read back.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::error::Error;

/// A Rust value as a plain JavaScript value, the way a WebIDL dictionary is read: objects (not
/// `Map`s) for structs and maps, and `None` as a missing member (`undefined`), never `null`,
/// which a dictionary member that is not nullable refuses. 64-bit integers are numbers.
/// [`Error::Type`] for a value serde cannot represent.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| Error::Type(e.to_string()))
}

/// Deserializes a dictionary the browser returned. A value of a shape it cannot read is the
/// browser's doing, not the caller's: an [`Error::Operation`] naming what did not fit.
pub(crate) fn from_js<T: for<'de> Deserialize<'de>>(value: &JsValue) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value.clone())
        .map_err(|e| Error::Operation(format!("the browser returned an unexpected value: {e}")))
}
