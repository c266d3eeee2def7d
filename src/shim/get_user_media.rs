//! `navigator.mediaDevices.getUserMedia`, the same everywhere.
//!
//! * Browsers with only the callback API (`navigator.webkitGetUserMedia` in Chrome < 53,
//!   `navigator.mozGetUserMedia` in Firefox < 36, `navigator.getUserMedia`): the promise API is
//!   provided over it. `webkitGetUserMedia` understands only the legacy syntax, so standard
//!   constraints are translated to it there (`{width: {min: 640}}` → `{mandatory: {minWidth:
//!   640}}`, `ideal` → `optional`).
//! * Code written with the legacy constraint syntax (`{mandatory: {minWidth: 640}, optional:
//!   [{minFrameRate: 30}]}`, `sourceId`): translated to the standard form, which every current
//!   browser understands and silently ignores the legacy one.
//! * `undefined` members are removed (Safari rejects `{width: undefined}`).
//! * Legacy error names are mapped to the standard ones (`PermissionDeniedError` →
//!   `NotAllowedError`, `DevicesNotFoundError` → `NotFoundError`,
//!   `ConstraintNotSatisfiedError` → `OverconstrainedError`, `TrackStartError` →
//!   `NotReadableError`, …).
//!
//! The legacy shim (opt-in) provides `navigator.getUserMedia(constraints, onSuccess, onError)`
//! over the promise API, for old code.

use wasm_bindgen::{JsCast, JsValue};

use super::{get, promisify, wrap, Need, Scope};
use crate::error::Error;
use crate::event::page_lifetime_function;
use crate::prelude::*;

const LEGACY_FUNCTIONS: [&str; 3] = ["getUserMedia", "webkitGetUserMedia", "mozGetUserMedia"];

/// The standard name for a legacy `getUserMedia` error name, if it is one.
pub(crate) fn standard_error_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "PermissionDeniedError" | "PermissionDismissedError" | "MediaDeviceKillSwitchOn" => {
            "NotAllowedError"
        }
        "DevicesNotFoundError" => "NotFoundError",
        "ConstraintNotSatisfiedError" => "OverconstrainedError",
        "TrackStartError" | "MediaDeviceFailedDueToShutdown" | "SourceUnavailableError" => {
            "NotReadableError"
        }
        "TabCaptureError" | "ScreenCaptureError" | "DeviceCaptureError" => "AbortError",
        _ => return None,
    })
}

/// Maps a rejection's error to its standard name (keeping message and `constraint`).
fn map_error(error: JsValue) -> JsValue {
    let name = get(&error, "name")
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let Some(standard) = standard_error_name(&name) else {
        return error;
    };
    let message = get(&error, "message")
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    let constraint = get(&error, "constraint").or_else(|| get(&error, "constraintName"));
    let mapped: JsValue = match web_sys::DomException::new_with_message_and_name(&message, standard)
    {
        Ok(dom) => dom.into(),
        Err(_) => {
            let e = js_sys::Error::new(&message);
            e.set_name(standard);
            e.into()
        }
    };
    if let Some(constraint) = constraint {
        // DOMException is extensible: the constraint travels with it, as OverconstrainedError's.
        let _ = super::set(&mapped, "constraint", &constraint);
    }
    mapped
}

/// The standard member for one legacy `mandatory`/`optional` key, and which part of it.
fn legacy_key(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "minWidth" => ("width", "min"),
        "maxWidth" => ("width", "max"),
        "minHeight" => ("height", "min"),
        "maxHeight" => ("height", "max"),
        "minFrameRate" => ("frameRate", "min"),
        "maxFrameRate" => ("frameRate", "max"),
        "minAspectRatio" => ("aspectRatio", "min"),
        "maxAspectRatio" => ("aspectRatio", "max"),
        "sourceId" | "deviceId" => ("deviceId", "exact"),
        "facingMode" => ("facingMode", "exact"),
        "echoCancellation" | "googEchoCancellation" => ("echoCancellation", "exact"),
        "googNoiseSuppression" | "noiseSuppression" => ("noiseSuppression", "exact"),
        "googAutoGainControl" | "autoGainControl" => ("autoGainControl", "exact"),
        _ => return None,
    })
}

