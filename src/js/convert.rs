//! The shim's values to and from JavaScript, by hand: the same plain objects serde-wasm-bindgen
//! made of them, without serde's code in the shim-only wasm (it was a third of it). The names come from the types themselves
//! ([`ShimOptions::by_name`], the `as_str`s), which native tests hold equal to the serde names.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::prelude::*;
use crate::shim::{BrowserDetails, ShimOptions, ShimReport};

/// A plain object with `fields`, in order.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = crate::shim::set(&object, key, value);
    }
    object.into()
}

/// `shim(options)`'s argument: `undefined` and `null` give the defaults, a missing or
/// `undefined` option its default (as a WebIDL dictionary reads it), and any other must be a
/// boolean. The error is what `shim()` throws: a `TypeError`
/// naming the option, or whatever a getter or proxy trap of `value` threw.
pub(crate) fn shim_options(value: &JsValue) -> Result<ShimOptions, JsValue> {
    let mut options = ShimOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(wrong_type("shim options must be an object, not ", value));
    }
    for (name, option) in options.by_name() {
        let given = Reflect::get(value, &JsValue::from_str(name))?;
        if given.is_undefined() {
            continue;
        }
        *option = given.as_bool().ok_or_else(|| {
            let mut what = String::from("shim options: ");
            what.push_str(name);
            what.push_str(" must be a boolean, not ");
            wrong_type(&what, &given)
        })?;
    }
    Ok(options)
}

/// A `TypeError`: `what` followed by the JavaScript type of `value` (`typeof`, `null` for null).
fn wrong_type(what: &str, value: &JsValue) -> JsValue {
    let mut message = String::from(what);
    match value.js_typeof().as_string() {
        Some(_) if value.is_null() => message.push_str("null"),
        Some(kind) => message.push_str(&kind),
        None => message.push_str("a value"),
    }
    Error::Type(message).into()
}

/// A [`ShimReport`] as JavaScript gets it: `{ shims: [{ name, status, detail? }] }`.
pub(crate) fn shim_report(report: &ShimReport) -> JsValue {
    let shims: js_sys::Array = report
        .shims
        .iter()
        .map(|entry| {
            let (name, status) = (
                JsValue::from_str(&entry.name),
                JsValue::from_str(entry.status.as_str()),
            );
            match &entry.detail {
                Some(detail) => object(&[
                    ("name", name),
                    ("status", status),
                    ("detail", JsValue::from_str(detail)),
                ]),
                None => object(&[("name", name), ("status", status)]),
            }
        })
        .collect();
    object(&[("shims", shims.into())])
}

/// [`BrowserDetails`] as JavaScript gets them: `{ engine, version }`, `version` `null` when unknown.
pub(crate) fn browser_details(details: &BrowserDetails) -> JsValue {
    object(&[
        ("engine", JsValue::from_str(details.engine.as_str())),
        (
            "version",
            details.version.map_or(JsValue::NULL, JsValue::from),
        ),
    ])
}
