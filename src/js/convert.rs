//! The shim's values to and from JavaScript, by hand: the same plain objects serde-wasm-bindgen
//! made of them and the same `TypeError` messages it gave for a wrong option, without serde's code
//! in the shim-only wasm (it was a third of it). The names come from the types themselves
//! ([`ShimOptions::by_name`], the `as_str`s), which native tests hold equal to the serde names.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};

use crate::candidate::CandidateFields;
use crate::error::Error;
use crate::shim::text::{debug_str, display_f64};
use crate::shim::{BrowserDetails, ShimOptions, ShimReport};

/// A plain object with `fields`, in order.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn text_or_null(text: Option<&str>) -> JsValue {
    text.map_or(JsValue::NULL, JsValue::from_str)
}

/// `shim(options)`'s argument: `undefined` and `null` give the defaults, a missing option its
/// default, and a present one must be a boolean. The error is what `shim()` throws: a `TypeError`
/// (see [`invalid_type`]), or whatever a getter or proxy trap of `value` threw.
pub(crate) fn shim_options(value: &JsValue) -> Result<ShimOptions, JsValue> {
    let mut options = ShimOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(invalid_type(value, "struct ShimOptions"));
    }
    for (name, option) in options.by_name() {
        let key = JsValue::from_str(name);
        let given = Reflect::get(value, &key)?;
        // `undefined` may be a missing option (the default) or one set to `undefined` (an error).
        if given.is_undefined() && !Reflect::has(value, &key)? {
            continue;
        }
        *option = given
            .as_bool()
            .ok_or_else(|| invalid_type(&given, "a boolean"))?;
    }
    Ok(options)
}

/// The `TypeError` for an option of the wrong type, worded as serde and serde-wasm-bindgen word
/// it: `shim options: Error: invalid type: string "yes", expected a boolean`.
fn invalid_type(value: &JsValue, expected: &str) -> JsValue {
    let mut message = String::from("invalid type: ");
    message.push_str(&unexpected(value));
    message.push_str(", expected ");
    message.push_str(expected);
    // serde-wasm-bindgen's error is a JavaScript `Error`, written out with `toString()`.
    let mut text = String::from("shim options: ");
    text.push_str(&String::from(js_sys::Error::new(&message).to_string()));
    Error::Type(text).into()
}

/// What serde calls the value it did not expect (`de::Unexpected`, as serde-wasm-bindgen
/// classifies a JavaScript value).
fn unexpected(value: &JsValue) -> String {
    if value.loose_eq(&JsValue::NULL) {
        return "unit value".to_owned();
    }
    if let Some(b) = value.as_bool() {
        return if b {
            "boolean `true`"
        } else {
            "boolean `false`"
        }
        .to_owned();
    }
    if let Some(x) = value.as_f64() {
        // serde writes a float with a decimal point: `1.0`, `1.5`, `inf`.
        let mut number = display_f64(x);
        if x.is_finite() && !number.contains('.') {
            number.push_str(".0");
        }
        let mut text = String::from("floating point `");
        text.push_str(&number);
        text.push('`');
        return text;
    }
    if let Some(s) = value.as_string() {
        let mut text = String::from("string ");
        text.push_str(&debug_str(&s));
        return text;
    }
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return "byte array".to_owned();
    }
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        // serde-wasm-bindgen views the buffer first, which throws for a detached one.
        js_sys::Uint8Array::new(value);
        return "byte array".to_owned();
    }
    format!("{value:?}")
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

/// [`CandidateFields`] as JavaScript gets them: `RTCIceCandidate`'s names, `null` for what the
/// line lacks, `extensions` as `[name, value]` pairs.
pub(crate) fn candidate_fields(fields: &CandidateFields) -> JsValue {
    let extensions: js_sys::Array = fields
        .extensions
        .iter()
        .map(|(name, value)| {
            js_sys::Array::of2(&JsValue::from_str(name), &JsValue::from_str(value))
        })
        .collect();
    object(&[
        ("foundation", JsValue::from_str(&fields.foundation)),
        ("component", JsValue::from(fields.component)),
        ("protocol", JsValue::from_str(fields.protocol.as_str())),
        ("priority", JsValue::from(fields.priority)),
        ("address", JsValue::from_str(&fields.address)),
        ("port", JsValue::from(fields.port)),
        ("type", JsValue::from_str(fields.kind.as_str())),
        (
            "relatedAddress",
            text_or_null(fields.related_address.as_deref()),
        ),
        (
            "relatedPort",
            fields.related_port.map_or(JsValue::NULL, JsValue::from),
        ),
        (
            "tcpType",
            fields
                .tcp_type
                .map_or(JsValue::NULL, |t| JsValue::from_str(t.as_str())),
        ),
        (
            "usernameFragment",
            text_or_null(fields.username_fragment.as_deref()),
        ),
        ("extensions", extensions.into()),
    ])
}