fn entries(object: &JsValue) -> Vec<(String, JsValue)> {
    js_sys::Object::entries(object.unchecked_ref())
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

/// Sets `track[member][part] = value`, creating `track[member]` as an object when needed.
fn set_part(track: &js_sys::Object, member: &str, part: &str, value: &JsValue) {
    let existing = get(track, member).filter(|v| v.is_object() && !js_sys::Array::is_array(v));
    let holder = existing.unwrap_or_else(|| {
        let o = js_sys::Object::new();
        let _ = super::set(track, member, &o);
        o.into()
    });
    let _ = super::set(&holder, part, value);
}

/// Whether one track's constraints carry a legacy key this shim cannot translate: Chromium's
/// own (`chromeMediaSource`, `chromeMediaSourceId` for tab and desktop capture in extensions
/// and Electron), which only the legacy syntax carries and Chromium still honours.
fn has_untranslatable_key(constraints: &JsValue) -> bool {
    let unknown = |block: &JsValue| {
        entries(block)
            .iter()
            .any(|(key, _)| legacy_key(key).is_none())
    };
    get(constraints, "mandatory").is_some_and(|m| m.is_object() && unknown(&m))
        || get(constraints, "optional")
            .filter(js_sys::Array::is_array)
            .is_some_and(|o| js_sys::Array::from(&o).iter().any(|entry| unknown(&entry)))
}

/// Translates one track's legacy constraints (`mandatory`, `optional`) to the standard form;
/// standard members pass through and `undefined` members (one level down too: constraint
/// values are flat) are dropped. `None` when there is nothing to change, or when the track has
/// a key only the legacy syntax can say: it is then left as the page wrote it.
fn translate_track(constraints: &JsValue) -> Option<JsValue> {
    if !constraints.is_object() || has_untranslatable_key(constraints) {
        return None;
    }
    let out = js_sys::Object::new();
    let mut changed = false;
    for (key, value) in entries(constraints) {
        match key.as_str() {
            _ if value.is_undefined() => changed = true,
            "mandatory" if value.is_object() => {
                changed = true;
                for (legacy, v) in entries(&value) {
                    if let Some((member, part)) = legacy_key(&legacy) {
                        set_part(&out, member, part, &v);
                    }
                }
            }
            "optional" if js_sys::Array::is_array(&value) => {
                changed = true;
                // Each optional entry is a wish, not a requirement: an `ideal`.
                for entry in js_sys::Array::from(&value).iter() {
                    for (legacy, v) in entries(&entry) {
                        if let Some((member, _)) = legacy_key(&legacy) {
                            set_part(&out, member, "ideal", &v);
                        }
                    }
                }
            }
            _ => {
                let cleaned = (value.is_object() && !js_sys::Array::is_array(&value))
                    .then(|| without_undefined(&value))
                    .flatten();
                changed |= cleaned.is_some();
                let _ = super::set(&out, &key, cleaned.as_ref().unwrap_or(&value));
            }
        }
    }
    changed.then(|| out.into())
}

/// A copy of `object` without its `undefined` members; `None` when it has none.
fn without_undefined(object: &JsValue) -> Option<JsValue> {
    let out = js_sys::Object::new();
    let mut dropped = false;
    for (key, value) in entries(object) {
        if value.is_undefined() {
            dropped = true;
        } else {
            let _ = super::set(&out, &key, &value);
        }
    }
    dropped.then(|| out.into())
}

/// `MediaStreamConstraints` in the standard form: legacy syntax translated, `undefined` members
/// dropped. Anything else reaches the browser as the very object the page passed.
pub(crate) fn translate(constraints: &JsValue) -> JsValue {
    if !constraints.is_object() {
        return constraints.clone();
    }
    let out = js_sys::Object::new();
    let mut changed = false;
    for (key, value) in entries(constraints) {
        if value.is_undefined() {
            changed = true;
            continue;
        }
        let track = (key == "audio" || key == "video")
            .then(|| translate_track(&value))
            .flatten();
        changed |= track.is_some();
        let _ = super::set(&out, &key, track.as_ref().unwrap_or(&value));
    }
    if changed {
        out.into()
    } else {
        constraints.clone()
    }
}

/// The legacy `mandatory` key for a standard member's `min`/`max`/`exact` part.
fn legacy_name(member: &str, part: &str) -> Option<String> {
    match member {
        "width" | "height" | "frameRate" | "aspectRatio" => match part {
            "min" | "max" => {
                // `minWidth`: the member capitalized after the part.
                let (first, rest) = member.split_at_checked(1)?;
                Some(String::from(part) + &first.to_ascii_uppercase() + rest)
            }
            _ => None,
        },
        "deviceId" => Some("sourceId".to_owned()),
        "facingMode" => Some("facingMode".to_owned()),
        _ => None,
    }
}

/// One track's standard constraints in the legacy syntax Chrome's `webkitGetUserMedia` reads;
/// legacy input passes through.
fn to_legacy_track(constraints: &JsValue) -> JsValue {
    if !constraints.is_object()
        || get(constraints, "mandatory").is_some()
        || get(constraints, "optional").is_some()
    {
        return constraints.clone();
    }
    let (mandatory, optional) = (js_sys::Object::new(), js_sys::Array::new());
    let wish = |key: String, value: &JsValue| {
        let o = js_sys::Object::new();
        let _ = super::set(&o, &key, value);
        optional.push(&o);
    };
    for (member, value) in entries(constraints) {
        if value.is_undefined() {
            continue;
        }
        if !value.is_object() {
            // A bare value is an `ideal`.
            if let Some(key) = legacy_name(&member, "min") {
                wish(key, &value);
            }
            continue;
        }
        for (part, v) in entries(&value) {
            match part.as_str() {
                "exact" => {
                    for bound in ["min", "max", "exact"] {
                        if let Some(key) = legacy_name(&member, bound) {
                            let _ = super::set(&mandatory, &key, &v);
                        }
                    }
                }
                "min" | "max" => {
                    if let Some(key) = legacy_name(&member, &part) {
                        let _ = super::set(&mandatory, &key, &v);
                    }
                }
                "ideal" => {
                    if let Some(key) =
                        legacy_name(&member, "min").or_else(|| legacy_name(&member, "exact"))
                    {
                        wish(key, &v);
                    }
                }
                _ => {}
            }
        }
    }
    let out = js_sys::Object::new();
    let _ = super::set(&out, "mandatory", &mandatory);
    if optional.length() > 0 {
        let _ = super::set(&out, "optional", &optional);
    }
    out.into()
}

/// `MediaStreamConstraints` in the legacy syntax, for `webkitGetUserMedia`.
fn to_legacy(constraints: &JsValue) -> JsValue {
    let standard = translate(constraints);
    if !standard.is_object() {
        return standard;
    }
    // A copy: `translate` may have returned the page's own object.
    let legacy = js_sys::Object::assign(&js_sys::Object::new(), standard.unchecked_ref());
    for kind in ["audio", "video"] {
        if let Some(track) = get(&legacy, kind) {
            let _ = super::set(&legacy, kind, &to_legacy_track(&track));
        }
    }
    legacy.into()
}

fn media_devices_get_user_media(scope: &Scope) -> Option<(JsValue, JsValue)> {
    let devices = get(&scope.navigator()?, "mediaDevices")?;
    let function = get(&devices, "getUserMedia").filter(|f| f.is_function())?;
    Some((devices, function))
}

/// The callback-style function, and whether it speaks the legacy constraint syntax.
fn legacy_function(scope: &Scope) -> Option<(js_sys::Function, bool)> {
    let navigator = scope.navigator()?;
    LEGACY_FUNCTIONS.iter().find_map(|name| {
        let function = get(&navigator, name)?.dyn_into().ok()?;
        Some((function, *name == "webkitGetUserMedia"))
    })
}

/// Needed wherever there is any getUserMedia: every browser mis-handles one of legacy syntax,
/// `undefined` members or legacy error names, and the wrapper leaves standard calls untouched.
pub(super) fn need(scope: &Scope) -> Need {
    if media_devices_get_user_media(scope).is_some() || legacy_function(scope).is_some() {
        Need::Needed
    } else {
        Need::Unavailable
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let navigator = scope
        .navigator()
        .ok_or_else(|| Error::unsupported("navigator"))?;
    if media_devices_get_user_media(scope).is_none() {
        // Only a callback API: provide the promise one over it.
        let (legacy, legacy_syntax) =
            legacy_function(scope).ok_or_else(|| Error::unsupported("getUserMedia"))?;
        let devices = match get(&navigator, "mediaDevices") {
            Some(devices) => devices,
            None => {
                let devices = js_sys::Object::new();
                super::set(&navigator, "mediaDevices", &devices)?;
                devices.into()
            }
        };
        let map = page_lifetime_function(|e| Ok(map_error(e)));
        let navigator_for_call = navigator.clone();
        let provide = crate::event::page_lifetime_function(move |constraints| {
            let constraints = if legacy_syntax {
                to_legacy(&constraints)
            } else {
                translate(&constraints)
            };
            Ok(promisify(&legacy, &navigator_for_call, &constraints, &map).into())
        });
        super::set(&devices, "getUserMedia", &provide)?;
        return Ok(());
    }
    let (devices, _) =
        media_devices_get_user_media(scope).ok_or_else(|| Error::unsupported("getUserMedia"))?;
    let map = page_lifetime_function(|e| Err(map_error(e)));
    wrap(&devices, "getUserMedia", move |this, native, args| {
        let translated = translate(&args.get(0));
        let promise = js_sys::Reflect::apply(&native, &this, &js_sys::Array::of1(&translated))?;
        crate::sys::call(&promise, "Promise", "catch", &[map.clone().into()]).map_err(JsValue::from)
    })
}

/// The legacy `navigator.getUserMedia(constraints, onSuccess, onError)`: needed where it is
/// missing and the promise API exists.
pub(super) fn legacy_need(scope: &Scope) -> Need {
    let has_legacy = scope
        .navigator()
        .and_then(|n| get(&n, "getUserMedia"))
        .is_some();
    match (has_legacy, media_devices_get_user_media(scope).is_some()) {
        (true, _) => Need::NotNeeded,
        (false, true) => Need::Needed,
        (false, false) => Need::Unavailable,
    }
}

pub(super) fn legacy_apply(scope: &Scope) -> Result<(), Error> {
    let navigator = scope
        .navigator()
        .ok_or_else(|| Error::unsupported("navigator"))?;
    let devices =
        get(&navigator, "mediaDevices").ok_or_else(|| Error::unsupported("mediaDevices"))?;
    let legacy = crate::event::page_lifetime_method(move |_this, _native, args| {
        let (constraints, on_success, on_error) = (args.get(0), args.get(1), args.get(2));
        let promise: js_sys::Promise =
            crate::sys::call(&devices, "MediaDevices", "getUserMedia", &[constraints])
                .map_err(JsValue::from)?
                .unchecked_into();
        let _ = crate::sys::call(&promise, "Promise", "then", &[on_success, on_error]);
        Ok(JsValue::UNDEFINED)
    });
    // `this`, native and args come from the glue's calling convention: give it one.
    let function = super::wrap_callable(&legacy)?;
    super::set(&navigator, "getUserMedia", &function)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_error_names() {
        assert_eq!(
            standard_error_name("PermissionDeniedError"),
            Some("NotAllowedError")
        );
        assert_eq!(
            standard_error_name("DevicesNotFoundError"),
            Some("NotFoundError")
        );
        assert_eq!(
            standard_error_name("ConstraintNotSatisfiedError"),
            Some("OverconstrainedError")
        );
        assert_eq!(
            standard_error_name("TrackStartError"),
            Some("NotReadableError")
        );
        assert_eq!(standard_error_name("NotAllowedError"), None);
    }

    #[test]
    fn legacy_keys() {
        assert_eq!(legacy_key("minWidth"), Some(("width", "min")));
        assert_eq!(legacy_key("sourceId"), Some(("deviceId", "exact")));
        assert_eq!(legacy_key("width"), None);
    }
}
